// The node lifecycle controller's pure decisions (upstream pkg/controller/nodelifecycle):
// - tryUpdateNodeHealth: a node whose kubelet has not been heard from (Lease renewal or node
//   status heartbeat) for nodeMonitorGracePeriod gets its Ready, MemoryPressure, DiskPressure
//   and PIDPressure conditions set to Unknown, reason NodeStatusUnknown;
// - doNoScheduleTaintingPass and processTaintBaseEviction: the node.kubernetes.io/* taints that
//   mirror its conditions and spec.unschedulable (NoSchedule) and its readiness (NoExecute).
import type * as corev1 from '../../../generated/k8s/core/v1.ts';

/** kube-controller-manager's --node-monitor-grace-period default (50 s since 1.32). */
export const NODE_MONITOR_GRACE_PERIOD_MS = 50_000;

export const TAINT_NOT_READY = 'node.kubernetes.io/not-ready';
export const TAINT_UNREACHABLE = 'node.kubernetes.io/unreachable';
export const TAINT_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';

/** Conditions the controller turns Unknown (Ready first, as upstream). */
const MONITORED = ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure'];
export const NODE_STATUS_UNKNOWN_MESSAGE = 'Kubelet stopped posting node status.';

export function rfc3339(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

const parse = (t: string | undefined): number => (t ? Date.parse(t) : NaN);

export function readyCondition(node: corev1.Node): corev1.NodeCondition | undefined {
  return node.status?.conditions?.find((c) => c.type === 'Ready');
}

/**
 * When the kubelet was last heard from: the later of its Lease's renewTime and the Ready
 * condition's lastHeartbeatTime (else the node's creation).
 */
export function lastHeard(node: corev1.Node, lease: { spec?: { renewTime?: string } } | undefined): number {
  const times = [parse(lease?.spec?.renewTime), parse(readyCondition(node)?.lastHeartbeatTime), parse(node.metadata?.creationTimestamp)].filter((t) => !Number.isNaN(t));
  return times.length ? Math.max(...times) : 0;
}

/**
 * The node's conditions once the grace period has run out, or undefined when nothing changes
 * (heard from recently, or already Unknown).
 */
export function unknownConditions(node: corev1.Node, heard: number, now: number, grace = NODE_MONITOR_GRACE_PERIOD_MS): corev1.NodeCondition[] | undefined {
  if (now < heard + grace) return undefined;
  const at = rfc3339(now);
  const conditions = (node.status?.conditions ?? []).map((c) => ({ ...c }));
  let changed = false;
  for (const type of MONITORED) {
    const c = conditions.find((x) => x.type === type);
    if (!c) {
      conditions.push({ type, status: 'Unknown', reason: 'NodeStatusNeverUpdated', message: 'Kubelet never posted node status.', lastHeartbeatTime: node.metadata?.creationTimestamp, lastTransitionTime: at });
      changed = true;
    } else if (c.status !== 'Unknown') {
      Object.assign(c, { status: 'Unknown', reason: 'NodeStatusUnknown', message: NODE_STATUS_UNKNOWN_MESSAGE, lastTransitionTime: at });
      changed = true;
    }
  }
  return changed ? conditions : undefined;
}

/** nodeConditionToTaintKeyStatusMap: condition=status → NoSchedule taint key. */
const CONDITION_TAINTS: ReadonlyArray<[string, string, string]> = [
  ['Ready', 'False', TAINT_NOT_READY],
  ['Ready', 'Unknown', TAINT_UNREACHABLE],
  ['MemoryPressure', 'True', 'node.kubernetes.io/memory-pressure'],
  ['DiskPressure', 'True', 'node.kubernetes.io/disk-pressure'],
  ['NetworkUnavailable', 'True', 'node.kubernetes.io/network-unavailable'],
  ['PIDPressure', 'True', 'node.kubernetes.io/pid-pressure'],
];
const MANAGED_NO_SCHEDULE = new Set([...CONDITION_TAINTS.map(([, , k]) => k), TAINT_UNSCHEDULABLE]);
const MANAGED_NO_EXECUTE = new Set([TAINT_NOT_READY, TAINT_UNREACHABLE]);

const managed = (t: corev1.Taint): boolean => (t.effect === 'NoSchedule' && MANAGED_NO_SCHEDULE.has(t.key)) || (t.effect === 'NoExecute' && MANAGED_NO_EXECUTE.has(t.key));

/**
 * The node's taints as the controller wants them, or undefined when they are right already.
 * Taints it does not manage keep their place; new NoExecute taints (stamped timeAdded) come
 * before new NoSchedule ones, as the order in which upstream's two passes add them.
 */
export function desiredTaints(node: corev1.Node, now: number): corev1.Taint[] | undefined {
  const status = (type: string) => node.status?.conditions?.find((c) => c.type === type)?.status;
  const noSchedule = CONDITION_TAINTS.filter(([type, s]) => status(type) === s).map(([, , key]) => key);
  if (node.spec?.unschedulable) noSchedule.push(TAINT_UNSCHEDULABLE);
  const ready = status('Ready');
  const noExecute = ready === 'False' ? [TAINT_NOT_READY] : ready === 'Unknown' ? [TAINT_UNREACHABLE] : [];
  const current = node.spec?.taints ?? [];
  const want = (t: corev1.Taint) => !managed(t) || (t.effect === 'NoExecute' ? noExecute.includes(t.key) : noSchedule.includes(t.key));
  const kept = current.filter(want);
  const has = (key: string, effect: string) => kept.some((t) => t.key === key && t.effect === effect);
  const added: corev1.Taint[] = [
    ...noExecute.filter((k) => !has(k, 'NoExecute')).map((key) => ({ key, effect: 'NoExecute', timeAdded: rfc3339(now) })),
    ...noSchedule.filter((k) => !has(k, 'NoSchedule')).map((key) => ({ key, effect: 'NoSchedule' })),
  ];
  if (!added.length && kept.length === current.length) return undefined;
  return [...kept, ...added];
}
