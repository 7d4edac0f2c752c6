// DaemonSets through the real kubectl: one pod per eligible node (the tainted control plane only
// with a toleration; nodeSelector), pods pinned to their node by node affinity and bound by the
// scheduler, `kubectl get ds` columns, rolling updates one node at a time, and
// `rollout status/history/undo` through ControllerRevisions. The kubelet is played by
// test/helpers/pod-status.ts and by finishing graceful deletions, so every step is exact.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { StoredObject } from '../../src/apimachinery/object.ts';
import { type Cluster, controllerUser } from '../../src/sandbox/cluster.ts';
import { VirtualClock } from '../../src/sandbox/sim/clock.ts';
import { setPodPhase } from '../helpers/pod-status.ts';
import { startSandbox, type TestCluster } from '../helpers/sandbox.ts';

const rows = (out: string) =>
  out
    .trimEnd()
    .split('\n')
    .map((l) => l.split(/\s{2,}/).map((c) => c.trim()));

const daemonSet = (ns: string, name: string, extra = '', image = 'busybox:1.36') => `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: ${name}, namespace: ${ns}}
spec:
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      containers: [{name: agent, image: ${image}}]
${extra}`;

describe('DaemonSets with kubectl', () => {
  let t: TestCluster;
  let cluster: Cluster;
  const ok = (args: string | string[], input?: string) => t.ok(args, input);
  const settle = () => t.advance(0);
  const pods = (ns: string) => cluster.store.list('pods', ns) as Array<StoredObject & { spec?: { nodeName?: string }; status?: { phase?: string } }>;
  /** Plays the kubelet: every bound pod that is not yet running starts and becomes Ready. */
  const runAll = async (ns: string) => {
    for (const p of pods(ns)) {
      if (p.spec?.nodeName && p.status?.phase === 'Pending' && !p.metadata.deletionTimestamp) await setPodPhase(cluster, ns, p.metadata.name, 'Running');
    }
    await settle();
  };
  /** Plays the kubelet: pods being deleted finish terminating. */
  const reap = async (ns: string) => {
    const def = cluster.resources.byResource('', 'pods')!;
    for (const p of pods(ns)) {
      if (p.metadata.deletionTimestamp) await cluster.api.delete(cluster.context(controllerUser('kubelet-test')), def, ns, p.metadata.name, { gracePeriodSeconds: 0 });
    }
    await settle();
  };
  const placement = async (ns: string) =>
    (await ok(['get', 'pods', '-n', ns, '-o', 'jsonpath={range .items[*]}{.spec.nodeName}={.spec.containers[0].image} {end}'])).trim().split(' ').filter(Boolean).sort();

  before(async () => {
    t = await startSandbox({ clock: new VirtualClock(), without: ['kubelet'] });
    cluster = t.sandbox.getCluster([...t.sandbox.clusters.keys()][0]!)!;
  });
  after(() => t.stop());

  it('runs one pod on each worker, leaving out the tainted control plane', async () => {
    await ok('create ns agents');
    await ok('apply -f -', daemonSet('agents', 'agent'));
    await settle();
    assert.deepEqual(rows(await ok('get ds -n agents')).map((r) => r.slice(0, 7)), [
      ['NAME', 'DESIRED', 'CURRENT', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'NODE SELECTOR'],
      ['agent', '2', '2', '0', '2', '0', '<none>'],
    ]);
    assert.deepEqual(await placement('agents'), ['kubecamp-worker2=busybox:1.36', 'kubecamp-worker=busybox:1.36']);
    const names = pods('agents').map((p) => p.metadata.name);
    for (const n of names) assert.match(n, /^agent-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    const pin = await ok(['get', 'pod', names[0]!, '-n', 'agents', '-o', 'jsonpath={.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchFields[0]}']);
    assert.equal(pin, JSON.stringify({ key: 'metadata.name', operator: 'In', values: [pods('agents')[0]!.spec!.nodeName] }));
    const tolerations = await ok(['get', 'pod', names[0]!, '-n', 'agents', '-o', 'jsonpath={range .spec.tolerations[*]}{.key}:{.effect} {end}']);
    // The API server's DefaultTolerationSeconds adds the 300s NoExecute ones only when absent; the daemon ones come first.
    assert.equal(
      tolerations.trim(),
      'node.kubernetes.io/not-ready:NoExecute node.kubernetes.io/unreachable:NoExecute node.kubernetes.io/disk-pressure:NoSchedule node.kubernetes.io/memory-pressure:NoSchedule node.kubernetes.io/pid-pressure:NoSchedule node.kubernetes.io/unschedulable:NoSchedule',
    );
    const labels = JSON.parse(await ok(['get', 'pod', names[0]!, '-n', 'agents', '-o', 'jsonpath={.metadata.labels}'])) as Record<string, string>;
    assert.equal(labels['pod-template-generation'], '1');
    assert.match(labels['controller-revision-hash']!, /^[bcdfghjklmnpqrstvwxz2456789]+$/);
    assert.equal(await ok('rollout status ds/agent -n agents --watch=false'), 'Waiting for daemon set "agent" rollout to finish: 0 of 2 updated pods are available...\n');

    await runAll('agents');
    assert.deepEqual(rows(await ok('get ds -n agents')).map((r) => r.slice(0, 6)), [
      ['NAME', 'DESIRED', 'CURRENT', 'READY', 'UP-TO-DATE', 'AVAILABLE'],
      ['agent', '2', '2', '2', '2', '2'],
    ]);
    assert.equal(await ok('rollout status ds/agent -n agents --watch=false'), 'daemon set "agent" successfully rolled out\n');
    const described = await ok('describe ds agent -n agents');
    assert.match(described, /^Desired Number of Nodes Scheduled: 2$/m);
    assert.match(described, /^Number of Nodes Scheduled with Up-to-date Pods: 2$/m);
    assert.match(described, /^Pods Status:\s+2 Running \/ 0 Waiting \/ 0 Succeeded \/ 0 Failed$/m);
    assert.match(described, /^\s+Normal\s+SuccessfulCreate\s+\S+\s+daemonset-controller\s+Created pod: agent-\w{5}$/m);
    const events = await ok(['get', 'events', '-n', 'agents', '--field-selector', 'involvedObject.kind=DaemonSet', '-o', 'jsonpath={range .items[*]}{.reason}: {.message}{"\\n"}{end}']);
    assert.deepEqual(events.trimEnd().split('\n').sort(), names.map((n) => `SuccessfulCreate: Created pod: ${n}`).sort());
  });

  it('runs on the control plane too when the pods tolerate its taint', async () => {
    await ok('apply -f -', daemonSet('agents', 'everywhere', '      tolerations: [{key: node-role.kubernetes.io/control-plane, operator: Exists, effect: NoSchedule}]\n'));
    await settle();
    assert.deepEqual(rows(await ok('get ds everywhere -n agents')).map((r) => r.slice(0, 3)), [
      ['NAME', 'DESIRED', 'CURRENT'],
      ['everywhere', '3', '3'],
    ]);
    const nodes = pods('agents').filter((p) => p.metadata.name.startsWith('everywhere-')).map((p) => p.spec?.nodeName).sort();
    assert.deepEqual(nodes, ['kubecamp-control-plane', 'kubecamp-worker', 'kubecamp-worker2']);
  });

  it('follows node labels for a nodeSelector, removing pods from nodes that stop matching', async () => {
    await ok('create ns picky');
    await ok('apply -f -', daemonSet('picky', 'ssd', '      nodeSelector: {disk: ssd}\n'));
    await settle();
    assert.deepEqual(rows(await ok('get ds -n picky')).map((r) => [r[0], r[1], r[2], r[6]]), [
      ['NAME', 'DESIRED', 'CURRENT', 'NODE SELECTOR'],
      ['ssd', '0', '0', 'disk=ssd'],
    ]);
    await ok('label node kubecamp-worker2 disk=ssd');
    await settle();
    assert.deepEqual(await placement('picky'), ['kubecamp-worker2=busybox:1.36']);
    await ok('label node kubecamp-worker2 disk-');
    await settle();
    await reap('picky');
    assert.equal(await ok('get pods -n picky -o name'), '');
    assert.deepEqual(rows(await ok('get ds -n picky')).map((r) => r.slice(0, 3)), [
      ['NAME', 'DESIRED', 'CURRENT'],
      ['ssd', '0', '0'],
    ]);
  });

  it('takes its pods back when recreated after an orphaning delete', async () => {
    await ok('create ns orphans');
    await ok('apply -f -', daemonSet('orphans', 'agent'));
    await settle();
    await runAll('orphans');
    const names = await ok(['get', 'pods', '-n', 'orphans', '-o', 'jsonpath={.items[*].metadata.name}']);
    await ok('delete ds agent -n orphans --cascade=orphan');
    await settle();
    assert.equal(await ok(['get', 'pods', '-n', 'orphans', '-o', 'jsonpath={.items[*].metadata.ownerReferences}']), '');
    await ok('apply -f -', daemonSet('orphans', 'agent'));
    await settle();
    assert.equal(await ok(['get', 'pods', '-n', 'orphans', '-o', 'jsonpath={.items[*].metadata.name}']), names);
    assert.deepEqual(rows(await ok('get ds -n orphans')).map((r) => r.slice(0, 6)), [
      ['NAME', 'DESIRED', 'CURRENT', 'READY', 'UP-TO-DATE', 'AVAILABLE'],
      ['agent', '2', '2', '2', '2', '2'],
    ]);
  });

  it('replaces a failed daemon pod with a warning event', async () => {
    const victim = pods('orphans')[0]!;
    await setPodPhase(cluster, 'orphans', victim.metadata.name, 'Failed');
    await settle();
    const names = pods('orphans').map((p) => p.metadata.name);
    assert.equal(names.length, 2);
    assert.ok(!names.includes(victim.metadata.name));
    const warnings = await ok(['get', 'events', '-n', 'orphans', '--field-selector', 'type=Warning', '-o', 'jsonpath={range .items[*]}{.reason}: {.message}{"\\n"}{end}']);
    assert.equal(warnings, `FailedDaemonPod: Found failed daemon pod orphans/${victim.metadata.name} on node ${victim.spec!.nodeName}, will try to kill it\n`);
  });

  it('rolls a new template out one node at a time, and back with rollout undo', async () => {
    await ok('set image ds/agent -n agents agent=busybox:1.37');
    await settle();
    assert.equal(await ok('rollout status ds/agent -n agents --watch=false'), 'Waiting for daemon set "agent" rollout to finish: 0 out of 2 new pods have been updated...\n');
    // maxUnavailable 1: one old pod is being deleted, the other keeps running.
    const terminating = pods('agents').filter((p) => p.metadata.name.startsWith('agent-') && p.metadata.deletionTimestamp);
    assert.equal(terminating.length, 1);
    await reap('agents');
    assert.deepEqual(await placement('agents').then((p) => p.filter((x) => x.includes('busybox:1.37')).length), 1);
    await runAll('agents');
    assert.equal(await ok('rollout status ds/agent -n agents --watch=false'), 'Waiting for daemon set "agent" rollout to finish: 1 out of 2 new pods have been updated...\n');
    await reap('agents');
    await runAll('agents');
    assert.equal(await ok('rollout status ds/agent -n agents --watch=false'), 'daemon set "agent" successfully rolled out\n');
    const agentImages = async () => (await ok(['get', 'pods', '-n', 'agents', '-l', 'app=agent', '-o', 'jsonpath={.items[*].spec.containers[0].image}'])).split(' ').sort();
    assert.deepEqual(await agentImages(), ['busybox:1.37', 'busybox:1.37']);

    assert.deepEqual(rows(await ok('rollout history ds/agent -n agents')), [['daemonset.apps/agent'], ['REVISION', 'CHANGE-CAUSE'], ['1', '<none>'], ['2', '<none>']]);
    assert.match(await ok('rollout history ds/agent -n agents --revision=1'), /^daemonset\.apps\/agent with revision #1\nPod Template:\n[\s\S]*Image:\s+busybox:1\.36\n/);
    assert.equal(await ok('rollout undo ds/agent -n agents'), 'daemonset.apps/agent rolled back\n');
    await settle();
    await reap('agents');
    await runAll('agents');
    await reap('agents');
    await runAll('agents');
    assert.deepEqual(await agentImages(), ['busybox:1.36', 'busybox:1.36']);
    assert.deepEqual(rows(await ok('rollout history ds/agent -n agents')).slice(2), [['2', '<none>'], ['3', '<none>']]);
    assert.deepEqual(rows(await ok('get ds agent -n agents')).map((r) => r.slice(0, 6)), [
      ['NAME', 'DESIRED', 'CURRENT', 'READY', 'UP-TO-DATE', 'AVAILABLE'],
      ['agent', '2', '2', '2', '2', '2'],
    ]);
  });
});

describe('DaemonSets on a live cluster (scheduler and kubelet)', () => {
  let t: TestCluster;
  before(async () => {
    t = await startSandbox({ clock: new VirtualClock() });
  });
  after(() => t.stop());

  /** Lets simulated time run until the set's status says the rollout is done, then asks kubectl. */
  async function rolloutStatus(name: string): Promise<string> {
    const cluster = t.sandbox.getCluster([...t.sandbox.clusters.keys()][0]!)!;
    await t.until(() => {
      const ds = cluster.store.get('daemonsets.apps', 'default', name) as { metadata: { generation?: number }; status?: Record<string, number> } | undefined;
      const st = ds?.status ?? {};
      return !!ds && st.observedGeneration === ds.metadata.generation && st.desiredNumberScheduled! > 0 && st.updatedNumberScheduled === st.desiredNumberScheduled && st.numberAvailable === st.desiredNumberScheduled;
    }, 10 * 60_000, `daemon set ${name} rolled out`);
    const r = await t.kubectl(`rollout status ds/${name}`);
    assert.equal(r.code, 0, r.stderr);
    return r.stdout;
  }

  it('rolls out on every worker, then rolls a new image through node by node', async () => {
    // nginx keeps running (busybox without a command would exit and crash-loop).
    const apply = await t.kubectl('apply -f -', { input: daemonSet('default', 'agent', '', 'nginx:1.27') });
    assert.equal(apply.code, 0, apply.stderr);
    assert.equal(await rolloutStatus('agent'), 'daemon set "agent" successfully rolled out\n');
    const wide = rows((await t.kubectl('get pods -o wide -l app=agent')).stdout);
    assert.deepEqual(wide.slice(1).map((r) => [r[2], r[6]]).sort(), [
      ['Running', 'kubecamp-worker'],
      ['Running', 'kubecamp-worker2'],
    ]);

    assert.equal((await t.kubectl('set image ds/agent agent=nginx:1.28')).code, 0);
    assert.equal(await rolloutStatus('agent'), 'daemon set "agent" successfully rolled out\n');
    const images = (await t.kubectl(['get', 'pods', '-l', 'app=agent', '-o', 'jsonpath={.items[*].spec.containers[0].image}'])).stdout.split(' ');
    assert.deepEqual(images, ['nginx:1.28', 'nginx:1.28']);
    assert.deepEqual(rows((await t.kubectl('get ds agent')).stdout).map((r) => r.slice(0, 6)), [
      ['NAME', 'DESIRED', 'CURRENT', 'READY', 'UP-TO-DATE', 'AVAILABLE'],
      ['agent', '2', '2', '2', '2', '2'],
    ]);
  });
});
