// Downward API selectors (upstream validateObjectFieldSelector, validateContainerResourceFieldSelector
// and pods.ConvertDownwardAPIFieldLabel), shared by env valueFrom and downwardAPI volume files.
import type * as core from '../../../../generated/k8s/core/v1.ts';
import { fieldErrors as fe, type FieldError, type FieldPath } from '../../../../apimachinery/field-errors.ts';
import { Quantity } from '../../../../apimachinery/quantity.ts';
import { isQualifiedName } from '../../../../apimachinery/validation/names.ts';

const CONVERTIBLE = new Set([
  'metadata.annotations',
  'metadata.labels',
  'metadata.name',
  'metadata.namespace',
  'metadata.uid',
  'spec.nodeName',
  'spec.restartPolicy',
  'spec.serviceAccountName',
  'spec.schedulerName',
  'status.phase',
  'status.hostIP',
  'status.hostIPs',
  'status.podIP',
  'status.podIPs',
]);

/** fieldpath.SplitMaybeSubscriptedPath: `metadata.labels['app']` → [`metadata.labels`, `app`]. */
export function splitSubscriptedPath(p: string): [string, string] | undefined {
  if (!p.endsWith("']")) return undefined;
  const s = p.slice(0, -2);
  const at = s.indexOf("['");
  if (at <= 0) return undefined;
  return [s.slice(0, at), s.slice(at + 2)];
}

/** pods.ConvertDownwardAPIFieldLabel: the internal field path, or the conversion error. */
function convertFieldLabel(version: string, label: string): { path: string } | { error: string } {
  if (version !== 'v1') return { error: `unsupported pod version: ${version}` };
  const sub = splitSubscriptedPath(label);
  if (sub) {
    return sub[0] === 'metadata.annotations' || sub[0] === 'metadata.labels' ? { path: label } : { error: `field label does not support subscript: ${label}` };
  }
  if (CONVERTIBLE.has(label)) return { path: label };
  if (label === 'spec.host') return { path: 'spec.nodeName' };
  return { error: `field label not supported: ${label}` };
}

/** validateObjectFieldSelector against the paths the context allows (sorted, as upstream lists them). */
export function validateObjectFieldSelector(ref: core.ObjectFieldSelector, allowed: readonly string[], fld: FieldPath): FieldError[] {
  if (!ref.apiVersion) return [fe.required(fld.child('apiVersion'), '')];
  if (!ref.fieldPath) return [fe.required(fld.child('fieldPath'), '')];
  const conv = convertFieldLabel(ref.apiVersion, ref.fieldPath);
  if ('error' in conv) return [fe.invalid(fld.child('fieldPath'), ref.fieldPath, `error converting fieldPath: ${conv.error}`)];
  const sub = splitSubscriptedPath(conv.path);
  if (sub) {
    if (sub[0] === 'metadata.annotations') return isQualifiedName(sub[1].toLowerCase()).map((m) => fe.invalid(fld, sub[1].toLowerCase(), m));
    if (sub[0] === 'metadata.labels') return isQualifiedName(sub[1]).map((m) => fe.invalid(fld, sub[1], m));
    return [fe.invalid(fld, sub[0], 'does not support subscript')];
  }
  if (!allowed.includes(conv.path)) return [fe.notSupported(fld.child('fieldPath'), conv.path, allowed)];
  return [];
}

const RESOURCE_FIELDS = ['limits.cpu', 'limits.ephemeral-storage', 'limits.memory', 'requests.cpu', 'requests.ephemeral-storage', 'requests.memory'];
const BYTE_DIVISORS = ['1', '1k', '1M', '1G', '1T', '1P', '1E', '1Ki', '1Mi', '1Gi', '1Ti', '1Pi', '1Ei'];
const BYTE_DIVISOR_TEXT = '1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei';

function validateDivisor(resource: string, divisor: string | undefined, fld: FieldPath): FieldError[] {
  if (divisor === undefined || !Quantity.isValid(divisor)) return [];
  const q = Quantity.parse(divisor);
  if (q.isZero()) return [];
  const d = q.toString();
  const p = fld.child('divisor');
  switch (resource) {
    case 'limits.cpu':
    case 'requests.cpu':
      if (d !== '1m' && d !== '1') return [fe.invalid(p, resource, "only divisor's values 1m and 1 are supported with the cpu resource")];
      return [];
    case 'limits.memory':
    case 'requests.memory':
      if (!BYTE_DIVISORS.includes(d)) return [fe.invalid(p, resource, `only divisor's values ${BYTE_DIVISOR_TEXT} are supported with the memory resource`)];
      return [];
    case 'limits.ephemeral-storage':
    case 'requests.ephemeral-storage':
      if (!BYTE_DIVISORS.includes(d)) return [fe.invalid(p, resource, `only divisor's values ${BYTE_DIVISOR_TEXT} are supported with the local ephemeral storage resource`)];
      return [];
  }
  if ((resource.startsWith('requests.hugepages-') || resource.startsWith('limits.hugepages-')) && !BYTE_DIVISORS.includes(d)) {
    return [fe.invalid(p, resource, `only divisor's values ${BYTE_DIVISOR_TEXT} are supported with the hugepages resource`)];
  }
  return [];
}

/** validateContainerResourceFieldSelector; volume files must name their container. */
export function validateResourceFieldSelector(ref: core.ResourceFieldSelector, fld: FieldPath, volume: boolean): FieldError[] {
  const errs: FieldError[] = [];
  if (volume && !ref.containerName) errs.push(fe.required(fld.child('containerName'), ''));
  else if (!ref.resource) errs.push(fe.required(fld.child('resource'), ''));
  else if (!RESOURCE_FIELDS.includes(ref.resource) && !ref.resource.startsWith('requests.hugepages-') && !ref.resource.startsWith('limits.hugepages-')) {
    errs.push(fe.notSupported(fld.child('resource'), ref.resource, RESOURCE_FIELDS));
  }
  errs.push(...validateDivisor(ref.resource ?? '', ref.divisor, fld));
  return errs;
}
