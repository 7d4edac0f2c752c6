// The ControllerRevision table (printers.go printControllerRevision): NAME CONTROLLER REVISION AGE.
import type { TablePrinter } from '../../types.ts';
import { age, ageColumn, column, nameColumn } from '../../printers/format.ts';
import { docColumn } from '../shared/printing.ts';
import type { ControllerRevision } from './validation.ts';

/** `daemonset.apps/web` for the controlling owner, as formatResourceName prints it. */
export function controllerName(cr: ControllerRevision): string {
  const ref = (cr.metadata.ownerReferences ?? []).find((r) => r.controller === true);
  if (!ref) return '<none>';
  const parts = (ref.apiVersion ?? '').split('/');
  const group = parts.length === 2 ? parts[0]! : '';
  const groupKind = group ? `${ref.kind}.${group}` : ref.kind;
  return groupKind ? `${groupKind.toLowerCase()}/${ref.name}` : ref.name;
}

export const controllerRevisionPrinter: TablePrinter<ControllerRevision> = {
  columns: [
    nameColumn,
    column('Controller', 'string', 'Controller of the object'),
    docColumn('Revision', 'string', 'io.k8s.api.apps.v1.ControllerRevision', 'revision'),
    ageColumn,
  ],
  cells: (cr, ctx) => [cr.metadata.name, controllerName(cr), cr.revision ?? 0, age(cr.metadata.creationTimestamp, ctx.now)],
};
