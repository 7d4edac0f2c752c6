// HorizontalPodAutoscaler validation (pkg/apis/autoscaling/validation) on the v2 form, which is
// also what a v1 request is validated as (field paths name the v2 fields, as upstream's do).
import { fieldErrors as fe, type FieldError, type FieldPath, path } from '../../../../apimachinery/field-errors.ts';
import { Quantity } from '../../../../apimachinery/quantity.ts';
import { isDNS1123Label, isQualifiedName } from '../../../../apimachinery/validation/names.ts';
import { validatePathSegmentName } from '../../../../apimachinery/validation/object-meta.ts';
import { goQuantity } from '../../apps/shared/go-value.ts';
import { validateNonnegative } from '../../apps/shared/validation-helpers.ts';
import type { HPA, v2 } from './types.ts';

const MAX_PERIOD_SECONDS = 1800;
const MAX_STABILIZATION_WINDOW_SECONDS = 3600;
const SELECT_POLICIES = ['Disabled', 'Max', 'Min'];
const POLICY_TYPES = ['Percent', 'Pods'];
const SOURCE_TYPES = ['ContainerResource', 'External', 'Object', 'Pods', 'Resource'];

function sign(q: string): number {
  try {
    const m = Quantity.parse(q).mantissa;
    return m > 0n ? 1 : m < 0n ? -1 : 0;
  } catch {
    return 0;
  }
}

/** ValidateCrossVersionObjectReference. */
export function validateCrossVersionObjectReference(ref: v2.CrossVersionObjectReference | undefined, fld: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  for (const key of ['kind', 'name'] as const) {
    const v = ref?.[key] ?? '';
    if (!v) errs.push(fe.required(fld.child(key), ''));
    else errs.push(...validatePathSegmentName(v, false).map((m) => fe.invalid(fld.child(key), v, m)));
  }
  return errs;
}

function validateMetricTarget(mt: v2.MetricTarget | undefined, fld: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const type = mt?.type ?? '';
  if (!type) errs.push(fe.required(fld.child('type'), 'must specify a metric target type'));
  if (type !== 'Utilization' && type !== 'Value' && type !== 'AverageValue') {
    errs.push(fe.invalid(fld.child('type'), type, 'must be either Utilization, Value, or AverageValue'));
  }
  if (mt?.value !== undefined && sign(mt.value) !== 1) errs.push(fe.invalid(fld.child('value'), goQuantity(mt.value), 'must be positive'));
  if (mt?.averageValue !== undefined && sign(mt.averageValue) !== 1) errs.push(fe.invalid(fld.child('averageValue'), goQuantity(mt.averageValue), 'must be positive'));
  if (mt?.averageUtilization !== undefined && mt.averageUtilization < 1) errs.push(fe.invalid(fld.child('averageUtilization'), mt.averageUtilization, 'must be greater than 0'));
  return errs;
}

function validateMetricIdentifier(id: v2.MetricIdentifier | undefined, fld: FieldPath): FieldError[] {
  const name = id?.name ?? '';
  if (!name) return [fe.required(fld.child('name'), 'must specify a metric name')];
  return validatePathSegmentName(name, false).map((m) => fe.invalid(fld.child('name'), name, m));
}

function validateObjectSource(src: v2.ObjectMetricSource, fld: FieldPath): FieldError[] {
  const errs = [
    ...validateCrossVersionObjectReference(src.describedObject, fld.child('describedObject')),
    ...validateMetricIdentifier(src.metric, fld.child('metric')),
    ...validateMetricTarget(src.target, fld.child('target')),
  ];
  if (src.target?.value === undefined && src.target?.averageValue === undefined) {
    errs.push(fe.required(fld.child('target', 'averageValue'), 'must set either a target value or averageValue'));
  }
  return errs;
}

function validateExternalSource(src: v2.ExternalMetricSource, fld: FieldPath): FieldError[] {
  const errs = [...validateMetricIdentifier(src.metric, fld.child('metric')), ...validateMetricTarget(src.target, fld.child('target'))];
  if (src.target?.value === undefined && src.target?.averageValue === undefined) {
    errs.push(fe.required(fld.child('target', 'averageValue'), 'must set either a target value for metric or a per-pod target'));
  }
  if (src.target?.value !== undefined && src.target?.averageValue !== undefined) {
    errs.push(fe.forbidden(fld.child('target', 'value'), 'may not set both a target value for metric and a per-pod target'));
  }
  return errs;
}

function validatePodsSource(src: v2.PodsMetricSource, fld: FieldPath): FieldError[] {
  const errs = [...validateMetricIdentifier(src.metric, fld.child('metric')), ...validateMetricTarget(src.target, fld.child('target'))];
  if (src.target?.averageValue === undefined) errs.push(fe.required(fld.child('target', 'averageValue'), 'must specify a positive target averageValue'));
  return errs;
}

function validateUtilizationOrValue(target: v2.MetricTarget | undefined, fld: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (target?.averageUtilization === undefined && target?.averageValue === undefined) {
    errs.push(fe.required(fld.child('target', 'averageUtilization'), 'must set either a target raw value or a target utilization'));
  }
  if (target?.averageUtilization !== undefined && target?.averageValue !== undefined) {
    errs.push(fe.forbidden(fld.child('target', 'averageValue'), 'may not set both a target raw value and a target utilization'));
  }
  return errs;
}

function validateResourceSource(src: v2.ResourceMetricSource, fld: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (!src.name) errs.push(fe.required(fld.child('name'), 'must specify a resource name'));
  errs.push(...validateMetricTarget(src.target, fld.child('target')));
  errs.push(...validateUtilizationOrValue(src.target, fld));
  return errs;
}

function validateContainerResourceSource(src: v2.ContainerResourceMetricSource, fld: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (!src.name) errs.push(fe.required(fld.child('name'), 'must specify a resource name'));
  else {
    errs.push(...isQualifiedName(src.name).map((m) => fe.invalid(fld.child('name'), src.name, m)));
    const standard = ['cpu', 'memory', 'ephemeral-storage'].includes(src.name) || src.name.startsWith('hugepages-');
    if (!src.name.includes('/') && !standard) errs.push(fe.invalid(fld.child('name'), src.name, 'must be a standard resource for containers'));
  }
  if (!src.container) errs.push(fe.required(fld.child('container'), 'must specify a container'));
  else errs.push(...isDNS1123Label(src.container).map((m) => fe.invalid(fld.child('container'), src.container, m)));
  errs.push(...validateMetricTarget(src.target, fld.child('target')));
  errs.push(...validateUtilizationOrValue(src.target, fld));
  return errs;
}

const sourceField: Record<string, keyof v2.MetricSpec> = {
  Object: 'object',
  Pods: 'pods',
  Resource: 'resource',
  External: 'external',
  ContainerResource: 'containerResource',
};

/** validateMetricSpec: a known type, its source populated, and no other source. */
function validateMetricSpec(spec: v2.MetricSpec, fld: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const type = spec.type ?? '';
  if (!type) errs.push(fe.required(fld.child('type'), 'must specify a metric source type'));
  if (!SOURCE_TYPES.includes(type)) errs.push(fe.notSupported(fld.child('type'), type, SOURCE_TYPES));
  const present: string[] = [];
  const validateFirst = (key: string, run: () => FieldError[]) => {
    present.push(key);
    if (present.length === 1) errs.push(...run());
  };
  if (spec.object) validateFirst('object', () => validateObjectSource(spec.object!, fld.child('object')));
  if (spec.external) validateFirst('external', () => validateExternalSource(spec.external!, fld.child('external')));
  if (spec.pods) validateFirst('pods', () => validatePodsSource(spec.pods!, fld.child('pods')));
  if (spec.resource) validateFirst('resource', () => validateResourceSource(spec.resource!, fld.child('resource')));
  if (spec.containerResource) validateFirst('containerResource', () => validateContainerResourceSource(spec.containerResource!, fld.child('containerResource')));
  const expected = sourceField[type];
  if (expected) {
    if (!spec[expected]) errs.push(fe.required(fld.child(expected), 'must populate information for the given metric source'));
  } else {
    errs.push(fe.notSupported(fld.child('type'), type, SOURCE_TYPES));
  }
  if (present.length !== 1) {
    for (const key of present.sort()) if (key !== expected) errs.push(fe.forbidden(fld.child(key), 'must populate the given metric source only'));
  }
  return errs;
}

function validateMetrics(metrics: v2.MetricSpec[] | undefined, fld: FieldPath, minReplicas: number | undefined): FieldError[] {
  const errs: FieldError[] = [];
  let hasObjectOrExternal = false;
  (metrics ?? []).forEach((m, i) => {
    errs.push(...validateMetricSpec(m, fld.index(i)));
    if (m.type === 'Object' || m.type === 'External') hasObjectOrExternal = true;
  });
  if (minReplicas === 0 && !hasObjectOrExternal) {
    errs.push(fe.forbidden(fld, 'must specify at least one Object or External metric to support scaling to zero replicas'));
  }
  return errs;
}

function validateScalingRules(rules: v2.HPAScalingRules | undefined, fld: FieldPath): FieldError[] {
  if (!rules) return [];
  const errs: FieldError[] = [];
  const window = rules.stabilizationWindowSeconds;
  if (window !== undefined && window < 0) errs.push(fe.invalid(fld.child('stabilizationWindowSeconds'), window, 'must be greater than or equal to zero'));
  if (window !== undefined && window > MAX_STABILIZATION_WINDOW_SECONDS) {
    errs.push(fe.invalid(fld.child('stabilizationWindowSeconds'), window, `must be less than or equal to ${MAX_STABILIZATION_WINDOW_SECONDS}`));
  }
  if (rules.selectPolicy !== undefined && !SELECT_POLICIES.includes(rules.selectPolicy)) {
    errs.push(fe.notSupported(fld.child('selectPolicy'), rules.selectPolicy, SELECT_POLICIES));
  }
  if (rules.tolerance !== undefined && sign(rules.tolerance) < 0) {
    errs.push(fe.invalid(fld.child('tolerance'), goQuantity(rules.tolerance), 'must be greater than or equal to zero'));
  }
  const policies = rules.policies ?? [];
  if (policies.length === 0) errs.push(fe.required(fld.child('policies'), 'must specify at least one Policy'));
  policies.forEach((p, i) => {
    const pf = fld.child('policies').index(i);
    if (p.type !== 'Pods' && p.type !== 'Percent') errs.push(fe.notSupported(pf.child('type'), p.type ?? '', POLICY_TYPES));
    if ((p.value ?? 0) <= 0) errs.push(fe.invalid(pf.child('value'), p.value ?? 0, 'must be greater than zero'));
    if ((p.periodSeconds ?? 0) <= 0) errs.push(fe.invalid(pf.child('periodSeconds'), p.periodSeconds ?? 0, 'must be greater than zero'));
    if ((p.periodSeconds ?? 0) > MAX_PERIOD_SECONDS) {
      errs.push(fe.invalid(pf.child('periodSeconds'), p.periodSeconds, `must be less than or equal to ${MAX_PERIOD_SECONDS}`));
    }
  });
  return errs;
}

/** validateHorizontalPodAutoscalerSpec. */
export function validateHPASpec(spec: v2.HorizontalPodAutoscalerSpec, fld: FieldPath, minReplicasLowerBound: number): FieldError[] {
  const errs: FieldError[] = [];
  if (spec.minReplicas !== undefined && spec.minReplicas < minReplicasLowerBound) {
    errs.push(fe.invalid(fld.child('minReplicas'), spec.minReplicas, `must be greater than or equal to ${minReplicasLowerBound}`));
  }
  const max = spec.maxReplicas ?? 0;
  if (max < 1) errs.push(fe.invalid(fld.child('maxReplicas'), max, 'must be greater than 0'));
  if (spec.minReplicas !== undefined && max < spec.minReplicas) errs.push(fe.invalid(fld.child('maxReplicas'), max, 'must be greater than or equal to `minReplicas`'));
  errs.push(...validateCrossVersionObjectReference(spec.scaleTargetRef, fld.child('scaleTargetRef')));
  errs.push(...validateMetrics(spec.metrics, fld.child('metrics'), spec.minReplicas));
  if (spec.behavior) {
    errs.push(...validateScalingRules(spec.behavior.scaleUp, fld.child('behavior', 'scaleUp')));
    errs.push(...validateScalingRules(spec.behavior.scaleDown, fld.child('behavior', 'scaleDown')));
  }
  return errs;
}

/** ValidateHorizontalPodAutoscaler (HPAScaleToZero is off: minReplicas must be at least 1). */
export function validateHPA(hpa: HPA): FieldError[] {
  return validateHPASpec(hpa.spec ?? ({} as v2.HorizontalPodAutoscalerSpec), path('spec'), 1);
}

/** ValidateHorizontalPodAutoscalerUpdate: an HPA already at minReplicas 0 may stay there. */
export function validateHPAUpdate(hpa: HPA, old: HPA): FieldError[] {
  return validateHPASpec(hpa.spec ?? ({} as v2.HorizontalPodAutoscalerSpec), path('spec'), old.spec?.minReplicas === 0 ? 0 : 1);
}

/** ValidateHorizontalPodAutoscalerStatusUpdate. */
export function validateHPAStatusUpdate(hpa: HPA): FieldError[] {
  return [
    ...validateNonnegative(hpa.status?.currentReplicas, path('status', 'currentReplicas')),
    ...validateNonnegative(hpa.status?.desiredReplicas, path('status', 'desiredReplicas')),
  ];
}
