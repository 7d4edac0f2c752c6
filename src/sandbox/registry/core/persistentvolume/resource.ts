// PersistentVolume (pkg/registry/core/persistentvolume).
import { defineResource } from '../../define.ts';
import { persistentVolumePrinter } from './printer.ts';
import { persistentVolumeStatusStrategy, persistentVolumeStrategy } from './strategy.ts';
import type { PersistentVolume } from './types.ts';

export const persistentVolumeResource = defineResource<PersistentVolume>({
  group: '',
  version: 'v1',
  kind: 'PersistentVolume',
  resource: 'persistentvolumes',
  namespaced: false,
  shortNames: ['pv'],
  defaults(pv) {
    // SetDefaults_PersistentVolume.
    const spec = (pv.spec ??= {});
    spec.persistentVolumeReclaimPolicy ||= 'Retain';
    spec.volumeMode ??= 'Filesystem';
    if (pv.status && !pv.status.phase) pv.status.phase = 'Pending';
    if (spec.hostPath) spec.hostPath.type ??= '';
  },
  strategy: persistentVolumeStrategy,
  statusStrategy: persistentVolumeStatusStrategy,
  printer: persistentVolumePrinter,
});
