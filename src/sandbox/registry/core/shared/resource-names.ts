// Resource name classes (pkg/apis/core/helper/helpers.go): which names are standard, native,
// extended, integer-valued or quota-trackable, and the validators built on them.
import { fieldErrors as fe, type FieldError, type FieldPath } from '../../../../apimachinery/field-errors.ts';
import { isQualifiedName } from '../../../../apimachinery/validation/names.ts';

const standardContainerResources = new Set(['cpu', 'memory', 'ephemeral-storage']);

const standardQuotaResources = new Set([
  'cpu',
  'memory',
  'ephemeral-storage',
  'requests.cpu',
  'requests.memory',
  'requests.storage',
  'requests.ephemeral-storage',
  'limits.cpu',
  'limits.memory',
  'limits.ephemeral-storage',
  'pods',
  'resourcequotas',
  'services',
  'replicationcontrollers',
  'secrets',
  'persistentvolumeclaims',
  'configmaps',
  'services.nodeports',
  'services.loadbalancers',
]);

const standardResources = new Set([...standardQuotaResources, 'storage']);

const integerResources = new Set([
  'pods',
  'resourcequotas',
  'services',
  'replicationcontrollers',
  'secrets',
  'configmaps',
  'persistentvolumeclaims',
  'services.nodeports',
  'services.loadbalancers',
]);

export const isHugePageResourceName = (name: string) => name.startsWith('hugepages-');
const isQuotaHugePageResourceName = (name: string) => name.startsWith('hugepages-') || name.startsWith('requests.hugepages-');

/** In the kubernetes.io/ namespace (unprefixed names implicitly are). */
export function isNativeResource(name: string): boolean {
  return !name.includes('/') || name.includes('kubernetes.io/');
}

export function isExtendedResourceName(name: string): boolean {
  if (isNativeResource(name) || name.startsWith('requests.')) return false;
  return isQualifiedName(`requests.${name}`).length === 0;
}

export function isStandardContainerResourceName(name: string): boolean {
  return standardContainerResources.has(name) || isHugePageResourceName(name);
}

export function isStandardQuotaResourceName(name: string): boolean {
  return standardQuotaResources.has(name) || isQuotaHugePageResourceName(name);
}

export function isStandardResourceName(name: string): boolean {
  return standardResources.has(name) || isQuotaHugePageResourceName(name);
}

export function isIntegerResourceName(name: string): boolean {
  return integerResources.has(name) || isExtendedResourceName(name);
}

/** Native and not huge pages: requests may be lower than limits. */
export function isOvercommitAllowed(name: string): boolean {
  return isNativeResource(name) && !isHugePageResourceName(name);
}

/** validateResourceName: qualified, and standard when unprefixed. */
export function validateResourceName(value: string, fld: FieldPath): FieldError[] {
  const errs = isQualifiedName(value).map((m) => fe.invalid(fld, value, m));
  if (errs.length) return errs;
  if (!value.includes('/') && !isStandardResourceName(value)) {
    return [fe.invalid(fld, value, 'must be a standard resource type or fully qualified')];
  }
  return [];
}

/** validateContainerResourceName. */
export function validateContainerResourceName(value: string, fld: FieldPath): FieldError[] {
  const errs = validateResourceName(value, fld);
  if (!value.includes('/')) {
    if (!isStandardContainerResourceName(value)) return [...errs, fe.invalid(fld, value, 'must be a standard resource for containers')];
  } else if (!isNativeResource(value) && !isExtendedResourceName(value)) {
    return [...errs, fe.invalid(fld, value, "doesn't follow extended resource name standard")];
  }
  return errs;
}

/** ValidateResourceQuotaResourceName. */
export function validateQuotaResourceName(value: string, fld: FieldPath): FieldError[] {
  const errs = validateResourceName(value, fld);
  if (!value.includes('/') && !isStandardQuotaResourceName(value)) {
    return [...errs, fe.invalid(fld, value, 'must be a standard resource for quota')];
  }
  return errs;
}
