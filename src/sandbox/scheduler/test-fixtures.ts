// Builders for scheduler tests: the nodes of a fresh kind-like cluster, pods with requests, and
// helpers that run one plugin's PreFilter/Filter/Score against a snapshot.
import type * as corev1 from '../../generated/k8s/core/v1.ts';
import type * as metav1 from '../../generated/k8s/meta/v1.ts';
import { healthyConditions, nodeTemplates } from '../bootstrap/nodes.ts';
import type { CycleContext, NodeScore, Plugin } from './framework.ts';
import { newPodInfo } from './pod-info.ts';
import { buildClusterState, type ClusterSnapshot } from './snapshot.ts';
import { statusMessage } from './status.ts';

const T0 = '2025-01-01T00:00:00Z';

/** The nodes of a fresh cluster with `count` nodes (control plane tainted when there are workers). */
export function clusterNodes(count = 3): corev1.Node[] {
  return nodeTemplates(count).map((t) => ({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: t.name, labels: { ...t.labels }, annotations: t.annotations, uid: `uid-${t.name}` },
    spec: { ...t.spec, ...(t.spec.taints ? { taints: t.spec.taints.map((x) => ({ ...x })) } : {}) },
    status: { ...t.status, conditions: healthyConditions(T0), nodeInfo: { ...t.status.nodeInfo, bootID: 'b', machineID: 'm', systemUUID: 'u' } },
  }));
}

export interface NodeOptions {
  labels?: Record<string, string>;
  taints?: corev1.Taint[];
  allocatable?: Record<string, string>;
  unschedulable?: boolean;
  images?: corev1.ContainerImage[];
}

export function makeNode(name: string, o: NodeOptions = {}): corev1.Node {
  const allocatable = o.allocatable ?? { cpu: '4', memory: '8Gi', pods: '110', 'ephemeral-storage': '100Gi' };
  return {
    metadata: { name, uid: `uid-${name}`, labels: { 'kubernetes.io/hostname': name, ...(o.labels ?? {}) } },
    spec: { ...(o.taints ? { taints: o.taints } : {}), ...(o.unschedulable ? { unschedulable: true } : {}) },
    status: { allocatable, capacity: allocatable, ...(o.images ? { images: o.images } : {}) },
  };
}

export interface PodOptions {
  namespace?: string;
  labels?: Record<string, string>;
  cpu?: string;
  memory?: string;
  nodeName?: string;
  priority?: number;
  uid?: string;
  startTime?: string;
  ownerReferences?: metav1.OwnerReference[];
  spec?: Partial<corev1.PodSpec>;
  status?: corev1.PodStatus;
  deletionTimestamp?: string;
}

export function makePod(name: string, o: PodOptions = {}): corev1.Pod {
  const requests: Record<string, string> = {};
  if (o.cpu) requests.cpu = o.cpu;
  if (o.memory) requests.memory = o.memory;
  const container: corev1.Container = { name: 'app', image: 'nginx:1.27', ...(Object.keys(requests).length ? { resources: { requests } } : {}) };
  const namespace = o.namespace ?? 'default';
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace,
      uid: o.uid ?? `uid-${namespace}-${name}`,
      ...(o.labels ? { labels: o.labels } : {}),
      ...(o.ownerReferences ? { ownerReferences: o.ownerReferences } : {}),
      ...(o.deletionTimestamp ? { deletionTimestamp: o.deletionTimestamp } : {}),
    },
    spec: {
      containers: [container],
      schedulerName: 'default-scheduler',
      ...(o.nodeName ? { nodeName: o.nodeName } : {}),
      ...(o.priority !== undefined ? { priority: o.priority } : {}),
      ...(o.spec ?? {}),
    },
    status: { phase: o.nodeName ? 'Running' : 'Pending', ...(o.startTime ? { startTime: o.startTime } : {}), ...(o.status ?? {}) },
  };
}

export function context(pod: corev1.Pod, snapshot: ClusterSnapshot): CycleContext {
  return { pod, podInfo: newPodInfo(pod, { useStatusResources: false }), cluster: buildClusterState(snapshot, pod) };
}

/** Runs a plugin's PreFilter and Filter: per node the rejection message, "" when it fits; or the PreFilter outcome. */
export function runFilter(plugin: Plugin, pod: corev1.Pod, snapshot: ClusterSnapshot): Record<string, string> | { skip: true } | { rejected: string } {
  const ctx = context(pod, snapshot);
  const out = plugin.preFilter!(ctx);
  if (out.kind === 'skip') return { skip: true };
  if (out.kind === 'reject') return { rejected: statusMessage(out.status) };
  const result: Record<string, string> = {};
  for (const n of ctx.cluster.nodes) {
    const s = out.state.filter(n);
    result[n.name] = s ? `${s.code === 'Unschedulable' ? '' : '!'}${statusMessage(s)}` : '';
  }
  return result;
}

/** Runs a plugin's PreScore/Score/NormalizeScore over every node: the normalized (unweighted) scores, or null on Skip. */
export function runScore(plugin: Plugin, pod: corev1.Pod, snapshot: ClusterSnapshot): Record<string, number> | null {
  const ctx = context(pod, snapshot);
  const state = plugin.preScore!(ctx, ctx.cluster.nodes);
  if (!state) return null;
  const scores: NodeScore[] = ctx.cluster.nodes.map((n) => ({ name: n.name, score: state.score(n) }));
  state.normalize?.(scores);
  return Object.fromEntries(scores.map((s) => [s.name, s.score]));
}
