// Scenarios a course author would turn into tasks, on the whole live cluster (scheduler, kubelet,
// controllers, network) through the real kubectl, on a VirtualClock: each asserts what kubectl
// prints at the end of the task, as a real cluster would print it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type * as core from '../../src/generated/k8s/core/v1.ts';
import type { Cluster } from '../../src/sandbox/cluster.ts';
import { VirtualClock } from '../../src/sandbox/sim/clock.ts';
import { cleanStderr, startSandbox, type TestCluster } from '../helpers/sandbox.ts';

describe('course scenarios on the live cluster', () => {
  let t: TestCluster;
  let cluster: Cluster;

  before(async () => {
    t = await startSandbox({ clock: new VirtualClock() });
    cluster = [...t.sandbox.clusters.values()][0]!;
  });
  after(() => t.stop());

  const ok = (args: string | string[], input?: string) => t.ok(args, input);
  const pod = (name: string) => cluster.store.get('pods', 'default', name) as (core.Pod & { metadata: { name: string; uid: string } }) | undefined;
  const running = (name: string) => () => !!pod(name)?.status?.containerStatuses?.[0]?.state?.running && pod(name)?.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true;

  it('postgres without POSTGRES_PASSWORD crash-loops and its log says why', async () => {
    await ok('run pg --image=postgres:16');
    await t.until(() => pod('pg')?.status?.containerStatuses?.[0]?.state?.waiting?.reason === 'CrashLoopBackOff', 120_000, 'postgres in CrashLoopBackOff');
    const line = (await ok('get pod pg --no-headers')).trim().split(/\s+/);
    assert.deepEqual(line.slice(1, 3), ['0/1', 'CrashLoopBackOff']);
    const logs = await ok('logs pg');
    assert.match(logs, /Error: Database is uninitialized and superuser password is not specified\./);
    assert.match(logs, /You must specify POSTGRES_PASSWORD to a non-empty value for the\n\s*superuser\./);
    // The fix the task asks for: set the variable; the new pod runs.
    await ok('delete pod pg --now');
    await ok(['run', 'pg', '--image=postgres:16', '--env=POSTGRES_PASSWORD=secret']);
    await t.until(running('pg'), 120_000, 'postgres running');
    // Without a readiness probe the pod is Ready as soon as postgres starts; initdb takes a while.
    await t.advance(30_000);
    assert.match(await ok('logs pg'), /database system is ready to accept connections/);
  });

  it('a file written to a StatefulSet volume survives the pod; an emptyDir does not', async () => {
    await ok(
      'apply -f -',
      `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: store}
spec:
  serviceName: store
  replicas: 1
  selector: {matchLabels: {app: store}}
  template:
    metadata: {labels: {app: store}}
    spec:
      terminationGracePeriodSeconds: 1
      containers:
      - name: box
        image: busybox:1.36
        command: [sh, -c, 'sleep 3600']
        volumeMounts: [{name: data, mountPath: /data}, {name: scratch, mountPath: /scratch}]
      volumes: [{name: scratch, emptyDir: {}}]
  volumeClaimTemplates:
  - metadata: {name: data}
    spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
`,
    );
    await t.until(running('store-0'), 120_000, 'store-0 running');
    assert.match(await ok('get pvc data-store-0 --no-headers'), /^data-store-0\s+Bound\s+pvc-[0-9a-f-]{36}\s+1Gi\s+RWO\s+standard/);
    await ok(['exec', 'store-0', '--', 'sh', '-c', 'echo kept > /data/note; echo lost > /scratch/note']);
    const uid = pod('store-0')!.metadata.uid;
    await ok('delete pod store-0 --wait=false');
    await t.until(() => !!pod('store-0') && pod('store-0')!.metadata.uid !== uid && running('store-0')(), 120_000, 'store-0 recreated');
    assert.equal(await ok(['exec', 'store-0', '--', 'cat', '/data/note']), 'kept\n');
    const gone = await t.kubectl(['exec', 'store-0', '--', 'cat', '/scratch/note']);
    assert.equal(gone.code, 1);
    assert.match(cleanStderr(gone.stderr), /^cat: can't open '\/scratch\/note': No such file or directory\ncommand terminated with exit code 1\n$/);
  });

  it('a Job created from a CronJob runs its pod to Complete and keeps its log', async () => {
    await ok(['create', 'cronjob', 'hello', '--image=busybox:1.36', '--schedule=0 3 * * *', '--', 'sh', '-c', 'echo hello from the cronjob']);
    await ok('create job manual --from=cronjob/hello');
    await t.until(() => (cluster.store.get('jobs.batch', 'default', 'manual') as { status?: { succeeded?: number } } | undefined)?.status?.succeeded === 1, 120_000, 'job complete');
    assert.match(await ok('get job manual --no-headers'), /^manual\s+Complete\s+1\/1\s+\S+\s+\S+/);
    assert.equal(await ok('logs job/manual'), 'hello from the cronjob\n');
  });

  it('a Service reaches only ready pods, and a NetworkPolicy makes a connection time out', async () => {
    await ok('create deployment echo --image=nginx:1.27 --replicas=2');
    await ok('expose deployment echo --port=80');
    await ok(['run', 'client', '--image=busybox:1.36', '--', 'sleep', '3600']);
    await t.until(() => running('client')() && (cluster.store.list('pods', 'default') as core.Pod[]).filter((p) => p.metadata?.labels?.app === 'echo' && p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')).length === 2, 120_000, 'echo and client ready');
    await t.advance(5_000);
    assert.match(await ok(['exec', 'client', '--', 'wget', '-qO-', 'http://echo']), /<title>Welcome to nginx!<\/title>/);
    await ok(
      'apply -f -',
      `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-echo}
spec:
  podSelector: {matchLabels: {app: echo}}
  policyTypes: [Ingress]
`,
    );
    let done: { stdout: string; stderr: string; code: number } | undefined;
    void t.kubectl(['exec', 'client', '--', 'wget', '-q', '-T', '5', '-O-', 'http://echo']).then((r) => (done = r));
    for (let i = 0; i < 200 && !done; i++) {
      await t.advance(1000);
      await new Promise((r) => setTimeout(r, 20));
    }
    assert.ok(done, 'wget ended');
    assert.equal(done.code, 1);
    assert.match(cleanStderr(done.stderr), /wget: download timed out\ncommand terminated with exit code 1\n$/);
  });

  it('keeps events for an hour after their last write, as kube-apiserver does', async () => {
    await ok('create namespace ttl');
    await ok(['run', 'once', '-n', 'ttl', '--image=busybox:1.36', '--restart=Never', '--', 'true']);
    await t.until(() => (cluster.store.get('pods', 'ttl', 'once') as core.Pod | undefined)?.status?.phase === 'Succeeded', 120_000, 'pod done');
    assert.match(await ok('get events -n ttl'), /Started\s+pod\/once\s+Started container once/);
    await t.advance(50 * 60_000);
    assert.match(await ok('get events -n ttl'), /Started container once/);
    await t.advance(20 * 60_000);
    const r = await t.kubectl('get events -n ttl');
    assert.equal(r.stdout, '');
    assert.match(cleanStderr(r.stderr), /No resources found in ttl namespace\./);
  });
});
