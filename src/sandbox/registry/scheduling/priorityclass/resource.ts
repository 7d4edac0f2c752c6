// PriorityClass (scheduling.k8s.io/v1): registered; upstream's strategy, validation and printer to come.
import type * as api from '../../../../generated/k8s/scheduling/v1.ts';
import { defineResource } from '../../define.ts';

type PriorityClass = api.PriorityClass & { metadata: NonNullable<api.PriorityClass['metadata']> };

export const priorityClassResource = defineResource<PriorityClass>({
  group: 'scheduling.k8s.io',
  version: 'v1',
  kind: 'PriorityClass',
  resource: 'priorityclasses',
  namespaced: false,
  shortNames: ['pc'],
});
