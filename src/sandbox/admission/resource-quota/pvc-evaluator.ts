// Quota for PersistentVolumeClaims (upstream pkg/quota/v1/evaluator/core/persistent_volume_claims.go):
// `persistentvolumeclaims` and `count/persistentvolumeclaims` per claim, `requests.storage` (the
// request rounded up to whole bytes, or the allocated size when larger), and both again per
// StorageClass as `<class>.storageclass.storage.k8s.io/<resource>`. The VolumeAttributesClass
// scope matches claims that name a class (spec, current or target).
import type { KubeObject } from '../../../apimachinery/object.ts';
import { Quantity } from '../../../apimachinery/quantity.ts';
import type * as corev1 from '../../../generated/k8s/core/v1.ts';
import { objectCountName, type QuotaEvaluator, type ScopeRequirement, selectorMatches } from './evaluator.ts';
import type { ResourceList } from './resource-list.ts';

type Claim = corev1.PersistentVolumeClaim;

const STORAGE_CLASS_SUFFIX = '.storageclass.storage.k8s.io/';
const PVC_COUNT = objectCountName('', 'persistentvolumeclaims');
const PVC_RESOURCES = ['persistentvolumeclaims', 'requests.storage'];

/** GetPersistentVolumeClaimClass: the beta annotation wins over spec.storageClassName. */
export function claimClass(pvc: Claim): string {
  const annotated = pvc.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class'];
  if (annotated !== undefined) return annotated;
  return pvc.spec?.storageClassName ?? '';
}

/** Rounds up to a whole number of bytes (upstream RoundUp(0)). */
function wholeBytes(q: Quantity): Quantity {
  const v = q.value();
  return Quantity.fromInt(v, q.format).cmp(q) === 0 ? q : Quantity.fromInt(v, q.format);
}

function storageUsage(pvc: Claim): Quantity | undefined {
  const requested = pvc.spec?.resources?.requests?.['storage'];
  if (requested === undefined || !Quantity.isValid(requested)) return undefined;
  let result = wholeBytes(Quantity.parse(requested));
  const allocated = pvc.status?.allocatedResources?.['storage'];
  if (allocated !== undefined && Quantity.isValid(allocated)) {
    const a = Quantity.parse(allocated);
    if (a.cmp(result) > 0) result = wholeBytes(a);
  }
  return result;
}

export function pvcUsage(pvc: Claim): ResourceList {
  const one = Quantity.fromInt(1);
  const out: ResourceList = new Map([
    ['persistentvolumeclaims', one],
    [PVC_COUNT, one],
  ]);
  const cls = claimClass(pvc);
  if (cls) out.set(`${cls}${STORAGE_CLASS_SUFFIX}persistentvolumeclaims`, one);
  const storage = storageUsage(pvc);
  if (storage) {
    out.set('requests.storage', storage);
    if (cls) out.set(`${cls}${STORAGE_CLASS_SUFFIX}requests.storage`, storage);
  }
  return out;
}

function attributesClassNames(pvc: Claim): string[] {
  const names = new Set<string>();
  if (pvc.spec?.volumeAttributesClassName) names.add(pvc.spec.volumeAttributesClassName);
  if (pvc.status?.currentVolumeAttributesClassName) names.add(pvc.status.currentVolumeAttributesClassName);
  const target = pvc.status?.modifyVolumeStatus?.targetVolumeAttributesClassName;
  if (target) names.add(target);
  return [...names];
}

export function pvcMatchesScope(scope: ScopeRequirement, pvc: Claim): boolean {
  if (scope.scopeName !== 'VolumeAttributesClass') return false;
  const names = attributesClassNames(pvc);
  if (scope.operator === 'Exists') return names.length > 0;
  if (names.length === 0) return selectorMatches(scope, {});
  return names.some((n) => selectorMatches(scope, { VolumeAttributesClass: n }));
}

export const pvcEvaluator: QuotaEvaluator = {
  group: '',
  resource: 'persistentvolumeclaims',
  // Status writes that change the allocated size are charged upstream; the sandbox never resizes.
  handles: (operation, subresource) => subresource === '' && (operation === 'CREATE' || operation === 'UPDATE'),
  matchingResources: (names) =>
    names.filter((n) => n === PVC_COUNT || PVC_RESOURCES.includes(n) || PVC_RESOURCES.some((r) => n.endsWith(STORAGE_CLASS_SUFFIX + r))),
  matchesScope: (scope, obj: KubeObject) => pvcMatchesScope(scope, obj as Claim),
  usage: (obj: KubeObject) => pvcUsage(obj as Claim),
  constraints: () => undefined,
};
