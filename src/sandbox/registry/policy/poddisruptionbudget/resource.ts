// PodDisruptionBudget (policy/v1, pkg/registry/policy/poddisruptionbudget): strategy, status
// subresource and the table printer. A new budget's status reads all zeros until the disruption
// controller fills it.
import { path } from '../../../../apimachinery/field-errors.ts';
import { defineResource } from '../../define.ts';
import { carryOver } from '../../apps/shared/carry.ts';
import { initialGeneration, nextGeneration } from '../../apps/shared/generation.ts';
import { podDisruptionBudgetPrinter } from './printer.ts';
import { type PodDisruptionBudget, validatePodDisruptionBudget, validatePodDisruptionBudgetStatus } from './validation.ts';

export const podDisruptionBudgetResource = defineResource<PodDisruptionBudget>({
  group: 'policy',
  version: 'v1',
  kind: 'PodDisruptionBudget',
  resource: 'poddisruptionbudgets',
  namespaced: true,
  shortNames: ['pdb'],
  strategy: {
    prepareForCreate(pdb) {
      pdb.status = { currentHealthy: 0, desiredHealthy: 0, disruptionsAllowed: 0, expectedPods: 0 };
      initialGeneration(pdb);
    },
    prepareForUpdate(pdb, old) {
      carryOver(pdb, old, 'status');
      nextGeneration(pdb, old);
    },
    validate: (pdb) => validatePodDisruptionBudget(pdb),
    validateUpdate: (pdb) => validatePodDisruptionBudget(pdb),
  },
  statusStrategy: {
    prepareForUpdate(pdb, old) {
      carryOver(pdb, old, 'spec');
    },
    validateUpdate: (pdb) => validatePodDisruptionBudgetStatus(pdb.status, path('status')),
  },
  printer: podDisruptionBudgetPrinter,
});
