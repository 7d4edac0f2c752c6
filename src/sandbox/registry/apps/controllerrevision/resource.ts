// ControllerRevision (apps/v1, pkg/registry/apps/controllerrevision): immutable snapshots the
// DaemonSet and StatefulSet controllers write; validation and the table printer.
import { defineResource } from '../../define.ts';
import { controllerRevisionPrinter } from './printer.ts';
import { type ControllerRevision, validateControllerRevision, validateControllerRevisionUpdate } from './validation.ts';

export const controllerRevisionResource = defineResource<ControllerRevision>({
  group: 'apps',
  version: 'v1',
  kind: 'ControllerRevision',
  resource: 'controllerrevisions',
  namespaced: true,
  strategy: {
    validate: (cr) => validateControllerRevision(cr),
    validateUpdate: (cr, old) => validateControllerRevisionUpdate(cr, old),
  },
  printer: controllerRevisionPrinter,
});
