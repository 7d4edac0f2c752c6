// The ServiceAccount table (printServiceAccount): NAME SECRETS AGE.
import { age, ageColumn, column, nameColumn } from '../../printers/format.ts';
import type { TablePrinter } from '../../types.ts';
import { swaggerDoc } from '../shared/swagger-doc.ts';
import type { ServiceAccount } from './types.ts';

export const serviceAccountPrinter: TablePrinter<ServiceAccount> = {
  columns: [nameColumn, column('Secrets', 'string', swaggerDoc('ServiceAccount', 'secrets')), ageColumn],
  cells: (sa, ctx) => [sa.metadata.name, (sa.secrets ?? []).length, age(sa.metadata.creationTimestamp, ctx.now)],
};
