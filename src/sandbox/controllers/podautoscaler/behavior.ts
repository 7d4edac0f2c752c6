// How the HPA turns a metric proposal into the replica count it sets (upstream horizontal.go
// normalizeDesiredReplicas[WithBehaviors], stabilizeRecommendation[WithBehaviors],
// convertDesiredReplicasWithBehaviorRate, calculateScale{Up,Down}Limit): stabilization windows
// over recent recommendations, then the scaling policies' rate limits and min/max, each step
// reporting the AbleToScale / ScalingLimited condition it implies. Pure: the per-HPA memory
// (recommendations, scale events) is passed in and returned updated.
import type { v2 } from '../../registry/autoscaling/horizontalpodautoscaler/types.ts';

/** --horizontal-pod-autoscaler-downscale-stabilization. */
export const DOWNSCALE_STABILIZATION_WINDOW_MS = 5 * 60_000;

export interface TimedRecommendation {
  replicas: number;
  at: number;
}

export interface ScaleEvent {
  change: number;
  at: number;
}

/** What the controller remembers about one HPA between syncs. */
export interface HPAMemory {
  recommendations?: TimedRecommendation[];
  scaleUpEvents: ScaleEvent[];
  scaleDownEvents: ScaleEvent[];
}

export interface ConditionUpdate {
  status: 'True' | 'False';
  reason: string;
  message: string;
}

export interface Normalized {
  replicas: number;
  ableToScale: ConditionUpdate;
  scalingLimited: ConditionUpdate;
}

const UP_STABILIZED = { reason: 'ScaleUpStabilized', message: 'recent recommendations were lower than current one, applying the lowest recent recommendation' };
const DOWN_STABILIZED = { reason: 'ScaleDownStabilized', message: 'recent recommendations were higher than current one, applying the highest recent recommendation' };
const READY = { reason: 'ReadyForNewScale', message: 'recommended size matches current size' };
const WITHIN = { reason: 'DesiredWithinRange', message: 'the desired count is within the acceptable range' };
const SCALE_UP_LIMIT = { reason: 'ScaleUpLimit', message: 'the desired replica count is increasing faster than the maximum scale rate' };
const SCALE_DOWN_LIMIT = { reason: 'ScaleDownLimit', message: 'the desired replica count is decreasing faster than the maximum scale rate' };
const TOO_MANY = { reason: 'TooManyReplicas', message: 'the desired replica count is more than the maximum replica count' };
const TOO_FEW = { reason: 'TooFewReplicas', message: 'the desired replica count is less than the minimum replica count' };

function limited(replicas: number, stabilized: number, r: { reason: string; message: string }): ConditionUpdate {
  return { status: replicas === stabilized ? 'False' : 'True', ...r };
}

/** Replaces the oldest obsolete sample, or appends: upstream's bounded recommendation list. */
function remember(list: TimedRecommendation[], replicas: number, now: number, obsoleteBefore: number): TimedRecommendation[] {
  const out = [...list];
  let idx = -1;
  for (let i = out.length - 1; i >= 0 && idx < 0; i--) if (out[i]!.at < obsoleteBefore) idx = i;
  if (idx >= 0) out[idx] = { replicas, at: now };
  else out.push({ replicas, at: now });
  return out;
}

/** normalizeDesiredReplicas: an HPA without spec.behavior. */
export function normalizeWithoutBehavior(mem: HPAMemory, now: number, current: number, desired: number, min: number, max: number): Normalized {
  const cutoff = now - DOWNSCALE_STABILIZATION_WINDOW_MS;
  let stabilized = desired;
  for (const r of mem.recommendations ?? []) if (r.at >= cutoff && r.replicas > stabilized) stabilized = r.replicas;
  mem.recommendations = remember(mem.recommendations ?? [], desired, now, cutoff);
  const ableToScale: ConditionUpdate = { status: 'True', ...(stabilized !== desired ? DOWN_STABILIZED : READY) };
  const scaleUpLimit = Math.max(2 * current, 4);
  const [maxAllowed, maxReason] = max > scaleUpLimit ? [scaleUpLimit, SCALE_UP_LIMIT] : [max, TOO_MANY];
  let replicas = stabilized;
  let why = WITHIN;
  if (stabilized < min) [replicas, why] = [min, TOO_FEW];
  else if (stabilized > maxAllowed) [replicas, why] = [maxAllowed, maxReason];
  return { replicas, ableToScale, scalingLimited: limited(replicas, stabilized, why) };
}

function changeInPeriod(events: readonly ScaleEvent[], periodSeconds: number, now: number): number {
  const cutoff = now - periodSeconds * 1000;
  return events.filter((e) => e.at > cutoff).reduce((n, e) => n + e.change, 0);
}

/** calculateScaleUpLimitWithScalingRules. */
export function scaleUpLimit(current: number, mem: HPAMemory, rules: v2.HPAScalingRules, now: number): number {
  if (rules.selectPolicy === 'Disabled') return current;
  const minChange = rules.selectPolicy === 'Min';
  let result = minChange ? Number.MAX_SAFE_INTEGER : Number.MIN_SAFE_INTEGER;
  for (const p of rules.policies ?? []) {
    const start = current - changeInPeriod(mem.scaleUpEvents, p.periodSeconds, now) + changeInPeriod(mem.scaleDownEvents, p.periodSeconds, now);
    const proposed = p.type === 'Pods' ? start + p.value : Math.ceil(start * (1 + p.value / 100));
    result = minChange ? Math.min(result, proposed) : Math.max(result, proposed);
  }
  return result;
}

/** calculateScaleDownLimitWithBehaviors. */
export function scaleDownLimit(current: number, mem: HPAMemory, rules: v2.HPAScalingRules, now: number): number {
  if (rules.selectPolicy === 'Disabled') return current;
  const minChange = rules.selectPolicy === 'Min';
  let result = minChange ? Number.MIN_SAFE_INTEGER : Number.MAX_SAFE_INTEGER;
  for (const p of rules.policies ?? []) {
    const start = current - changeInPeriod(mem.scaleUpEvents, p.periodSeconds, now) + changeInPeriod(mem.scaleDownEvents, p.periodSeconds, now);
    const proposed = p.type === 'Pods' ? start - p.value : Math.trunc(start * (1 - p.value / 100));
    result = minChange ? Math.max(result, proposed) : Math.min(result, proposed);
  }
  return result;
}

/** normalizeDesiredReplicasWithBehaviors: an HPA with spec.behavior (defaults filled in). */
export function normalizeWithBehavior(mem: HPAMemory, now: number, current: number, desired: number, min: number, max: number, behavior: v2.HorizontalPodAutoscalerBehavior): Normalized {
  const up = behavior.scaleUp ?? {};
  const down = behavior.scaleDown ?? {};
  const upWindow = up.stabilizationWindowSeconds ?? 0;
  const downWindow = down.stabilizationWindowSeconds ?? DOWNSCALE_STABILIZATION_WINDOW_MS / 1000;
  // maybeInitScaleDownStabilizationWindow: a fresh controller does not scale down at once.
  if (!mem.recommendations && downWindow > 0) mem.recommendations = [{ replicas: current, at: now }];
  const scalingUp = desired >= current;
  const windowMs = (scalingUp ? upWindow : downWindow) * 1000;
  const obsoleteBefore = now - Math.max(upWindow, downWindow) * 1000;
  let stabilized = desired;
  for (const r of mem.recommendations ?? []) {
    if (r.at > now - windowMs) stabilized = scalingUp ? Math.min(stabilized, r.replicas) : Math.max(stabilized, r.replicas);
  }
  mem.recommendations = remember(mem.recommendations ?? [], desired, now, obsoleteBefore);
  const ableToScale: ConditionUpdate = { status: 'True', ...(stabilized !== desired ? (scalingUp ? UP_STABILIZED : DOWN_STABILIZED) : READY) };
  let replicas = stabilized;
  let why = WITHIN;
  if (stabilized > current) {
    const limit = Math.max(scaleUpLimit(current, mem, up, now), current);
    const [allowed, reason] = max > limit ? [limit, SCALE_UP_LIMIT] : [max, TOO_MANY];
    if (stabilized > allowed) [replicas, why] = [allowed, reason];
  } else if (stabilized < current) {
    const limit = Math.min(scaleDownLimit(current, mem, down, now), current);
    const [allowed, reason] = min < limit ? [limit, SCALE_DOWN_LIMIT] : [min, TOO_FEW];
    if (stabilized < allowed) [replicas, why] = [allowed, reason];
  }
  return { replicas, ableToScale, scalingLimited: limited(replicas, stabilized, why) };
}

/** storeScaleEvent: remembers a rescale, dropping events older than the longest policy period. */
export function storeScaleEvent(mem: HPAMemory, behavior: v2.HorizontalPodAutoscalerBehavior | undefined, previous: number, next: number, now: number): void {
  if (!behavior) return;
  const longest = (rules: v2.HPAScalingRules | undefined) => Math.max(0, ...(rules?.policies ?? []).map((p) => p.periodSeconds)) * 1000;
  if (next > previous) mem.scaleUpEvents = [...mem.scaleUpEvents.filter((e) => e.at > now - longest(behavior.scaleUp)), { change: next - previous, at: now }];
  else if (next < previous) mem.scaleDownEvents = [...mem.scaleDownEvents.filter((e) => e.at > now - longest(behavior.scaleDown)), { change: previous - next, at: now }];
}
