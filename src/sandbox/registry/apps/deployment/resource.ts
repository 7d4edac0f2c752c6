// Deployment (apps/v1): registered; upstream's strategy, validation and printer to come.
import type * as api from '../../../../generated/k8s/apps/v1.ts';
import { defineResource } from '../../define.ts';

type Deployment = api.Deployment & { metadata: NonNullable<api.Deployment['metadata']> };

export const deploymentResource = defineResource<Deployment>({
  group: 'apps',
  version: 'v1',
  kind: 'Deployment',
  resource: 'deployments',
  namespaced: true,
  shortNames: ['deploy'],
  categories: ['all'],
  statusStrategy: {},
  scale: { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.replicas', labelSelectorPath: '.spec.selector' },
});
