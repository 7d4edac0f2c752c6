// The scheduler as a learner sees it through kubectl: pods get a NODE, `describe` shows the
// Scheduled event, unschedulable pods stay Pending with upstream's FailedScheduling message and
// are scheduled as soon as the cluster changes in a way that helps (a label, an uncordon, a
// removed taint, a deleted pod), and higher-priority pods preempt lower ones.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { VirtualClock } from '../../src/sandbox/sim/clock.ts';
import { startSandbox, type TestCluster } from '../helpers/sandbox.ts';

const CP_TAINT = '1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }';

function podYaml(name: string, spec: Record<string, unknown> = {}, container: Record<string, unknown> = {}): string {
  return JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'app', image: 'nginx', ...container }], ...spec } });
}

describe('scheduling (kubectl)', () => {
  let t: TestCluster;
  const pod = (name: string) => {
    const c = t.sandbox.getCluster([...t.sandbox.clusters.keys()][0]!)!;
    return c.store.get('pods', 'default', name) as { spec?: { nodeName?: string }; status?: { nominatedNodeName?: string }; metadata: { uid: string; deletionTimestamp?: string } } | undefined;
  };
  const nodeOf = (name: string) => pod(name)?.spec?.nodeName;
  const apply = async (yaml: string) => assert.equal((await t.kubectl('apply -f -', { input: yaml })).code, 0);

  before(async () => {
    t = await startSandbox({ clock: new VirtualClock(), without: ['kubelet'] });
  });
  after(() => t.stop());

  it('binds a new pod at once and shows the node and the Scheduled event', async () => {
    assert.equal((await t.kubectl('run web --image=nginx')).code, 0);
    await t.advance(0);
    const node = nodeOf('web');
    assert.match(node ?? '', /^kubecamp-worker2?$/);
    const wide = await t.kubectl('get pod web -o wide --no-headers');
    assert.match(wide.stdout, new RegExp(`\\s${node}\\s`));
    const d = await t.kubectl('describe pod web');
    assert.match(d.stdout, new RegExp(`Node:\\s+${node}/`));
    assert.match(d.stdout, new RegExp(`Normal\\s+Scheduled\\s+\\S+\\s+default-scheduler\\s+Successfully assigned default/web to ${node}`));
  });

  it("schedules a Deployment's pods over both workers", async () => {
    assert.equal((await t.kubectl('create deployment hello --image=nginx --replicas=4')).code, 0);
    await t.until(() => t.sandbox.getCluster([...t.sandbox.clusters.keys()][0]!)!.store.list('pods', 'default').filter((p) => p.metadata.name.startsWith('hello-')).length === 4, 10_000, '4 pods');
    await t.advance(0);
    const wide = await t.kubectl('get pods -l app=hello -o wide --no-headers');
    const nodes = wide.stdout.trim().split('\n').map((l) => l.split(/\s+/)[6]);
    assert.equal(nodes.length, 4, wide.stdout);
    assert.deepEqual([...new Set(nodes)].sort(), ['kubecamp-worker', 'kubecamp-worker2'], wide.stdout);
    assert.equal((await t.kubectl('delete deployment hello')).code, 0);
  });

  it('spreads bare pods over both workers', async () => {
    for (const n of ['a', 'b', 'c', 'd']) await apply(podYaml(`spread-${n}`, {}, { resources: { requests: { cpu: '100m' } } }));
    await t.advance(0);
    const nodes = new Set(['a', 'b', 'c', 'd'].map((n) => nodeOf(`spread-${n}`)));
    assert.deepEqual([...nodes].sort(), ['kubecamp-worker', 'kubecamp-worker2']);
    assert.equal((await t.kubectl('delete pod spread-a spread-b spread-c spread-d --grace-period=0 --force')).code, 0);
  });

  it('keeps a pod whose nodeSelector matches no node Pending, then schedules it once a node gets the label', async () => {
    await apply(podYaml('picky', { nodeSelector: { disk: 'ssd' } }));
    await t.advance(0);
    assert.equal(nodeOf('picky'), undefined);
    const get = await t.kubectl('get pod picky --no-headers');
    assert.match(get.stdout, /^picky\s+0\/1\s+Pending\s+0\s/);
    const d = await t.kubectl('describe pod picky');
    const message = `0/3 nodes are available: ${CP_TAINT}, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.`;
    assert.match(d.stdout, /PodScheduled\s+False/);
    assert.ok(d.stdout.includes(`Warning  FailedScheduling`), d.stdout);
    assert.ok(d.stdout.replace(/\s+/g, ' ').includes(message), d.stdout);
    // No retry without a change: time passes, no new attempt.
    await t.advance(60_000);
    assert.equal(nodeOf('picky'), undefined);
    assert.equal((await t.kubectl('label node kubecamp-worker2 disk=ssd')).code, 0);
    await t.until(() => nodeOf('picky') === 'kubecamp-worker2', 15_000, 'picky scheduled');
    assert.match((await t.kubectl('get pod picky -o wide --no-headers')).stdout, /\skubecamp-worker2\s/);
  });

  it('retries an unschedulable pod only after 5 minutes when nothing changes', async () => {
    await apply(podYaml('nowhere', { nodeSelector: { zone: 'nowhere' } }));
    await t.advance(0);
    const attempts = async () => {
      const r = await t.kubectl('get events --field-selector reason=FailedScheduling,involvedObject.name=nowhere -o json');
      const items = (JSON.parse(r.stdout) as { items: Array<{ series?: { count: number } }> }).items;
      return items.reduce((n, e) => n + (e.series?.count ?? 1), 0);
    };
    assert.equal(await attempts(), 1);
    await t.advance(299_000);
    assert.equal(await attempts(), 1, 'no retry while nothing changes');
    await t.advance(2_000);
    assert.equal(await attempts(), 2, 'podMaxInUnschedulablePodsDuration (5 min) ran out');
    assert.equal((await t.kubectl('delete pod nowhere')).code, 0);
  });

  it('reports insufficient cpu (more than any node has: preemption cannot help)', async () => {
    await apply(podYaml('huge', {}, { resources: { requests: { cpu: '100' } } }));
    await t.advance(0);
    const d = await t.kubectl('describe pod huge');
    assert.ok(
      d.stdout.replace(/\s+/g, ' ').includes(`0/3 nodes are available: ${CP_TAINT}, 2 Insufficient cpu. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.`),
      d.stdout,
    );
    assert.equal((await t.kubectl('delete pod huge')).code, 0);
  });

  it('honours taints and tolerations', async () => {
    assert.equal((await t.kubectl('taint nodes kubecamp-worker kubecamp-worker2 dedicated=db:NoSchedule')).code, 0);
    await apply(podYaml('plain'));
    await apply(podYaml('tolerant', { tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'db', effect: 'NoSchedule' }] }));
    await t.advance(0);
    assert.equal(nodeOf('plain'), undefined);
    assert.match(nodeOf('tolerant') ?? '', /^kubecamp-worker2?$/);
    const d = await t.kubectl('describe pod plain');
    assert.ok(d.stdout.replace(/\s+/g, ' ').includes('0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) had untolerated taint {dedicated: db}.'), d.stdout);
    assert.equal((await t.kubectl('taint nodes kubecamp-worker kubecamp-worker2 dedicated-')).code, 0);
    await t.until(() => nodeOf('plain') !== undefined, 15_000, 'plain scheduled');
  });

  it('cordon keeps new pods off a node until uncordon', async () => {
    assert.equal((await t.kubectl('cordon kubecamp-worker kubecamp-worker2')).code, 0);
    await t.advance(0);
    const nodes = await t.kubectl('get nodes --no-headers');
    assert.match(nodes.stdout, /kubecamp-worker\s+Ready,SchedulingDisabled\s/);
    const dn = await t.kubectl('describe node kubecamp-worker');
    assert.match(dn.stdout, /Taints:\s+node\.kubernetes\.io\/unschedulable:NoSchedule\n/);
    assert.match(dn.stdout, /Unschedulable:\s+true/);
    await apply(podYaml('waiting'));
    await t.advance(0);
    assert.equal(nodeOf('waiting'), undefined);
    const d = await t.kubectl('describe pod waiting');
    assert.ok(d.stdout.replace(/\s+/g, ' ').includes(`0/3 nodes are available: ${CP_TAINT}, 2 node(s) were unschedulable.`), d.stdout);
    assert.equal((await t.kubectl('uncordon kubecamp-worker')).code, 0);
    await t.until(() => nodeOf('waiting') === 'kubecamp-worker', 15_000, 'waiting scheduled');
    assert.equal((await t.kubectl('uncordon kubecamp-worker2')).code, 0);
    await t.advance(0);
    assert.match((await t.kubectl('describe node kubecamp-worker')).stdout, /Taints:\s+<none>/);
  });

  it('leaves a gated pod alone until its scheduling gates are removed', async () => {
    await apply(podYaml('gated', { schedulingGates: [{ name: 'example.com/quota' }] }));
    await t.advance(30_000);
    assert.equal(nodeOf('gated'), undefined);
    assert.match((await t.kubectl('get pod gated --no-headers')).stdout, /^gated\s+0\/1\s+SchedulingGated\s/);
    assert.doesNotMatch((await t.kubectl('describe pod gated')).stdout, /FailedScheduling/);
    assert.equal((await t.kubectl(['patch', 'pod', 'gated', '--type=json', '-p', '[{"op":"remove","path":"/spec/schedulingGates"}]'])).code, 0);
    await t.advance(0);
    assert.match(nodeOf('gated') ?? '', /^kubecamp-worker2?$/);
  });

  it('preempts lower-priority pods for a higher-priority one', async () => {
    await apply(JSON.stringify({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'low' }, value: 100 }));
    await apply(JSON.stringify({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'high' }, value: 1000 }));
    for (const n of ['1', '2']) await apply(podYaml(`low-${n}`, { priorityClassName: 'low' }, { resources: { requests: { cpu: '5' } } }));
    await t.advance(0);
    assert.deepEqual([nodeOf('low-1'), nodeOf('low-2')].sort(), ['kubecamp-worker', 'kubecamp-worker2']);
    await apply(podYaml('vip', { priorityClassName: 'high' }, { resources: { requests: { cpu: '5' } } }));
    await t.advance(0);
    const nominated = pod('vip')?.status?.nominatedNodeName;
    assert.match(nominated ?? '', /^kubecamp-worker2?$/);
    const victim = nodeOf('low-1') === nominated ? 'low-1' : 'low-2';
    assert.ok(pod(victim)?.metadata.deletionTimestamp, 'the victim is being deleted');
    const dv = await t.kubectl(`describe pod ${victim}`);
    assert.match(dv.stdout, new RegExp(`Normal\\s+Preempted\\s+\\S+\\s+default-scheduler\\s+Preempted by pod ${pod('vip')!.metadata.uid} on node ${nominated}`));
    assert.match(dv.stdout, /DisruptionTarget\s+True/);
    const vip = await t.kubectl('describe pod vip');
    assert.match(vip.stdout, new RegExp(`NominatedNodeName:\\s+${nominated}`));
    // The kubelet (absent here) would finish the victim's graceful deletion; do it by hand.
    assert.equal((await t.kubectl(`delete pod ${victim} --grace-period=0 --force`)).code, 0);
    await t.until(() => nodeOf('vip') === nominated, 15_000, 'vip scheduled');
  });
});
