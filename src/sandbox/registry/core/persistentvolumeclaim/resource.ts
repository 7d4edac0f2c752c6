// PersistentVolumeClaim (core/v1): registered; upstream's strategy, validation and printer to come.
import type * as api from '../../../../generated/k8s/core/v1.ts';
import { defineResource } from '../../define.ts';

type PersistentVolumeClaim = api.PersistentVolumeClaim & { metadata: NonNullable<api.PersistentVolumeClaim['metadata']> };

export const persistentVolumeClaimResource = defineResource<PersistentVolumeClaim>({
  group: '',
  version: 'v1',
  kind: 'PersistentVolumeClaim',
  resource: 'persistentvolumeclaims',
  namespaced: true,
  shortNames: ['pvc'],
  statusStrategy: {},
});
