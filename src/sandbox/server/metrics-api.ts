// metrics.k8s.io/v1beta1 as metrics-server serves it: NodeMetrics and PodMetrics, get and list,
// with usage in metrics-server's quantities (cpu in nanocores canonicalised: `1234567n`, `12m`;
// memory in binary units: `34Mi`, `35012Ki`), a timestamp and a 30 s window. Values come from the
// kubelet side (PodRuntime.usage); a node's usage is the sum of its pods plus a fixed system
// overhead. Pods that do not run (or a cluster without a kubelet) have no metrics, as a
// metrics-server that cannot scrape them: `podmetrics.metrics.k8s.io "default/web" not found`.
import type { ServerResponse } from 'node:http';
import { badRequest, methodNotSupported, notFound } from '../../apimachinery/errors.ts';
import type { KubeObject, StoredObject } from '../../apimachinery/object.ts';
import { Quantity } from '../../apimachinery/quantity.ts';
import type { Cluster } from '../cluster.ts';
import { SYSTEM_USER } from '../cluster.ts';
import type { ResourceUsage } from '../node/images/process/types.ts';
import type { ResourceDef, ResourceLookup, Verb } from '../registry/types.ts';
import { listOptionsOf } from './api-handler.ts';
import type { ResourceRequestInfo } from './request-info.ts';
import type * as core from '../../generated/k8s/core/v1.ts';

export const METRICS_GROUP = 'metrics.k8s.io';
export const METRICS_VERSION = 'v1beta1';
const API_VERSION = `${METRICS_GROUP}/${METRICS_VERSION}`;
/** The averaging window metrics-server reports. */
export const METRICS_WINDOW_MS = 30_000;
/** What a node's own daemons (kubelet, container runtime, system services) use beyond its pods. */
export const NODE_SYSTEM_OVERHEAD: ResourceUsage = { cpuMillicores: 55, memoryBytes: 620 * 1024 * 1024 };

const READ_ONLY: readonly Verb[] = ['get', 'list'];

function metricsDef(kind: string, resource: string, namespaced: boolean): ResourceDef {
  return {
    group: METRICS_GROUP,
    version: METRICS_VERSION,
    kind,
    listKind: `${kind}List`,
    resource,
    singular: '',
    namespaced,
    shortNames: [],
    categories: [],
    verbs: READ_ONLY,
    strategy: {},
    schema: () => {
      throw new Error(`${kind} is served by the metrics API, not stored`);
    },
  };
}

/** The metrics resources as discovery lists them. */
export const metricsResources: readonly ResourceDef[] = [metricsDef('NodeMetrics', 'nodes', false), metricsDef('PodMetrics', 'pods', true)];

/** The cluster's resources plus the metrics API, for discovery documents. */
export function withMetricsAPI(lookup: ResourceLookup): ResourceLookup {
  return {
    byResource: (group, resource) => lookup.byResource(group, resource) ?? metricsResources.find((d) => d.group === group && d.resource === resource),
    byKind: (group, kind) => lookup.byKind(group, kind) ?? metricsResources.find((d) => d.group === group && d.kind === kind),
    all: () => [...lookup.all(), ...metricsResources],
  };
}

/** metrics-server's CPU: nanocores as a canonical quantity (`1234567n`, `12m`, `2`). */
export function cpuQuantity(millicores: number): string {
  return Quantity.parse(`${Math.max(0, Math.round(millicores * 1e6))}n`).toString();
}

/** metrics-server's memory: bytes in binary units (`34Mi`, `35012Ki`). */
export function memoryQuantity(bytes: number): string {
  return Quantity.fromInt(Math.max(0, Math.round(bytes)), 'BinarySI').toString();
}

function usageOf(u: ResourceUsage): { cpu: string; memory: string } {
  return { cpu: cpuQuantity(u.cpuMillicores), memory: memoryQuantity(u.memoryBytes) };
}

function timestamp(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

function windowText(ms: number): string {
  return `${ms / 1000}s`;
}

type Pod = core.Pod & StoredObject;
type Node = core.Node & StoredObject;

/** One pod's PodMetrics, or undefined when it has none (not running, no kubelet). */
export function podMetrics(cluster: Cluster, pod: Pod, now: number): KubeObject | undefined {
  const usage = pod.status?.phase === 'Running' ? cluster.runtime.pods?.usage(pod.metadata.namespace ?? '', pod.metadata.name, METRICS_WINDOW_MS) : undefined;
  if (!usage) return undefined;
  const order = (pod.spec?.containers ?? []).map((c) => c.name);
  const containers = [...usage.entries()]
    .sort(([a], [b]) => (order.indexOf(a) + 1 || Infinity) - (order.indexOf(b) + 1 || Infinity))
    .map(([name, u]) => ({ name, usage: usageOf(u) }));
  return {
    kind: 'PodMetrics',
    apiVersion: API_VERSION,
    metadata: { name: pod.metadata.name, namespace: pod.metadata.namespace, creationTimestamp: timestamp(now), ...(pod.metadata.labels ? { labels: pod.metadata.labels } : {}) },
    timestamp: timestamp(now),
    window: windowText(METRICS_WINDOW_MS),
    containers,
  } as KubeObject;
}

/** Sum of the node's running pods plus the system overhead; undefined without a kubelet. */
export function nodeUsage(cluster: Cluster, node: Node, pods: readonly Pod[]): ResourceUsage | undefined {
  const runtime = cluster.runtime.pods;
  if (!runtime) return undefined;
  const total = { ...NODE_SYSTEM_OVERHEAD };
  for (const p of pods) {
    if (p.spec?.nodeName !== node.metadata.name || p.status?.phase !== 'Running') continue;
    for (const u of runtime.usage(p.metadata.namespace ?? '', p.metadata.name, METRICS_WINDOW_MS)?.values() ?? []) {
      total.cpuMillicores += u.cpuMillicores;
      total.memoryBytes += u.memoryBytes;
    }
  }
  return total;
}

function nodeMetrics(cluster: Cluster, node: Node, pods: readonly Pod[], now: number): KubeObject | undefined {
  const ready = node.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
  const usage = ready ? nodeUsage(cluster, node, pods) : undefined;
  if (!usage) return undefined;
  return {
    kind: 'NodeMetrics',
    apiVersion: API_VERSION,
    metadata: { name: node.metadata.name, creationTimestamp: timestamp(now), ...(node.metadata.labels ? { labels: node.metadata.labels } : {}) },
    timestamp: timestamp(now),
    window: windowText(METRICS_WINDOW_MS),
    usage: usageOf(usage),
  } as KubeObject;
}

function sendJSON(res: ServerResponse, body: unknown): void {
  res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private' });
  res.end(JSON.stringify(body));
}

/** Serves a resource request in the metrics.k8s.io group. */
export function serveMetrics(cluster: Cluster, info: ResourceRequestInfo, query: URLSearchParams, res: ServerResponse): void {
  const def = metricsResources.find((d) => d.resource === info.resource);
  if (info.apiVersion !== METRICS_VERSION || !def || info.subresource) throw notFound({ group: METRICS_GROUP, resource: info.resource }, info.name);
  if (info.verb !== 'get' && info.verb !== 'list') throw methodNotSupported({ group: METRICS_GROUP, resource: def.resource }, info.verb);
  const ctx = cluster.context(SYSTEM_USER);
  const now = cluster.clock.now();
  const podsDef = cluster.resources.byResource('', 'pods')!;
  const nodesDef = cluster.resources.byResource('', 'nodes')!;
  const listOpts = listOptionsOf(query, def.resource === 'pods' ? podsDef : nodesDef);
  if (listOpts.limit !== undefined || listOpts.continue) {
    listOpts.limit = undefined;
    listOpts.continue = undefined;
  }
  const ns = def.namespaced ? info.namespace || undefined : undefined;

  if (def.resource === 'pods') {
    if (info.verb === 'get') {
      if (!ns) throw badRequest('the server could not find the requested resource');
      const pod = cluster.store.get(`pods`, ns, info.name) as Pod | undefined;
      const m = pod && podMetrics(cluster, pod, now);
      if (!m) throw notFound({ group: METRICS_GROUP, resource: 'podmetrics' }, `${ns}/${info.name}`);
      return sendJSON(res, m);
    }
    const pods = cluster.api.list(ctx, podsDef, ns, listOpts).items as Pod[];
    const items = pods.map((p) => podMetrics(cluster, p, now)).filter((m): m is KubeObject => m !== undefined);
    return sendJSON(res, { kind: 'PodMetricsList', apiVersion: API_VERSION, metadata: {}, items });
  }
  const allPods = cluster.store.list('pods') as Pod[];
  if (info.verb === 'get') {
    const node = cluster.store.get('nodes', undefined, info.name) as Node | undefined;
    const m = node && nodeMetrics(cluster, node, allPods, now);
    if (!m) throw notFound({ group: METRICS_GROUP, resource: 'nodemetrics' }, info.name);
    return sendJSON(res, m);
  }
  const nodes = cluster.api.list(ctx, nodesDef, undefined, listOpts).items as Node[];
  const items = nodes.map((n) => nodeMetrics(cluster, n, allPods, now)).filter((m): m is KubeObject => m !== undefined);
  return sendJSON(res, { kind: 'NodeMetricsList', apiVersion: API_VERSION, metadata: {}, items });
}
