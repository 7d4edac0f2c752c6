// framework.Status for the outcomes that reach users: a rejection code, its reasons (the strings
// the FailedScheduling histogram counts) and the plugin that produced it.

/**
 * Unschedulable: preemption may help (it is tried on such nodes).
 * UnschedulableAndUnresolvable: nothing but a change of the cluster helps; preemption skips the node.
 */
export type StatusCode = 'Unschedulable' | 'UnschedulableAndUnresolvable';

export interface Status {
  readonly code: StatusCode;
  readonly reasons: readonly string[];
  readonly plugin: string;
}

export function unschedulable(plugin: string, ...reasons: string[]): Status {
  return { code: 'Unschedulable', reasons, plugin };
}

export function unresolvable(plugin: string, ...reasons: string[]): Status {
  return { code: 'UnschedulableAndUnresolvable', reasons, plugin };
}

/** Status.Message(): the reasons joined by ", ". */
export function statusMessage(s: Status): string {
  return s.reasons.join(', ');
}
