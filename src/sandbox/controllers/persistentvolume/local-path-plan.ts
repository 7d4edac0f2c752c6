// rancher's local-path-provisioner (the `standard` class of kind), as data: which claims it
// provisions, the PersistentVolume it creates for one (a hostPath directory under
// /var/local-path-provisioner on the selected node, pinned there by node affinity) and when it
// deletes a volume (Released with reclaim policy Delete).
import type * as corev1 from '../../../generated/k8s/core/v1.ts';
import type * as storagev1 from '../../../generated/k8s/storage/v1.ts';
import { ANN_SELECTED_NODE, claimClass } from '../../scheduler/volumes.ts';
import { ANN_BETA_STORAGE_PROVISIONER, ANN_DYNAMICALLY_PROVISIONED, ANN_STORAGE_PROVISIONER } from './binder-plan.ts';

export const LOCAL_PATH_PROVISIONER = 'rancher.io/local-path';
export const LOCAL_PATH_ROOT = '/var/local-path-provisioner';

export const provisionedVolumeName = (pvc: corev1.PersistentVolumeClaim): string => `pvc-${pvc.metadata?.uid ?? ''}`;

export type ProvisionDecision =
  | { kind: 'none' }
  | { kind: 'provision'; volume: corev1.PersistentVolume }
  | { kind: 'fail'; message: string };

/**
 * shouldProvision + Provision: a claim handed to this provisioner, not yet bound, whose volume
 * does not exist yet. `node` is the selected node (WaitForFirstConsumer) or, for Immediate
 * classes, a node the provisioner picks.
 */
export function planProvision(
  pvc: corev1.PersistentVolumeClaim,
  sc: storagev1.StorageClass | undefined,
  existing: ReadonlySet<string>,
  node: { name: string; hostname: string } | undefined,
): ProvisionDecision {
  const anns = pvc.metadata?.annotations ?? {};
  const provisioner = anns[ANN_STORAGE_PROVISIONER] ?? anns[ANN_BETA_STORAGE_PROVISIONER];
  if (provisioner !== LOCAL_PATH_PROVISIONER || pvc.spec?.volumeName || pvc.metadata?.deletionTimestamp) return { kind: 'none' };
  if (!sc || sc.provisioner !== LOCAL_PATH_PROVISIONER) return { kind: 'none' };
  if (existing.has(provisionedVolumeName(pvc))) return { kind: 'none' };
  if (sc.volumeBindingMode === 'WaitForFirstConsumer' && anns[ANN_SELECTED_NODE] === undefined) return { kind: 'none' };
  if (!node) return { kind: 'fail', message: 'configuration error, no node was specified' };
  const modes = pvc.spec?.accessModes ?? [];
  const bad = modes.find((m) => m !== 'ReadWriteOnce' && m !== 'ReadWriteOncePod');
  if (bad) return { kind: 'fail', message: `NodePath only supports ReadWriteOnce and ReadWriteOncePod (1.22+) access modes` };
  const name = provisionedVolumeName(pvc);
  const ns = pvc.metadata?.namespace ?? '';
  const volume: corev1.PersistentVolume = {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name, annotations: { [ANN_DYNAMICALLY_PROVISIONED]: LOCAL_PATH_PROVISIONER, 'local.path.provisioner/selected-node': node.name } },
    spec: {
      accessModes: modes,
      capacity: { storage: pvc.spec?.resources?.requests?.storage ?? '0' },
      claimRef: { kind: 'PersistentVolumeClaim', namespace: ns, name: pvc.metadata?.name, uid: pvc.metadata?.uid, apiVersion: 'v1', resourceVersion: pvc.metadata?.resourceVersion },
      hostPath: { path: `${LOCAL_PATH_ROOT}/${name}_${ns}_${pvc.metadata?.name ?? ''}`, type: 'DirectoryOrCreate' },
      nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [node.hostname] }] }] } },
      persistentVolumeReclaimPolicy: sc.reclaimPolicy ?? 'Delete',
      storageClassName: claimClass(pvc),
      volumeMode: pvc.spec?.volumeMode ?? 'Filesystem',
    },
  };
  return { kind: 'provision', volume };
}

/** shouldDelete: a Released volume this provisioner made, to be removed with its data. */
export function shouldDelete(pv: corev1.PersistentVolume): boolean {
  return (
    pv.metadata?.annotations?.[ANN_DYNAMICALLY_PROVISIONED] === LOCAL_PATH_PROVISIONER &&
    pv.status?.phase === 'Released' &&
    (pv.spec?.persistentVolumeReclaimPolicy ?? 'Delete') === 'Delete' &&
    !pv.metadata?.deletionTimestamp
  );
}
