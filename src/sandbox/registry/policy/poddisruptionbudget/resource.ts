// PodDisruptionBudget (policy/v1): registered; upstream's strategy, validation and printer to come.
import type * as api from '../../../../generated/k8s/policy/v1.ts';
import { defineResource } from '../../define.ts';

type PodDisruptionBudget = api.PodDisruptionBudget & { metadata: NonNullable<api.PodDisruptionBudget['metadata']> };

export const podDisruptionBudgetResource = defineResource<PodDisruptionBudget>({
  group: 'policy',
  version: 'v1',
  kind: 'PodDisruptionBudget',
  resource: 'poddisruptionbudgets',
  namespaced: true,
  shortNames: ['pdb'],
  statusStrategy: {},
});
