// HorizontalPodAutoscalers through the real kubectl: TARGETS as CPU usage changes, scale-up with
// the SuccessfulRescale event, the 5-minute scale-down stabilization, and the condition a
// learner sees when the pods have no CPU request. The first suite drives usage through a stand-in
// for the kubelet's metrics (cluster.runtime.pods.usage), with pods made Running by
// test/helpers/pod-status; the last one is upstream's HPA walkthrough on the live cluster
// (php-apache under a busybox wget loop).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { StoredObject } from '../../src/apimachinery/object.ts';
import type { Cluster } from '../../src/sandbox/cluster.ts';
import type { PodRuntime } from '../../src/sandbox/node/runtime.ts';
import type { ResourceUsage } from '../../src/sandbox/node/images/process/types.ts';
import { VirtualClock } from '../../src/sandbox/sim/clock.ts';
import { setPodPhase } from '../helpers/pod-status.ts';
import { startSandbox, type TestCluster } from '../helpers/sandbox.ts';

const deployment = (name: string, replicas: number, requests = '{cpu: 200m}') => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec: {containers: [{name: web, image: registry.k8s.io/hpa-example, resources: {requests: ${requests}}}]}
`;

const hpa = (name: string, min: number, max: number, target = 50) => `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: ${name}}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: ${name}}
  minReplicas: ${min}
  maxReplicas: ${max}
  metrics:
  - type: Resource
    resource: {name: cpu, target: {type: Utilization, averageUtilization: ${target}}}
`;

describe('HorizontalPodAutoscaler with kubectl', () => {
  let t: TestCluster;
  let cluster: Cluster;
  /** CPU millicores each pod of an app uses (per pod, one container). */
  const cpuByApp = new Map<string, number>();

  before(async () => {
    t = await startSandbox({ clock: new VirtualClock(), without: ['kubelet'] });
    cluster = [...t.sandbox.clusters.values()][0]!;
    const usage = (namespace: string, pod: string): Map<string, ResourceUsage> | undefined => {
      const p = cluster.store.get('pods', namespace, pod) as (StoredObject & { status?: { phase?: string } }) | undefined;
      const cpu = cpuByApp.get(p?.metadata.labels?.app ?? '');
      if (!p || p.status?.phase !== 'Running' || cpu === undefined) return undefined;
      return new Map([['web', { cpuMillicores: cpu, memoryBytes: 20 * 1024 * 1024 }]]);
    };
    cluster.runtime.pods = { usage } as unknown as PodRuntime;
  });
  after(() => t.stop());

  /** Plays the kubelet: every scheduled pod of the app that is not Running yet starts. */
  const runPods = async (app: string) => {
    for (const p of cluster.store.list('pods', 'default') as Array<StoredObject & { spec?: { nodeName?: string }; status?: { phase?: string } }>) {
      if (p.metadata.labels?.app === app && p.spec?.nodeName && p.status?.phase !== 'Running' && !p.metadata.deletionTimestamp) await setPodPhase(cluster, 'default', p.metadata.name, 'Running');
    }
  };
  const hpaRow = async (name: string) => (await t.kubectl(`get hpa ${name} --no-headers`)).stdout.trim().split(/\s{2,}/);
  const replicas = async (name: string) => JSON.parse((await t.kubectl(`get deploy ${name} -o json`)).stdout).spec.replicas as number;

  it('shows CPU utilization against the target and scales up, then down after the stabilization window', async () => {
    assert.equal((await t.kubectl('apply -f -', { input: deployment('web', 2) })).code, 0);
    await t.advance(2000);
    await runPods('web');
    cpuByApp.set('web', 150);
    assert.equal((await t.kubectl('apply -f -', { input: hpa('web', 2, 6) })).code, 0);
    // Fresh pods are still initializing: a sample counts once a metrics window (30 s) has passed since they became ready.
    await t.advance(1000);
    assert.deepEqual((await hpaRow('web')).slice(0, 6), ['web', 'Deployment/web', 'cpu: <unknown>/50%', '2', '6', '2']);
    await t.until(async () => (await replicas('web')) === 3, 60_000, 'scaled to 3');
    await t.advance(1000);
    // 150m of a 200m request is 75% against a 50% target: ceil(2 × 75/50) = 3.
    assert.deepEqual((await hpaRow('web')).slice(0, 6), ['web', 'Deployment/web', 'cpu: 75%/50%', '2', '6', '2']);
    const events = (await t.kubectl('get events --field-selector involvedObject.kind=HorizontalPodAutoscaler -o custom-columns=TYPE:.type,REASON:.reason,MESSAGE:.message --no-headers')).stdout;
    assert.match(events, /Normal\s+SuccessfulRescale\s+New size: 3; reason: cpu resource utilization \(percentage of request\) above target/);

    await t.advance(1000);
    await runPods('web');
    await t.advance(16_000);
    assert.equal((await hpaRow('web'))[5], '3');
    const described = (await t.kubectl('describe hpa web')).stdout;
    assert.match(described, /resource cpu on pods\s+\(as a percentage of request\):\s+75% \(150m\) \/ 50%/);
    assert.match(described, /AbleToScale\s+True\s+ReadyForNewScale\s+recommended size matches current size/);
    assert.match(described, /ScalingActive\s+True\s+ValidMetricFound\s+the HPA was able to successfully calculate a replica count from cpu resource utilization \(percentage of request\)/);
    assert.match(described, /ScalingLimited\s+False\s+DesiredWithinRange\s+the desired count is within the acceptable range/);

    // Load drops: 60m of 200m is 30%, which asks for 2 replicas; the HPA waits 5 minutes before scaling down.
    cpuByApp.set('web', 60);
    await t.advance(60_000);
    assert.equal(await replicas('web'), 3);
    assert.match((await t.kubectl('describe hpa web')).stdout, /AbleToScale\s+True\s+ScaleDownStabilized\s+recent recommendations were higher than current one, applying the highest recent recommendation/);
    await t.until(async () => (await replicas('web')) === 2, 6 * 60_000, 'scaled down to 2');
    const after = (await t.kubectl('get events --field-selector involvedObject.kind=HorizontalPodAutoscaler -o custom-columns=MESSAGE:.message --no-headers')).stdout;
    assert.match(after, /New size: 2; reason: All metrics below target/);
  });

  it('reports pods without a CPU request', async () => {
    assert.equal((await t.kubectl('apply -f -', { input: deployment('norequest', 1, '{}') })).code, 0);
    await t.advance(2000);
    await runPods('norequest');
    cpuByApp.set('norequest', 100);
    assert.equal((await t.kubectl('apply -f -', { input: hpa('norequest', 1, 3) })).code, 0);
    await t.advance(60_000);
    assert.equal((await hpaRow('norequest'))[2], 'cpu: <unknown>/50%');
    const described = (await t.kubectl('describe hpa norequest')).stdout;
    assert.match(described, /ScalingActive\s+False\s+FailedGetResourceMetric\s+the HPA was unable to compute the replica count: failed to get cpu utilization: missing request for cpu in container web of Pod norequest-[a-z0-9]+-[a-z0-9]+/);
    assert.match(described, /Warning\s+FailedComputeMetricsReplicas\s+.*invalid metrics \(1 invalid out of 1\), first error is: failed to get cpu utilization: missing request for cpu/);
  });

  it('reports a target that does not exist', async () => {
    assert.equal((await t.kubectl('apply -f -', { input: hpa('ghost', 1, 3) })).code, 0);
    await t.advance(1000);
    const described = (await t.kubectl('describe hpa ghost')).stdout;
    assert.match(described, /AbleToScale\s+False\s+FailedGetScale\s+the HPA controller was unable to get the target's current scale: deployments.apps "ghost" not found/);
  });
});

describe('the HPA walkthrough on the live cluster', () => {
  let t: TestCluster;
  before(async () => {
    t = await startSandbox({ clock: new VirtualClock() });
  });
  after(() => t.stop());

  const phpApache = `apiVersion: apps/v1
kind: Deployment
metadata: {name: php-apache}
spec:
  selector: {matchLabels: {run: php-apache}}
  template:
    metadata: {labels: {run: php-apache}}
    spec:
      containers:
      - name: php-apache
        image: registry.k8s.io/hpa-example
        ports: [{containerPort: 80}]
        resources: {limits: {cpu: 500m}, requests: {cpu: 200m}}
---
apiVersion: v1
kind: Service
metadata: {name: php-apache}
spec:
  ports: [{port: 80}]
  selector: {run: php-apache}
`;
  const replicas = async () => JSON.parse((await t.kubectl('get deploy php-apache -o json')).stdout).spec.replicas as number;
  /** Read straight from the store while waiting: a kubectl per simulated timer would be slow. */
  const stored = () => {
    const cluster = [...t.sandbox.clusters.values()][0]!;
    const deploy = cluster.store.get('deployments.apps', 'default', 'php-apache') as (StoredObject & { spec?: { replicas?: number } }) | undefined;
    const hpa = cluster.store.get('horizontalpodautoscalers.autoscaling', 'default', 'php-apache') as (StoredObject & { status?: { currentMetrics?: Array<{ resource?: { current?: { averageUtilization?: number } } }> } }) | undefined;
    return { replicas: deploy?.spec?.replicas, utilization: hpa?.status?.currentMetrics?.[0]?.resource?.current?.averageUtilization };
  };
  const hpaEvents = async () => (await t.kubectl('get events --field-selector involvedObject.kind=HorizontalPodAutoscaler -o custom-columns=REASON:.reason,MESSAGE:.message --no-headers')).stdout;

  it('scales php-apache up under a load generator and back down once it stops', async () => {
    assert.equal((await t.kubectl('apply -f -', { input: phpApache })).code, 0);
    assert.equal((await t.kubectl('autoscale deployment php-apache --cpu-percent=50 --min=1 --max=4')).code, 0);
    await t.until(() => stored().utilization !== undefined, 3 * 60_000, 'utilization reported');
    assert.match((await t.kubectl('get hpa php-apache')).stdout, /Deployment\/php-apache\s+cpu: 0%\/50%\s+1\s+4\s+1/);

    // 10 requests a second at 20 ms of CPU each: 200m, 100% of one pod's request.
    const load = ['run', 'load-generator', '--image=busybox:1.28', '--restart=Never', '--', '/bin/sh', '-c', 'while sleep 0.1; do wget -q -O- http://php-apache; done'];
    assert.equal((await t.kubectl(load)).code, 0);
    await t.until(() => stored().replicas === 2, 3 * 60_000, 'scaled up to 2');
    assert.match(await hpaEvents(), /SuccessfulRescale\s+New size: 2; reason: cpu resource utilization \(percentage of request\) above target/);

    assert.equal((await t.kubectl('delete pod load-generator --wait=false')).code, 0);
    await t.advance(60_000);
    assert.equal(await replicas(), 2, 'the scale-down waits for the stabilization window');
    await t.until(() => stored().replicas === 1, 6 * 60_000, 'scaled back to 1');
    assert.match(await hpaEvents(), /SuccessfulRescale\s+New size: 1; reason: All metrics below target/);
  });
});
