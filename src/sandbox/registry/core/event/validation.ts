// Event validation (pkg/apis/core/validation/events.go). core/v1 requests get the legacy checks
// only; events.k8s.io/v1 requests also the strict ones. Paths name the internal (core) fields, as
// upstream reports them for both APIs.
import { fieldErrors as fe, type FieldError, path } from '../../../../apimachinery/field-errors.ts';
import { deepEqual } from '../../../../apimachinery/object.ts';
import { isDNS1123Subdomain, isQualifiedName } from '../../../../apimachinery/validation/names.ts';
import { goEventSource, goObjectReference, goTime } from './go-values.ts';
import type { Event } from './types.ts';

const REPORTING_INSTANCE_LIMIT = 128;
const ACTION_LIMIT = 128;
const REASON_LIMIT = 128;
const NOTE_LIMIT = 1024;

/** legacyValidateEvent. */
export function validateEventLegacy(ev: Event): FieldError[] {
  const errs: FieldError[] = [];
  const ns = ev.metadata.namespace ?? '';
  const involvedNs = ev.involvedObject?.namespace ?? '';
  const nsField = path('involvedObject', 'namespace');
  if (!ev.eventTime) {
    if (involvedNs === '') {
      if (ns !== '' && ns !== 'default') errs.push(fe.invalid(nsField, involvedNs, 'does not match event.namespace'));
    } else if (ns !== involvedNs) {
      errs.push(fe.invalid(nsField, involvedNs, 'does not match event.namespace'));
    }
  } else {
    if (involvedNs === '' && ns !== 'default' && ns !== 'kube-system') errs.push(fe.invalid(nsField, involvedNs, 'does not match event.namespace'));
    const rc = ev.reportingComponent ?? '';
    if (rc === '') errs.push(fe.required(path('reportingController'), ''));
    for (const m of isQualifiedName(rc)) errs.push(fe.invalid(path('reportingController'), rc, m));
    const ri = ev.reportingInstance ?? '';
    if (ri === '') errs.push(fe.required(path('reportingInstance'), ''));
    if (ri.length > REPORTING_INSTANCE_LIMIT) errs.push(fe.invalid(path('reportingInstance'), '', `can have at most ${REPORTING_INSTANCE_LIMIT} characters`));
    const action = ev.action ?? '';
    if (action === '') errs.push(fe.required(path('action'), ''));
    if (action.length > ACTION_LIMIT) errs.push(fe.invalid(path('action'), '', `can have at most ${ACTION_LIMIT} characters`));
    const reason = ev.reason ?? '';
    if (reason === '') errs.push(fe.required(path('reason'), ''));
    if (reason.length > REASON_LIMIT) errs.push(fe.invalid(path('reason'), '', `can have at most ${REASON_LIMIT} characters`));
    if ((ev.message ?? '').length > NOTE_LIMIT) errs.push(fe.invalid(path('message'), '', `can have at most ${NOTE_LIMIT} characters`));
  }
  for (const m of isDNS1123Subdomain(ns)) errs.push(fe.invalid(path('namespace'), ns, m));
  return errs;
}

function validateSeries(ev: Event): FieldError[] {
  const errs: FieldError[] = [];
  if (ev.series) {
    if ((ev.series.count ?? 0) < 2) errs.push(fe.invalid('series.count', '', 'should be at least 2'));
    if (!ev.series.lastObservedTime) errs.push(fe.required('series.lastObservedTime', ''));
  }
  return errs;
}

/** ValidateEventCreate for events.k8s.io/v1 (and newer) requests, beyond the legacy checks. */
export function validateEventStrict(ev: Event): FieldError[] {
  const errs = validateSeries(ev);
  if (!ev.eventTime) errs.push(fe.required(path('eventTime'), ''));
  if (ev.type !== 'Normal' && ev.type !== 'Warning') errs.push(fe.invalid(path('type'), '', `has invalid value: ${ev.type ?? ''}`));
  if (ev.firstTimestamp) errs.push(fe.invalid(path('firstTimestamp'), '', 'needs to be unset'));
  if (ev.lastTimestamp) errs.push(fe.invalid(path('lastTimestamp'), '', 'needs to be unset'));
  if (ev.count) errs.push(fe.invalid(path('count'), '', 'needs to be unset'));
  if (ev.source?.component || ev.source?.host) errs.push(fe.invalid(path('source'), '', 'needs to be unset'));
  return errs;
}

/** ValidateEventUpdate for events.k8s.io/v1 requests, beyond the legacy checks. */
export function validateEventUpdateStrict(ev: Event, old: Event): FieldError[] {
  const errs = deepEqual(ev.series ?? null, old.series ?? null) ? [] : validateSeries(ev);
  const immutable = (fld: string, a: unknown, b: unknown, shown: unknown) => {
    if (!deepEqual(a ?? null, b ?? null)) errs.push(fe.invalid(path(fld), shown, 'field is immutable'));
  };
  immutable('involvedObject', ev.involvedObject, old.involvedObject, goObjectReference(ev.involvedObject));
  immutable('reason', ev.reason ?? '', old.reason ?? '', ev.reason ?? '');
  immutable('message', ev.message ?? '', old.message ?? '', ev.message ?? '');
  immutable('source', { ...ev.source }, { ...old.source }, goEventSource(ev.source));
  immutable('firstTimestamp', ev.firstTimestamp, old.firstTimestamp, goTime(ev.firstTimestamp));
  immutable('lastTimestamp', ev.lastTimestamp, old.lastTimestamp, goTime(ev.lastTimestamp));
  immutable('count', ev.count ?? 0, old.count ?? 0, ev.count ?? 0);
  immutable('reason', ev.reason ?? '', old.reason ?? '', ev.reason ?? '');
  immutable('type', ev.type ?? '', old.type ?? '', ev.type ?? '');
  immutable('eventTime', ev.eventTime, old.eventTime, goTime(ev.eventTime));
  immutable('action', ev.action ?? '', old.action ?? '', ev.action ?? '');
  immutable('related', ev.related, old.related, ev.related ? goObjectReference(ev.related) : null);
  immutable('reportingController', ev.reportingComponent ?? '', old.reportingComponent ?? '', ev.reportingComponent ?? '');
  immutable('reportingInstance', ev.reportingInstance ?? '', old.reportingInstance ?? '', ev.reportingInstance ?? '');
  return errs;
}
