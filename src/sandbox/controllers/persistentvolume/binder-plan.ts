// The PV controller's decisions (upstream pv_controller.go syncClaim/syncVolume), as pure
// functions of the claim or volume and what the binder sees: each returns the actions the
// effects layer performs (bind, phases, provisioning hand-off, events).
import type * as corev1 from '../../../generated/k8s/core/v1.ts';
import type * as storagev1 from '../../../generated/k8s/storage/v1.ts';
import { ANN_BIND_COMPLETED, ANN_SELECTED_NODE, claimClass, isDelayBinding, NOT_SUPPORTED_PROVISIONER } from '../../scheduler/volumes.ts';
import { findBestMatchForClaim, isVolumeBoundToClaim } from './matching.ts';

export const ANN_BOUND_BY_CONTROLLER = 'pv.kubernetes.io/bound-by-controller';
export const ANN_DYNAMICALLY_PROVISIONED = 'pv.kubernetes.io/provisioned-by';
export const ANN_STORAGE_PROVISIONER = 'volume.kubernetes.io/storage-provisioner';
export const ANN_BETA_STORAGE_PROVISIONER = 'volume.beta.kubernetes.io/storage-provisioner';
export const ANN_DEFAULT_CLASS = 'storageclass.kubernetes.io/is-default-class';

export type ClaimPhase = 'Pending' | 'Bound' | 'Lost';
export type VolumePhase = 'Available' | 'Bound' | 'Released' | 'Failed';

export interface ClaimEvent {
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
}

export type ClaimAction =
  | { kind: 'bind'; volume: string }
  | { kind: 'assignDefaultClass'; className: string }
  | { kind: 'setProvisioner'; provisioner: string }
  | { kind: 'phase'; phase: ClaimPhase }
  | { kind: 'event'; event: ClaimEvent };

export type VolumeAction =
  | { kind: 'phase'; phase: VolumePhase; message?: string }
  | { kind: 'unbind' }
  | { kind: 'event'; event: ClaimEvent };

export interface BinderView {
  volumes: readonly corev1.PersistentVolume[];
  classes: ReadonlyMap<string, storagev1.StorageClass>;
  /** Names of pods using the claim that are not scheduled yet (WaitForPodScheduled). */
  unscheduledConsumers: readonly string[];
}

/** GetDefaultClass: the newest class annotated as default (upstream picks the newest of several). */
export function defaultClass(classes: ReadonlyMap<string, storagev1.StorageClass>): storagev1.StorageClass | undefined {
  let best: storagev1.StorageClass | undefined;
  for (const c of classes.values()) {
    if (c.metadata?.annotations?.[ANN_DEFAULT_CLASS] !== 'true') continue;
    if (!best || (c.metadata?.creationTimestamp ?? '') > (best.metadata?.creationTimestamp ?? '')) best = c;
  }
  return best;
}

const pending = (phase: string | undefined): ClaimAction[] => (phase === 'Pending' ? [] : [{ kind: 'phase', phase: 'Pending' }]);

/** syncUnboundClaim with no volume named: match, hand over to a provisioner, or wait. */
function planUnnamedClaim(pvc: corev1.PersistentVolumeClaim, view: BinderView): ClaimAction[] {
  let delay = isDelayBinding(pvc, view.classes);
  const match = findBestMatchForClaim(pvc, view.volumes, { delayBinding: delay });
  if (match) return [{ kind: 'bind', volume: match.metadata?.name ?? '' }];
  const out: ClaimAction[] = [];
  let cls = claimClass(pvc);
  // Retroactive default class assignment: only a claim that never named a class gets one.
  if (!cls && pvc.spec?.storageClassName === undefined && pvc.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class'] === undefined) {
    const def = defaultClass(view.classes);
    if (def?.metadata?.name) {
      cls = def.metadata.name;
      out.push({ kind: 'assignDefaultClass', className: cls });
      delay = def.volumeBindingMode === 'WaitForFirstConsumer';
    }
  }
  if (delay && pvc.metadata?.annotations?.[ANN_SELECTED_NODE] === undefined) {
    const names = view.unscheduledConsumers;
    const event: ClaimEvent =
      names.length === 0
        ? { type: 'Normal', reason: 'WaitForFirstConsumer', message: 'waiting for first consumer to be created before binding' }
        : { type: 'Normal', reason: 'WaitForPodScheduled', message: `waiting for ${names.length > 1 ? 'pods' : 'pod'} ${names.join(',')} to be scheduled` };
    return [...out, { kind: 'event', event }, ...pending(pvc.status?.phase)];
  }
  if (cls) {
    const sc = view.classes.get(cls);
    if (!sc) {
      return [...out, { kind: 'event', event: { type: 'Warning', reason: 'ProvisioningFailed', message: `storageclass.storage.k8s.io "${cls}" not found` } }, ...pending(pvc.status?.phase)];
    }
    if (!sc.provisioner || sc.provisioner === NOT_SUPPORTED_PROVISIONER) {
      // kubernetes.io/no-provisioner: only static volumes can satisfy the claim.
      return [...out, { kind: 'event', event: { type: 'Normal', reason: 'FailedBinding', message: 'no persistent volumes available for this claim and no storage class is set' } }, ...pending(pvc.status?.phase)];
    }
    const announced = pvc.metadata?.annotations?.[ANN_STORAGE_PROVISIONER] === sc.provisioner;
    if (!announced) {
      out.push({
        kind: 'event',
        event: {
          type: 'Normal',
          reason: 'ExternalProvisioning',
          message: `Waiting for a volume to be created either by the external provisioner '${sc.provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`,
        },
      });
      out.push({ kind: 'setProvisioner', provisioner: sc.provisioner });
    }
    return [...out, ...pending(pvc.status?.phase)];
  }
  return [...out, { kind: 'event', event: { type: 'Normal', reason: 'FailedBinding', message: 'no persistent volumes available for this claim and no storage class is set' } }, ...pending(pvc.status?.phase)];
}

/** syncClaim: the actions for one claim. */
export function planClaim(pvc: corev1.PersistentVolumeClaim, view: BinderView): ClaimAction[] {
  if (pvc.metadata?.deletionTimestamp && !pvc.spec?.volumeName) return [];
  const volumeName = pvc.spec?.volumeName ?? '';
  const pv = volumeName ? view.volumes.find((v) => v.metadata?.name === volumeName) : undefined;
  if (pvc.metadata?.annotations?.[ANN_BIND_COMPLETED] === undefined) {
    if (!volumeName) return planUnnamedClaim(pvc, view);
    // The user asked for a volume by name.
    if (!pv) return pending(pvc.status?.phase);
    if (!pv.spec?.claimRef || isVolumeBoundToClaim(pv, pvc)) return [{ kind: 'bind', volume: volumeName }];
    return [{ kind: 'event', event: { type: 'Warning', reason: 'FailedBinding', message: 'volume already bound to a different claim.' } }, ...pending(pvc.status?.phase)];
  }
  const lost = (reason: string, message: string): ClaimAction[] => [
    ...(pvc.status?.phase === 'Lost' ? [] : ([{ kind: 'phase', phase: 'Lost' }, { kind: 'event', event: { type: 'Warning', reason, message } }] as ClaimAction[])),
  ];
  if (!volumeName) return lost('ClaimLost', 'Bound claim has lost reference to PersistentVolume. Data on the volume is lost!');
  if (!pv) return lost('ClaimLost', 'Bound claim has lost its PersistentVolume. Data on the volume is lost!');
  if (!pv.spec?.claimRef || isVolumeBoundToClaim(pv, pvc)) {
    const done = pvc.status?.phase === 'Bound' && pv.spec?.claimRef?.uid === pvc.metadata?.uid && pv.status?.phase === 'Bound';
    return done ? [] : [{ kind: 'bind', volume: volumeName }];
  }
  return lost('ClaimMisbound', 'Two claims are bound to the same volume, this one is bound incorrectly');
}

/** syncVolume: the actions for one volume, given the claim its claimRef names (if it exists). */
export function planVolume(pv: corev1.PersistentVolume, claim: corev1.PersistentVolumeClaim | undefined): VolumeAction[] {
  const phase = pv.status?.phase;
  const to = (p: VolumePhase, message?: string): VolumeAction[] => (phase === p ? [] : [{ kind: 'phase', phase: p, ...(message ? { message } : {}) }]);
  const ref = pv.spec?.claimRef;
  if (!ref) return to('Available');
  if (!ref.uid) return to('Available'); // pre-bound by the user: syncClaim finishes it
  const current = claim && claim.metadata?.uid === ref.uid ? claim : undefined;
  if (!current) {
    // The claim is gone (or was re-created): release, then reclaim.
    if (phase === 'Released' || phase === 'Failed') return [];
    const policy = pv.spec?.persistentVolumeReclaimPolicy ?? 'Retain';
    if (policy === 'Retain' || pv.metadata?.annotations?.[ANN_DYNAMICALLY_PROVISIONED]) return to('Released'); // an external provisioner deletes its own volumes
    const verb = policy === 'Recycle' ? 'recycler' : 'deleter';
    const message = `error getting ${verb} volume plugin for volume "${pv.metadata?.name ?? ''}": no ${policy === 'Recycle' ? 'recyclable' : 'deletable'} volume plugin matched`;
    return [...to('Released'), { kind: 'phase', phase: 'Failed', message }, { kind: 'event', event: { type: 'Warning', reason: policy === 'Recycle' ? 'VolumeFailedRecycle' : 'VolumeFailedDelete', message } }];
  }
  if (!current.spec?.volumeName) return []; // half-bound: syncClaim completes the binding
  if (current.spec.volumeName === pv.metadata?.name) return to('Bound');
  // The claim is bound to another volume: undo what the controller did.
  return pv.metadata?.annotations?.[ANN_BOUND_BY_CONTROLLER] ? [{ kind: 'unbind' }] : [];
}
