// The PriorityClass table (printers.go printPriorityClass): NAME VALUE GLOBAL-DEFAULT AGE
// PREEMPTIONPOLICY.
import type { TablePrinter } from '../../types.ts';
import { age, ageColumn, nameColumn } from '../../printers/format.ts';
import { docColumn } from '../../apps/shared/printing.ts';
import type { PriorityClass } from './validation.ts';

const def = 'io.k8s.api.scheduling.v1.PriorityClass';

export const priorityClassPrinter: TablePrinter<PriorityClass> = {
  columns: [
    nameColumn,
    docColumn('Value', 'integer', def, 'value'),
    docColumn('Global-Default', 'boolean', def, 'globalDefault'),
    ageColumn,
    docColumn('PreemptionPolicy', 'string', def, 'preemptionPolicy'),
  ],
  cells: (pc, ctx) => [pc.metadata.name, pc.value ?? 0, pc.globalDefault ?? false, age(pc.metadata.creationTimestamp, ctx.now), pc.preemptionPolicy ?? '<unset>'],
};
