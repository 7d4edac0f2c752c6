// Which cluster changes may make an unschedulable pod schedulable (upstream's ClusterEvents,
// each plugin's EventsToRegister and the node-update comparisons of
// pkg/scheduler/eventhandlers.go), reduced to event kinds. A pod rejected by some plugins is
// retried only after an event one of them registered for; a node's heartbeat (a new
// lastHeartbeatTime) is no such event.
import type * as corev1 from '../../generated/k8s/core/v1.ts';
import type { StoredObject } from '../../apimachinery/object.ts';

export type ClusterEventKind =
  | 'NodeAdd'
  | 'NodeLabel'
  | 'NodeTaint'
  | 'NodeAllocatable'
  | 'NodeSchedulable'
  | 'NodeCondition'
  | 'AssignedPodAdd'
  | 'AssignedPodLabel'
  | 'AssignedPodDelete'
  | 'Storage';

const NODE_ALL: readonly ClusterEventKind[] = ['NodeAdd', 'NodeLabel', 'NodeTaint', 'NodeAllocatable', 'NodeSchedulable', 'NodeCondition'];

/** The events each Filter plugin registers for (what can turn its rejection into a fit). */
export const PLUGIN_EVENTS: Readonly<Record<string, readonly ClusterEventKind[]>> = {
  /** Only an update of the pod itself (removing its gates) helps. */
  SchedulingGates: [],
  NodeUnschedulable: ['NodeAdd', 'NodeSchedulable', 'NodeTaint'],
  NodeName: ['NodeAdd'],
  TaintToleration: ['NodeAdd', 'NodeTaint'],
  NodeAffinity: ['NodeAdd', 'NodeLabel'],
  NodePorts: ['NodeAdd', 'AssignedPodDelete'],
  NodeResourcesFit: ['NodeAdd', 'NodeAllocatable', 'AssignedPodDelete'],
  VolumeRestrictions: ['NodeAdd', 'AssignedPodDelete', 'Storage'],
  VolumeBinding: ['NodeAdd', 'NodeLabel', 'Storage'],
  VolumeZone: ['NodeAdd', 'NodeLabel', 'Storage'],
  PodTopologySpread: ['NodeAdd', 'NodeLabel', 'NodeTaint', 'AssignedPodAdd', 'AssignedPodLabel', 'AssignedPodDelete'],
  InterPodAffinity: ['NodeAdd', 'NodeLabel', 'AssignedPodAdd', 'AssignedPodLabel', 'AssignedPodDelete'],
};

/** Whether an event of `kind` may help a pod rejected by `plugins` (none: no nodes existed). */
export function mayHelp(plugins: readonly string[], kind: ClusterEventKind): boolean {
  if (!plugins.length) return NODE_ALL.includes(kind);
  return plugins.some((p) => (PLUGIN_EVENTS[p] ?? [kind]).includes(kind));
}

const json = (v: unknown): string => JSON.stringify(v ?? null);

function conditionStatuses(n: corev1.Node): string {
  return (n.status?.conditions ?? []).map((c) => `${c.type}=${c.status}`).sort().join(',');
}

/** What changed between two versions of a node, as the scheduler's event handler sees it. */
export function nodeUpdateEvents(prev: corev1.Node, next: corev1.Node): ClusterEventKind[] {
  const out: ClusterEventKind[] = [];
  if (json(prev.metadata?.labels) !== json(next.metadata?.labels)) out.push('NodeLabel');
  if (json(prev.spec?.taints) !== json(next.spec?.taints)) out.push('NodeTaint');
  if (json(prev.status?.allocatable) !== json(next.status?.allocatable)) out.push('NodeAllocatable');
  if (Boolean(prev.spec?.unschedulable) !== Boolean(next.spec?.unschedulable)) out.push('NodeSchedulable');
  if (conditionStatuses(prev) !== conditionStatuses(next)) out.push('NodeCondition');
  return out;
}

const terminal = (p: corev1.Pod | undefined): boolean => p?.status?.phase === 'Succeeded' || p?.status?.phase === 'Failed';

/** The cluster events one store change amounts to. */
export function clusterEvents(resource: string, type: 'ADDED' | 'MODIFIED' | 'DELETED', object: StoredObject, prev?: StoredObject): ClusterEventKind[] {
  switch (resource) {
    case 'nodes':
      if (type === 'ADDED') return ['NodeAdd'];
      if (type === 'MODIFIED' && prev) return nodeUpdateEvents(prev as corev1.Node, object as corev1.Node);
      return [];
    case 'pods': {
      const pod = object as corev1.Pod;
      const before = prev as corev1.Pod | undefined;
      if (type === 'DELETED') return pod.spec?.nodeName ? ['AssignedPodDelete'] : [];
      if (!pod.spec?.nodeName) return [];
      if (type === 'ADDED' || !before?.spec?.nodeName) return ['AssignedPodAdd'];
      const out: ClusterEventKind[] = [];
      if (terminal(pod) && !terminal(before)) out.push('AssignedPodDelete');
      if (json(pod.metadata?.labels) !== json(before.metadata?.labels)) out.push('AssignedPodLabel');
      return out;
    }
    case 'persistentvolumes':
    case 'persistentvolumeclaims':
    case 'storageclasses.storage.k8s.io':
    case 'csinodes.storage.k8s.io':
      return type === 'DELETED' && resource !== 'persistentvolumeclaims' ? [] : ['Storage'];
    default:
      return [];
  }
}
