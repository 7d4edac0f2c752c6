// Pod status conditions (upstream podutil.UpdatePodCondition): a condition is added or replaced
// by type; lastTransitionTime moves only when the status flips; lastProbeTime stays null (a Go
// zero time) unless the writer sets it.
import type * as core from '../../../../generated/k8s/core/v1.ts';

/** Go's zero metav1.Time, which upstream serializes as `null` (`lastProbeTime: null`). */
const ZERO_TIME = null as unknown as core.PodCondition['lastProbeTime'];

export function rfc3339(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

/** Adds or replaces the condition of the same type; returns whether anything changed. */
export function updatePodCondition(status: core.PodStatus, condition: Omit<core.PodCondition, 'lastTransitionTime'>, now: number): boolean {
  const next: core.PodCondition = { lastProbeTime: ZERO_TIME, ...condition, lastTransitionTime: rfc3339(now) };
  const list = (status.conditions ??= []);
  const i = list.findIndex((c) => c.type === condition.type);
  if (i < 0) {
    list.push(next);
    return true;
  }
  const old = list[i]!;
  if (old.status === next.status) next.lastTransitionTime = old.lastTransitionTime;
  const equal =
    old.status === next.status &&
    (old.reason ?? '') === (next.reason ?? '') &&
    (old.message ?? '') === (next.message ?? '') &&
    (old.lastProbeTime ?? null) === (next.lastProbeTime ?? null) &&
    old.lastTransitionTime === next.lastTransitionTime;
  list[i] = next;
  return !equal;
}
