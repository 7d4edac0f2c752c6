// Node failure as a learner sees it: the sandbox admin API stops a node's kubelet; after the
// node monitor grace period (50 s) `kubectl get nodes` shows NotReady, `describe node` the
// Unknown conditions and the unreachable taints; pods there are evicted when their 300 s
// toleration runs out (Terminating, since no kubelet confirms); starting the node makes it Ready
// and untainted again. Also kubectl drain.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Cluster } from '../../src/sandbox/cluster.ts';
import { VirtualClock } from '../../src/sandbox/sim/clock.ts';
import { raw } from '../helpers/http.ts';
import { setPodPhase } from '../helpers/pod-status.ts';
import { startSandbox, type TestCluster } from '../helpers/sandbox.ts';

interface NodeLike {
  spec?: { taints?: Array<{ key: string; effect: string }> };
  status?: { conditions?: Array<{ type: string; status: string }> };
}

describe('node stop and start (admin API + kubectl)', () => {
  let t: TestCluster;
  let cluster: Cluster;
  let id: string;
  const ready = (node: string) => (cluster.store.get('nodes', undefined, node) as NodeLike).status?.conditions?.find((c) => c.type === 'Ready')?.status;
  const power = (node: string, verb: string, method = 'POST') => raw(t.sandbox, method, `/admin/v1/clusters/${id}/nodes/${node}/${verb}`, { token: t.sandbox.adminToken });

  before(async () => {
    t = await startSandbox({ clock: new VirtualClock() });
    id = [...t.sandbox.clusters.keys()][0]!;
    cluster = t.sandbox.getCluster(id)!;
  });
  after(() => t.stop());

  it('answers JSON errors for unknown nodes and verbs', async () => {
    const missing = await power('nope', 'stop');
    assert.equal(missing.status, 404);
    assert.deepEqual(missing.json(), { error: { code: 'not_found', message: `node nope not found in cluster ${id}` } });
    assert.equal((await power('kubecamp-worker', 'reboot')).status, 404);
    assert.equal((await power('kubecamp-worker', 'stop', 'GET')).status, 405);
  });

  it('keeps nodes Ready while their kubelets renew leases', async () => {
    const before = (cluster.store.get('leases.coordination.k8s.io', 'kube-node-lease', 'kubecamp-worker') as unknown as { spec: { renewTime: string } }).spec.renewTime;
    await t.advance(120_000);
    const after = (cluster.store.get('leases.coordination.k8s.io', 'kube-node-lease', 'kubecamp-worker') as unknown as { spec: { renewTime: string } }).spec.renewTime;
    assert.ok(Date.parse(after) - Date.parse(before) >= 110_000, `${before} → ${after}`);
    const nodes = await t.kubectl('get nodes --no-headers');
    assert.equal(nodes.stdout.split('\n').filter((l) => /\sReady\s/.test(l)).length, 3, nodes.stdout);
  });

  it('marks a stopped node NotReady after the grace period, taints it and evicts its pods after 300 s', async () => {
    const pod = JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'victim' }, spec: { nodeSelector: { 'kubernetes.io/hostname': 'kubecamp-worker' }, containers: [{ name: 'app', image: 'nginx' }] } });
    assert.equal((await t.kubectl('apply -f -', { input: pod })).code, 0);
    await t.advance(0);
    await setPodPhase(cluster, 'default', 'victim', 'Running');
    assert.equal((await t.kubectl('create deployment shop --image=nginx --replicas=4')).code, 0);
    await t.until(() => cluster.store.list('pods', 'default').filter((p) => p.metadata.name.startsWith('shop-') && (p as { spec?: { nodeName?: string } }).spec?.nodeName).length === 4, 10_000, 'shop scheduled');
    const shopOnWorker = cluster.store.list('pods', 'default').filter((p) => p.metadata.name.startsWith('shop-') && (p as { spec?: { nodeName?: string } }).spec?.nodeName === 'kubecamp-worker').length;
    assert.ok(shopOnWorker > 0, 'some shop pods run on kubecamp-worker');
    const stopped = await power('kubecamp-worker', 'stop');
    assert.equal(stopped.status, 200);
    assert.deepEqual(stopped.json(), { id, node: 'kubecamp-worker', stopped: true, changed: true });
    await t.advance(35_000);
    assert.equal(ready('kubecamp-worker'), 'True', 'still Ready within the grace period');
    const took = await t.until(() => ready('kubecamp-worker') === 'Unknown', 30_000, 'kubecamp-worker Unknown');
    assert.ok(took > 0);
    const nodes = await t.kubectl('get nodes --no-headers');
    assert.match(nodes.stdout, /kubecamp-worker\s+NotReady\s/);
    assert.match(nodes.stdout, /kubecamp-worker2\s+Ready\s/);
    const d = await t.kubectl('describe node kubecamp-worker');
    assert.match(d.stdout, /Taints:\s+node\.kubernetes\.io\/unreachable:NoExecute\n\s+node\.kubernetes\.io\/unreachable:NoSchedule\n/);
    assert.match(d.stdout, /Ready\s+Unknown\s+.*NodeStatusUnknown\s+Kubelet stopped posting node status\./);
    assert.match(d.stdout, /MemoryPressure\s+Unknown\s+.*NodeStatusUnknown\s+Kubelet stopped posting node status\./);
    assert.match(d.stdout, /NodeNotReady\s+.*node-controller\s+Node kubecamp-worker status is now: NodeNotReady/);
    // The pod's Ready condition turns False (its containers' last reported state stays, so
    // `get pods` still says 1/1 Running, as on a real cluster); it stays until its toleration
    // (300 s) runs out.
    const notReady = await t.kubectl('describe pod victim');
    assert.match(notReady.stdout, /\n\s+Ready\s+False\s*\n/);
    assert.match(notReady.stdout, /Warning\s+NodeNotReady\s+.*node-controller\s+Node is not ready/);
    await t.advance(250_000);
    assert.match((await t.kubectl('get pod victim --no-headers')).stdout, /^victim\s+1\/1\s+Running\s/);
    await t.until(() => Boolean((cluster.store.get('pods', 'default', 'victim') as { metadata: { deletionTimestamp?: string } }).metadata.deletionTimestamp), 60_000, 'victim evicted');
    assert.match((await t.kubectl('get pod victim --no-headers')).stdout, /^victim\s+1\/1\s+Terminating\s/);
    const dp = await t.kubectl('describe pod victim');
    assert.match(dp.stdout, /DisruptionTarget\s+True/);
    assert.match(dp.stdout, /TaintManagerEviction\s+.*taint-eviction-controller\s+Marking for deletion Pod default\/victim/);
    // The ReplicaSet replaced its evicted pods, on the node that is still up.
    await t.advance(0);
    const wide = await t.kubectl('get pods -l app=shop -o wide --no-headers');
    const rows = wide.stdout.trim().split('\n').map((l) => l.split(/\s+/));
    assert.equal(rows.filter((r) => r[2] === 'Terminating' && r[6] === 'kubecamp-worker').length, shopOnWorker, wide.stdout);
    const live = rows.filter((r) => r[2] !== 'Terminating');
    assert.equal(live.length, 4, wide.stdout);
    assert.ok(live.every((r) => r[6] === 'kubecamp-worker2'), wide.stdout);
  });

  it('makes a started node Ready and removes the taints', async () => {
    const started = await power('kubecamp-worker', 'start');
    assert.equal(started.status, 200);
    await t.until(() => ready('kubecamp-worker') === 'True', 5_000, 'kubecamp-worker Ready');
    await t.advance(0);
    assert.match((await t.kubectl('get nodes --no-headers')).stdout, /kubecamp-worker\s+Ready\s/);
    const d = await t.kubectl('describe node kubecamp-worker');
    assert.match(d.stdout, /Taints:\s+<none>/);
    assert.match(d.stdout, /Ready\s+True\s+.*KubeletReady\s+kubelet is posting ready status/);
    assert.match(d.stdout, /Starting\s+.*kubelet\s+Starting kubelet\./, d.stdout.slice(d.stdout.indexOf('Events:')));
  });

  it('drains a node through evictions and keeps it cordoned', async () => {
    for (const name of ['d1', 'd2']) {
      const pod = JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { nodeSelector: { 'kubernetes.io/hostname': 'kubecamp-worker2' }, containers: [{ name: 'app', image: 'nginx' }] } });
      assert.equal((await t.kubectl('apply -f -', { input: pod })).code, 0);
    }
    await t.advance(0);
    const drain = await t.kubectl('drain kubecamp-worker2 --ignore-daemonsets --force --grace-period=0 --timeout=30s');
    assert.equal(drain.code, 0, drain.stderr);
    assert.match(drain.stdout, /node\/kubecamp-worker2 cordoned/);
    assert.match(drain.stdout, /pod\/d1 evicted/);
    assert.match(drain.stdout, /node\/kubecamp-worker2 drained/);
    assert.equal(cluster.store.get('pods', 'default', 'd1'), undefined);
    assert.match((await t.kubectl('get nodes --no-headers')).stdout, /kubecamp-worker2\s+Ready,SchedulingDisabled\s/);
    assert.equal((await t.kubectl('uncordon kubecamp-worker2')).code, 0);
  });

  it('deletes the pods of a deleted node after the pod GC quarantine (40 s)', async () => {
    const pod = JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'orphan' }, spec: { nodeSelector: { 'kubernetes.io/hostname': 'kubecamp-worker' }, containers: [{ name: 'app', image: 'nginx' }] } });
    assert.equal((await t.kubectl('apply -f -', { input: pod })).code, 0);
    await t.advance(0);
    assert.equal((await t.kubectl('delete node kubecamp-worker')).code, 0);
    await t.advance(30_000);
    assert.match((await t.kubectl('get pod orphan -o wide --no-headers')).stdout, /^orphan\s.*\skubecamp-worker\s/);
    await t.until(() => !cluster.store.get('pods', 'default', 'orphan'), 20_000, 'orphan deleted');
    const get = await t.kubectl('get pod orphan');
    assert.match(get.stderr, /pods "orphan" not found/);
  });
});
