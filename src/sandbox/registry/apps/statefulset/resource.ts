// StatefulSet (apps/v1): registered; upstream's strategy, validation and printer to come.
import type * as api from '../../../../generated/k8s/apps/v1.ts';
import { defineResource } from '../../define.ts';

type StatefulSet = api.StatefulSet & { metadata: NonNullable<api.StatefulSet['metadata']> };

export const statefulSetResource = defineResource<StatefulSet>({
  group: 'apps',
  version: 'v1',
  kind: 'StatefulSet',
  resource: 'statefulsets',
  namespaced: true,
  shortNames: ['sts'],
  categories: ['all'],
  statusStrategy: {},
  scale: { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.replicas', labelSelectorPath: '.spec.selector' },
});
