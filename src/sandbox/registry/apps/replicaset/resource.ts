// ReplicaSet (apps/v1): registered; upstream's strategy, validation and printer to come.
import type * as api from '../../../../generated/k8s/apps/v1.ts';
import { defineResource } from '../../define.ts';

type ReplicaSet = api.ReplicaSet & { metadata: NonNullable<api.ReplicaSet['metadata']> };

export const replicaSetResource = defineResource<ReplicaSet>({
  group: 'apps',
  version: 'v1',
  kind: 'ReplicaSet',
  resource: 'replicasets',
  namespaced: true,
  shortNames: ['rs'],
  categories: ['all'],
  statusStrategy: {},
  scale: { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.replicas', labelSelectorPath: '.spec.selector' },
});
