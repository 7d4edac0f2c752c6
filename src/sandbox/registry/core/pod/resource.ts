// Pod (core/v1): registered; upstream's strategy, validation and printer to come.
import type * as api from '../../../../generated/k8s/core/v1.ts';
import { defineResource } from '../../define.ts';

type Pod = api.Pod & { metadata: NonNullable<api.Pod['metadata']> };

export const podResource = defineResource<Pod>({
  group: '',
  version: 'v1',
  kind: 'Pod',
  resource: 'pods',
  namespaced: true,
  shortNames: ['po'],
  categories: ['all'],
  statusStrategy: {},
});
