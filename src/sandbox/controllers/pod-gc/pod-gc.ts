// The pod garbage collector's decisions (upstream pkg/controller/podgc), as a pure function:
// - gcOrphaned: a pod bound to a node that has not existed for the quarantine time (40 s) is
//   marked Failed with DisruptionTarget (DeletionByPodGC) and deleted at once;
// - gcUnscheduledTerminating: a terminating pod that was never scheduled is deleted at once.
// The terminated-pods threshold (12,500 pods by default) cannot be reached by a sandbox cluster
// and is left out, as is gcTerminating (pods on nodes tainted out-of-service).
import type * as corev1 from '../../../generated/k8s/core/v1.ts';

export const QUARANTINE_MS = 40_000;

export const DISRUPTION_TARGET_POD_GC: Omit<corev1.PodCondition, 'lastTransitionTime'> = {
  type: 'DisruptionTarget',
  status: 'True',
  reason: 'DeletionByPodGC',
  message: 'PodGC: node no longer exists',
};

export interface PodGCAction {
  readonly namespace: string;
  readonly name: string;
  readonly uid: string;
  readonly reason: 'orphaned' | 'unscheduledTerminating';
}

export interface PodGCPlan {
  readonly actions: PodGCAction[];
  /** When to look again for orphans still in quarantine. */
  readonly recheckAt?: number;
}

/**
 * `missingSince`: when each absent node was first noticed missing (the caller keeps it, and
 * adds nodes it has not seen before with `now`).
 */
export function planPodGC(pods: readonly corev1.Pod[], nodes: ReadonlySet<string>, missingSince: ReadonlyMap<string, number>, now: number): PodGCPlan {
  const actions: PodGCAction[] = [];
  let recheckAt: number | undefined;
  for (const pod of pods) {
    const ref = { namespace: pod.metadata?.namespace ?? '', name: pod.metadata?.name ?? '', uid: pod.metadata?.uid ?? '' };
    const node = pod.spec?.nodeName;
    if (!node) {
      if (pod.metadata?.deletionTimestamp) actions.push({ ...ref, reason: 'unscheduledTerminating' });
      continue;
    }
    if (nodes.has(node)) continue;
    const since = missingSince.get(node) ?? now;
    if (now >= since + QUARANTINE_MS) actions.push({ ...ref, reason: 'orphaned' });
    else if (recheckAt === undefined || since + QUARANTINE_MS < recheckAt) recheckAt = since + QUARANTINE_MS;
  }
  return recheckAt === undefined ? { actions } : { actions, recheckAt };
}
