// events.k8s.io/v1 Events are core/v1 Events under other names (pkg/apis/events/v1/conversion.go):
// regarding ⇄ involvedObject, note ⇄ message, deprecatedSource/FirstTimestamp/LastTimestamp/
// Count ⇄ source/firstTimestamp/lastTimestamp/count, reportingController ⇄ reportingComponent.
// Each side prints the zero values its Go struct does not omit.
import type { KubeObject, StoredObject } from '../../../../apimachinery/object.ts';

type Obj = Record<string, unknown>;

function copyIf(from: Obj, fromKey: string, to: Obj, toKey: string, omit: (v: unknown) => boolean = (v) => v === undefined || v === null): void {
  const v = from[fromKey];
  if (!omit(v)) to[toKey] = v;
}

const emptyString = (v: unknown) => v === undefined || v === null || v === '';
const zero = (v: unknown) => v === undefined || v === null || v === 0;

/** events.k8s.io/v1 → core/v1, the stored form. */
export function eventsToCore(obj: KubeObject): KubeObject {
  const e = obj as Obj;
  const out: Obj = { apiVersion: 'v1', kind: 'Event', metadata: obj.metadata };
  out.involvedObject = e.regarding ?? {};
  copyIf(e, 'reason', out, 'reason', emptyString);
  copyIf(e, 'note', out, 'message', emptyString);
  out.source = e.deprecatedSource ?? {};
  out.firstTimestamp = e.deprecatedFirstTimestamp ?? null;
  out.lastTimestamp = e.deprecatedLastTimestamp ?? null;
  copyIf(e, 'deprecatedCount', out, 'count', zero);
  copyIf(e, 'type', out, 'type', emptyString);
  out.eventTime = e.eventTime ?? null;
  copyIf(e, 'series', out, 'series');
  copyIf(e, 'action', out, 'action', emptyString);
  copyIf(e, 'related', out, 'related');
  out.reportingComponent = e.reportingController ?? '';
  out.reportingInstance = e.reportingInstance ?? '';
  return out as KubeObject;
}

/** core/v1 → events.k8s.io/v1. */
export function coreToEvents(obj: StoredObject): StoredObject {
  const c = obj as unknown as Obj;
  const out: Obj = { apiVersion: 'events.k8s.io/v1', kind: 'Event', metadata: obj.metadata };
  out.eventTime = c.eventTime ?? null;
  copyIf(c, 'series', out, 'series');
  copyIf(c, 'reportingComponent', out, 'reportingController', emptyString);
  copyIf(c, 'reportingInstance', out, 'reportingInstance', emptyString);
  copyIf(c, 'action', out, 'action', emptyString);
  copyIf(c, 'reason', out, 'reason', emptyString);
  out.regarding = c.involvedObject ?? {};
  copyIf(c, 'related', out, 'related');
  copyIf(c, 'message', out, 'note', emptyString);
  copyIf(c, 'type', out, 'type', emptyString);
  out.deprecatedSource = c.source ?? {};
  out.deprecatedFirstTimestamp = c.firstTimestamp ?? null;
  out.deprecatedLastTimestamp = c.lastTimestamp ?? null;
  copyIf(c, 'count', out, 'deprecatedCount', zero);
  return out as unknown as StoredObject;
}
