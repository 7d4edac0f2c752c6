// PersistentVolume (core/v1): registered; upstream's strategy, validation and printer to come.
import type * as api from '../../../../generated/k8s/core/v1.ts';
import { defineResource } from '../../define.ts';

type PersistentVolume = api.PersistentVolume & { metadata: NonNullable<api.PersistentVolume['metadata']> };

export const persistentVolumeResource = defineResource<PersistentVolume>({
  group: '',
  version: 'v1',
  kind: 'PersistentVolume',
  resource: 'persistentvolumes',
  namespaced: false,
  shortNames: ['pv'],
  statusStrategy: {},
});
