import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { StatusError } from '../../apimachinery/errors.ts';
import { Channel, chooseProtocol, decodeClientMessage, exitStatus, frame, parseStreamOptions, ttyOutput } from './remotecommand.ts';

describe('remote command framing', () => {
  it('prefers v5, accepts v4, refuses what it does not speak', () => {
    assert.equal(chooseProtocol(['v5.channel.k8s.io', 'v4.channel.k8s.io']), 'v5.channel.k8s.io');
    assert.equal(chooseProtocol(['v4.channel.k8s.io']), 'v4.channel.k8s.io');
    assert.equal(chooseProtocol(['base64.channel.k8s.io', 'channel.k8s.io']), undefined);
  });

  it('prefixes each message with its channel byte', () => {
    assert.deepEqual([...frame(Channel.stdout, 'hi')], [1, 0x68, 0x69]);
    assert.deepEqual([...frame(Channel.stderr, '')], [2]);
    assert.deepEqual([...frame(Channel.error, new Uint8Array([7]))], [3, 7]);
  });

  it('decodes stdin, resize and the v5 close signal from the client', () => {
    assert.deepEqual(decodeClientMessage(Buffer.from([0, 0x61])), { kind: 'stdin', data: Buffer.from('a') });
    assert.deepEqual(decodeClientMessage(Buffer.concat([Buffer.from([4]), Buffer.from('{"Width":80,"Height":24}')])), { kind: 'resize', cols: 80, rows: 24 });
    assert.deepEqual(decodeClientMessage(Buffer.from([255, 0])), { kind: 'close', channel: 0 });
    assert.deepEqual(decodeClientMessage(Buffer.concat([Buffer.from([4]), Buffer.from('not json')])), { kind: 'ignored' });
    assert.deepEqual(decodeClientMessage(Buffer.alloc(0)), { kind: 'ignored' });
  });

  it('ends with Success or the NonZeroExitCode Status kubectl turns into an exit code', () => {
    assert.deepEqual(exitStatus(0, ['ls']), { metadata: {}, status: 'Success' });
    assert.deepEqual(exitStatus(3, ['sh', '-c', 'exit 3']), {
      metadata: {},
      status: 'Failure',
      message: 'command terminated with non-zero exit code: error executing command [sh -c exit 3], exit code 3',
      reason: 'NonZeroExitCode',
      details: { causes: [{ reason: 'ExitCode', message: '3' }] },
    });
  });

  it('turns newlines into CR LF on a tty', () => {
    assert.equal(ttyOutput('a\nb\r\nc'), 'a\r\nb\r\nc');
  });
});

describe('parseStreamOptions', () => {
  it('reads exec options, with stderr merged into a tty', () => {
    assert.deepEqual(parseStreamOptions(new URLSearchParams('command=ls&command=/&container=web&stdout=true&stderr=true'), 'exec'), {
      container: 'web',
      command: ['ls', '/'],
      stdin: false,
      stdout: true,
      stderr: true,
      tty: false,
    });
    assert.equal(parseStreamOptions(new URLSearchParams('command=sh&stdin=true&stdout=true&stderr=true&tty=true'), 'exec').stderr, false);
    assert.deepEqual(parseStreamOptions(new URLSearchParams('stdout=1'), 'attach').command, []);
  });

  it('needs a stream and, for exec, a command', () => {
    assert.throws(() => parseStreamOptions(new URLSearchParams('command=ls'), 'exec'), (e: StatusError) => e.message === 'you must specify at least 1 of stdin, stdout, stderr');
    assert.throws(() => parseStreamOptions(new URLSearchParams('stdout=true'), 'exec'), (e: StatusError) => e.code === 400);
  });
});
