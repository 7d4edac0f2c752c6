// SchedulingGates (PreEnqueue): a pod with scheduling gates does not enter the scheduling queue.
import type * as corev1 from '../../../generated/k8s/core/v1.ts';

export const SCHEDULING_GATES = 'SchedulingGates';

/** The gates' names when the pod is gated, else undefined. */
export function schedulingGates(pod: corev1.Pod): string[] | undefined {
  const gates = pod.spec?.schedulingGates ?? [];
  return gates.length > 0 ? gates.map((g) => g.name) : undefined;
}

/** The PreEnqueue status message, with Go's %v formatting of a string slice. */
export function gatedMessage(gates: readonly string[]): string {
  return `waiting for scheduling gates: [${gates.join(' ')}]`;
}
