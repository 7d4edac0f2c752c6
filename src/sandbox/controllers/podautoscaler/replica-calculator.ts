// The HPA's replica calculator for Resource metrics (upstream pkg/controller/podautoscaler/
// replica_calculator.go GetResourceReplicas / GetRawResourceReplicas): group the target's pods
// (ready, unready, missing a metric, ignored), compare usage with the target, leave the count
// alone within the tolerance, and be conservative about pods without a usable sample.
import type * as corev1 from '../../../generated/k8s/core/v1.ts';
import { requestQuantity } from '../../scheduler/resources.ts';

/** --horizontal-pod-autoscaler-cpu-initialization-period and --...-initial-readiness-delay. */
export const CPU_INITIALIZATION_PERIOD_MS = 5 * 60_000;
export const DELAY_OF_INITIAL_READINESS_STATUS_MS = 30_000;
/** The metrics window the kubelet reports usage over (metrics-server: 30 s). */
export const METRICS_WINDOW_MS = 30_000;
export const DEFAULT_TOLERANCE = 0.1;

export interface Tolerances {
  scaleDown: number;
  scaleUp: number;
}

/** A pod with its summed usage of the resource, in milli-units (undefined: no sample). */
export interface PodSample {
  pod: corev1.Pod;
  usageMilli: number | undefined;
}

export type ResourceTarget = { kind: 'utilization'; percent: number } | { kind: 'averageValue'; milli: number };

export type ReplicaResult =
  | { ok: true; replicas: number; /** percent of request, for utilization targets */ utilization?: number; /** average usage in milli-units */ rawMilli: number }
  | { ok: false; error: string };

const milliOf = (resource: string, v: string | undefined): number | undefined => {
  if (v === undefined) return undefined;
  const q = requestQuantity({ [resource]: v }, resource);
  return q === undefined ? undefined : Number(q.milliValue());
};

function readyCondition(pod: corev1.Pod): corev1.PodCondition | undefined {
  return pod.status?.conditions?.find((c) => c.type === 'Ready');
}

interface Groups {
  readyCount: number;
  unready: Set<string>;
  missing: Set<string>;
  metrics: Map<string, number>;
}

/** groupPods. */
function groupPods(samples: readonly PodSample[], resource: string, now: number): Groups {
  const out: Groups = { readyCount: 0, unready: new Set(), missing: new Set(), metrics: new Map() };
  for (const { pod, usageMilli } of samples) {
    const name = pod.metadata?.name ?? '';
    if (pod.metadata?.deletionTimestamp || pod.status?.phase === 'Failed') continue; // ignored
    if (pod.status?.phase === 'Pending') {
      out.unready.add(name);
      continue;
    }
    if (usageMilli === undefined) {
      out.missing.add(name);
      continue;
    }
    if (resource === 'cpu') {
      const cond = readyCondition(pod);
      const start = pod.status?.startTime ? Date.parse(pod.status.startTime) : undefined;
      let unready: boolean;
      if (!cond || start === undefined) unready = true;
      else {
        const transition = cond.lastTransitionTime ? Date.parse(cond.lastTransitionTime) : start;
        if (start + CPU_INITIALIZATION_PERIOD_MS > now) {
          // Still initialising: the sample must be a whole window after the last readiness change.
          unready = cond.status === 'False' || now < transition + METRICS_WINDOW_MS;
        } else {
          // Unready and never ready since start.
          unready = cond.status === 'False' && start + DELAY_OF_INITIAL_READINESS_STATUS_MS > transition;
        }
      }
      if (unready) {
        out.unready.add(name);
        continue;
      }
    }
    out.metrics.set(name, usageMilli);
    out.readyCount++;
  }
  return out;
}

/** calculatePodRequests: every container must request the resource. */
function podRequests(samples: readonly PodSample[], resource: string): Map<string, number> | string {
  const out = new Map<string, number>();
  for (const { pod } of samples) {
    let sum = 0;
    for (const c of pod.spec?.containers ?? []) {
      const m = milliOf(resource, c.resources?.requests?.[resource]);
      if (m === undefined) return `missing request for ${resource} in container ${c.name} of Pod ${pod.metadata?.name ?? ''}`;
      sum += m;
    }
    out.set(pod.metadata?.name ?? '', sum);
  }
  return out;
}

/** GetResourceUtilizationRatio / GetMetricUsageRatio: the ratio, and the value shown in status. */
function usageRatio(metrics: Map<string, number>, requests: Map<string, number>, target: ResourceTarget): { ratio: number; utilization?: number; raw: number } | string {
  let total = 0;
  let requested = 0;
  let n = 0;
  for (const [pod, usage] of metrics) {
    if (target.kind === 'utilization') {
      const req = requests.get(pod);
      if (req === undefined) continue;
      requested += req;
    }
    total += usage;
    n++;
  }
  if (target.kind === 'utilization') {
    if (requested === 0) return 'no metrics returned matched known pods';
    const utilization = Math.trunc((total * 100) / requested);
    return { ratio: utilization / target.percent, utilization, raw: n ? Math.trunc(total / n) : 0 };
  }
  const avg = n ? total / n : 0;
  return { ratio: avg / target.milli, raw: Math.trunc(avg) };
}

const within = (ratio: number, tol: Tolerances): boolean => (ratio < 1 ? 1 - ratio <= tol.scaleDown : ratio - 1 <= tol.scaleUp);

/**
 * The replica count a Resource metric proposes for `currentReplicas`, or the error upstream
 * reports (without the "failed to get <resource> utilization: " prefix).
 */
export function resourceReplicas(
  currentReplicas: number,
  target: ResourceTarget,
  resource: string,
  samples: readonly PodSample[],
  now: number,
  tol: Tolerances = { scaleDown: DEFAULT_TOLERANCE, scaleUp: DEFAULT_TOLERANCE },
): ReplicaResult {
  if (!samples.some((s) => s.usageMilli !== undefined)) return { ok: false, error: `unable to get metrics for resource ${resource}: no metrics returned from resource metrics API` };
  const g = groupPods(samples, resource, now);
  if (g.metrics.size === 0) return { ok: false, error: 'did not receive metrics for targeted pods (pods might be unready)' };
  const requests = target.kind === 'utilization' ? podRequests(samples, resource) : new Map<string, number>();
  if (typeof requests === 'string') return { ok: false, error: requests };
  const first = usageRatio(g.metrics, requests, target);
  if (typeof first === 'string') return { ok: false, error: first };
  const result = (replicas: number): ReplicaResult => ({ ok: true, replicas, utilization: first.utilization, rawMilli: first.raw });
  const scaleUpWithUnready = g.unready.size > 0 && first.ratio > 1;
  if (!scaleUpWithUnready && g.missing.size === 0) {
    if (within(first.ratio, tol)) return result(currentReplicas);
    return result(Math.ceil(first.ratio * g.readyCount));
  }
  // Pods without a usable sample: assume the least helpful usage for the direction of change.
  const metrics = new Map(g.metrics);
  for (const pod of g.missing) {
    const fill = first.ratio < 1 ? (target.kind === 'utilization' ? (requests.get(pod) ?? 0) : target.milli) : 0;
    metrics.set(pod, fill);
  }
  if (scaleUpWithUnready) for (const pod of g.unready) metrics.set(pod, 0);
  const second = usageRatio(metrics, requests, target);
  if (typeof second === 'string') return { ok: false, error: second };
  if (within(second.ratio, tol) || (first.ratio < 1 && second.ratio > 1) || (first.ratio > 1 && second.ratio < 1)) return result(currentReplicas);
  const proposed = Math.ceil(second.ratio * metrics.size);
  if ((second.ratio < 1 && proposed > currentReplicas) || (second.ratio > 1 && proposed < currentReplicas)) return result(currentReplicas);
  return result(proposed);
}
