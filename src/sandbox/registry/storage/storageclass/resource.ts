// StorageClass (pkg/registry/storage/storageclass): defaults (reclaimPolicy Delete,
// volumeBindingMode Immediate), validation, and the table `kubectl get sc` prints, where the
// default class is marked "(default)".
import type * as api from '../../../../generated/k8s/storage/v1.ts';
import { defineResource } from '../../define.ts';
import { age, ageColumn, column, nameColumn } from '../../printers/format.ts';
import { validateStorageClass, validateStorageClassUpdate } from './validation.ts';

type StorageClass = api.StorageClass & { metadata: NonNullable<api.StorageClass['metadata']> };

/** storageutil.IsDefaultAnnotation: the GA or the beta annotation set to "true". */
export function isDefaultStorageClass(meta: { annotations?: Record<string, string> }): boolean {
  const a = meta.annotations ?? {};
  return a['storageclass.kubernetes.io/is-default-class'] === 'true' || a['storageclass.beta.kubernetes.io/is-default-class'] === 'true';
}

export const storageClassResource = defineResource<StorageClass>({
  group: 'storage.k8s.io',
  version: 'v1',
  kind: 'StorageClass',
  resource: 'storageclasses',
  namespaced: false,
  shortNames: ['sc'],
  defaults(sc) {
    sc.reclaimPolicy ??= 'Delete';
    sc.volumeBindingMode ??= 'Immediate';
  },
  strategy: {
    validate: (sc) => validateStorageClass(sc),
    validateUpdate: (sc, old) => validateStorageClassUpdate(sc, old),
  },
  printer: {
    columns: [
      nameColumn,
      column('Provisioner', 'string', 'provisioner indicates the type of the provisioner.'),
      column('ReclaimPolicy', 'string', 'reclaimPolicy controls the reclaimPolicy for dynamically provisioned PersistentVolumes of this storage class. Defaults to Delete.'),
      column('VolumeBindingMode', 'string', 'volumeBindingMode indicates how PersistentVolumeClaims should be provisioned and bound.  When unset, VolumeBindingImmediate is used. This field is only honored by servers that enable the VolumeScheduling feature.'),
      column('AllowVolumeExpansion', 'string', 'allowVolumeExpansion shows whether the storage class allow volume expand.'),
      ageColumn,
    ],
    cells: (sc, ctx) => [
      isDefaultStorageClass(sc.metadata) ? `${sc.metadata.name} (default)` : sc.metadata.name,
      sc.provisioner,
      sc.reclaimPolicy ?? 'Delete',
      sc.volumeBindingMode ?? 'Immediate',
      sc.allowVolumeExpansion ?? false,
      age(sc.metadata.creationTimestamp, ctx.now),
    ],
  },
});
