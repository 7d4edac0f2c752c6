// Deployments, ReplicaSets and PodDisruptionBudgets through the real kubectl, on a virtual
// clock: rollouts (RollingUpdate and Recreate), rollout status/history/undo/pause/resume,
// scaling, describe, the progress deadline, and eviction against a PDB. The tests play the
// kubelet and scheduler (setPodPhase) so only the controllers under test act; they hold with the
// whole simulation running as well.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { StoredObject } from '../../src/apimachinery/object.ts';
import type { Cluster } from '../../src/sandbox/cluster.ts';
import { VirtualClock } from '../../src/sandbox/sim/clock.ts';
import { setPodPhase } from '../helpers/pod-status.ts';
import { cleanStderr, startSandbox, type TestCluster } from '../helpers/sandbox.ts';

const deployment = (name: string, opts: { replicas?: number; image?: string; strategy?: string; minReadySeconds?: number; deadline?: number } = {}) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}}
spec:
  replicas: ${opts.replicas ?? 3}
  ${opts.minReadySeconds ? `minReadySeconds: ${opts.minReadySeconds}` : ''}
  ${opts.deadline ? `progressDeadlineSeconds: ${opts.deadline}` : ''}
  ${opts.strategy ?? ''}
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec: {containers: [{name: web, image: ${opts.image ?? 'nginx:1.27'}}]}
`;

type PodObj = StoredObject & { status?: { phase?: string; conditions?: Array<{ type: string; status: string }> } };

function podsOf(cluster: Cluster, ns: string, prefix: string): PodObj[] {
  return (cluster.store.list('pods', ns) as PodObj[]).filter((p) => p.metadata.name.startsWith(`${prefix}-`));
}

const isReady = (p: PodObj | undefined) => !!p?.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');

/**
 * Plays the kubelet: every pod of the workload that is not yet Running becomes Running and Ready.
 * With a live kubelet (the whole simulation), it lets simulated time pass until they are.
 */
async function runPods(t: TestCluster, prefix: string, ns = 'default'): Promise<void> {
  const cluster = t.sandbox.getCluster(t.sandbox.clusters.keys().next().value!)!;
  if (cluster.runtime.pods) {
    const ready = (p: PodObj) => !!p.metadata.deletionTimestamp || isReady(p);
    await t.until(() => podsOf(cluster, ns, prefix).every(ready), 120_000, `pods of ${prefix} ready`);
    return;
  }
  for (const p of podsOf(cluster, ns, prefix)) {
    if (p.metadata.deletionTimestamp || p.status?.phase === 'Running') continue;
    await setPodPhase(cluster, ns, p.metadata.name, 'Running');
  }
  await t.advance(0);
}

/** Keeps making new pods Running/Ready until `cond` holds. */
async function rollUntil(t: TestCluster, prefix: string, cond: () => Promise<boolean>, rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    if (await cond()) return;
    await runPods(t, prefix);
    await t.advance(1000);
  }
  assert.ok(await cond(), 'rollout did not converge');
}

const rows = (out: string) => out.trim().split('\n').map((l) => l.trim().split(/\s{2,}|\s+/));

// The same scenarios twice: with the test playing the kubelet (the controllers alone), and with
// the whole simulation (scheduler and kubelet run the pods).
for (const live of [false, true]) describe(`Deployments and ReplicaSets${live ? ' (live cluster)' : ' (controllers alone)'}`, () => {
  let t: TestCluster;
  let cluster: Cluster;
  before(async () => {
    t = await startSandbox({ clock: new VirtualClock(), without: live ? [] : ['kubelet', 'scheduler'] });
    cluster = t.sandbox.getCluster(t.sandbox.clusters.keys().next().value!)!;
  });
  after(() => t.stop());

  it('creates a ReplicaSet named <deployment>-<hash> and its pods, and reports READY UP-TO-DATE AVAILABLE', async () => {
    const r = await t.kubectl('apply -f -', { input: deployment('web') });
    assert.equal(r.code, 0, r.stderr);
    await t.advance(0);
    const rs = await t.kubectl('get rs -l app=web -o name');
    assert.match(rs.stdout.trim(), /^replicaset\.apps\/web-[bcdfghjklmnpqrstvwxz2456789]{6,10}$/);
    const pods = podsOf(cluster, 'default', 'web');
    assert.equal(pods.length, 3);
    const rsName = rs.stdout.trim().split('/')[1]!;
    for (const p of pods) assert.match(p.metadata.name, new RegExp(`^${rsName}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));

    let status = await t.kubectl('rollout status deployment/web --watch=false');
    assert.equal(status.stdout.trim(), 'Waiting for deployment "web" rollout to finish: 0 of 3 updated replicas are available...');
    let get = await t.kubectl('get deploy web');
    assert.deepEqual(rows(get.stdout)[1]!.slice(0, 4), ['web', '0/3', '3', '0']);

    await runPods(t, 'web');
    get = await t.kubectl('get deploy web');
    assert.deepEqual(rows(get.stdout)[1]!.slice(0, 4), ['web', '3/3', '3', '3']);
    status = await t.kubectl('rollout status deployment/web --watch=false');
    assert.equal(status.stdout.trim(), 'deployment "web" successfully rolled out');
    const rsTable = await t.kubectl('get rs -l app=web');
    assert.deepEqual(rows(rsTable.stdout)[1]!.slice(1, 4), ['3', '3', '3']);
  });

  it('rolls out a new image with maxSurge/maxUnavailable visible in the ReplicaSet counts', async () => {
    const strategy = 'strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 1, maxUnavailable: 0}}';
    assert.equal((await t.kubectl('apply -f -', { input: deployment('api', { replicas: 4, strategy }) })).code, 0);
    await t.advance(0);
    await runPods(t, 'api');
    const oldRS = (await t.kubectl('get rs -l app=api -o name')).stdout.trim().split('/')[1]!;
    await t.advance(1000);
    const set = await t.kubectl('set image deployment/api web=nginx:1.28');
    assert.equal(set.stdout.trim(), 'deployment.apps/api image updated');
    await t.advance(0);
    // One surge pod: the new ReplicaSet gets 1, the old keeps all 4 (nothing may be unavailable).
    const table = rows((await t.kubectl('get rs -l app=api --sort-by=.metadata.creationTimestamp')).stdout);
    assert.deepEqual(table[1]!.slice(0, 4), [oldRS, '4', '4', '4']);
    const newRS = table[2]![0]!;
    assert.notEqual(newRS, oldRS);
    assert.deepEqual(table[2]!.slice(1, 4), ['1', '1', '0']);
    assert.equal((await t.kubectl('rollout status deployment/api --watch=false')).stdout.trim(), 'Waiting for deployment "api" rollout to finish: 1 out of 4 new replicas have been updated...');
    // Each new pod that gets Ready lets one old pod go and one more new pod come.
    const rsReplicas = (name: string) => (cluster.store.get('replicasets.apps', 'default', name) as { spec?: { replicas?: number } } | undefined)?.spec?.replicas;
    if (cluster.runtime.pods) await t.until(() => rsReplicas(newRS) === 2, 120_000, 'second new pod');
    else await runPods(t, 'api');
    const step = rows((await t.kubectl('get rs -l app=api --sort-by=.metadata.creationTimestamp')).stdout);
    assert.deepEqual(step[1]!.slice(0, 2), [oldRS, '3']);
    assert.deepEqual(step[2]!.slice(0, 2), [newRS, '2']);
    await rollUntil(t, 'api', async () => (await t.kubectl('rollout status deployment/api --watch=false')).stdout.includes('successfully rolled out'));
    const done = rows((await t.kubectl('get rs -l app=api --sort-by=.metadata.creationTimestamp')).stdout);
    assert.deepEqual(done[1]!.slice(0, 4), [oldRS, '0', '0', '0']);
    assert.deepEqual(done[2]!.slice(0, 4), [newRS, '4', '4', '4']);
    const events = (await t.kubectl('get events --field-selector involvedObject.name=api -o custom-columns=REASON:.reason,MESSAGE:.message --no-headers')).stdout;
    assert.match(events, new RegExp(`ScalingReplicaSet\\s+Scaled up replica set ${newRS} from 0 to 1`));
    assert.match(events, new RegExp(`ScalingReplicaSet\\s+Scaled down replica set ${oldRS} from 4 to 3`));
    assert.match(events, new RegExp(`ScalingReplicaSet\\s+Scaled down replica set ${oldRS} from 1 to 0`));
    const pods = (await t.kubectl('get pods -l app=api -o jsonpath={.items[*].spec.containers[0].image}')).stdout.split(' ');
    assert.deepEqual(new Set(pods), new Set(['nginx:1.28']));
  });

  it('keeps revisions for rollout history and rolls back with rollout undo', async () => {
    // The change-cause annotation is copied to the current ReplicaSet, where history reads it.
    await t.kubectl(['annotate', 'deployment/api', 'kubernetes.io/change-cause=bump nginx to 1.28']);
    await t.advance(0);
    const history = await t.kubectl('rollout history deployment/api');
    assert.equal(history.code, 0, history.stderr);
    assert.match(history.stdout, /^deployment\.apps\/api \nREVISION\s+CHANGE-CAUSE\n1\s+<none>\n2\s+bump nginx to 1\.28\n/);
    const rev1 = await t.kubectl('rollout history deployment/api --revision=1');
    assert.match(rev1.stdout, /Image:\s+nginx:1\.27/);
    const undo = await t.kubectl('rollout undo deployment/api');
    assert.equal(undo.stdout.trim(), 'deployment.apps/api rolled back');
    await t.advance(0);
    await rollUntil(t, 'api', async () => (await t.kubectl('rollout status deployment/api --watch=false')).stdout.includes('successfully rolled out'));
    const after = await t.kubectl('rollout history deployment/api');
    // kubectl's undo copies revision 1's annotations back, which had no change-cause.
    assert.match(after.stdout, /REVISION\s+CHANGE-CAUSE\n2\s+bump nginx to 1\.28\n3\s+<none>\n/);
    const d = JSON.parse((await t.kubectl('get deploy api -o json')).stdout);
    assert.equal(d.metadata.annotations['deployment.kubernetes.io/revision'], '3');
    assert.equal(d.spec.template.spec.containers[0].image, 'nginx:1.27');
    const rs = JSON.parse((await t.kubectl('get rs -l app=api -o json')).stdout).items as Array<{ metadata: { annotations: Record<string, string> }; spec: { replicas: number } }>;
    const current = rs.find((r) => r.metadata.annotations['deployment.kubernetes.io/revision'] === '3')!;
    assert.equal(current.metadata.annotations['deployment.kubernetes.io/revision-history'], '1');
    assert.equal(current.spec.replicas, 4);
  });

  it('pauses and resumes a rollout', async () => {
    assert.equal((await t.kubectl('rollout pause deployment/web')).stdout.trim(), 'deployment.apps/web paused');
    await t.advance(0);
    await t.kubectl('set image deployment/web web=nginx:1.28');
    await t.advance(0);
    assert.equal((await t.kubectl('get rs -l app=web -o name')).stdout.trim().split('\n').length, 1);
    let d = JSON.parse((await t.kubectl('get deploy web -o json')).stdout);
    const progressing = d.status.conditions.find((c: { type: string }) => c.type === 'Progressing');
    assert.deepEqual([progressing.status, progressing.reason, progressing.message], ['Unknown', 'DeploymentPaused', 'Deployment is paused']);
    assert.equal((await t.kubectl('rollout resume deployment/web')).stdout.trim(), 'deployment.apps/web resumed');
    await t.advance(0);
    assert.equal((await t.kubectl('get rs -l app=web -o name')).stdout.trim().split('\n').length, 2);
    await rollUntil(t, 'web', async () => (await t.kubectl('rollout status deployment/web --watch=false')).stdout.includes('successfully rolled out'));
    d = JSON.parse((await t.kubectl('get deploy web -o json')).stdout);
    const p2 = d.status.conditions.find((c: { type: string }) => c.type === 'Progressing');
    assert.equal(p2.reason, 'NewReplicaSetAvailable');
  });

  it('scales a Deployment through its ReplicaSet and describes it', async () => {
    assert.equal((await t.kubectl('scale deployment/web --replicas=5')).code, 0);
    await t.advance(0);
    await runPods(t, 'web');
    const get = rows((await t.kubectl('get deploy web')).stdout);
    assert.deepEqual(get[1]!.slice(0, 4), ['web', '5/5', '5', '5']);
    const rs = JSON.parse((await t.kubectl('get deploy web -o json')).stdout);
    const newRS = (await t.kubectl(['get', 'rs', '-l', `app=web,pod-template-hash`, '-o', 'jsonpath={.items[?(@.spec.replicas==5)].metadata.name}'])).stdout;
    assert.ok(newRS, JSON.stringify(rs.status));
    const describe = (await t.kubectl('describe deployment web')).stdout;
    assert.match(describe, /Replicas:\s+5 desired \| 5 updated \| 5 total \| 5 available \| 0 unavailable/);
    assert.match(describe, /StrategyType:\s+RollingUpdate/);
    assert.match(describe, /RollingUpdateStrategy:\s+25% max unavailable, 25% max surge/);
    assert.match(describe, /Available\s+True\s+MinimumReplicasAvailable/);
    assert.match(describe, /Progressing\s+True\s+NewReplicaSetAvailable/);
    assert.match(describe, /OldReplicaSets:\s+web-\w+ \(0\/0 replicas created\)/);
    assert.match(describe, new RegExp(`NewReplicaSet:\\s+${newRS} \\(5/5 replicas created\\)`));
    assert.match(describe, new RegExp(`Normal\\s+ScalingReplicaSet\\s+\\S+\\s+deployment-controller\\s+Scaled up replica set ${newRS} from 3 to 5`));
  });

  it('reports ProgressDeadlineExceeded when the pods never get ready', async () => {
    assert.equal((await t.kubectl('apply -f -', { input: deployment('stuck', { replicas: 2, deadline: 60, image: 'nginx:no-such-tag' }) })).code, 0);
    await t.advance(30_000);
    let status = await t.kubectl('rollout status deployment/stuck --watch=false');
    assert.equal(status.stdout.trim(), 'Waiting for deployment "stuck" rollout to finish: 0 of 2 updated replicas are available...');
    await t.advance(31_000);
    status = await t.kubectl('rollout status deployment/stuck --watch=false');
    assert.equal(status.code, 1);
    assert.match(cleanStderr(status.stderr), /error: deployment "stuck" exceeded its progress deadline/);
    const d = JSON.parse((await t.kubectl('get deploy stuck -o json')).stdout);
    const rsName = (await t.kubectl('get rs -l app=stuck -o jsonpath={.items[0].metadata.name}')).stdout;
    const cond = d.status.conditions.find((c: { type: string }) => c.type === 'Progressing');
    assert.deepEqual([cond.status, cond.reason, cond.message], ['False', 'ProgressDeadlineExceeded', `ReplicaSet "${rsName}" has timed out progressing.`]);
    const avail = d.status.conditions.find((c: { type: string }) => c.type === 'Available');
    assert.deepEqual([avail.status, avail.reason, avail.message], ['False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.']);
  });

  it('waits for minReadySeconds before counting a pod available', async () => {
    assert.equal((await t.kubectl('apply -f -', { input: deployment('slowready', { replicas: 1, minReadySeconds: 10 }) })).code, 0);
    await t.advance(0);
    await runPods(t, 'slowready');
    let get = rows((await t.kubectl('get deploy slowready')).stdout);
    assert.deepEqual(get[1]!.slice(0, 4), ['slowready', '1/1', '1', '0']);
    await t.advance(11_000);
    get = rows((await t.kubectl('get deploy slowready')).stdout);
    assert.deepEqual(get[1]!.slice(0, 4), ['slowready', '1/1', '1', '1']);
  });

  it('recreates: old pods are all gone before the new ReplicaSet starts', async () => {
    assert.equal((await t.kubectl('apply -f -', { input: deployment('db', { replicas: 2, strategy: 'strategy: {type: Recreate}' }) })).code, 0);
    await t.advance(0);
    await runPods(t, 'db');
    const oldRS = (await t.kubectl('get rs -l app=db -o name')).stdout.trim().split('/')[1]!;
    await t.kubectl('set image deployment/db web=nginx:1.28');
    await t.advance(0);
    // Without a kubelet the old pods go at once; with one, after their graceful termination.
    const oldPods = () => (cluster.store.list('pods', 'default') as PodObj[]).filter((p) => p.metadata.ownerReferences?.[0]?.name === oldRS).length;
    await t.until(() => oldPods() === 0, 120_000, 'old pods gone');
    await t.advance(0);
    const names = (await t.kubectl('get rs -l app=db -o name')).stdout.trim().split('\n');
    assert.equal(names.length, 2, 'the new ReplicaSet is created once the old pods are gone');
    const table = rows((await t.kubectl('get rs -l app=db')).stdout).slice(1);
    const newRS = table.find((r) => r[0] !== oldRS)!;
    assert.deepEqual(table.find((r) => r[0] === oldRS)!.slice(0, 2), [oldRS, '0']);
    assert.equal(newRS[1], '2');
    const events = (await t.kubectl('get events --field-selector involvedObject.name=db -o custom-columns=MESSAGE:.message --no-headers')).stdout;
    assert.match(events, new RegExp(`Scaled down replica set ${oldRS} from 2 to 0\\nScaled up replica set ${newRS[0]} from 0 to 2`));
  });

  it('adopts a matching orphan pod and deletes the cheapest pod first when scaling down', async () => {
    const run = await t.kubectl('run stray --image=redis:7 --labels=app=cache');
    assert.equal(run.code, 0, run.stderr);
    const rs = `apiVersion: apps/v1
kind: ReplicaSet
metadata: {name: cache}
spec:
  replicas: 3
  selector: {matchLabels: {app: cache}}
  template:
    metadata: {labels: {app: cache}}
    spec: {containers: [{name: redis, image: redis:7}]}
`;
    assert.equal((await t.kubectl('apply -f -', { input: rs })).code, 0);
    await t.advance(0);
    const owner = JSON.parse((await t.kubectl('get pod stray -o json')).stdout).metadata.ownerReferences;
    assert.deepEqual(owner.map((o: { kind: string; name: string; controller: boolean }) => [o.kind, o.name, o.controller]), [['ReplicaSet', 'cache', true]]);
    assert.equal(podsOf(cluster, 'default', 'cache').length, 2);
    // Scaling down removes the pod with the lowest pod-deletion-cost first.
    await runPods(t, 'cache');
    if (cluster.runtime.pods) await t.until(() => podsOf(cluster, 'default', 'cache').length === 2 && isReady(cluster.store.get('pods', 'default', 'stray') as PodObj), 120_000, 'stray ready');
    else await setPodPhase(cluster, 'default', 'stray', 'Running');
    const cheap = podsOf(cluster, 'default', 'cache')[0]!.metadata.name;
    await t.kubectl(['annotate', 'pod', cheap, 'controller.kubernetes.io/pod-deletion-cost=-100']);
    await t.kubectl('scale rs/cache --replicas=2');
    await t.advance(0);
    // Gone, or terminating when a kubelet runs it.
    const gone = await t.kubectl(['get', 'pod', cheap, '-o', 'jsonpath={.metadata.deletionTimestamp}']);
    assert.ok(gone.code !== 0 || gone.stdout !== '', `${cheap} should be deleted`);
    assert.equal((await t.kubectl('get pod stray -o jsonpath={.metadata.deletionTimestamp}')).stdout, '');
    const describe = (await t.kubectl('describe rs cache')).stdout;
    assert.match(describe, /Normal\s+SuccessfulCreate\s+\S+\s+replicaset-controller\s+Created pod: cache-[bcdfghjklmnpqrstvwxz2456789]{5}/);
    assert.match(describe, new RegExp(`Normal\\s+SuccessfulDelete\\s+\\S+\\s+replicaset-controller\\s+Deleted pod: ${cheap}`));
    assert.match(describe, /Replicas:\s+2 current \/ 2 desired/);
  });

  it('reports a quota refusal as FailedCreate and ReplicaFailure', async () => {
    await t.kubectl('create namespace limited');
    await t.kubectl('create quota pods --hard=pods=2 -n limited');
    await t.advance(0);
    assert.equal((await t.kubectl('apply -n limited -f -', { input: deployment('big', { replicas: 3 }) })).code, 0);
    await t.advance(0);
    const rsName = (await t.kubectl('get rs -n limited -o jsonpath={.items[0].metadata.name}')).stdout;
    const rs = JSON.parse((await t.kubectl(`get rs ${rsName} -n limited -o json`)).stdout);
    const failure = rs.status.conditions.find((c: { type: string }) => c.type === 'ReplicaFailure');
    assert.equal(failure.reason, 'FailedCreate');
    assert.match(failure.message, /^pods "big-\w+-\w+" is forbidden: exceeded quota: pods, requested: pods=1, used: pods=2, limited: pods=2$/);
    const describe = (await t.kubectl(`describe rs ${rsName} -n limited`)).stdout;
    assert.match(describe, /Warning\s+FailedCreate\s+\S+\s+replicaset-controller\s+Error creating: pods "big-\w+-\w+" is forbidden: exceeded quota: pods/);
    const d = JSON.parse((await t.kubectl('get deploy big -n limited -o json')).stdout);
    const dFailure = d.status.conditions.find((c: { type: string }) => c.type === 'ReplicaFailure');
    assert.equal(dFailure?.reason, 'FailedCreate');
    assert.equal(podsOf(cluster, 'limited', 'big').length, 2);
    // The ReplicaSet keeps retrying with back-off; once the quota is gone the third pod comes.
    await t.kubectl('delete quota pods -n limited');
    await t.until(() => podsOf(cluster, 'limited', 'big').length === 3, 60_000, 'third pod');
    await t.advance(0);
    const healed = JSON.parse((await t.kubectl(`get rs ${rsName} -n limited -o json`)).stdout);
    assert.equal(healed.status.conditions, undefined);
  });

  it('keeps PodDisruptionBudget status and refuses an eviction that would violate it', async () => {
    assert.equal((await t.kubectl('apply -f -', { input: deployment('shop', { replicas: 3 }) })).code, 0);
    await t.advance(0);
    await runPods(t, 'shop');
    assert.equal((await t.kubectl('create pdb shop --selector=app=shop --min-available=2')).code, 0);
    assert.equal((await t.kubectl('create pdb shop-half --selector=app=shop --max-unavailable=50%')).code, 0);
    await t.advance(0);
    let pdbs = rows((await t.kubectl('get pdb')).stdout);
    assert.deepEqual(pdbs[0]!.slice(0, 2), ['NAME', 'MIN']);
    assert.deepEqual(pdbs.find((r) => r[0] === 'shop')!.slice(0, 4), ['shop', '2', 'N/A', '1']);
    // 50% of 3 rounds up to 2 unavailable: one must stay healthy, two may go.
    assert.deepEqual(pdbs.find((r) => r[0] === 'shop-half')!.slice(0, 4), ['shop-half', 'N/A', '50%', '2']);
    const pdb = JSON.parse((await t.kubectl('get pdb shop -o json')).stdout);
    assert.deepEqual(
      { ...pdb.status, conditions: pdb.status.conditions.map((c: { type: string; status: string; reason: string }) => [c.type, c.status, c.reason]) },
      { currentHealthy: 3, desiredHealthy: 2, disruptionsAllowed: 1, expectedPods: 3, observedGeneration: 1, conditions: [['DisruptionAllowed', 'True', 'SufficientPods']] },
    );
    await t.kubectl('delete pdb shop-half');
    await t.advance(0);

    const [first, second] = podsOf(cluster, 'default', 'shop').map((p) => p.metadata.name);
    const evict = (pod: string) =>
      t.kubectl(['create', '--raw', `/api/v1/namespaces/default/pods/${pod}/eviction`, '-f', '-'], {
        input: JSON.stringify({ apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: pod, namespace: 'default' } }),
      });
    const ok = await evict(first!);
    assert.equal(ok.code, 0, ok.stderr);
    await t.advance(0);
    pdbs = rows((await t.kubectl('get pdb shop')).stdout);
    assert.deepEqual(pdbs[1]!.slice(0, 4), ['shop', '2', 'N/A', '0']);
    const refused = await evict(second!);
    assert.notEqual(refused.code, 0);
    assert.match(cleanStderr(refused.stderr), /Cannot evict pod as it would violate the pod's disruption budget\./);
    const status = JSON.parse((await t.kubectl('get pdb shop -o json')).stdout).status;
    const cond = status.conditions.find((c: { type: string }) => c.type === 'DisruptionAllowed');
    assert.deepEqual([status.currentHealthy, status.desiredHealthy, cond.status, cond.reason], [2, 2, 'False', 'InsufficientPods']);
    // The ReplicaSet replaces the evicted pod; once it is Ready, a disruption is allowed again.
    await runPods(t, 'shop');
    pdbs = rows((await t.kubectl('get pdb shop')).stdout);
    assert.deepEqual(pdbs[1]!.slice(0, 4), ['shop', '2', 'N/A', '1']);
  });

  it('runs a ReplicationController with the same logic', async () => {
    const rc = `apiVersion: v1
kind: ReplicationController
metadata: {name: legacy}
spec:
  replicas: 2
  template:
    metadata: {labels: {app: legacy}}
    spec: {containers: [{name: web, image: nginx:1.27}]}
`;
    assert.equal((await t.kubectl('apply -f -', { input: rc })).code, 0);
    await t.advance(0);
    await runPods(t, 'legacy');
    const get = rows((await t.kubectl('get rc legacy')).stdout);
    assert.deepEqual(get[1]!.slice(0, 4), ['legacy', '2', '2', '2']);
    const describe = (await t.kubectl('describe rc legacy')).stdout;
    assert.match(describe, /Normal\s+SuccessfulCreate\s+\S+\s+replication-controller\s+Created pod: legacy-[bcdfghjklmnpqrstvwxz2456789]{5}/);
  });

  it('deletes the ReplicaSets and pods with their Deployment', async () => {
    assert.equal((await t.kubectl('delete deployment db')).code, 0);
    await t.until(() => podsOf(cluster, 'default', 'db').length === 0, 120_000, 'db pods gone');
    assert.equal((await t.kubectl('get rs -l app=db -o name')).stdout.trim(), '');
  });
});
