// PersistentVolumeClaim (pkg/registry/core/persistentvolumeclaim): Pending until bound.
import { deepClone } from '../../../../apimachinery/object.ts';
import { defineResource } from '../../define.ts';
import { persistentVolumeClaimWarnings } from '../shared/volume-warnings.ts';
import { persistentVolumeClaimPrinter } from './printer.ts';
import type { PersistentVolumeClaim } from './types.ts';
import { validatePersistentVolumeClaim, validatePersistentVolumeClaimStatusUpdate, validatePersistentVolumeClaimUpdate } from './validation.ts';

export const persistentVolumeClaimResource = defineResource<PersistentVolumeClaim>({
  group: '',
  version: 'v1',
  kind: 'PersistentVolumeClaim',
  resource: 'persistentvolumeclaims',
  namespaced: true,
  shortNames: ['pvc'],
  defaults(pvc) {
    // SetDefaults_PersistentVolumeClaim(Spec).
    const spec = (pvc.spec ??= {});
    spec.volumeMode ??= 'Filesystem';
    spec.resources ??= {};
    if (pvc.status && !pvc.status.phase) pvc.status.phase = 'Pending';
  },
  strategy: {
    prepareForCreate(pvc) {
      pvc.status = { phase: 'Pending' };
    },
    prepareForUpdate(pvc, old) {
      pvc.status = deepClone(old.status);
    },
    validate: (pvc) => validatePersistentVolumeClaim(pvc),
    validateUpdate: (pvc, old) => validatePersistentVolumeClaimUpdate(pvc, old),
    warningsOnCreate: (pvc) => persistentVolumeClaimWarnings(pvc.metadata, pvc.spec),
    warningsOnUpdate: (pvc) => persistentVolumeClaimWarnings(pvc.metadata, pvc.spec),
  },
  statusStrategy: {
    prepareForUpdate(pvc, old) {
      pvc.spec = deepClone(old.spec);
    },
    validateUpdate: (pvc) => validatePersistentVolumeClaimStatusUpdate(pvc),
  },
  printer: persistentVolumeClaimPrinter,
});
