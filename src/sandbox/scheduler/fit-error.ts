// framework.FitError and Diagnosis: why no node fits, and the FailedScheduling message built
// exactly as upstream's FitError.Error():
//   "0/<nodes> nodes are available: <PreFilter message>." (when a PreFilter rejected the pod), or
//   "0/<nodes> nodes are available: <count> <reason>, ... ." (each node's reasons counted, sorted
//   as strings), then " <PostFilter message>" ("preemption: ...") when preemption reported one.
import { statusMessage, type Status, type StatusCode } from './status.ts';

/** framework.NodeToStatus: statuses of the nodes that were evaluated, one status for the others. */
export interface NodeToStatus {
  readonly nodes: ReadonlyMap<string, Status>;
  /** The status of every node not in `nodes` (no reasons by default). */
  readonly absent: { readonly code: StatusCode; readonly reasons: readonly string[] };
}

export interface Diagnosis {
  readonly nodeToStatus: NodeToStatus;
  /** Plugins that rejected the pod somewhere: the loop may retry only on events relevant to them. */
  readonly unschedulablePlugins: readonly string[];
  readonly preFilterMessage: string;
  readonly postFilterMessage: string;
}

export interface FitError {
  readonly numAllNodes: number;
  readonly diagnosis: Diagnosis;
}

export const DEFAULT_ABSENT: NodeToStatus['absent'] = { code: 'UnschedulableAndUnresolvable', reasons: [] };

/** The `<count> <reason>` histogram over all nodes, sorted as Go's sort.Strings does. */
export function reasonHistogram(numAllNodes: number, nodeToStatus: NodeToStatus): string[] {
  const counts = new Map<string, number>();
  for (const status of nodeToStatus.nodes.values()) for (const r of status.reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
  const absentNodes = numAllNodes - nodeToStatus.nodes.size;
  if (absentNodes > 0) for (const r of nodeToStatus.absent.reasons) counts.set(r, (counts.get(r) ?? 0) + absentNodes);
  return [...counts].map(([reason, n]) => `${n} ${reason}`).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** FitError.Error(). */
export function fitErrorMessage(e: FitError): string {
  let msg = `0/${e.numAllNodes} nodes are available:`;
  const d = e.diagnosis;
  if (d.preFilterMessage !== '') msg += ` ${d.preFilterMessage}.`;
  else {
    const histogram = reasonHistogram(e.numAllNodes, d.nodeToStatus);
    if (histogram.length > 0) msg += ` ${histogram.join(', ')}.`;
  }
  if (d.postFilterMessage !== '') msg += ` ${d.postFilterMessage}`;
  return msg;
}

/** The PreFilter rejection as upstream records it: every node gets the status. */
export function preFilterDiagnosis(status: Status, unschedulablePlugins: readonly string[]): Diagnosis {
  return {
    nodeToStatus: { nodes: new Map(), absent: { code: status.code, reasons: status.reasons } },
    unschedulablePlugins,
    preFilterMessage: statusMessage(status),
    postFilterMessage: '',
  };
}

/** Event notes are limited to 1 KiB; longer messages end in " ..." (truncateMessage). */
export const NOTE_LENGTH_LIMIT = 1024;

export function truncateMessage(message: string): string {
  if (message.length <= NOTE_LENGTH_LIMIT) return message;
  const suffix = ' ...';
  return message.slice(0, NOTE_LENGTH_LIMIT - suffix.length) + suffix;
}
