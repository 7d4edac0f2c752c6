// The simulated kubelet through the real kubectl, on a VirtualClock: what a learner sees while a
// pod is pulled, started, restarted, probed and deleted (`get pods`, `describe`, `get events`,
// `logs`). Pods name their node (spec.nodeName) so each scenario depends on the kubelet alone.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type * as core from '../../src/generated/k8s/core/v1.ts';
import type { Cluster } from '../../src/sandbox/cluster.ts';
import { apiControllers } from '../../src/sandbox/controllers/index.ts';
import { KubeletController } from '../../src/sandbox/node/kubelet/kubelet-controller.ts';
import { nodePower } from '../../src/sandbox/node/node-power.ts';
import { VirtualClock } from '../../src/sandbox/sim/clock.ts';
import { cleanStderr, startSandbox, type TestCluster } from '../helpers/sandbox.ts';

const NODE = 'kubecamp-worker';

function podYaml(name: string, spec: Record<string, unknown>): string {
  return JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { nodeName: NODE, ...spec } });
}

describe('pod lifecycle (simulated kubelet)', () => {
  let t: TestCluster;
  let cluster: Cluster;

  before(async () => {
    t = await startSandbox({ clock: new VirtualClock() });
    cluster = [...t.sandbox.clusters.values()][0]!;
  });
  after(() => t.stop());

  const ok = (args: string | string[], input?: string) => t.ok(args, input);
  const create = (name: string, spec: Record<string, unknown>) => ok('apply -f -', podYaml(name, spec));
  const pod = (name: string) => cluster.store.get('pods', 'default', name) as (core.Pod & { metadata: { name: string } }) | undefined;
  /** The STATUS column of `kubectl get pod`. */
  const statusOf = async (name: string) => {
    const out = await ok(`get pod ${name} --no-headers`);
    const cols = out.trim().split(/\s+/);
    return { ready: cols[1], status: cols[2], restarts: cols.slice(3, -1).join(' ') };
  };
  const containerStatus = (name: string, container?: string) => {
    const p = pod(name);
    const all = [...(p?.status?.initContainerStatuses ?? []), ...(p?.status?.containerStatuses ?? [])];
    return container ? all.find((c) => c.name === container) : p?.status?.containerStatuses?.[0];
  };
  const events = async (name: string) => ok(`get events --field-selector involvedObject.name=${name} -o custom-columns=TYPE:.type,REASON:.reason,MESSAGE:.message --sort-by=.firstTimestamp`);

  it('runs nginx: ContainerCreating, then Running 1/1 with the pull and start events', async () => {
    await create('web', { containers: [{ name: 'nginx', image: 'nginx:1.27' }] });
    assert.deepEqual(await statusOf('web'), { ready: '0/1', status: 'ContainerCreating', restarts: '0' });
    await t.until(() => !!containerStatus('web')?.state?.running, 30_000, 'nginx running');
    assert.deepEqual(await statusOf('web'), { ready: '1/1', status: 'Running', restarts: '0' });
    const ev = await events('web');
    assert.match(ev, /Normal\s+Pulling\s+Pulling image "nginx:1.27"/);
    assert.match(ev, /Normal\s+Pulled\s+Successfully pulled image "nginx:1.27" in [\d.]+m?s \([\d.]+m?s including waiting\)\. Image size: 72099501 bytes\./);
    assert.match(ev, /Normal\s+Created\s+Created container: nginx/);
    assert.match(ev, /Normal\s+Started\s+Started container nginx/);
    const cs = containerStatus('web')!;
    assert.match(cs.containerID!, /^containerd:\/\/[0-9a-f]{64}$/);
    assert.match(cs.imageID, /^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
    assert.equal(cs.image, 'docker.io/library/nginx:1.27');
    const describe = await ok('describe pod web');
    assert.match(describe, /Status:\s+Running/);
    assert.match(describe, /PodReadyToStartContainers\s+True\s*\n\s+Initialized\s+True\s*\n\s+Ready\s+True\s*\n\s+ContainersReady\s+True\s*\n\s+PodScheduled\s+True/);
    assert.match(await ok('logs web'), /Configuration complete; ready for start up/);
    // The second pod on the node finds the image there.
    await create('web2', { containers: [{ name: 'nginx', image: 'nginx:1.27' }] });
    await t.until(() => !!containerStatus('web2')?.state?.running, 30_000, 'web2 running');
    assert.match(await events('web2'), /Container image "nginx:1.27" already present on machine and can be accessed by the pod/);
  });

  it('restarts a failing container with crash back-off: Error, then CrashLoopBackOff', async () => {
    await create('crash', { containers: [{ name: 'c', image: 'busybox:1.36', command: ['sh', '-c', 'echo boom; exit 1'] }] });
    await t.until(() => containerStatus('crash')?.state?.terminated?.reason === 'Error', 30_000, 'first exit');
    assert.equal((await statusOf('crash')).status, 'Error');
    await t.until(() => containerStatus('crash')?.state?.waiting?.reason === 'CrashLoopBackOff', 30_000, 'crash loop');
    const cs = containerStatus('crash')!;
    assert.equal(cs.restartCount, 1);
    assert.equal(cs.lastState?.terminated?.exitCode, 1);
    const uid = pod('crash')!.metadata!.uid;
    assert.equal(cs.state?.waiting?.message, `back-off 10s restarting failed container=c pod=crash_default(${uid})`);
    const s = await statusOf('crash');
    assert.equal(s.status, 'CrashLoopBackOff');
    assert.match(s.restarts, /^1 \(\d+s ago\)$/);
    // The first pod sync past the 10 s back-off (syncs come every 10-15 s) runs it again; it fails and waits 20 s.
    const waited = await t.until(() => containerStatus('crash')?.restartCount === 2, 30_000, 'second restart');
    assert.ok(waited >= 10_000 && waited <= 16_000, `restarted after ${waited} ms`);
    await t.until(() => containerStatus('crash')?.state?.waiting?.reason === 'CrashLoopBackOff', 30_000, 'crash loop again');
    assert.match(containerStatus('crash')!.state!.waiting!.message!, /^back-off 20s restarting/);
    assert.match(await events('crash'), new RegExp(`Warning\\s+BackOff\\s+Back-off restarting failed container c in pod crash_default\\(${uid}\\)`));
    assert.equal((await ok('logs crash --previous')).trim(), 'boom');
  });

  it('reports a missing tag as ErrImagePull, then ImagePullBackOff', async () => {
    await create('badimg', { containers: [{ name: 'c', image: 'nginx:1.999' }] });
    await t.until(() => containerStatus('badimg')?.state?.waiting?.reason === 'ErrImagePull', 30_000, 'ErrImagePull');
    assert.equal((await statusOf('badimg')).status, 'ErrImagePull');
    await t.until(() => containerStatus('badimg')?.state?.waiting?.reason === 'ImagePullBackOff', 30_000, 'ImagePullBackOff');
    assert.equal((await statusOf('badimg')).status, 'ImagePullBackOff');
    assert.match(containerStatus('badimg')!.state!.waiting!.message!, /^Back-off pulling image "nginx:1.999": ErrImagePull: .*nginx:1.999: not found$/);
    const ev = await events('badimg');
    assert.match(ev, /Warning\s+Failed\s+Failed to pull image "nginx:1.999": .*not found/);
    assert.match(ev, /Warning\s+Failed\s+Error: ErrImagePull/);
    assert.match(ev, /Normal\s+BackOff\s+Back-off pulling image "nginx:1.999"/);
    assert.match(ev, /Warning\s+Failed\s+Error: ImagePullBackOff/);
    const logs = await t.kubectl('logs badimg');
    assert.match(cleanStderr(logs.stderr), /container "c" in pod "badimg" is waiting to start: trying and failing to pull image/);
  });

  it('runs init containers in order: Init:0/2, Init:1/2, then Running', async () => {
    await create('init', {
      initContainers: [
        { name: 'first', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 5'] },
        { name: 'second', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 5'] },
      ],
      containers: [{ name: 'app', image: 'nginx:1.27' }],
    });
    assert.equal((await statusOf('init')).status, 'Init:0/2');
    await t.until(() => !!containerStatus('init', 'first')?.state?.running, 30_000, 'first init running');
    assert.equal(containerStatus('init', 'second')?.state?.waiting?.reason, 'PodInitializing');
    await t.until(() => !!containerStatus('init', 'second')?.state?.running, 30_000, 'second init running');
    assert.equal((await statusOf('init')).status, 'Init:1/2');
    assert.equal(containerStatus('init', 'first')?.state?.terminated?.reason, 'Completed');
    await t.until(() => !!containerStatus('init', 'app')?.state?.running, 30_000, 'app running');
    assert.deepEqual(await statusOf('init'), { ready: '1/1', status: 'Running', restarts: '0' });
  });

  it('shows a failing init container as Init:Error, then Init:CrashLoopBackOff', async () => {
    await create('badinit', { initContainers: [{ name: 'check', image: 'busybox:1.36', command: ['sh', '-c', 'exit 2'] }], containers: [{ name: 'app', image: 'nginx:1.27' }] });
    await t.until(() => containerStatus('badinit', 'check')?.state?.terminated?.exitCode === 2, 30_000, 'init failed');
    assert.equal((await statusOf('badinit')).status, 'Init:Error');
    await t.until(() => containerStatus('badinit', 'check')?.state?.waiting?.reason === 'CrashLoopBackOff', 30_000, 'init crash loop');
    assert.equal((await statusOf('badinit')).status, 'Init:CrashLoopBackOff');
    assert.equal(pod('badinit')?.status?.phase, 'Pending');
    assert.equal(containerStatus('badinit', 'app')?.state?.waiting?.reason, 'PodInitializing');
  });

  it('completes a restartPolicy Never pod: Completed, phase Succeeded', async () => {
    await create('once', { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox:1.36', command: ['sh', '-c', 'echo done'] }] });
    await t.until(() => pod('once')?.status?.phase === 'Succeeded', 30_000, 'succeeded');
    assert.deepEqual(await statusOf('once'), { ready: '0/1', status: 'Completed', restarts: '0' });
    const ready = pod('once')!.status!.conditions!.find((c) => c.type === 'Ready')!;
    assert.equal(ready.reason, 'PodCompleted');
    assert.equal((await ok('logs once')).trim(), 'done');
    await create('oncefail', { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox:1.36', command: ['sh', '-c', 'exit 3'] }] });
    await t.until(() => pod('oncefail')?.status?.phase === 'Failed', 30_000, 'failed');
    assert.equal((await statusOf('oncefail')).status, 'Error');
  });

  it('keeps the demo app 1.1 unready: its /healthz answers 500', async () => {
    await create('demo', { containers: [{ name: 'app', image: 'kubecamp/demo-app:1.1', readinessProbe: { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 5 } }] });
    await t.until(() => !!containerStatus('demo')?.state?.running, 30_000, 'demo running');
    await t.advance(20_000);
    assert.deepEqual(await statusOf('demo'), { ready: '0/1', status: 'Running', restarts: '0' });
    assert.match(await events('demo'), /Warning\s+Unhealthy\s+Readiness probe failed: HTTP probe failed with statuscode: 500/);
    const ready = pod('demo')!.status!.conditions!.find((c) => c.type === 'Ready')!;
    assert.equal(ready.reason, 'ContainersNotReady');
    assert.equal(ready.message, 'containers with unready status: [app]');
    // The same probe on / passes.
    await create('demo-ok', { containers: [{ name: 'app', image: 'kubecamp/demo-app:1.1', readinessProbe: { httpGet: { path: '/', port: 8080 }, periodSeconds: 5 } }] });
    await t.until(() => containerStatus('demo-ok')?.ready === true, 60_000, 'demo-ok ready');
    assert.equal((await statusOf('demo-ok')).ready, '1/1');
  });

  it('restarts a container whose liveness probe fails', async () => {
    await create('live', { containers: [{ name: 'app', image: 'kubecamp/demo-app:1.1', livenessProbe: { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 5, failureThreshold: 3 } }] });
    await t.until(() => containerStatus('live')?.restartCount === 1, 120_000, 'restarted by liveness');
    const ev = await events('live');
    assert.match(ev, /Warning\s+Unhealthy\s+Liveness probe failed: HTTP probe failed with statuscode: 500/);
    assert.match(ev, /Normal\s+Killing\s+Container app failed liveness probe, will be restarted/);
    assert.equal(containerStatus('live')?.lastState?.terminated?.reason, 'Completed');
    await create('live-refused', { containers: [{ name: 'app', image: 'nginx:1.27', livenessProbe: { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 5 } }] });
    await t.until(() => containerStatus('live-refused')?.restartCount === 1, 120_000, 'restarted');
    const ip = pod('live-refused')!.status!.podIP!;
    assert.match(await events('live-refused'), new RegExp(`Liveness probe failed: Get "http://${ip.replace(/\./g, '\\.')}:8080/healthz": dial tcp ${ip.replace(/\./g, '\\.')}:8080: connect: connection refused`));
  });

  it('restarts the docs\' liveness exec example once /tmp/healthy is gone', async () => {
    await create('liveness-exec', {
      containers: [
        {
          name: 'liveness',
          image: 'busybox:1.36',
          args: ['/bin/sh', '-c', 'touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600'],
          livenessProbe: { exec: { command: ['cat', '/tmp/healthy'] }, initialDelaySeconds: 5, periodSeconds: 5 },
        },
      ],
    });
    await t.until(() => !!containerStatus('liveness-exec')?.state?.running, 60_000, 'running');
    await t.advance(25_000);
    assert.doesNotMatch(await events('liveness-exec'), /Unhealthy/);
    await t.until(() => containerStatus('liveness-exec')?.restartCount === 1, 60_000, 'restarted');
    const ev = await events('liveness-exec');
    assert.match(ev, /Warning\s+Unhealthy\s+Liveness probe failed: cat: can't open '\/tmp\/healthy': No such file or directory/);
    assert.match(ev, /Normal\s+Killing\s+Container liveness failed liveness probe, will be restarted/);
    // sh as PID 1 ignores SIGTERM: the kill waits out the grace period, then SIGKILL.
    assert.equal(containerStatus('liveness-exec')?.lastState?.terminated?.exitCode, 137);
  });

  it('holds liveness and readiness until a startup probe passes', async () => {
    await create('slow', {
      containers: [
        {
          name: 'app',
          image: 'busybox:1.36',
          command: ['sh', '-c', 'sleep 20; touch /tmp/started; sleep 3600'],
          startupProbe: { exec: { command: ['cat', '/tmp/started'] }, periodSeconds: 5, failureThreshold: 10 },
          readinessProbe: { exec: { command: ['true'] }, periodSeconds: 5 },
        },
      ],
    });
    await t.until(() => !!containerStatus('slow')?.state?.running, 60_000, 'running');
    assert.equal(containerStatus('slow')?.started, false);
    await t.until(() => containerStatus('slow')?.started === true, 60_000, 'started');
    await t.until(() => containerStatus('slow')?.ready === true, 20_000, 'ready');
    assert.equal(containerStatus('slow')?.restartCount, 0);
    assert.match(await events('slow'), /Warning\s+Unhealthy\s+Startup probe failed: cat: can't open '\/tmp\/started': No such file or directory/);
  });

  it('pulls the fixed image at once after kubectl set image, and restarts a changed container', async () => {
    await create('typo', { containers: [{ name: 'web', image: 'ngnix:1.27' }] });
    await t.until(() => containerStatus('typo')?.state?.waiting?.reason === 'ImagePullBackOff', 60_000, 'back-off');
    await ok('set image pod/typo web=nginx:1.27');
    const took = await t.until(() => !!containerStatus('typo')?.state?.running, 30_000, 'running after the fix');
    assert.ok(took < 6_000, `took ${took} ms`);
    await ok('set image pod/typo web=nginx:1.28');
    await t.until(() => containerStatus('typo')?.image === 'docker.io/library/nginx:1.28', 30_000, 'new image running');
    assert.equal(containerStatus('typo')?.restartCount, 1);
    assert.match(await events('typo'), /Normal\s+Killing\s+Container web definition changed, will be restarted/);
  });

  it('reports the termination message file, or the log tail with FallbackToLogsOnError', async () => {
    await create('msg', { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox:1.36', command: ['sh', '-c', 'echo -n "disk full" > /dev/termination-log; exit 1'] }] });
    await create('msglog', {
      restartPolicy: 'Never',
      containers: [{ name: 'c', image: 'busybox:1.36', command: ['sh', '-c', 'echo starting; echo cannot connect; exit 1'], terminationMessagePolicy: 'FallbackToLogsOnError' }],
    });
    await t.until(() => pod('msg')?.status?.phase === 'Failed' && pod('msglog')?.status?.phase === 'Failed', 30_000, 'both failed');
    assert.equal(containerStatus('msg')?.state?.terminated?.message, 'disk full');
    assert.equal(containerStatus('msglog')?.state?.terminated?.message, 'starting\ncannot connect\n');
    assert.match(await ok('describe pod msg'), /Message:\s+disk full/);
  });

  it('keeps a shell with stdin open running, and completes one without', async () => {
    await create('tty', { containers: [{ name: 'sh', image: 'busybox:1.36', stdin: true, tty: true }] });
    await create('notty', { containers: [{ name: 'sh', image: 'busybox:1.36' }] });
    await t.until(() => !!containerStatus('notty')?.lastState?.terminated, 30_000, 'plain sh exited');
    assert.equal(containerStatus('notty')?.lastState?.terminated?.reason, 'Completed');
    assert.ok(containerStatus('tty')?.state?.running, 'sh waits on its stdin');
  });

  it('kills a container whose postStart hook fails, and runs preStop before stopping', async () => {
    await create('hook', { containers: [{ name: 'c', image: 'nginx:1.27', lifecycle: { postStart: { exec: { command: ['sh', '-c', 'exit 1'] } } } }] });
    await t.until(() => (containerStatus('hook')?.restartCount ?? 0) >= 1, 60_000, 'restarted');
    const uid = pod('hook')!.metadata!.uid;
    const ev = await events('hook');
    assert.match(ev, new RegExp(`Warning\\s+FailedPostStartHook\\s+Exec lifecycle hook \\(\\[sh -c exit 1\\]\\) for Container "c" in Pod "hook_default\\(${uid}\\)" failed - error: command 'sh -c exit 1' exited with 1: , message: ""`));
    assert.match(ev, /Normal\s+Killing\s+FailedPostStartHook/);
    await create('prestop', { containers: [{ name: 'c', image: 'busybox:1.36', command: ['sleep', '3600'], lifecycle: { preStop: { exec: { command: ['sh', '-c', 'exit 3'] } } } }] });
    await t.until(() => !!containerStatus('prestop')?.state?.running, 30_000, 'running');
    await ok('delete pod prestop --wait=false');
    await t.until(() => !pod('prestop'), 40_000, 'deleted');
    assert.match(await ok('get events --field-selector involvedObject.name=prestop'), /FailedPreStopHook\s+pod\/prestop\s+Exec lifecycle hook \(\[sh -c exit 3\]\)/);
  });

  it('is OOMKilled above its memory limit', async () => {
    await create('oom', {
      containers: [{ name: 'stress', image: 'polinux/stress', command: ['stress'], args: ['--vm', '1', '--vm-bytes', '150M', '--vm-hang', '1'], resources: { limits: { memory: '100Mi' } } }],
    });
    await t.until(() => containerStatus('oom')?.state?.terminated?.reason === 'OOMKilled', 30_000, 'OOMKilled');
    assert.equal(containerStatus('oom')?.state?.terminated?.exitCode, 137);
    assert.equal((await statusOf('oom')).status, 'OOMKilled');
  });

  it('runs a sidecar: it starts before the next init container and keeps running', async () => {
    await create('side', {
      initContainers: [
        { name: 'proxy', image: 'busybox:1.36', restartPolicy: 'Always', command: ['sleep', '3600'] },
        { name: 'setup', image: 'busybox:1.36', command: ['sh', '-c', 'echo ready'] },
      ],
      containers: [{ name: 'app', image: 'nginx:1.27' }],
    });
    await t.until(() => !!containerStatus('side', 'app')?.state?.running, 30_000, 'app running');
    assert.deepEqual(await statusOf('side'), { ready: '2/2', status: 'Running', restarts: '0' });
    assert.ok(containerStatus('side', 'proxy')?.state?.running);
    assert.equal(containerStatus('side', 'setup')?.state?.terminated?.reason, 'Completed');
  });

  it('deletes gracefully: busybox sleep waits out 30 s, nginx stops at once', async () => {
    await create('sleeper', { containers: [{ name: 'c', image: 'busybox:1.36', command: ['sleep', '3600'] }] });
    await create('quick', { containers: [{ name: 'nginx', image: 'nginx:1.27' }] });
    await t.until(() => !!containerStatus('sleeper')?.state?.running && !!containerStatus('quick')?.state?.running, 30_000, 'both running');
    await ok('delete pod sleeper quick --wait=false');
    await t.advance(1000);
    assert.equal((await statusOf('sleeper')).status, 'Terminating');
    const quick = await t.until(() => !pod('quick'), 10_000, 'nginx gone');
    assert.ok(quick < 3_000, `nginx took ${quick} ms`);
    const took = await t.until(() => !pod('sleeper'), 40_000, 'sleeper gone');
    assert.ok(took >= 27_000 && took <= 31_000, `sleeper took ${took + 1000} ms`);
    const ev = await ok('get events --field-selector involvedObject.name=sleeper');
    assert.match(ev, /Normal\s+Killing\s+pod\/sleeper\s+Stopping container c/);
  });

  it('waits in CreateContainerConfigError until the ConfigMap exists', async () => {
    await create('cfgerr', { containers: [{ name: 'c', image: 'busybox:1.36', command: ['sleep', '3600'], env: [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'settings', key: 'x' } } }] }] });
    await t.until(() => containerStatus('cfgerr')?.state?.waiting?.reason === 'CreateContainerConfigError', 30_000, 'config error');
    assert.equal((await statusOf('cfgerr')).status, 'CreateContainerConfigError');
    assert.equal(containerStatus('cfgerr')?.state?.waiting?.message, 'configmap "settings" not found');
    assert.match(await events('cfgerr'), /Warning\s+Failed\s+Error: configmap "settings" not found/);
    await ok('create configmap settings --from-literal=x=42');
    await t.until(() => !!containerStatus('cfgerr')?.state?.running, 5_000, 'running once the ConfigMap exists');
    assert.equal((await ok('exec cfgerr -- printenv X')).trim(), '42');
  });

  it('stays ContainerCreating with FailedMount until the volume\'s ConfigMap exists', async () => {
    await create('mount', { containers: [{ name: 'c', image: 'nginx:1.27', volumeMounts: [{ name: 'cfg', mountPath: '/cfg' }] }], volumes: [{ name: 'cfg', configMap: { name: 'web-config' } }] });
    await t.advance(10_000);
    assert.equal((await statusOf('mount')).status, 'ContainerCreating');
    assert.match(await events('mount'), /Warning\s+FailedMount\s+MountVolume.SetUp failed for volume "cfg" : configmap "web-config" not found/);
    assert.equal(pod('mount')!.status!.conditions!.find((c) => c.type === 'PodReadyToStartContainers')?.status, 'False');
    await ok('create configmap web-config --from-literal=index.html=hello');
    await t.until(() => !!containerStatus('mount')?.state?.running, 30_000, 'running once mounted');
    assert.equal(await ok('exec mount -- cat /cfg/index.html'), 'hello');
  });

  it('reports a missing executable as StartError (exit code 128) and backs off', async () => {
    await create('noexec', { containers: [{ name: 'c', image: 'nginx:1.27', command: ['nonexistent'] }] });
    await t.until(() => containerStatus('noexec')?.state?.waiting?.reason === 'CrashLoopBackOff', 30_000, 'crash loop');
    const last = containerStatus('noexec')!.lastState!.terminated!;
    assert.equal(last.reason, 'StartError');
    assert.equal(last.exitCode, 128);
    assert.match(last.message!, /exec: "nonexistent": executable file not found in \$PATH: unknown$/);
    assert.match(await events('noexec'), /Warning\s+Failed\s+Error: failed to create containerd task: .*executable file not found in \$PATH/);
  });

  it('does nothing for a pod while its node is stopped, and catches up once it starts', async () => {
    await create('down', { nodeName: 'kubecamp-worker2', containers: [{ name: 'nginx', image: 'nginx:1.27' }] });
    await t.until(() => !!containerStatus('down')?.state?.running, 30_000, 'running');
    nodePower(cluster).set('kubecamp-worker2', true);
    try {
      await ok('delete pod down --wait=false');
      await t.advance(20_000);
      assert.equal((await statusOf('down')).status, 'Terminating', 'nobody stops it while the kubelet is down');
      assert.doesNotMatch(await events('down'), /Killing/);
    } finally {
      nodePower(cluster).set('kubecamp-worker2', false);
    }
    await t.until(() => !pod('down'), 10_000, 'deleted once the kubelet is back');
  });

  it('refuses logs of a container that has not started, and --previous without a restart', async () => {
    await create('slowpull', { containers: [{ name: 'db', image: 'postgres:17' }] });
    const r = await t.kubectl('logs slowpull');
    assert.equal(cleanStderr(r.stderr).trim(), 'Error from server (BadRequest): container "db" in pod "slowpull" is waiting to start: ContainerCreating');
    const p = await t.kubectl('logs web --previous');
    assert.equal(cleanStderr(p.stderr).trim(), 'Error from server (BadRequest): previous terminated container "nginx" in pod "web" not found');
  });
});

describe('an idle kubelet', () => {
  it('holds no timer for a running pod without probes, and frees its logs with the pod', async () => {
    const clock = new VirtualClock();
    // Without the event TTL's sweep (a timer of the API server, not of the kubelet).
    const t = await startSandbox({ clock, components: { controllers: () => [...apiControllers().filter((c) => c.name !== 'event-ttl'), new KubeletController()] } });
    try {
      const cluster = [...t.sandbox.clusters.values()][0]!;
      await t.kubectl('apply -f -', { input: podYaml('idle', { containers: [{ name: 'nginx', image: 'nginx:1.27' }] }) });
      await t.until(() => !!(cluster.store.get('pods', 'default', 'idle') as core.Pod | undefined)?.status?.containerStatuses?.[0]?.state?.running, 30_000, 'running');
      await t.advance(5_000);
      assert.equal(clock.nextIn(), undefined, 'no timer pending');
      assert.ok(!('refused' in cluster.runtime.pods!.logs('default', 'idle', 'nginx', {})));
      await t.kubectl('delete pod idle --wait=false');
      await t.until(() => !cluster.store.get('pods', 'default', 'idle'), 10_000, 'deleted');
      assert.ok('refused' in cluster.runtime.pods!.logs('default', 'idle', 'nginx', {}));
    } finally {
      await t.stop();
    }
  });
});
