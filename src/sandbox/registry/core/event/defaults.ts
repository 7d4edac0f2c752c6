// How the API server prints a core/v1 Event: Go marshals the zero values of its non-omitempty
// fields, so a stored Event always shows `eventTime: null`, `firstTimestamp: null`,
// `lastTimestamp: null`, `source: {}`, `reportingComponent: ""` and `reportingInstance: ""`.
import type { Event } from './types.ts';

export function setEventZeroValues(ev: Event): void {
  const e = ev as unknown as Record<string, unknown>;
  e.involvedObject ??= {};
  e.source ??= {};
  e.firstTimestamp ??= null;
  e.lastTimestamp ??= null;
  e.eventTime ??= null;
  e.reportingComponent ??= '';
  e.reportingInstance ??= '';
}
