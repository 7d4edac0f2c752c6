// The PodDisruptionBudget table (printers.go printPodDisruptionBudget): NAME MIN AVAILABLE
// MAX UNAVAILABLE ALLOWED DISRUPTIONS AGE.
import type { TablePrinter } from '../../types.ts';
import { age, ageColumn, column, nameColumn } from '../../printers/format.ts';
import type { PodDisruptionBudget } from './validation.ts';

export const podDisruptionBudgetPrinter: TablePrinter<PodDisruptionBudget> = {
  columns: [
    nameColumn,
    column('Min Available', 'string', 'The minimum number of pods that must be available.'),
    column('Max Unavailable', 'string', 'The maximum number of pods that may be unavailable.'),
    column('Allowed Disruptions', 'integer', 'Calculated number of pods that may be disrupted at this time.'),
    ageColumn,
  ],
  cells: (pdb, ctx) => [
    pdb.metadata.name,
    pdb.spec?.minAvailable !== undefined ? String(pdb.spec.minAvailable) : 'N/A',
    pdb.spec?.maxUnavailable !== undefined ? String(pdb.spec.maxUnavailable) : 'N/A',
    pdb.status?.disruptionsAllowed ?? 0,
    age(pdb.metadata.creationTimestamp, ctx.now),
  ],
};
