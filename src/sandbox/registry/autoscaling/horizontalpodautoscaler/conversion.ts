// autoscaling/v1 <-> autoscaling/v2 (pkg/apis/autoscaling/v1/conversion.go). v1 has room for
// one CPU target only; everything else travels in annotations so that objects round-trip:
// the other metrics, the current metrics and the conditions (in v1's alpha metric types) and the
// behavior (marshalled, as upstream does, from the internal type with Go field names).
import { deepClone, isPlainObject, type ObjectMeta } from '../../../../apimachinery/object.ts';
import type { LabelSelector } from '../../../../apimachinery/labels.ts';
import { DEFAULT_CPU_UTILIZATION } from './defaults.ts';
import { arr, decodeAnnotation, field, int, type JsonObject, obj, qty, str } from './go-json.ts';
import type { HPA, HPAV1, v2 } from './types.ts';

export const METRIC_SPECS_ANNOTATION = 'autoscaling.alpha.kubernetes.io/metrics';
export const METRIC_STATUSES_ANNOTATION = 'autoscaling.alpha.kubernetes.io/current-metrics';
export const CONDITIONS_ANNOTATION = 'autoscaling.alpha.kubernetes.io/conditions';
export const BEHAVIOR_ANNOTATION = 'autoscaling.alpha.kubernetes.io/behavior';
const ROUND_TRIP_ANNOTATIONS = [
  METRIC_SPECS_ANNOTATION,
  METRIC_STATUSES_ANNOTATION,
  CONDITIONS_ANNOTATION,
  BEHAVIOR_ANNOTATION,
  'autoscaling.alpha.kubernetes.io/scale-down-tolerance',
  'autoscaling.alpha.kubernetes.io/scale-up-tolerance',
];

/** DropRoundTripHorizontalPodAutoscalerAnnotations, on a copy of the metadata. */
function metaWithoutRoundTrip(meta: ObjectMeta | undefined): ObjectMeta {
  const out = deepClone(meta ?? {});
  if (out.annotations) {
    for (const k of ROUND_TRIP_ANNOTATIONS) delete out.annotations[k];
    if (Object.keys(out.annotations).length === 0) delete out.annotations;
  }
  return out;
}

// ---- label selectors and references in Go field order --------------------------------------

function selectorOut(sel: LabelSelector | undefined): JsonObject | undefined {
  if (!sel) return undefined;
  const out: JsonObject = {};
  if (sel.matchLabels) out.matchLabels = sel.matchLabels;
  if (sel.matchExpressions) {
    out.matchExpressions = sel.matchExpressions.map((e) => {
      const r: JsonObject = { key: e.key, operator: e.operator };
      if (e.values) r.values = e.values;
      return r;
    });
  }
  return out;
}

function selectorIn(v: unknown): LabelSelector | undefined {
  const o = obj(v);
  return o ? (o as LabelSelector) : undefined;
}

function refOut(ref: v2.CrossVersionObjectReference | undefined): JsonObject {
  const out: JsonObject = { kind: ref?.kind ?? '', name: ref?.name ?? '' };
  if (ref?.apiVersion) out.apiVersion = ref.apiVersion;
  return out;
}

function refIn(v: unknown): v2.CrossVersionObjectReference {
  const o = obj(v) ?? {};
  const ref: v2.CrossVersionObjectReference = { kind: str(field(o, 'kind')) ?? '', name: str(field(o, 'name')) ?? '' };
  const apiVersion = str(field(o, 'apiVersion'));
  if (apiVersion) ref.apiVersion = apiVersion;
  return ref;
}

function identifier(name: string, selector: LabelSelector | undefined): v2.MetricIdentifier {
  return selector ? { name, selector } : { name };
}

/** Builds an object leaving out the undefined entries (Go's omitempty on pointers). */
function compact(entries: Array<[string, unknown]>): JsonObject {
  const out: JsonObject = {};
  for (const [k, v] of entries) if (v !== undefined) out[k] = v;
  return out;
}

// ---- metric specs ---------------------------------------------------------------------------

function metricSpecToV1(m: v2.MetricSpec): JsonObject {
  const out: JsonObject = { type: m.type };
  if (m.object) {
    out.object = compact([
      ['target', refOut(m.object.describedObject)],
      ['metricName', m.object.metric?.name ?? ''],
      ['targetValue', m.object.target?.value ?? '0'],
      ['selector', selectorOut(m.object.metric?.selector)],
      ['averageValue', m.object.target?.averageValue],
    ]);
  }
  if (m.pods) {
    out.pods = compact([
      ['metricName', m.pods.metric?.name ?? ''],
      ['targetAverageValue', m.pods.target?.averageValue ?? '0'],
      ['selector', selectorOut(m.pods.metric?.selector)],
    ]);
  }
  if (m.resource) {
    out.resource = compact([
      ['name', m.resource.name ?? ''],
      ['targetAverageUtilization', m.resource.target?.averageUtilization],
      ['targetAverageValue', m.resource.target?.averageValue],
    ]);
  }
  if (m.containerResource) {
    out.containerResource = compact([
      ['name', m.containerResource.name ?? ''],
      ['targetAverageUtilization', m.containerResource.target?.averageUtilization],
      ['targetAverageValue', m.containerResource.target?.averageValue],
      ['container', m.containerResource.container ?? ''],
    ]);
  }
  if (m.external) {
    out.external = compact([
      ['metricName', m.external.metric?.name ?? ''],
      ['metricSelector', selectorOut(m.external.metric?.selector)],
      ['targetValue', m.external.target?.value],
      ['targetAverageValue', m.external.target?.averageValue],
    ]);
  }
  return out;
}

function utilizationTarget(utilization: number | undefined, averageValue: string | undefined): v2.MetricTarget {
  return compact([
    ['type', utilization === undefined ? 'AverageValue' : 'Utilization'],
    ['averageValue', averageValue],
    ['averageUtilization', utilization],
  ]) as unknown as v2.MetricTarget;
}

function metricSpecFromV1(v: unknown): v2.MetricSpec {
  const m = obj(v) ?? {};
  const out: v2.MetricSpec = { type: str(field(m, 'type')) ?? '' };
  const o = obj(field(m, 'object'));
  if (o) {
    const averageValue = qty(field(o, 'averageValue'));
    out.object = {
      describedObject: refIn(field(o, 'target')),
      metric: identifier(str(field(o, 'metricName')) ?? '', selectorIn(field(o, 'selector'))),
      target: compact([
        ['type', averageValue === undefined ? 'Value' : 'AverageValue'],
        ['value', qty(field(o, 'targetValue')) ?? '0'],
        ['averageValue', averageValue],
      ]) as unknown as v2.MetricTarget,
    };
  }
  const p = obj(field(m, 'pods'));
  if (p) {
    out.pods = {
      metric: identifier(str(field(p, 'metricName')) ?? '', selectorIn(field(p, 'selector'))),
      target: { type: 'AverageValue', averageValue: qty(field(p, 'targetAverageValue')) ?? '0' },
    };
  }
  const r = obj(field(m, 'resource'));
  if (r) {
    out.resource = {
      name: str(field(r, 'name')) ?? '',
      target: utilizationTarget(int(field(r, 'targetAverageUtilization')), qty(field(r, 'targetAverageValue'))),
    };
  }
  const c = obj(field(m, 'containerResource'));
  if (c) {
    out.containerResource = {
      name: str(field(c, 'name')) ?? '',
      target: utilizationTarget(int(field(c, 'targetAverageUtilization')), qty(field(c, 'targetAverageValue'))),
      container: str(field(c, 'container')) ?? '',
    };
  }
  const e = obj(field(m, 'external'));
  if (e) {
    const value = qty(field(e, 'targetValue'));
    out.external = {
      metric: identifier(str(field(e, 'metricName')) ?? '', selectorIn(field(e, 'metricSelector'))),
      target: compact([
        ['type', value !== undefined ? 'Value' : 'AverageValue'],
        ['value', value],
        ['averageValue', qty(field(e, 'targetAverageValue'))],
      ]) as unknown as v2.MetricTarget,
    };
  }
  return out;
}

// ---- metric statuses ------------------------------------------------------------------------

function metricStatusToV1(m: v2.MetricStatus): JsonObject {
  const out: JsonObject = { type: m.type };
  if (m.object) {
    out.object = compact([
      ['target', refOut(m.object.describedObject)],
      ['metricName', m.object.metric?.name ?? ''],
      ['currentValue', m.object.current?.value ?? '0'],
      ['selector', selectorOut(m.object.metric?.selector)],
      ['averageValue', m.object.current?.averageValue],
    ]);
  }
  if (m.pods) {
    out.pods = compact([
      ['metricName', m.pods.metric?.name ?? ''],
      ['currentAverageValue', m.pods.current?.averageValue ?? '0'],
      ['selector', selectorOut(m.pods.metric?.selector)],
    ]);
  }
  if (m.resource) {
    out.resource = compact([
      ['name', m.resource.name ?? ''],
      ['currentAverageUtilization', m.resource.current?.averageUtilization],
      ['currentAverageValue', m.resource.current?.averageValue ?? '0'],
    ]);
  }
  if (m.containerResource) {
    out.containerResource = compact([
      ['name', m.containerResource.name ?? ''],
      ['currentAverageUtilization', m.containerResource.current?.averageUtilization],
      ['currentAverageValue', m.containerResource.current?.averageValue ?? '0'],
      ['container', m.containerResource.container ?? ''],
    ]);
  }
  if (m.external) {
    out.external = compact([
      ['metricName', m.external.metric?.name ?? ''],
      ['metricSelector', selectorOut(m.external.metric?.selector)],
      ['currentValue', m.external.current?.value ?? '0'],
      ['currentAverageValue', m.external.current?.averageValue],
    ]);
  }
  return out;
}

function metricStatusFromV1(v: unknown): v2.MetricStatus {
  const m = obj(v) ?? {};
  const out: v2.MetricStatus = { type: str(field(m, 'type')) ?? '' };
  const o = obj(field(m, 'object'));
  if (o) {
    out.object = {
      metric: identifier(str(field(o, 'metricName')) ?? '', selectorIn(field(o, 'selector'))),
      current: compact([
        ['value', qty(field(o, 'currentValue')) ?? '0'],
        ['averageValue', qty(field(o, 'averageValue'))],
      ]) as v2.MetricValueStatus,
      describedObject: refIn(field(o, 'target')),
    };
  }
  const p = obj(field(m, 'pods'));
  if (p) {
    out.pods = {
      metric: identifier(str(field(p, 'metricName')) ?? '', selectorIn(field(p, 'selector'))),
      current: { averageValue: qty(field(p, 'currentAverageValue')) ?? '0' },
    };
  }
  const r = obj(field(m, 'resource'));
  if (r) {
    out.resource = {
      name: str(field(r, 'name')) ?? '',
      current: compact([
        ['averageValue', qty(field(r, 'currentAverageValue')) ?? '0'],
        ['averageUtilization', int(field(r, 'currentAverageUtilization'))],
      ]) as v2.MetricValueStatus,
    };
  }
  const c = obj(field(m, 'containerResource'));
  if (c) {
    out.containerResource = {
      name: str(field(c, 'name')) ?? '',
      current: compact([
        ['averageValue', qty(field(c, 'currentAverageValue')) ?? '0'],
        ['averageUtilization', int(field(c, 'currentAverageUtilization'))],
      ]) as v2.MetricValueStatus,
      container: str(field(c, 'container')) ?? '',
    };
  }
  const e = obj(field(m, 'external'));
  if (e) {
    out.external = {
      metric: identifier(str(field(e, 'metricName')) ?? '', selectorIn(field(e, 'metricSelector'))),
      current: compact([
        ['value', qty(field(e, 'currentValue')) ?? '0'],
        ['averageValue', qty(field(e, 'currentAverageValue'))],
      ]) as v2.MetricValueStatus,
    };
  }
  return out;
}

// ---- conditions and behavior ----------------------------------------------------------------

function conditionToV1(c: v2.HorizontalPodAutoscalerCondition): JsonObject {
  return compact([
    ['type', c.type],
    ['status', c.status],
    ['lastTransitionTime', c.lastTransitionTime ?? null],
    ['reason', c.reason || undefined],
    ['message', c.message || undefined],
  ]);
}

function conditionFromV1(v: unknown): v2.HorizontalPodAutoscalerCondition {
  const c = obj(v) ?? {};
  return compact([
    ['type', str(field(c, 'type')) ?? ''],
    ['status', str(field(c, 'status')) ?? ''],
    ['lastTransitionTime', str(field(c, 'lastTransitionTime'))],
    ['reason', str(field(c, 'reason')) || undefined],
    ['message', str(field(c, 'message')) || undefined],
  ]) as unknown as v2.HorizontalPodAutoscalerCondition;
}

/** The internal HPAScalingRules as encoding/json writes it: Go field names, nil as null. */
function rulesToGo(r: v2.HPAScalingRules | undefined): JsonObject | null {
  if (!r) return null;
  return {
    StabilizationWindowSeconds: r.stabilizationWindowSeconds ?? null,
    SelectPolicy: r.selectPolicy ?? null,
    Policies: r.policies ? r.policies.map((p) => ({ Type: p.type, Value: p.value, PeriodSeconds: p.periodSeconds })) : null,
    Tolerance: r.tolerance ?? null,
  };
}

function rulesFromGo(v: unknown): v2.HPAScalingRules | undefined {
  const r = obj(v);
  if (!r) return undefined;
  const policies = arr(field(r, 'Policies'))?.map((x) => {
    const p = obj(x) ?? {};
    return { type: str(field(p, 'Type')) ?? '', value: int(field(p, 'Value')) ?? 0, periodSeconds: int(field(p, 'PeriodSeconds')) ?? 0 };
  });
  return compact([
    ['stabilizationWindowSeconds', int(field(r, 'StabilizationWindowSeconds'))],
    ['selectPolicy', str(field(r, 'SelectPolicy'))],
    ['policies', policies],
    ['tolerance', qty(field(r, 'Tolerance'))],
  ]) as v2.HPAScalingRules;
}

function behaviorFromGo(v: unknown): v2.HorizontalPodAutoscalerBehavior | undefined {
  const b = obj(v) ?? {};
  const scaleUp = rulesFromGo(field(b, 'ScaleUp'));
  const scaleDown = rulesFromGo(field(b, 'ScaleDown'));
  if (!scaleUp && !scaleDown) return undefined;
  return compact([
    ['scaleUp', scaleUp],
    ['scaleDown', scaleDown],
  ]) as v2.HorizontalPodAutoscalerBehavior;
}

// ---- whole objects --------------------------------------------------------------------------

const isCPUUtilization = (m: v2.MetricSpec) => m.type === 'Resource' && m.resource?.name === 'cpu' && m.resource.target?.averageUtilization !== undefined;

/** Convert_autoscaling_HorizontalPodAutoscaler_To_v1_HorizontalPodAutoscaler, from the stored v2 form. */
export function hpaToV1<T extends HPA>(hpa: T): HPAV1 & Omit<T, 'spec' | 'status' | 'apiVersion'> {
  const metadata = metaWithoutRoundTrip(hpa.metadata);
  const annotations: Record<string, string> = {};
  const metrics = hpa.spec?.metrics ?? [];
  const other = metrics.filter((m) => !isCPUUtilization(m));
  const status = hpa.status;
  if (other.length) annotations[METRIC_SPECS_ANNOTATION] = JSON.stringify(other.map(metricSpecToV1));
  if (status?.currentMetrics?.length) annotations[METRIC_STATUSES_ANNOTATION] = JSON.stringify(status.currentMetrics.map(metricStatusToV1));
  if (hpa.spec?.behavior) {
    annotations[BEHAVIOR_ANNOTATION] = JSON.stringify({ ScaleUp: rulesToGo(hpa.spec.behavior.scaleUp), ScaleDown: rulesToGo(hpa.spec.behavior.scaleDown) });
  }
  if (status?.conditions?.length) annotations[CONDITIONS_ANNOTATION] = JSON.stringify(status.conditions.map(conditionToV1));
  if (Object.keys(annotations).length) metadata.annotations = { ...metadata.annotations, ...annotations };

  const spec: HPAV1['spec'] = {
    scaleTargetRef: refOut(hpa.spec?.scaleTargetRef) as unknown as HPAV1['spec']['scaleTargetRef'],
    maxReplicas: hpa.spec?.maxReplicas ?? 0,
  };
  if (hpa.spec?.minReplicas !== undefined) spec.minReplicas = hpa.spec.minReplicas;
  const cpu = metrics.find((m) => m.type === 'Resource' && m.resource?.name === 'cpu');
  if (cpu?.resource?.target?.averageUtilization !== undefined) spec.targetCPUUtilizationPercentage = cpu.resource.target.averageUtilization;

  const v1status: NonNullable<HPAV1['status']> = { currentReplicas: status?.currentReplicas ?? 0, desiredReplicas: status?.desiredReplicas ?? 0 };
  if (status?.observedGeneration !== undefined) v1status.observedGeneration = status.observedGeneration;
  if (status?.lastScaleTime !== undefined) v1status.lastScaleTime = status.lastScaleTime;
  for (const m of status?.currentMetrics ?? []) {
    if (m.type === 'Resource' && m.resource?.name === 'cpu' && m.resource.current?.averageUtilization !== undefined) {
      v1status.currentCPUUtilizationPercentage = m.resource.current.averageUtilization;
    }
  }
  const out = { ...deepClone(hpa), apiVersion: 'autoscaling/v1', metadata, spec, status: v1status };
  return out as unknown as HPAV1 & Omit<T, 'spec' | 'status' | 'apiVersion'>;
}

/** Convert_v1_HorizontalPodAutoscaler_To_autoscaling_HorizontalPodAutoscaler, to the stored v2 form. */
export function hpaFromV1<T extends HPAV1>(hpa: T): HPA & Omit<T, 'spec' | 'status' | 'apiVersion'> {
  const ann = hpa.metadata?.annotations ?? {};
  const inSpec = hpa.spec ?? ({} as HPAV1['spec']);
  const spec: v2.HorizontalPodAutoscalerSpec = {
    scaleTargetRef: refIn(isPlainObject(inSpec.scaleTargetRef) ? inSpec.scaleTargetRef : {}),
    maxReplicas: inSpec.maxReplicas ?? 0,
  };
  if (inSpec.minReplicas !== undefined) spec.minReplicas = inSpec.minReplicas;
  const metrics: v2.MetricSpec[] = [];
  if (inSpec.targetCPUUtilizationPercentage !== undefined) {
    metrics.push({ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: inSpec.targetCPUUtilizationPercentage } } });
  }
  const other = decodeAnnotation(ann[METRIC_SPECS_ANNOTATION], (v) => (arr(v) ?? []).map(metricSpecFromV1));
  if (other) metrics.push(...other);
  if (metrics.length === 0) {
    metrics.push({ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: DEFAULT_CPU_UTILIZATION } } });
  }
  spec.metrics = metrics;
  const behavior = decodeAnnotation(ann[BEHAVIOR_ANNOTATION], behaviorFromGo);
  if (behavior) spec.behavior = behavior;

  const s = hpa.status;
  const status: v2.HorizontalPodAutoscalerStatus = { desiredReplicas: s?.desiredReplicas ?? 0 };
  if (s?.currentReplicas) status.currentReplicas = s.currentReplicas;
  if (s?.observedGeneration !== undefined) status.observedGeneration = s.observedGeneration;
  if (s?.lastScaleTime !== undefined) status.lastScaleTime = s.lastScaleTime;
  if (s?.currentCPUUtilizationPercentage !== undefined) {
    status.currentMetrics = [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: s.currentCPUUtilizationPercentage } } }];
  }
  const current = decodeAnnotation(ann[METRIC_STATUSES_ANNOTATION], (v) => (arr(v) ?? []).map(metricStatusFromV1));
  // The annotation replaces the CPU-only status: it has more information.
  if (current) status.currentMetrics = current;
  if (status.currentMetrics?.length === 0) delete status.currentMetrics;
  const conditions = decodeAnnotation(ann[CONDITIONS_ANNOTATION], (v) => (arr(v) ?? []).map(conditionFromV1));
  if (conditions?.length) status.conditions = conditions;

  const out = { ...deepClone(hpa), apiVersion: 'autoscaling/v2', metadata: metaWithoutRoundTrip(hpa.metadata), spec, status };
  return out as unknown as HPA & Omit<T, 'spec' | 'status' | 'apiVersion'>;
}
