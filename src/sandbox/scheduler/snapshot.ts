// The scheduler's view of one cluster, as plain objects from the store: the input of
// schedulePod. buildClusterState turns it into NodeInfos (the scheduler cache's snapshot) once
// per scheduling attempt.
import type * as appsv1 from '../../generated/k8s/apps/v1.ts';
import type * as corev1 from '../../generated/k8s/core/v1.ts';
import type * as policyv1 from '../../generated/k8s/policy/v1.ts';
import type * as storagev1 from '../../generated/k8s/storage/v1.ts';
import { NodeInfo, type ImageState } from './node-info.ts';
import { newPodInfo, samePod, type PodInfo, type PodInfoCache } from './pod-info.ts';

export interface ClusterSnapshot {
  readonly nodes: readonly corev1.Node[];
  /**
   * The cluster's pods. Pods with spec.nodeName occupy that node; pods without one but with
   * status.nominatedNodeName are nominated there (they reserve room against lower-priority pods).
   * Succeeded and Failed pods are ignored, as the scheduler's informer filters them out.
   */
  readonly pods: readonly corev1.Pod[];
  /** For namespaceSelector in pod (anti-)affinity terms. */
  readonly namespaces?: readonly corev1.Namespace[];
  readonly persistentVolumeClaims?: readonly corev1.PersistentVolumeClaim[];
  readonly persistentVolumes?: readonly corev1.PersistentVolume[];
  readonly storageClasses?: readonly storagev1.StorageClass[];
  /** Services, ReplicaSets, StatefulSets and ReplicationControllers select the default topology spreading of a pod. */
  readonly services?: readonly corev1.Service[];
  readonly replicaSets?: readonly appsv1.ReplicaSet[];
  readonly statefulSets?: readonly appsv1.StatefulSet[];
  readonly replicationControllers?: readonly corev1.ReplicationController[];
  /** Preemption prefers victims whose eviction violates no budget. */
  readonly podDisruptionBudgets?: readonly policyv1.PodDisruptionBudget[];
  /** PodInfos of the (immutable, stored) pods above, kept across attempts; computed afresh without it. */
  readonly podInfos?: PodInfoCache;
}

export interface ClusterState {
  readonly nodes: readonly NodeInfo[];
  readonly nodeByName: ReadonlyMap<string, NodeInfo>;
  /** Pods nominated to each node (other than the pod being scheduled). */
  readonly nominated: ReadonlyMap<string, readonly PodInfo[]>;
  readonly namespaceLabels: ReadonlyMap<string, Readonly<Record<string, string>>>;
  readonly pvcs: ReadonlyMap<string, corev1.PersistentVolumeClaim>;
  readonly pvs: ReadonlyMap<string, corev1.PersistentVolume>;
  readonly storageClasses: ReadonlyMap<string, storagev1.StorageClass>;
  /** PVCs (namespace/name) used by assigned pods anywhere in the cluster. */
  readonly pvcsInUse: ReadonlySet<string>;
  readonly services: readonly corev1.Service[];
  readonly replicaSets: readonly appsv1.ReplicaSet[];
  readonly statefulSets: readonly appsv1.StatefulSet[];
  readonly replicationControllers: readonly corev1.ReplicationController[];
  readonly podDisruptionBudgets: readonly policyv1.PodDisruptionBudget[];
}

const isTerminal = (p: corev1.Pod): boolean => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';

/** imageLocality's normalizedImageName: an image without a tag means :latest. */
export function normalizedImageName(name: string): string {
  return name.lastIndexOf(':') <= name.lastIndexOf('/') ? `${name}:latest` : name;
}

function imageStates(nodes: readonly corev1.Node[]): Map<string, Map<string, ImageState>> {
  const sizes = new Map<string, number>();
  const counts = new Map<string, number>();
  const perNode = new Map<string, Set<string>>();
  for (const node of nodes) {
    const names = new Set<string>();
    for (const img of node.status?.images ?? []) {
      for (const n of img.names ?? []) {
        names.add(n);
        sizes.set(n, img.sizeBytes ?? 0);
      }
    }
    perNode.set(node.metadata?.name ?? '', names);
    for (const n of names) counts.set(n, (counts.get(n) ?? 0) + 1);
  }
  const out = new Map<string, Map<string, ImageState>>();
  for (const [node, names] of perNode) {
    const m = new Map<string, ImageState>();
    for (const n of names) m.set(n, { size: sizes.get(n) ?? 0, numNodes: counts.get(n) ?? 0 });
    out.set(node, m);
  }
  return out;
}

const byKey = <T extends { metadata?: { namespace?: string; name?: string } }>(items: readonly T[] | undefined, namespaced: boolean): Map<string, T> =>
  new Map((items ?? []).map((o) => [namespaced ? `${o.metadata?.namespace ?? ''}/${o.metadata?.name ?? ''}` : (o.metadata?.name ?? ''), o]));

/** The scheduler cache's snapshot for scheduling `incoming` (which is never counted on a node). */
export function buildClusterState(snapshot: ClusterSnapshot, incoming: corev1.Pod): ClusterState {
  const images = imageStates(snapshot.nodes);
  const nodes: NodeInfo[] = [];
  const nodeByName = new Map<string, NodeInfo>();
  for (const node of snapshot.nodes) {
    const ni = new NodeInfo(node);
    ni.imageStates = images.get(ni.name) ?? new Map();
    nodes.push(ni);
    nodeByName.set(ni.name, ni);
  }
  const podInfo = (pod: corev1.Pod, opts: { useStatusResources: boolean }): PodInfo => (snapshot.podInfos ? snapshot.podInfos.get(pod, opts) : newPodInfo(pod, opts));
  const nominated = new Map<string, PodInfo[]>();
  const pvcsInUse = new Set<string>();
  for (const pod of snapshot.pods) {
    if (isTerminal(pod) || samePod(pod, incoming)) continue;
    const nodeName = pod.spec?.nodeName;
    if (nodeName) {
      const ni = nodeByName.get(nodeName);
      if (!ni) continue;
      const pi = podInfo(pod, { useStatusResources: true });
      ni.addPod(pi);
      for (const k of pi.pvcKeys) pvcsInUse.add(k);
    } else if (pod.status?.nominatedNodeName && !pod.metadata?.deletionTimestamp) {
      const list = nominated.get(pod.status.nominatedNodeName) ?? [];
      list.push(podInfo(pod, { useStatusResources: false }));
      nominated.set(pod.status.nominatedNodeName, list);
    }
  }
  return {
    nodes,
    nodeByName,
    nominated,
    namespaceLabels: new Map((snapshot.namespaces ?? []).map((n) => [n.metadata?.name ?? '', n.metadata?.labels ?? {}])),
    pvcs: byKey(snapshot.persistentVolumeClaims, true),
    pvs: byKey(snapshot.persistentVolumes, false),
    storageClasses: byKey(snapshot.storageClasses, false),
    pvcsInUse,
    services: snapshot.services ?? [],
    replicaSets: snapshot.replicaSets ?? [],
    statefulSets: snapshot.statefulSets ?? [],
    replicationControllers: snapshot.replicationControllers ?? [],
    podDisruptionBudgets: snapshot.podDisruptionBudgets ?? [],
  };
}

/**
 * The snapshot after the scheduler "assumes" a pod on a node (as its cache does before binding
 * completes), so that a loop scheduling several pods in a row counts the earlier ones.
 */
export function withAssumedPod(snapshot: ClusterSnapshot, pod: corev1.Pod, nodeName: string): ClusterSnapshot {
  const assumed: corev1.Pod = { ...pod, spec: { ...(pod.spec ?? { containers: [] }), nodeName } };
  return { ...snapshot, pods: [...snapshot.pods.filter((p) => !samePod(p, pod)), assumed] };
}
