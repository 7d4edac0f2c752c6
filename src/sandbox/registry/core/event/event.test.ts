import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KubeObject, StoredObject } from '../../../../apimachinery/object.ts';
import { coreToEvents, eventsToCore } from '../../events/event/conversion.ts';
import { TEST_NOW, messages, testContext } from '../shared/testing.ts';
import { setEventZeroValues } from './defaults.ts';
import { eventCells } from './printer.ts';
import type { Event } from './types.ts';
import { validateEventLegacy, validateEventStrict } from './validation.ts';

const ago = (s: number) => new Date(TEST_NOW - s * 1000).toISOString().replace(/\.\d+Z$/, 'Z');

function event(extra: Partial<Event>): Event {
  return { metadata: { name: 'e', namespace: 'default' }, involvedObject: { kind: 'Pod', name: 'web', namespace: 'default' }, ...extra };
}

describe('Event printer', () => {
  it('prints LAST SEEN TYPE REASON OBJECT and the wide columns', () => {
    const ev = event({ type: 'Warning', reason: 'BackOff', message: ' Back-off restarting \n', count: 4, firstTimestamp: ago(600), lastTimestamp: ago(30), source: { component: 'kubelet', host: 'kubecamp-worker' } });
    const cells = eventCells(ev as StoredObject & Event, { now: TEST_NOW, cluster: testContext().cluster });
    assert.deepEqual(cells, ['30s', 'Warning', 'BackOff', 'pod/web', '', 'kubelet, kubecamp-worker', 'Back-off restarting', '10m', 4, 'e']);
  });

  it('uses eventTime and series for events.k8s.io events', () => {
    const ev = event({ eventTime: ago(120), series: { count: 3, lastObservedTime: ago(5) }, reportingComponent: 'scheduler' });
    const cells = eventCells(ev as StoredObject & Event, { now: TEST_NOW, cluster: testContext().cluster });
    assert.deepEqual([cells[0], cells[5], cells[7], cells[8]], ['5s', 'scheduler', '2m', 3]);
  });
});

describe('Event validation', () => {
  it('checks the involved object namespace (legacy)', () => {
    assert.deepEqual(messages(validateEventLegacy(event({ involvedObject: { kind: 'Pod', namespace: 'other' } }))), [
      'involvedObject.namespace: Invalid value: "other": does not match event.namespace',
    ]);
  });

  it('requires the new fields through events.k8s.io', () => {
    const ev = event({ type: 'Normal' });
    assert.deepEqual(messages(validateEventStrict(ev)), ['eventTime: Required value']);
    assert.deepEqual(messages(validateEventLegacy(event({ eventTime: ago(1), reason: 'X' }))), [
      'reportingController: Required value',
      "reportingController: Invalid value: \"\": name part must be non-empty",
      "reportingController: Invalid value: \"\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
      'reportingInstance: Required value',
      'action: Required value',
    ]);
  });
});

describe('events.k8s.io conversion', () => {
  it('round-trips through the stored core form with each side\'s zero values', () => {
    const v1 = { apiVersion: 'events.k8s.io/v1', kind: 'Event', metadata: { name: 'e', namespace: 'default' }, regarding: { kind: 'Node', name: 'n' }, note: 'hi', reason: 'R', type: 'Normal', eventTime: '2025-01-01T00:00:00.000000Z', reportingController: 'c', reportingInstance: 'i', action: 'A' };
    const core = eventsToCore(v1 as KubeObject) as unknown as Record<string, unknown>;
    assert.deepEqual(core, {
      apiVersion: 'v1', kind: 'Event', metadata: v1.metadata, involvedObject: { kind: 'Node', name: 'n' }, reason: 'R', message: 'hi', source: {}, firstTimestamp: null, lastTimestamp: null, type: 'Normal', eventTime: '2025-01-01T00:00:00.000000Z', action: 'A', reportingComponent: 'c', reportingInstance: 'i',
    });
    const back = coreToEvents(core as unknown as StoredObject) as unknown as Record<string, unknown>;
    assert.deepEqual(back, { ...v1, deprecatedSource: {}, deprecatedFirstTimestamp: null, deprecatedLastTimestamp: null });
  });

  it('prints a core Event with Go\'s zero values', () => {
    const ev = event({});
    setEventZeroValues(ev);
    const e = ev as unknown as Record<string, unknown>;
    assert.deepEqual([e.eventTime, e.firstTimestamp, e.lastTimestamp, e.source, e.reportingComponent, e.reportingInstance], [null, null, null, {}, '', '']);
  });
});
