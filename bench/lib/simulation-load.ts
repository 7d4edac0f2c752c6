// The simulation benchmark's workload, run inside the sandbox process (bench/sandbox-child.ts):
// each cluster gets a 3-replica Deployment and a 3-replica StatefulSet (issue 3's idle target),
// and `rollout` measures how long a 10-replica Deployment takes, in wall time, to reach what
// `kubectl rollout status` calls success.
import type { Unstructured as KubeObject, StoredObject } from '../../src/apimachinery/object.ts';
import type { Cluster } from '../../src/sandbox/cluster.ts';
import { ADMIN_USER } from '../../src/sandbox/cluster.ts';

const labels = (app: string) => ({ app });

function deployment(name: string, replicas: number, image = 'nginx:1.27'): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels: labels(name) },
    spec: { replicas, selector: { matchLabels: labels(name) }, template: { metadata: { labels: labels(name) }, spec: { containers: [{ name: 'web', image, ports: [{ containerPort: 80 }] }] } } },
  };
}

function statefulSet(name: string, replicas: number): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name, labels: labels(name) },
    spec: { replicas, serviceName: name, selector: { matchLabels: labels(name) }, template: { metadata: { labels: labels(name) }, spec: { containers: [{ name: 'redis', image: 'redis:7.4', ports: [{ containerPort: 6379 }] }] } } },
  };
}

function service(name: string, port: number, headless = false): KubeObject {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { selector: labels(name), ports: [{ port }], ...(headless ? { clusterIP: 'None' } : {}) } };
}

async function create(cluster: Cluster, resource: string, group: string, obj: KubeObject): Promise<void> {
  const def = cluster.resources.byResource(group, resource);
  if (!def) throw new Error(`${resource}.${group} is not served`);
  await cluster.api.create(cluster.context(ADMIN_USER), def, 'default', obj, { fieldManager: 'bench' });
}

function get(cluster: Cluster, resource: string, group: string, name: string): StoredObject | undefined {
  const def = cluster.resources.byResource(group, resource)!;
  try {
    return cluster.api.get(cluster.context(ADMIN_USER), def, 'default', name);
  } catch {
    return undefined;
  }
}

/** The idle workload: a 3-replica Deployment behind a Service, and a 3-replica StatefulSet behind a headless Service. */
export async function deployIdleWorkload(cluster: Cluster): Promise<void> {
  await create(cluster, 'services', '', service('web', 80));
  await create(cluster, 'deployments', 'apps', deployment('web', 3));
  await create(cluster, 'services', '', service('db', 6379, true));
  await create(cluster, 'statefulsets', 'apps', statefulSet('db', 3));
}

interface WorkloadStatus {
  replicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  updatedReplicas?: number;
  observedGeneration?: number;
}

/** kubectl rollout status's success for a Deployment (polymorphichelpers/rollout_status.go). */
export function deploymentRolledOut(obj: StoredObject | undefined): boolean {
  if (!obj) return false;
  const spec = (obj as { spec?: { replicas?: number } }).spec ?? {};
  const st = ((obj as { status?: WorkloadStatus }).status ?? {}) as WorkloadStatus;
  const want = spec.replicas ?? 1;
  return (st.observedGeneration ?? 0) >= (obj.metadata.generation ?? 0) && (st.updatedReplicas ?? 0) >= want && (st.replicas ?? 0) <= (st.updatedReplicas ?? 0) && (st.availableReplicas ?? 0) >= (st.updatedReplicas ?? 0);
}

/** Whether the idle workload of a cluster is up: every replica ready. */
export function idleWorkloadReady(cluster: Cluster): boolean {
  const sts = get(cluster, 'statefulsets', 'apps', 'db') as { status?: WorkloadStatus } | undefined;
  return deploymentRolledOut(get(cluster, 'deployments', 'apps', 'web')) && (sts?.status?.readyReplicas ?? 0) >= 3;
}

/** Creates a 10-replica Deployment and resolves with the wall ms until it is rolled out. */
export async function timeRollout(cluster: Cluster, name: string, timeoutMs = 10_000): Promise<number> {
  const t0 = performance.now();
  return new Promise<number>((resolve, reject) => {
    let done = false;
    const finish = (err?: Error) => {
      if (done) return;
      done = true;
      unsubscribe();
      clearTimeout(timer);
      if (err) reject(err);
      else resolve(performance.now() - t0);
    };
    let queued = false;
    const unsubscribe = cluster.store.observe(() => {
      if (queued) return;
      queued = true;
      queueMicrotask(() => {
        queued = false;
        if (deploymentRolledOut(get(cluster, 'deployments', 'apps', name))) finish();
      });
    });
    const timer = setTimeout(() => finish(new Error(`deployment ${name} not rolled out after ${timeoutMs} ms of wall time`)), timeoutMs);
    create(cluster, 'deployments', 'apps', deployment(name, 10)).catch((e: Error) => finish(e));
  });
}
