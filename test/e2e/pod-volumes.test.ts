// The pod environment through the real kubectl, on a VirtualClock: what a busybox pod prints
// (`kubectl logs`) about its configMap/secret/downwardAPI volumes, env vars, service account
// files and kubelet-managed /etc files, and what a learner sees when a source is missing
// (`kubectl get pod`, `describe`, events). Pods name their node so each scenario depends on the
// kubelet alone.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type * as core from '../../src/generated/k8s/core/v1.ts';
import type { Cluster } from '../../src/sandbox/cluster.ts';
import { VirtualClock } from '../../src/sandbox/sim/clock.ts';
import { startSandbox, type TestCluster } from '../helpers/sandbox.ts';

const NODE = 'kubecamp-worker';

describe('pod volumes and environment (simulated kubelet)', () => {
  let t: TestCluster;
  let cluster: Cluster;

  before(async () => {
    t = await startSandbox({ clock: new VirtualClock() });
    cluster = [...t.sandbox.clusters.values()][0]!;
  });
  after(() => t.stop());

  const ok = (args: string | string[], input?: string) => t.ok(args, input);
  const apply = (obj: Record<string, unknown>) => ok('apply -f -', JSON.stringify(obj));
  const pod = (name: string) => cluster.store.get('pods', 'default', name) as core.Pod | undefined;
  const state = (name: string) => pod(name)?.status?.containerStatuses?.[0]?.state;
  /** Runs a busybox script to completion and returns its log. */
  const run = async (name: string, script: string, spec: Record<string, unknown> = {}, container: Record<string, unknown> = {}) => {
    await apply({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, labels: { app: name } },
      spec: { nodeName: NODE, restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox:1.36', command: ['sh', '-c', script], ...container }], ...spec },
    });
    await t.until(() => !!state(name)?.terminated, 60_000, `${name} finished`);
    return ok(`logs ${name}`);
  };
  const events = async (name: string) => ok(`get events --field-selector involvedObject.name=${name} -o custom-columns=TYPE:.type,REASON:.reason,MESSAGE:.message`);

  it('shows a configMap volume as the ..data layout and its keys as env vars', async () => {
    await ok('create configmap app-config --from-literal=MODE=prod --from-literal=app.conf=color=blue');
    const log = await run(
      'cfg',
      'echo "mode=$MODE"; cat /etc/config/app.conf; echo; ls -la /etc/config',
      { volumes: [{ name: 'config', configMap: { name: 'app-config' } }] },
      { envFrom: [{ configMapRef: { name: 'app-config' } }], volumeMounts: [{ name: 'config', mountPath: '/etc/config' }] },
    );
    assert.match(log, /^mode=prod\ncolor=blue\n/);
    assert.match(log, /\.\.data -> \.\.\d{4}_\d\d_\d\d_\d\d_\d\d_\d\d\.\d+/);
    assert.match(log, /app\.conf -> \.\.data\/app\.conf/);
    assert.match(log, /MODE -> \.\.data\/MODE/);
  });

  it('reports FailedMount for a missing configMap until it is created', async () => {
    await apply({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'waits' },
      spec: {
        nodeName: NODE,
        restartPolicy: 'Never',
        volumes: [{ name: 'cfg', configMap: { name: 'late-config' } }],
        containers: [{ name: 'main', image: 'busybox:1.36', command: ['cat', '/cfg/greeting'], volumeMounts: [{ name: 'cfg', mountPath: '/cfg' }] }],
      },
    });
    await t.advance(5_000);
    assert.match(await ok('get pod waits --no-headers'), /^waits\s+0\/1\s+ContainerCreating\s+0\s/);
    assert.match(await events('waits'), /Warning\s+FailedMount\s+MountVolume\.SetUp failed for volume "cfg" : configmap "late-config" not found/);
    await ok('create configmap late-config --from-literal=greeting=hello');
    await t.until(() => !!state('waits')?.terminated, 5 * 60_000, 'waits finished');
    assert.match(await ok('logs waits'), /^hello\n?$/);
  });

  it('fails the container with CreateContainerConfigError for a missing key', async () => {
    await apply({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'badkey' },
      spec: {
        nodeName: NODE,
        containers: [{ name: 'main', image: 'busybox:1.36', command: ['sleep', '3600'], env: [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'app-config', key: 'missing' } } }] }],
      },
    });
    await t.until(() => state('badkey')?.waiting?.reason === 'CreateContainerConfigError', 60_000, 'config error');
    assert.match(await ok('get pod badkey --no-headers'), /^badkey\s+0\/1\s+CreateContainerConfigError\s+0\s/);
    assert.match(await events('badkey'), /Warning\s+Failed\s+Error: couldn't find key missing in ConfigMap default\/app-config/);
  });

  it('decodes secrets into files and env vars', async () => {
    await ok('create secret generic db --from-literal=password=s3cret');
    const log = await run(
      'sec',
      'echo "env=$DB_PASSWORD"; cat /secrets/password; echo; stat -c %a /secrets/..data/password',
      { volumes: [{ name: 'creds', secret: { secretName: 'db', defaultMode: 0o400 } }] },
      { env: [{ name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } }], volumeMounts: [{ name: 'creds', mountPath: '/secrets', readOnly: true }] },
    );
    assert.match(log, /^env=s3cret\ns3cret\n400\n?$/);
  });

  it('gives the pod its downward API values, service account files and cluster DNS settings', async () => {
    const log = await run(
      'info',
      'echo "$POD_NAME $POD_NS $NODE_NAME $POD_IP"; cat /info/labels; echo; cat /var/run/secrets/kubernetes.io/serviceaccount/namespace; echo; cat /etc/resolv.conf; cat /etc/hostname; grep info /etc/hosts; echo "svc=$KUBERNETES_SERVICE_HOST:$KUBERNETES_SERVICE_PORT"',
      { volumes: [{ name: 'info', downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }] } }] },
      {
        env: [
          { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
          { name: 'POD_NS', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
          { name: 'NODE_NAME', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } },
          { name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
        ],
        volumeMounts: [{ name: 'info', mountPath: '/info' }],
      },
    );
    const ip = pod('info')!.status!.podIP!;
    assert.match(ip, /^10\.244\.1\.\d+$/);
    assert.equal(
      log,
      `info default ${NODE} ${ip}\napp="info"\ndefault\n` +
        'search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n' +
        `info\n${ip}\tinfo\nsvc=10.96.0.1:443\n`,
    );
    assert.match(await ok('get pod info -o wide --no-headers'), new RegExp(`\\s${ip.replace(/\./g, '\\.')}\\s+${NODE}\\s`));
  });

  it('shares an emptyDir between an init container and the main container', async () => {
    const log = await run(
      'shared',
      'cat /work/index.html',
      {
        volumes: [{ name: 'work', emptyDir: {} }],
        initContainers: [{ name: 'prepare', image: 'busybox:1.36', command: ['sh', '-c', 'echo "<h1>hi</h1>" > /work/index.html'], volumeMounts: [{ name: 'work', mountPath: '/work' }] }],
      },
      { volumeMounts: [{ name: 'work', mountPath: '/work' }] },
    );
    assert.equal(log, '<h1>hi</h1>\n');
  });

  it('links Services that exist when the container starts as environment variables', async () => {
    await ok('create service clusterip my-db --tcp=5432:5432');
    const ip = (cluster.store.get('services', 'default', 'my-db') as core.Service).spec!.clusterIP!;
    const log = await run('links', 'echo "$MY_DB_SERVICE_HOST:$MY_DB_SERVICE_PORT $MY_DB_PORT"; echo "url=$DB_URL"', {}, { env: [{ name: 'DB_URL', value: 'postgres://$(MY_DB_SERVICE_HOST):$(MY_DB_SERVICE_PORT)/app' }] });
    assert.equal(log, `${ip}:5432 tcp://${ip}:5432\nurl=postgres://${ip}:5432/app\n`);
    const off = await run('nolinks', 'echo "[$MY_DB_SERVICE_HOST] $KUBERNETES_SERVICE_HOST"', { enableServiceLinks: false });
    assert.equal(off, '[] 10.96.0.1\n');
  });

  it('mounts one configMap key as a file with subPath', async () => {
    await ok('create configmap web-conf --from-literal=site.conf=listen=8080');
    const log = await run(
      'subpath',
      'cat /etc/app/site.conf; echo; ls -l /etc/app',
      { volumes: [{ name: 'conf', configMap: { name: 'web-conf' } }] },
      { volumeMounts: [{ name: 'conf', mountPath: '/etc/app/site.conf', subPath: 'site.conf' }] },
    );
    assert.match(log, /^listen=8080\ntotal \d+\n-rw-r--r-- +1 root +root +11 [^\n]+ site\.conf\n$/, 'a plain file, not a ..data link');
  });

  it('reports a hostPath type mismatch as FailedMount', async () => {
    await apply({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'hostdir' },
      spec: {
        nodeName: NODE,
        volumes: [{ name: 'data', hostPath: { path: '/srv/missing', type: 'Directory' } }],
        containers: [{ name: 'main', image: 'busybox:1.36', command: ['sleep', '3600'], volumeMounts: [{ name: 'data', mountPath: '/data' }] }],
      },
    });
    await t.advance(5_000);
    assert.match(await events('hostdir'), /Warning\s+FailedMount\s+MountVolume\.SetUp failed for volume "data" : hostPath type check failed: \/srv\/missing is not a directory/);
  });
});
