// The built-in PriorityClasses system-node-critical and system-cluster-critical, as the
// apiserver's scheduling post-start hook creates them (defaults included).
import { SYSTEM_PRIORITY_CLASSES } from '../registry/scheduling/priorityclass/system-classes.ts';
import type { BootstrapContext, BootstrapObject } from './types.ts';
import { meta } from './types.ts';

export function scheduling(ctx: BootstrapContext): BootstrapObject[] {
  return SYSTEM_PRIORITY_CLASSES.map((pc) => ({
    resource: 'priorityclasses.scheduling.k8s.io',
    object: {
      apiVersion: 'scheduling.k8s.io/v1',
      kind: 'PriorityClass',
      metadata: meta(ctx, pc.name, undefined, { generation: 1 }),
      value: pc.value,
      description: pc.description,
      preemptionPolicy: 'PreemptLowerPriority',
    } as BootstrapObject['object'],
  }));
}
