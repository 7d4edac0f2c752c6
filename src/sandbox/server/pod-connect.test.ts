import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { StatusError } from '../../apimachinery/errors.ts';
import { chooseContainer, type Pod } from './pod-connect.ts';

const pod = (containers: string[], init: string[] = [], ephemeral: string[] = []): Pod =>
  ({
    metadata: { name: 'web' },
    spec: {
      containers: containers.map((name) => ({ name })),
      initContainers: init.map((name) => ({ name })),
      ephemeralContainers: ephemeral.map((name) => ({ name })),
    },
  }) as Pod;

function message(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof StatusError) return `${e.code} ${e.message}`;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('chooseContainer', () => {
  it('takes the only container, or the one named (init and ephemeral included)', () => {
    assert.equal(chooseContainer(pod(['web']), '', 'log'), 'web');
    assert.equal(chooseContainer(pod(['a', 'b'], ['setup']), 'setup', 'log'), 'setup');
    assert.equal(chooseContainer(pod(['a'], [], ['debugger']), 'debugger', 'exec'), 'debugger');
  });

  it('names the choices for logs as LogLocation does', () => {
    assert.equal(message(() => chooseContainer(pod(['a', 'b']), '', 'log')), '400 a container name must be specified for pod web, choose one of: [a b]');
    assert.equal(
      message(() => chooseContainer(pod(['a', 'b'], ['setup'], ['dbg']), '', 'log')),
      '400 a container name must be specified for pod web, choose one of: [a b] or one of the init containers: [setup] or one of the ephemeral containers: [dbg]',
    );
  });

  it('names every container in one list for exec, and refuses unknown names', () => {
    assert.equal(message(() => chooseContainer(pod(['a', 'b'], ['setup']), '', 'exec')), '400 a container name must be specified for pod web, choose one of: [a b setup]');
    assert.equal(message(() => chooseContainer(pod(['a']), 'nope', 'exec')), '400 container nope is not valid for pod web');
  });
});
