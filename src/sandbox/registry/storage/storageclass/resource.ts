// StorageClass (storage.k8s.io/v1): registered; upstream's strategy, validation and printer to come.
import type * as api from '../../../../generated/k8s/storage/v1.ts';
import { defineResource } from '../../define.ts';

type StorageClass = api.StorageClass & { metadata: NonNullable<api.StorageClass['metadata']> };

export const storageClassResource = defineResource<StorageClass>({
  group: 'storage.k8s.io',
  version: 'v1',
  kind: 'StorageClass',
  resource: 'storageclasses',
  namespaced: false,
  shortNames: ['sc'],
});
