// One HPA sync as a pure function (upstream horizontal.go reconcileAutoscaler): from the HPA,
// its target's scale, the target's pods with their usage and the controller's memory of this
// HPA, compute the new status (conditions with upstream reasons and messages, current metrics),
// whether to rescale, and the events to record.
import { Quantity } from '../../../apimachinery/quantity.ts';
import type * as corev1 from '../../../generated/k8s/core/v1.ts';
import type { v2 } from '../../registry/autoscaling/horizontalpodautoscaler/types.ts';
import { type ConditionUpdate, type HPAMemory, normalizeWithBehavior, normalizeWithoutBehavior, storeScaleEvent } from './behavior.ts';
import { DEFAULT_TOLERANCE, resourceReplicas, type PodSample, type ResourceTarget } from './replica-calculator.ts';

/** The scale subresource of the target, or why it could not be read. */
export type TargetScale = { ok: true; replicas: number; hasSelector: boolean } | { ok: false; error: string };

export interface PodUsage {
  pod: corev1.Pod;
  /** Summed over the pod's containers; undefined when the pod has no metrics. */
  usage?: { cpuMillicores: number; memoryBytes: number };
}

export interface HPAEvent {
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
}

export interface SyncResult {
  status: v2.HorizontalPodAutoscalerStatus;
  rescale?: { replicas: number; reason: string };
  events: HPAEvent[];
}

const rfc3339 = (ms: number) => `${new Date(ms).toISOString().slice(0, 19)}Z`;

function setCondition(conditions: v2.HorizontalPodAutoscalerCondition[], type: string, c: ConditionUpdate, now: number): void {
  const existing = conditions.find((x) => x.type === type);
  if (!existing) {
    conditions.push({ type, status: c.status, lastTransitionTime: rfc3339(now), reason: c.reason, message: c.message });
    return;
  }
  if (existing.status !== c.status) existing.lastTransitionTime = rfc3339(now);
  existing.status = c.status;
  existing.reason = c.reason;
  existing.message = c.message;
}

interface MetricOutcome {
  replicas?: number;
  name?: string;
  status?: v2.MetricStatus;
  error?: { reason: string; message: string };
}

function resourceMetric(spec: v2.ResourceMetricSource, current: number, pods: readonly PodUsage[], now: number, tolerance: { scaleUp: number; scaleDown: number }): MetricOutcome {
  const name = spec.name;
  const samples: PodSample[] = pods.map(({ pod, usage }) => ({
    pod,
    usageMilli: usage === undefined ? undefined : name === 'cpu' ? usage.cpuMillicores : name === 'memory' ? usage.memoryBytes * 1000 : undefined,
  }));
  const t = spec.target;
  let target: ResourceTarget;
  if (t.type === 'Utilization' && t.averageUtilization !== undefined) target = { kind: 'utilization', percent: t.averageUtilization };
  else if (t.averageValue !== undefined) target = { kind: 'averageValue', milli: Number(Quantity.parse(t.averageValue).milliValue()) };
  else return { error: { reason: 'FailedGetResourceMetric', message: `invalid resource metric source: neither a utilization target nor a value target was set` } };
  const r = resourceReplicas(current, target, name, samples, now, tolerance);
  const what = target.kind === 'utilization' ? 'utilization' : 'usage';
  if (!r.ok) return { error: { reason: 'FailedGetResourceMetric', message: `failed to get ${name} ${what}: ${r.error}` } };
  const averageValue = Quantity.fromMilli(r.rawMilli).toString();
  return {
    replicas: r.replicas,
    name: target.kind === 'utilization' ? `${name} resource utilization (percentage of request)` : `${name} resource`,
    status: {
      type: 'Resource',
      resource: { name, current: target.kind === 'utilization' ? { averageUtilization: r.utilization, averageValue } : { averageValue } },
    },
  };
}

/** Metric sources that need a custom or external metrics API, which the sandbox does not serve. */
function unservedMetric(spec: v2.MetricSpec, namespace: string): MetricOutcome {
  const custom = 'unable to fetch metrics from custom metrics API: no custom metrics API (custom.metrics.k8s.io) registered';
  switch (spec.type) {
    case 'Pods':
      return { error: { reason: 'FailedGetPodsMetric', message: `unable to get metric ${spec.pods?.metric.name ?? ''}: ${custom}` } };
    case 'Object':
      return { error: { reason: 'FailedGetObjectMetric', message: `unable to get metric ${spec.object?.metric.name ?? ''}: ${spec.object?.describedObject.kind ?? ''} on ${namespace} ${spec.object?.describedObject.name ?? ''}/${custom}` } };
    case 'External':
      return { error: { reason: 'FailedGetExternalMetric', message: `unable to get external metric ${namespace}/${spec.external?.metric.name ?? ''}/nil: unable to fetch metrics from external metrics API: no external metrics API (external.metrics.k8s.io) registered` } };
    case 'ContainerResource':
      return { error: { reason: 'FailedGetContainerResourceMetric', message: `failed to get ${spec.containerResource?.name ?? ''} container metric value: container metrics are not served by the sandbox` } };
    default:
      return { error: { reason: 'InvalidMetricSourceType', message: `unknown metric source type "${spec.type}"` } };
  }
}

/** reconcileAutoscaler. `mem` is updated in place (recommendations, scale events). */
export function reconcileHPA(hpa: v2.HorizontalPodAutoscaler, scale: TargetScale, pods: readonly PodUsage[], mem: HPAMemory, now: number): SyncResult {
  const spec = hpa.spec!;
  const prev = hpa.status ?? { desiredReplicas: 0 };
  const conditions = (prev.conditions ?? []).map((c) => ({ ...c }));
  const events: HPAEvent[] = [];
  if (!scale.ok) {
    events.push({ type: 'Warning', reason: 'FailedGetScale', message: scale.error });
    setCondition(conditions, 'AbleToScale', { status: 'False', reason: 'FailedGetScale', message: `the HPA controller was unable to get the target's current scale: ${scale.error}` }, now);
    return { status: { ...prev, conditions }, events };
  }
  const current = scale.replicas;
  setCondition(conditions, 'AbleToScale', { status: 'True', reason: 'SucceededGetScale', message: "the HPA controller was able to get the target's current scale" }, now);
  const min = spec.minReplicas ?? 1;
  const max = spec.maxReplicas;
  let desired = 0;
  let reason = '';
  let rescale = true;
  let metricStatuses: v2.MetricStatus[] | undefined;
  if (current === 0 && min !== 0) {
    rescale = false;
    setCondition(conditions, 'ScalingActive', { status: 'False', reason: 'ScalingDisabled', message: 'scaling is disabled since the replica count of the target is zero' }, now);
  } else if (current > max) {
    reason = 'Current number of replicas above Spec.MaxReplicas';
    desired = max;
  } else if (current < min) {
    reason = 'Current number of replicas below Spec.MinReplicas';
    desired = min;
  } else {
    if (!scale.hasSelector) {
      events.push({ type: 'Warning', reason: 'SelectorRequired', message: 'selector is required' });
      setCondition(conditions, 'ScalingActive', { status: 'False', reason: 'InvalidSelector', message: "the HPA target's scale is missing a selector" }, now);
      return { status: { ...prev, currentReplicas: current, conditions }, events };
    }
    // computeReplicasForMetrics: the largest proposal wins; invalid metrics are counted.
    const metrics = spec.metrics ?? [];
    const down = spec.behavior?.scaleDown?.tolerance;
    const up = spec.behavior?.scaleUp?.tolerance;
    const tolerance = { scaleDown: down !== undefined ? Number(down) : DEFAULT_TOLERANCE, scaleUp: up !== undefined ? Number(up) : DEFAULT_TOLERANCE };
    let proposal = -1;
    let proposalName = '';
    let invalid = 0;
    let firstError: MetricOutcome['error'];
    metricStatuses = metrics.map((m) => {
      const outcome = m.type === 'Resource' && m.resource ? resourceMetric(m.resource, current, pods, now, tolerance) : unservedMetric(m, hpa.metadata?.namespace ?? '');
      if (outcome.error) {
        invalid++;
        firstError ??= outcome.error;
        events.push({ type: 'Warning', reason: outcome.error.reason, message: outcome.error.message });
        return { type: '' } as unknown as v2.MetricStatus;
      }
      if (outcome.replicas! > proposal) {
        proposal = outcome.replicas!;
        proposalName = outcome.name!;
      }
      return outcome.status!;
    });
    if (firstError && (invalid >= metrics.length || proposal < current)) {
      setCondition(conditions, 'ScalingActive', { status: 'False', reason: firstError.reason, message: `the HPA was unable to compute the replica count: ${firstError.message}` }, now);
      events.push({ type: 'Warning', reason: 'FailedComputeMetricsReplicas', message: `invalid metrics (${invalid} invalid out of ${metrics.length}), first error is: ${firstError.message}` });
      return { status: { ...prev, currentReplicas: current, currentMetrics: metricStatuses, conditions }, events };
    }
    setCondition(conditions, 'ScalingActive', { status: 'True', reason: 'ValidMetricFound', message: `the HPA was able to successfully calculate a replica count from ${proposalName}` }, now);
    let rescaleMetric = '';
    if (proposal > desired) {
      desired = proposal;
      rescaleMetric = proposalName;
    }
    if (desired > current) reason = `${rescaleMetric} above target`;
    if (desired < current) reason = 'All metrics below target';
    const normalized = spec.behavior ? normalizeWithBehavior(mem, now, current, desired, min, max, spec.behavior) : normalizeWithoutBehavior(mem, now, current, desired, min, max);
    desired = normalized.replicas;
    setCondition(conditions, 'AbleToScale', normalized.ableToScale, now);
    setCondition(conditions, 'ScalingLimited', normalized.scalingLimited, now);
    rescale = desired !== current;
  }
  const status: v2.HorizontalPodAutoscalerStatus = { ...prev, currentReplicas: current, desiredReplicas: rescale ? desired : current, conditions };
  if (metricStatuses) status.currentMetrics = metricStatuses;
  else delete status.currentMetrics;
  if (!rescale) return { status, events };
  setCondition(conditions, 'AbleToScale', { status: 'True', reason: 'SucceededRescale', message: `the HPA controller was able to update the target scale to ${desired}` }, now);
  status.lastScaleTime = rfc3339(now);
  events.push({ type: 'Normal', reason: 'SuccessfulRescale', message: `New size: ${desired}; reason: ${reason}` });
  storeScaleEvent(mem, spec.behavior, current, desired, now);
  return { status, rescale: { replicas: desired, reason }, events };
}
