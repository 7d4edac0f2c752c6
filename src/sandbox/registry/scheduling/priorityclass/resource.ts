// PriorityClass (scheduling.k8s.io/v1, pkg/registry/scheduling/priorityclass): the preemption
// policy default, validation, generation 1 on create, the table printer, and the built-in
// system classes that cannot be deleted.
import { forbidden } from '../../../../apimachinery/errors.ts';
import { defineResource } from '../../define.ts';
import { initialGeneration } from '../../apps/shared/generation.ts';
import { priorityClassPrinter } from './printer.ts';
import { SYSTEM_PRIORITY_CLASSES } from './system-classes.ts';
import { type PriorityClass, validatePriorityClass, validatePriorityClassUpdate } from './validation.ts';

export const priorityClassResource = defineResource<PriorityClass>({
  group: 'scheduling.k8s.io',
  version: 'v1',
  kind: 'PriorityClass',
  resource: 'priorityclasses',
  namespaced: false,
  shortNames: ['pc'],
  defaults(pc) {
    pc.preemptionPolicy ??= 'PreemptLowerPriority';
  },
  strategy: {
    prepareForCreate(pc) {
      initialGeneration(pc);
    },
    validate: (pc) => validatePriorityClass(pc),
    validateUpdate: (pc, old) => validatePriorityClassUpdate(pc, old),
    // Upstream's REST Delete refuses the system classes before the store is asked.
    checkGracefulDelete(pc) {
      if (SYSTEM_PRIORITY_CLASSES.some((c) => c.name === pc.metadata.name)) {
        throw forbidden({ group: 'scheduling.k8s.io', resource: 'priorityclasses' }, pc.metadata.name, 'this is a system priority class and cannot be deleted');
      }
      return undefined;
    },
  },
  printer: priorityClassPrinter,
});
