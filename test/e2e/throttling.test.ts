// Per-cluster throttling: a burst from one cluster past its token bucket gets 429 Too Many
// Requests with Retry-After (and kubectl, honouring it, still gets through), while another
// cluster's requests, sent in the middle of that burst, are all served.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { KubeHttp, targetsOf } from '../helpers/kube-http.ts';
import { startSandbox, type TestCluster } from '../helpers/sandbox.ts';

interface Status {
  kind: string;
  code: number;
  reason: string;
  details?: { retryAfterSeconds?: number };
}

describe('throttling', () => {
  let t: TestCluster;
  let noisy: KubeHttp;
  let quiet: KubeHttp;
  const limit = { perSecond: 200, burst: 400 }; // the default

  before(async () => {
    t = await startSandbox({ clusters: 2, rateLimit: limit });
    const targets = targetsOf(t.sandbox.kubeconfig());
    noisy = new KubeHttp(targets.get('c1')!, { maxSockets: 32 });
    quiet = new KubeHttp(targets.get('c2')!, { maxSockets: 4 });
  });
  after(async () => {
    noisy.destroy();
    quiet.destroy();
    await t.stop();
  });

  it('answers a burst past the limit with 429 and Retry-After, and serves the other cluster meanwhile', async () => {
    const noisyStatus: number[] = [];
    const quietStatus: number[] = [];
    const throttled: Array<{ retryAfter: string | string[] | undefined; body: Status }> = [];
    let firstThrottled: () => void = () => {};
    const throttledOnce = new Promise<void>((r) => (firstThrottled = r));
    const started = performance.now();
    const total = limit.burst * 3;
    let sent = 0;
    const hammer = async () => {
      while (sent < total) {
        sent++;
        const r = await noisy.request<Status>('GET', '/api/v1/namespaces/default/configmaps');
        noisyStatus.push(r.status);
        if (r.status === 429) {
          throttled.push({ retryAfter: r.headers['retry-after'], body: r.body });
          firstThrottled();
        }
      }
    };
    // The other cluster, only while the first one is being throttled.
    const bystander = async () => {
      await throttledOnce;
      for (let i = 0; i < 20; i++) quietStatus.push((await quiet.request('GET', '/api/v1/namespaces/default/configmaps')).status);
    };
    await Promise.all([...Array.from({ length: 32 }, hammer), bystander()]);
    const elapsed = (performance.now() - started) / 1000;

    const ok = noisyStatus.filter((s) => s === 200).length;
    assert.equal(ok + throttled.length, total, `only 200 and 429: ${[...new Set(noisyStatus)]}`);
    assert.ok(ok >= limit.burst, `the whole burst is served (${ok})`);
    assert.ok(ok <= limit.burst + Math.ceil(limit.perSecond * elapsed) + 1, `no more than burst + rate × ${elapsed.toFixed(2)} s (${ok})`);
    assert.ok(throttled.length > 0);
    for (const { retryAfter, body } of throttled) {
      assert.match(String(retryAfter), /^[1-9]\d*$/, 'Retry-After in whole seconds');
      assert.equal(body.kind, 'Status');
      assert.equal(body.code, 429);
      assert.equal(body.reason, 'TooManyRequests');
      assert.equal(body.details?.retryAfterSeconds, Number(retryAfter));
    }
    assert.deepEqual(quietStatus, Array(20).fill(200), 'the other cluster is served throughout');
  });

  it('lets kubectl through once it has waited as Retry-After says', async () => {
    // A slow bucket of its own, so kubectl surely meets a 429 (client-go retries after Retry-After).
    const slow = await startSandbox({ rateLimit: { perSecond: 2, burst: 1 } });
    const h = new KubeHttp(targetsOf(slow.sandbox.kubeconfig()).get('c1')!);
    try {
      assert.equal((await h.request('GET', '/api/v1/namespaces')).status, 200);
      assert.equal((await h.request('GET', '/api/v1/namespaces')).status, 429, 'the bucket is empty');
      const r = await slow.kubectl(['get', 'namespace', 'default', '-o', 'name', '-v=6']);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout.trim(), 'namespace/default');
      assert.match(r.stderr, /429 Too Many Requests/, 'kubectl was throttled on the way');
    } finally {
      h.destroy();
      await slow.stop();
    }
  });
});
