// The PV controller's volume matching (upstream pkg/controller/volume/persistentvolume/util
// FindMatchingVolume): a volume pre-bound to the claim wins; otherwise the smallest Available
// volume of the claim's class whose capacity, volume mode, access modes, selector (and node
// affinity, when a node is given) fit. Without a node, delayed-binding claims match only
// pre-bound volumes: the scheduler chooses for them.
import { labelSelectorAsSelector } from '../../../apimachinery/labels.ts';
import type * as corev1 from '../../../generated/k8s/core/v1.ts';
import { requestQuantity } from '../../scheduler/resources.ts';
import { claimClass, pvNodeAffinityMatches, volumeClass } from '../../scheduler/volumes.ts';

/** IsVolumeBoundToClaim: the claimRef names the claim and, when it carries a uid, the same one. */
export function isVolumeBoundToClaim(pv: corev1.PersistentVolume, pvc: corev1.PersistentVolumeClaim): boolean {
  const ref = pv.spec?.claimRef;
  if (!ref || ref.name !== pvc.metadata?.name || ref.namespace !== pvc.metadata?.namespace) return false;
  return !ref.uid || ref.uid === pvc.metadata?.uid;
}

export interface MatchOptions {
  delayBinding: boolean;
  /** The node's labels on the scheduler path (volume node affinity must allow it). */
  nodeLabels?: Readonly<Record<string, string>>;
}

function selectorMatches(pvc: corev1.PersistentVolumeClaim, pv: corev1.PersistentVolume): boolean {
  const selector = pvc.spec?.selector;
  if (!selector) return true;
  try {
    return labelSelectorAsSelector(selector).matches(pv.metadata?.labels ?? {});
  } catch {
    return false;
  }
}

export function findBestMatchForClaim(pvc: corev1.PersistentVolumeClaim, pvs: Iterable<corev1.PersistentVolume>, opts: MatchOptions): corev1.PersistentVolume | undefined {
  const requested = requestQuantity(pvc.spec?.resources?.requests, 'storage');
  const wantedModes = pvc.spec?.accessModes ?? [];
  let best: corev1.PersistentVolume | undefined;
  for (const pv of pvs) {
    if (pv.spec?.claimRef && !isVolumeBoundToClaim(pv, pvc)) continue;
    const capacity = requestQuantity(pv.spec?.capacity, 'storage');
    if (requested && (!capacity || capacity.cmp(requested) < 0)) continue;
    if ((pv.spec?.volumeMode ?? 'Filesystem') !== (pvc.spec?.volumeMode ?? 'Filesystem')) continue;
    if (pv.metadata?.deletionTimestamp) continue;
    const affinityOk = !opts.nodeLabels || pvNodeAffinityMatches(pv, opts.nodeLabels);
    if (isVolumeBoundToClaim(pv, pvc)) return affinityOk ? pv : undefined;
    if (!opts.nodeLabels && opts.delayBinding) continue;
    if (pv.status?.phase !== 'Available') continue;
    if (!selectorMatches(pvc, pv)) continue;
    if (volumeClass(pv) !== claimClass(pvc)) continue;
    if (!affinityOk) continue;
    const modes = pv.spec?.accessModes ?? [];
    if (!wantedModes.every((m) => modes.includes(m))) continue;
    const bestCapacity = best ? requestQuantity(best.spec?.capacity, 'storage') : undefined;
    if (!best || (capacity && bestCapacity && bestCapacity.cmp(capacity) > 0)) best = pv;
  }
  return best;
}
