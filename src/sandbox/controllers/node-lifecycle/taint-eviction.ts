// The taint-eviction controller's decision for one pod (upstream pkg/controller/tainteviction):
// a pod on a node with NoExecute taints is evicted at once when some taint is not tolerated,
// after the shortest tolerationSeconds of the tolerations that match when all are (300 s for
// not-ready/unreachable by DefaultTolerationSeconds), and never when those tolerations set no
// tolerationSeconds.
import type * as corev1 from '../../../generated/k8s/core/v1.ts';
import { toleratesTaint } from '../../scheduler/taints.ts';

export type EvictionPlan = { kind: 'none' } | { kind: 'now' } | { kind: 'after'; ms: number };

export const DISRUPTION_TARGET_TAINT: Omit<corev1.PodCondition, 'lastTransitionTime'> = {
  type: 'DisruptionTarget',
  status: 'True',
  reason: 'DeletionByTaintManager',
  message: 'Taint manager: deleting due to NoExecute taint',
};

export function noExecuteTaints(node: corev1.Node | undefined): corev1.Taint[] {
  return (node?.spec?.taints ?? []).filter((t) => t.effect === 'NoExecute');
}

export function evictionPlan(pod: corev1.Pod, taints: readonly corev1.Taint[]): EvictionPlan {
  if (!taints.length) return { kind: 'none' };
  const tolerations = pod.spec?.tolerations ?? [];
  const used: corev1.Toleration[] = [];
  for (const taint of taints) {
    const matching = tolerations.filter((t) => toleratesTaint(t, taint));
    if (!matching.length) return { kind: 'now' };
    used.push(...matching);
  }
  // getMinTolerationTime: tolerations without tolerationSeconds tolerate forever.
  let min: number | undefined;
  for (const t of used) {
    if (t.tolerationSeconds === undefined || t.tolerationSeconds === null) continue;
    if (t.tolerationSeconds <= 0) return { kind: 'now' };
    if (min === undefined || t.tolerationSeconds < min) min = t.tolerationSeconds;
  }
  return min === undefined ? { kind: 'none' } : { kind: 'after', ms: min * 1000 };
}
