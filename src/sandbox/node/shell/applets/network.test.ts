import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { busyboxContainer, StubNetwork } from '../testing.ts';

const network = () =>
  new StubNetwork({
    web: { ip: '10.96.12.7', fqdn: 'web.default.svc.cluster.local', http: { '/': { status: 200, statusText: 'OK', headers: { 'Content-Type': 'text/html' }, body: 'hello from web\n' } } },
    blocked: { ip: '10.96.12.8', fqdn: 'blocked.default.svc.cluster.local', drop: true },
  });

describe('network applets', () => {
  it('wget -qO- prints the body (getopt clusters of short options)', async () => {
    const c = busyboxContainer({ network: network() });
    assert.equal(await c.sh('wget -qO- http://web'), 0);
    assert.equal(c.stdout(), 'hello from web\n');
    assert.equal(c.stderr(), '');
  });

  it('wget -q -O FILE writes the body to a file', async () => {
    const c = busyboxContainer({ network: network() });
    assert.equal(await c.sh('wget -qO/tmp/page http://web/ && cat /tmp/page'), 0);
    assert.equal(c.stdout(), 'hello from web\n');
  });

  it('times out name lookups when the nameserver cannot be reached (egress policy without DNS)', async () => {
    const net = network();
    net.dnsReachable = () => false;
    const c = busyboxContainer({ network: net });
    const t0 = c.clock.now();
    assert.equal(await c.sh('nslookup web'), 1);
    assert.equal(c.stdout(), ';; connection timed out; no servers could be reached\n\n');
    assert.equal(c.clock.now() - t0, 10_000);
    assert.equal(await c.sh('wget -qO- http://web'), 1);
    assert.equal(c.stderr(), "wget: bad address 'web'\n");
    assert.equal(await c.sh('wget -qO- http://10.96.12.7'), 0, 'an address needs no lookup');
  });

  it('wget to a dropped destination times out with -T', async () => {
    const c = busyboxContainer({ network: network() });
    const status = await c.sh('wget -q -T 2 -O- http://blocked');
    assert.equal(status, 1);
    assert.match(c.stderr(), /timed out/);
  });
});
