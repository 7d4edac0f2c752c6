// ResourceQuota validation (ValidateResourceQuota(Spec|Update|StatusUpdate), scopes and scope
// selectors).
import { fieldErrors as fe, type FieldError, type FieldPath, path } from '../../../../apimachinery/field-errors.ts';
import type * as corev1 from '../../../../generated/k8s/core/v1.ts';
import { isStandardQuotaResourceName, validateQuotaResourceName } from '../shared/resource-names.ts';
import { validateResourceQuantityValue } from '../shared/resource-quantity.ts';
import { sortedEntries } from '../shared/sorted-entries.ts';
import type { ResourceQuota } from './types.ts';

const SCOPES = ['Terminating', 'NotTerminating', 'BestEffort', 'NotBestEffort', 'PriorityClass', 'CrossNamespacePodAffinity', 'VolumeAttributesClass'];
const POD_OBJECT_COUNT = new Set(['pods']);
const POD_COMPUTE = new Set(['cpu', 'memory', 'limits.cpu', 'limits.memory', 'requests.cpu', 'requests.memory']);
const PVC_RESOURCES = new Set(['persistentvolumeclaims', 'requests.storage']);
const CONFLICTING: Array<[string, string]> = [
  ['BestEffort', 'NotBestEffort'],
  ['Terminating', 'NotTerminating'],
];

function scopeValidForResource(scope: string, resource: string): boolean {
  switch (scope) {
    case 'Terminating':
    case 'NotTerminating':
    case 'NotBestEffort':
    case 'PriorityClass':
    case 'CrossNamespacePodAffinity':
      return POD_OBJECT_COUNT.has(resource) || POD_COMPUTE.has(resource);
    case 'BestEffort':
      return POD_OBJECT_COUNT.has(resource);
    case 'VolumeAttributesClass':
      return PVC_RESOURCES.has(resource);
    default:
      return true;
  }
}

function validateResourceList(list: Record<string, string> | undefined, fld: FieldPath): FieldError[] {
  return sortedEntries(list).flatMap(([k, v]) => [...validateQuotaResourceName(k, fld.key(k)), ...validateResourceQuantityValue(k, v, fld.key(k))]);
}

function validateScopes(spec: corev1.ResourceQuotaSpec, fld: FieldPath): FieldError[] {
  const scopes = spec.scopes ?? [];
  if (scopes.length === 0) return [];
  const errs: FieldError[] = [];
  const hard = Object.keys(spec.hard ?? {}).sort();
  const p = fld.child('scopes');
  for (const scope of scopes) {
    if (!SCOPES.includes(scope)) errs.push(fe.invalid(p, scopes, 'unsupported scope'));
    for (const k of hard) if (isStandardQuotaResourceName(k) && !scopeValidForResource(scope, k)) errs.push(fe.invalid(p, scopes, 'unsupported scope applied to resource'));
  }
  for (const [a, b] of CONFLICTING) if (scopes.includes(a) && scopes.includes(b)) errs.push(fe.invalid(p, scopes, 'conflicting scopes'));
  return errs;
}

function validateScopeSelector(spec: corev1.ResourceQuotaSpec, fld: FieldPath): FieldError[] {
  const sel = spec.scopeSelector;
  if (!sel) return [];
  const errs: FieldError[] = [];
  const p = fld.child('scopeSelector', 'matchExpressions');
  const hard = Object.keys(spec.hard ?? {}).sort();
  const seen = new Set<string>();
  for (const req of sel.matchExpressions ?? []) {
    if (!SCOPES.includes(req.scopeName)) errs.push(fe.invalid(p.child('scopeName'), req.scopeName, 'unsupported scope'));
    for (const k of hard) if (isStandardQuotaResourceName(k) && !scopeValidForResource(req.scopeName, k)) errs.push(fe.invalid(p, sel, 'unsupported scope applied to resource'));
    if (['BestEffort', 'NotBestEffort', 'Terminating', 'NotTerminating', 'CrossNamespacePodAffinity'].includes(req.scopeName) && req.operator !== 'Exists') {
      errs.push(
        fe.invalid(
          p.child('operator'),
          req.operator,
          "must be 'Exists' when scope is any of ResourceQuotaScopeTerminating, ResourceQuotaScopeNotTerminating, ResourceQuotaScopeBestEffort, ResourceQuotaScopeNotBestEffort or ResourceQuotaScopeCrossNamespacePodAffinity",
        ),
      );
    }
    const values = req.values ?? [];
    switch (req.operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0) errs.push(fe.required(p.child('values'), "must be at least one value when `operator` is 'In' or 'NotIn' for scope selector"));
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length !== 0) errs.push(fe.invalid(p.child('values'), values, "must be no value when `operator` is 'Exist' or 'DoesNotExist' for scope selector"));
        break;
      default:
        errs.push(fe.invalid(p.child('operator'), req.operator, 'not a valid selector operator'));
    }
    seen.add(req.scopeName);
  }
  for (const [a, b] of CONFLICTING) if (seen.has(a) && seen.has(b)) errs.push(fe.invalid(p, spec.scopes ?? null, 'conflicting scopes'));
  return errs;
}

export function validateResourceQuotaSpec(spec: corev1.ResourceQuotaSpec, fld: FieldPath): FieldError[] {
  return [...validateResourceList(spec.hard, fld.child('hard')), ...validateScopes(spec, fld), ...validateScopeSelector(spec, fld)];
}

export function validateResourceQuota(rq: ResourceQuota): FieldError[] {
  return [
    ...validateResourceQuotaSpec(rq.spec ?? {}, path('spec')),
    ...validateResourceList(rq.status?.hard, path('status', 'hard')),
    ...validateResourceList(rq.status?.used, path('status', 'used')),
  ];
}

export function validateResourceQuotaUpdate(rq: ResourceQuota, old: ResourceQuota): FieldError[] {
  const errs = validateResourceQuotaSpec(rq.spec ?? {}, path('spec'));
  const a = new Set(rq.spec?.scopes ?? []);
  const b = new Set(old.spec?.scopes ?? []);
  if (a.size !== b.size || [...a].some((s) => !b.has(s))) errs.push(fe.invalid(path('spec', 'scopes'), rq.spec?.scopes ?? null, 'field is immutable'));
  return errs;
}

export function validateResourceQuotaStatusUpdate(rq: ResourceQuota): FieldError[] {
  const errs: FieldError[] = [];
  if (!rq.metadata.resourceVersion) errs.push(fe.required(path('resourceVersion'), ''));
  errs.push(...validateResourceList(rq.status?.hard, path('status', 'hard')), ...validateResourceList(rq.status?.used, path('status', 'used')));
  return errs;
}
