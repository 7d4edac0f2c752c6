import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { convertStatusIPs } from './status-ips.ts';

describe('pod status addresses', () => {
  it('lists a lone podIP/hostIP in podIPs/hostIPs', () => {
    const s = { podIP: '10.0.0.1', hostIP: '172.18.0.2' };
    convertStatusIPs(s);
    assert.deepEqual(s, { podIP: '10.0.0.1', podIPs: [{ ip: '10.0.0.1' }], hostIP: '172.18.0.2', hostIPs: [{ ip: '172.18.0.2' }] });
  });

  it('reports the first of podIPs as podIP', () => {
    const s = { podIP: 'stale', podIPs: [{ ip: '10.0.0.1' }, { ip: 'fd00::1' }] };
    convertStatusIPs(s);
    assert.equal(s.podIP, '10.0.0.1');
  });
});
