// StatefulSets through the real kubectl: ordered creation (db-1 appears only once db-0 is Running
// and Ready), stable names, hostnames and claims, scale-down from the highest ordinal, partitioned
// rolling updates, `rollout status/history/undo`, PVC retention and recreation of failed pods.
// The kubelet is played by test/helpers/pod-status.ts, so every readiness change is exact.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Cluster } from '../../src/sandbox/cluster.ts';
import { VirtualClock } from '../../src/sandbox/sim/clock.ts';
import { setPodPhase } from '../helpers/pod-status.ts';
import { startSandbox, type TestCluster } from '../helpers/sandbox.ts';

const rows = (out: string) =>
  out
    .trimEnd()
    .split('\n')
    .map((l) => l.split(/\s{2,}/).map((c) => c.trim()));

const statefulSet = (ns: string, extra = '', replicas = 3) => `apiVersion: v1
kind: Service
metadata: {name: db, namespace: ${ns}}
spec: {clusterIP: None, selector: {app: db}, ports: [{port: 5432}]}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, namespace: ${ns}}
spec:
  serviceName: db
  replicas: ${replicas}
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec: {containers: [{name: postgres, image: postgres:16}]}
  volumeClaimTemplates:
  - metadata: {name: data}
    spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
${extra}`;

describe('StatefulSets with kubectl', () => {
  let t: TestCluster;
  let cluster: Cluster;
  const ok = (args: string | string[], input?: string) => t.ok(args, input);
  const settle = () => t.advance(0);
  /** Plays the kubelet: the pod is Running and Ready. */
  const run = async (ns: string, name: string) => {
    await setPodPhase(cluster, ns, name, 'Running');
    await settle();
  };
  const podNames = async (ns: string) => (await ok(['get', 'pods', '-n', ns, '-o', 'jsonpath={.items[*].metadata.name}'])).split(' ').filter(Boolean);

  before(async () => {
    t = await startSandbox({ clock: new VirtualClock(), without: ['kubelet', 'scheduler'] });
    cluster = t.sandbox.getCluster([...t.sandbox.clusters.keys()][0]!)!;
  });
  after(() => t.stop());

  it('creates db-0 first, and db-1 only once db-0 is Running and Ready', async () => {
    await ok('create ns order');
    await ok('apply -f -', statefulSet('order'));
    await settle();
    let pods = rows(await ok('get pods -n order'));
    assert.deepEqual(pods.map((r) => r.slice(0, 3)), [
      ['NAME', 'READY', 'STATUS'],
      ['db-0', '0/1', 'Pending'],
    ]);
    assert.deepEqual(rows(await ok('get pvc -n order')).map((r) => r.slice(0, 2)), [
      ['NAME', 'STATUS'],
      ['data-db-0', 'Pending'],
    ]);
    assert.deepEqual(rows(await ok('get sts -n order')).map((r) => r.slice(0, 2)), [
      ['NAME', 'READY'],
      ['db', '0/3'],
    ]);
    assert.equal(await ok('rollout status sts/db -n order --watch=false'), 'Waiting for 3 pods to be ready...\n');

    await run('order', 'db-0');
    pods = rows(await ok('get pods -n order'));
    assert.deepEqual(pods.map((r) => r.slice(0, 3)), [
      ['NAME', 'READY', 'STATUS'],
      ['db-0', '1/1', 'Running'],
      ['db-1', '0/1', 'Pending'],
    ]);
    // Running but not Ready still blocks the next ordinal.
    await setPodPhase(cluster, 'order', 'db-1', 'Running', { ready: false });
    await settle();
    assert.deepEqual(await podNames('order'), ['db-0', 'db-1']);
    await run('order', 'db-1');
    await run('order', 'db-2');
    assert.deepEqual(rows(await ok('get sts -n order')).map((r) => r.slice(0, 2)), [
      ['NAME', 'READY'],
      ['db', '3/3'],
    ]);
    assert.deepEqual(rows(await ok('get pvc -n order')).map((r) => r[0]), ['NAME', 'data-db-0', 'data-db-1', 'data-db-2']);
    assert.equal(await ok('rollout status sts/db -n order --watch=false'), 'partitioned roll out complete: 3 new pods have been updated...\n');

    const identity = await ok([
      'get', 'pod', 'db-1', '-n', 'order', '-o',
      'jsonpath={.spec.hostname} {.spec.subdomain} {.metadata.labels.statefulset\\.kubernetes\\.io/pod-name} {.metadata.labels.apps\\.kubernetes\\.io/pod-index} {.spec.volumes[0].persistentVolumeClaim.claimName} {.metadata.ownerReferences[0].kind}',
    ]);
    assert.equal(identity, 'db-1 db db-1 1 data-db-1 StatefulSet');
    const claimLabels = await ok(['get', 'pvc', 'data-db-1', '-n', 'order', '-o', 'jsonpath={.metadata.labels}']);
    assert.equal(claimLabels, '{"app":"db"}');

    const events = await ok(['get', 'events', '-n', 'order', '--field-selector', 'involvedObject.kind=StatefulSet', '--sort-by=.metadata.name', '-o', 'jsonpath={range .items[*]}{.reason}: {.message}{"\\n"}{end}']);
    assert.deepEqual(events.trimEnd().split('\n'), [
      'SuccessfulCreate: create Claim data-db-0 Pod db-0 in StatefulSet db success',
      'SuccessfulCreate: create Pod db-0 in StatefulSet db successful',
      'SuccessfulCreate: create Claim data-db-1 Pod db-1 in StatefulSet db success',
      'SuccessfulCreate: create Pod db-1 in StatefulSet db successful',
      'SuccessfulCreate: create Claim data-db-2 Pod db-2 in StatefulSet db success',
      'SuccessfulCreate: create Pod db-2 in StatefulSet db successful',
    ]);
    const described = await ok('describe sts db -n order');
    assert.match(described, /^Replicas:\s+3 desired \| 3 total$/m);
    assert.match(described, /^Pods Status:\s+3 Running \/ 0 Waiting \/ 0 Succeeded \/ 0 Failed$/m);
    assert.match(described, /^\s+Normal\s+SuccessfulCreate\s+\S+\s+statefulset-controller\s+create Pod db-2 in StatefulSet db successful$/m);
    const rev = await ok(['get', 'sts', 'db', '-n', 'order', '-o', 'jsonpath={.status.currentRevision} {.status.updateRevision} {.status.currentReplicas} {.status.updatedReplicas} {.status.availableReplicas} {.status.collisionCount}']);
    assert.match(rev, /^(db-[bcdfghjklmnpqrstvwxz2456789]+) \1 3 3 3 0$/);
    assert.equal(await ok(['get', 'pod', 'db-2', '-n', 'order', '-o', 'jsonpath={.metadata.labels.controller-revision-hash}']), rev.split(' ')[0]);
  });

  it('scales down from the highest ordinal, one pod at a time, and keeps the claims', async () => {
    await ok('scale sts db -n order --replicas=1');
    await settle();
    assert.deepEqual(await podNames('order'), ['db-0']);
    const deletes = await ok(['get', 'events', '-n', 'order', '--field-selector', 'reason=SuccessfulDelete', '--sort-by=.metadata.name', '-o', 'jsonpath={range .items[*]}{.message}{"\\n"}{end}']);
    assert.deepEqual(deletes.trimEnd().split('\n'), ['delete Pod db-2 in StatefulSet db successful', 'delete Pod db-1 in StatefulSet db successful']);
    // whenScaled: Retain (the default) keeps every claim for a later scale-up.
    assert.deepEqual(rows(await ok('get pvc -n order')).map((r) => r[0]), ['NAME', 'data-db-0', 'data-db-1', 'data-db-2']);
    await ok('scale sts db -n order --replicas=2');
    await settle();
    assert.deepEqual(await podNames('order'), ['db-0', 'db-1']);
    assert.equal(await ok(['get', 'pod', 'db-1', '-n', 'order', '-o', 'jsonpath={.spec.volumes[0].persistentVolumeClaim.claimName}']), 'data-db-1');
  });

  it('rolls out a new template from the highest ordinal down, holding at the partition', async () => {
    await ok('create ns roll');
    await ok('apply -f -', statefulSet('roll'));
    await settle();
    for (const n of ['db-0', 'db-1', 'db-2']) await run('roll', n);
    const first = await ok(['get', 'sts', 'db', '-n', 'roll', '-o', 'jsonpath={.status.currentRevision}']);

    await ok(['patch', 'sts', 'db', '-n', 'roll', '-p', '{"spec":{"updateStrategy":{"rollingUpdate":{"partition":2}}}}']);
    await ok('set image sts/db -n roll postgres=postgres:17');
    await settle();
    // db-2 was replaced (unscheduled pods go at once) and waits for its kubelet.
    const images = async () => (await ok(['get', 'pods', '-n', 'roll', '-o', 'jsonpath={range .items[*]}{.metadata.name}={.spec.containers[0].image} {end}'])).trim();
    assert.equal(await images(), 'db-0=postgres:16 db-1=postgres:16 db-2=postgres:17');
    assert.equal(await ok('rollout status sts/db -n roll --watch=false'), 'Waiting for 1 pods to be ready...\n');
    await run('roll', 'db-2');
    assert.equal(await ok('rollout status sts/db -n roll --watch=false'), 'partitioned roll out complete: 1 new pods have been updated...\n');
    const status = await ok(['get', 'sts', 'db', '-n', 'roll', '-o', 'jsonpath={.status.currentRevision} {.status.updateRevision} {.status.currentReplicas} {.status.updatedReplicas}']);
    const [current, update, currentReplicas, updatedReplicas] = status.split(' ');
    assert.equal(current, first);
    assert.notEqual(update, first);
    assert.deepEqual([currentReplicas, updatedReplicas], ['2', '1']);
    // A pod deleted below the partition comes back at the old revision.
    await ok('delete pod db-0 -n roll --wait=false');
    await settle();
    assert.equal(await images(), 'db-0=postgres:16 db-1=postgres:16 db-2=postgres:17');
    await run('roll', 'db-0');

    await ok(['patch', 'sts', 'db', '-n', 'roll', '-p', '{"spec":{"updateStrategy":{"rollingUpdate":{"partition":0}}}}']);
    await settle();
    assert.equal(await images(), 'db-0=postgres:16 db-1=postgres:17 db-2=postgres:17');
    await run('roll', 'db-1');
    assert.equal(await images(), 'db-0=postgres:17 db-1=postgres:17 db-2=postgres:17');
    await run('roll', 'db-0');
    const done = await ok(['get', 'sts', 'db', '-n', 'roll', '-o', 'jsonpath={.status.currentRevision} {.status.updateRevision} {.status.currentReplicas}']);
    assert.equal(done, `${update} ${update} 3`);

    assert.deepEqual(rows(await ok('rollout history sts/db -n roll')), [['statefulset.apps/db'], ['REVISION', 'CHANGE-CAUSE'], ['1', '<none>'], ['2', '<none>']]);
    assert.deepEqual(rows(await ok('get controllerrevisions -n roll')).map((r) => r.slice(0, 3)), [
      ['NAME', 'CONTROLLER', 'REVISION'],
      ...[[first, 1], [update, 2]].sort().map(([n, r]) => [n as string, 'statefulset.apps/db', String(r)]),
    ]);
    assert.match(await ok('rollout history sts/db -n roll --revision=2'), /^statefulset\.apps\/db with revision #2\nPod Template:\n[\s\S]*Image:\s+postgres:17\n/);
    assert.equal(await ok('rollout undo sts/db -n roll'), 'statefulset.apps/db rolled back\n');
    await settle();
    // The undo is a new rollout from the top: db-2 goes back first.
    assert.equal(await images(), 'db-0=postgres:17 db-1=postgres:17 db-2=postgres:16');
    // The old revision is reused under its old name, renumbered 3.
    assert.deepEqual(rows(await ok('rollout history sts/db -n roll')).slice(2), [['2', '<none>'], ['3', '<none>']]);
    assert.equal(await ok(['get', 'sts', 'db', '-n', 'roll', '-o', 'jsonpath={.status.updateRevision}']), first);
  });

  it('deletes the claims of scaled-down pods when whenScaled is Delete', async () => {
    await ok('create ns retain');
    await ok('apply -f -', statefulSet('retain', '  persistentVolumeClaimRetentionPolicy: {whenScaled: Delete, whenDeleted: Retain}\n', 2));
    await settle();
    await run('retain', 'db-0');
    await run('retain', 'db-1');
    assert.equal(await ok(['get', 'pvc', 'data-db-1', '-n', 'retain', '-o', 'jsonpath={.metadata.ownerReferences}']), '');
    await ok('scale sts db -n retain --replicas=1');
    await settle();
    assert.deepEqual(await podNames('retain'), ['db-0']);
    assert.deepEqual(rows(await ok('get pvc -n retain')).map((r) => r[0]), ['NAME', 'data-db-0']);
  });

  it('owns the claims by the set when whenDeleted is Delete, so deleting the set removes them', async () => {
    await ok('create ns gone');
    await ok('apply -f -', statefulSet('gone', '  persistentVolumeClaimRetentionPolicy: {whenDeleted: Delete}\n', 1));
    await settle();
    assert.equal(await ok(['get', 'pvc', 'data-db-0', '-n', 'gone', '-o', 'jsonpath={.metadata.ownerReferences[0].kind}/{.metadata.ownerReferences[0].name}']), 'StatefulSet/db');
    await ok('delete sts db -n gone');
    await settle();
    assert.equal(await ok('get pvc -n gone -o name'), '');
  });

  it('recreates a pod that failed, under the same name', async () => {
    await ok('create ns heal');
    await ok('apply -f -', statefulSet('heal', '', 1));
    await settle();
    await run('heal', 'db-0');
    const uid = await ok(['get', 'pod', 'db-0', '-n', 'heal', '-o', 'jsonpath={.metadata.uid}']);
    await setPodPhase(cluster, 'heal', 'db-0', 'Failed');
    await settle();
    const after = rows(await ok('get pods -n heal'));
    assert.deepEqual(after.map((r) => r.slice(0, 3)), [
      ['NAME', 'READY', 'STATUS'],
      ['db-0', '0/1', 'Pending'],
    ]);
    assert.notEqual(await ok(['get', 'pod', 'db-0', '-n', 'heal', '-o', 'jsonpath={.metadata.uid}']), uid);
  });

  it('takes its pods and revision back when recreated after an orphaning delete', async () => {
    await ok('create ns adopt');
    await ok('apply -f -', statefulSet('adopt', '', 2));
    await settle();
    await run('adopt', 'db-0');
    await run('adopt', 'db-1');
    const uids = await ok(['get', 'pods', '-n', 'adopt', '-o', 'jsonpath={.items[*].metadata.uid}']);
    assert.equal(await ok('delete sts db -n adopt --cascade=orphan'), 'statefulset.apps "db" deleted\n');
    await settle();
    assert.equal(await ok(['get', 'pods', '-n', 'adopt', '-o', 'jsonpath={.items[*].metadata.ownerReferences}']), '');
    await ok('apply -f -', statefulSet('adopt', '', 2));
    await settle();
    assert.equal(await ok(['get', 'pods', '-n', 'adopt', '-o', 'jsonpath={.items[*].metadata.uid}']), uids);
    assert.equal(await ok(['get', 'pods', '-n', 'adopt', '-o', 'jsonpath={.items[*].metadata.ownerReferences[0].name}']), 'db db');
    assert.deepEqual(rows(await ok('get sts -n adopt')).map((r) => r.slice(0, 2)), [
      ['NAME', 'READY'],
      ['db', '2/2'],
    ]);
    assert.deepEqual(rows(await ok('rollout history sts/db -n adopt')).slice(2), [['1', '<none>']]);
  });

  it('creates all pods at once with podManagementPolicy Parallel, from ordinals.start', async () => {
    await ok('create ns par');
    await ok('apply -f -', statefulSet('par', '  podManagementPolicy: Parallel\n  ordinals: {start: 5}\n'));
    await settle();
    assert.deepEqual(await podNames('par'), ['db-5', 'db-6', 'db-7']);
  });
});

describe('StatefulSets on a live cluster (scheduler and kubelet)', () => {
  let t: TestCluster;
  before(async () => {
    t = await startSandbox({ clock: new VirtualClock() });
  });
  after(() => t.stop());

  it('brings db-0, db-1, db-2 up in order while kubectl rollout status follows', async () => {
    const cluster = t.sandbox.getCluster([...t.sandbox.clusters.keys()][0]!)!;
    // Whenever a pod of the set is created, every lower ordinal must already be Running and Ready.
    const violations: string[] = [];
    const stop = cluster.store.observe((ev) => {
      if (ev.resource !== 'pods' || ev.type !== 'ADDED' || ev.namespace !== 'default') return;
      const m = /^web-(\d+)$/.exec(ev.object.metadata.name);
      if (!m) return;
      for (let i = 0; i < Number(m[1]); i++) {
        const prev = cluster.store.get('pods', 'default', `web-${i}`) as { status?: { phase?: string; conditions?: Array<{ type: string; status: string }> } } | undefined;
        const ready = prev?.status?.phase === 'Running' && prev.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
        if (!ready) violations.push(`web-${m[1]} created before web-${i} was Running and Ready`);
      }
    });
    const apply = await t.kubectl('apply -f -', {
      input: `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: web}
spec:
  serviceName: web
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: nginx, image: nginx:1.27}]}
`,
    });
    assert.equal(apply.code, 0, apply.stderr);
    await t.until(() => {
      const sts = cluster.store.get('statefulsets.apps', 'default', 'web') as { status?: { readyReplicas?: number } } | undefined;
      return sts?.status?.readyReplicas === 3;
    }, 10 * 60_000, 'three ready replicas');
    stop();
    const r = await t.kubectl('rollout status sts/web');
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'partitioned roll out complete: 3 new pods have been updated...\n');
    assert.deepEqual(violations, []);
    const pods = rows((await t.kubectl('get pods -l app=web')).stdout);
    assert.deepEqual(pods.map((p) => p.slice(0, 3)), [
      ['NAME', 'READY', 'STATUS'],
      ['web-0', '1/1', 'Running'],
      ['web-1', '1/1', 'Running'],
      ['web-2', '1/1', 'Running'],
    ]);
  });
});
