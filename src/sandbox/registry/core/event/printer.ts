// The Event table (printEvent): LAST SEEN TYPE REASON OBJECT MESSAGE, and with -o wide SUBOBJECT
// SOURCE FIRST SEEN COUNT NAME. Shared by core/v1 and events.k8s.io/v1 Events.
import { age, column, nameColumn } from '../../printers/format.ts';
import type { PrintContext, TablePrinter } from '../../types.ts';
import { swaggerDoc } from '../shared/swagger-doc.ts';
import type { Event } from './types.ts';

function formatSource(ev: Event): string {
  const component = ev.source?.component || ev.reportingComponent || '';
  const instance = ev.source?.host || ev.reportingInstance || '';
  return instance ? `${component}, ${instance}` : component;
}

export function eventCells(ev: Event, ctx: PrintContext): unknown[] {
  const first = ev.firstTimestamp ? age(ev.firstTimestamp, ctx.now) : age(ev.eventTime ?? undefined, ctx.now);
  let last = ev.lastTimestamp ? age(ev.lastTimestamp, ctx.now) : first;
  let count = ev.count ?? 0;
  if (ev.series) {
    last = age(ev.series.lastObservedTime, ctx.now);
    count = ev.series.count ?? 0;
  } else if (count === 0) count = 1;
  const obj = ev.involvedObject ?? {};
  const kind = (obj.kind ?? '').toLowerCase();
  const target = obj.name ? `${kind}/${obj.name}` : kind;
  return [last, ev.type ?? '', ev.reason ?? '', target, obj.fieldPath ?? '', formatSource(ev), (ev.message ?? '').trim(), first, count, ev.metadata.name];
}

export const eventColumns = [
  column('Last Seen', 'string', swaggerDoc('Event', 'lastTimestamp')),
  column('Type', 'string', swaggerDoc('Event', 'type')),
  column('Reason', 'string', swaggerDoc('Event', 'reason')),
  column('Object', 'string', swaggerDoc('Event', 'involvedObject')),
  column('Subobject', 'string', swaggerDoc('ObjectReference', 'fieldPath'), 1),
  column('Source', 'string', swaggerDoc('Event', 'source'), 1),
  column('Message', 'string', swaggerDoc('Event', 'message')),
  column('First Seen', 'string', swaggerDoc('Event', 'firstTimestamp'), 1),
  column('Count', 'string', swaggerDoc('Event', 'count'), 1),
  { ...nameColumn, priority: 1 },
];

export const eventPrinter: TablePrinter<Event> = { columns: eventColumns, cells: eventCells };
