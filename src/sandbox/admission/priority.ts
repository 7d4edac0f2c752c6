// Priority (upstream plugin/pkg/admission/priority): a pod's priorityClassName resolves to its
// integer priority and preemption policy; without one it gets the global default class, or 0.
import { forbidden } from '../../apimachinery/errors.ts';
import type * as corev1 from '../../generated/k8s/core/v1.ts';
import type * as schedulingv1 from '../../generated/k8s/scheduling/v1.ts';
import type { AdmissionPlugin } from './types.ts';

type PriorityClass = schedulingv1.PriorityClass & { metadata: { name: string; creationTimestamp?: string } };

export const priorityAdmission: AdmissionPlugin = {
  name: 'Priority',
  admit(a) {
    if (a.def.group !== '' || a.def.resource !== 'pods' || a.subresource || a.operation !== 'CREATE') return;
    const spec = (a.object as corev1.Pod).spec;
    if (!spec) return;
    const classes = a.ctx.cluster.store.list('priorityclasses.scheduling.k8s.io') as PriorityClass[];
    let value = 0;
    let policy = 'PreemptLowerPriority';
    if (spec.priorityClassName) {
      const pc = classes.find((c) => c.metadata.name === spec.priorityClassName);
      if (!pc) throw forbidden({ group: '', resource: 'pods' }, a.name, `no PriorityClass with name ${spec.priorityClassName} was found`);
      value = pc.value ?? 0;
      policy = pc.preemptionPolicy ?? policy;
    } else {
      const defaults = classes.filter((c) => c.globalDefault).sort((x, y) => (x.value ?? 0) - (y.value ?? 0));
      const pc = defaults[0];
      if (pc) {
        spec.priorityClassName = pc.metadata.name;
        value = pc.value ?? 0;
        policy = pc.preemptionPolicy ?? policy;
      }
    }
    if (spec.priority !== undefined && spec.priority !== value) {
      throw forbidden(
        { group: '', resource: 'pods' },
        a.name,
        `the integer value of priority (${spec.priority}) must not be provided in pod spec; priority admission controller computed ${value} from the given PriorityClass name`,
      );
    }
    spec.priority = value;
    spec.preemptionPolicy ??= policy;
  },
};
