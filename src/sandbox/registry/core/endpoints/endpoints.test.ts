import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { messages } from '../shared/testing.ts';
import { formatEndpoints } from './printer.ts';
import type { Endpoints } from './types.ts';
import { validateEndpoints } from './validation.ts';

const ep = (subsets: Endpoints['subsets']): Endpoints => ({ metadata: { name: 'web', namespace: 'default' }, subsets });

describe('Endpoints', () => {
  it('prints up to three ip:port pairs, then how many more', () => {
    assert.equal(formatEndpoints(ep(undefined)), '<none>');
    assert.equal(formatEndpoints(ep([{ addresses: [{ ip: '10.244.1.2' }], ports: [{ port: 80 }] }])), '10.244.1.2:80');
    const many = ep([{ addresses: ['1', '2', '3', '4', '5'].map((n) => ({ ip: `10.244.1.${n}` })), ports: [{ port: 80 }] }]);
    assert.equal(formatEndpoints(many), '10.244.1.1:80,10.244.1.2:80,10.244.1.3:80 + 2 more...');
    assert.equal(formatEndpoints(ep([{ addresses: [{ ip: 'fd00::1' }] }])), 'fd00::1');
  });

  it('validates subsets as upstream', () => {
    assert.deepEqual(messages(validateEndpoints(ep([{ ports: [{ port: 80, protocol: 'TCP' }] }]))), ['subsets[0]: Required value: must specify `addresses` or `notReadyAddresses`']);
    assert.deepEqual(messages(validateEndpoints(ep([{ addresses: [{ ip: '127.0.0.1' }], ports: [{ port: 80, protocol: 'TCP' }, { port: 81, protocol: 'TCP' }] }]))), [
      'subsets[0].addresses[0].ip: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)',
      'subsets[0].ports[0].name: Required value',
      'subsets[0].ports[1].name: Required value',
    ]);
  });
});
