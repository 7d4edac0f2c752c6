// Shared PersistentVolume/Claim rules (component-helpers/storage/volume and ephemeral).
import type * as corev1 from '../../generated/k8s/core/v1.ts';
import type * as storagev1 from '../../generated/k8s/storage/v1.ts';
import { NodeSelectorMatcher } from './node-selector.ts';

export const ANN_BIND_COMPLETED = 'pv.kubernetes.io/bind-completed';
export const ANN_SELECTED_NODE = 'volume.kubernetes.io/selected-node';
export const BETA_STORAGE_CLASS_ANNOTATION = 'volume.beta.kubernetes.io/storage-class';
export const NOT_SUPPORTED_PROVISIONER = 'kubernetes.io/no-provisioner';

/** A pod volume backed by a claim: its claim name and whether it is a generic ephemeral volume. */
export interface ClaimRef {
  readonly claimName: string;
  readonly ephemeral: boolean;
}

/** The claims a pod's volumes use, in volume order (ephemeral claims are named <pod>-<volume>). */
export function podClaims(pod: corev1.Pod): ClaimRef[] {
  const out: ClaimRef[] = [];
  for (const v of pod.spec?.volumes ?? []) {
    if (v.persistentVolumeClaim) out.push({ claimName: v.persistentVolumeClaim.claimName, ephemeral: false });
    else if (v.ephemeral) out.push({ claimName: `${pod.metadata?.name ?? ''}-${v.name}`, ephemeral: true });
  }
  return out;
}

/** ephemeral.VolumeIsForPod: the claim must be controlled by the pod. */
export function ephemeralClaimError(pod: corev1.Pod, pvc: corev1.PersistentVolumeClaim): string | undefined {
  const owned =
    pvc.metadata?.namespace === pod.metadata?.namespace &&
    (pvc.metadata?.ownerReferences ?? []).some((r) => r.controller === true && (pod.metadata?.uid ? r.uid === pod.metadata.uid : r.name === pod.metadata?.name));
  if (owned) return undefined;
  return `PVC ${pvc.metadata?.namespace ?? ''}/${pvc.metadata?.name ?? ''} was not created for pod ${pod.metadata?.namespace ?? ''}/${pod.metadata?.name ?? ''} (pod is not owner)`;
}

/** GetPersistentVolumeClaimClass: the beta annotation wins over spec.storageClassName. */
export function claimClass(pvc: corev1.PersistentVolumeClaim): string {
  return pvc.metadata?.annotations?.[BETA_STORAGE_CLASS_ANNOTATION] ?? pvc.spec?.storageClassName ?? '';
}

export function volumeClass(pv: corev1.PersistentVolume): string {
  return pv.metadata?.annotations?.[BETA_STORAGE_CLASS_ANNOTATION] ?? pv.spec?.storageClassName ?? '';
}

/**
 * A claim bound by the PV controller. Upstream requires spec.volumeName and the bind-completed
 * annotation; the sandbox also accepts status.phase Bound, since its claims may be bound by
 * controllers that only set the phase.
 */
export function claimFullyBound(pvc: corev1.PersistentVolumeClaim): boolean {
  if (!pvc.spec?.volumeName) return false;
  return pvc.metadata?.annotations?.[ANN_BIND_COMPLETED] !== undefined || pvc.status?.phase === 'Bound';
}

/** volume.IsDelayBindingMode: the claim's class exists and binds on first consumer. */
export function isDelayBinding(pvc: corev1.PersistentVolumeClaim, classes: ReadonlyMap<string, storagev1.StorageClass>): boolean {
  const name = claimClass(pvc);
  if (!name) return false;
  return classes.get(name)?.volumeBindingMode === 'WaitForFirstConsumer';
}

/** volume.CheckNodeAffinity: a PV's required node affinity against node labels (fields ignored). */
export function pvNodeAffinityMatches(pv: corev1.PersistentVolume, labels: Readonly<Record<string, string>>): boolean {
  const required = pv.spec?.nodeAffinity?.required;
  if (!required) return true;
  return new NodeSelectorMatcher(required).matches({ name: '', labels });
}
