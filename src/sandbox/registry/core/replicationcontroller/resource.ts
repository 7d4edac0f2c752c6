// ReplicationController (core/v1): registered; upstream's strategy, validation and printer to come.
import type * as api from '../../../../generated/k8s/core/v1.ts';
import { defineResource } from '../../define.ts';

type ReplicationController = api.ReplicationController & { metadata: NonNullable<api.ReplicationController['metadata']> };

export const replicationControllerResource = defineResource<ReplicationController>({
  group: '',
  version: 'v1',
  kind: 'ReplicationController',
  resource: 'replicationcontrollers',
  namespaced: true,
  shortNames: ['rc'],
  categories: ['all'],
  statusStrategy: {},
  scale: { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.replicas', labelSelectorPath: '.status.selector' },
});
