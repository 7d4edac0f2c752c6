import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { StoredObject } from '../../../apimachinery/object.ts';
import { EVENT_TTL_MS, expiredEvents, lastWritten } from './event-ttl.ts';

const T0 = Date.parse('2026-01-01T00:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const ev = (name: string, fields: Record<string, unknown>): StoredObject => ({ apiVersion: 'v1', kind: 'Event', metadata: { name, namespace: 'default', uid: name, resourceVersion: '1', creationTimestamp: iso(T0) }, ...fields }) as StoredObject;

describe('event TTL', () => {
  it('counts from the last write an event records (a repeated event lives on)', () => {
    assert.equal(lastWritten(ev('a', { firstTimestamp: iso(T0), lastTimestamp: iso(T0 + 600_000) })), T0 + 600_000);
    assert.equal(lastWritten(ev('b', { eventTime: '2026-01-01T00:05:00.123456Z', series: { lastObservedTime: '2026-01-01T00:20:00.000000Z' } })), T0 + 20 * 60_000);
  });

  it('expires events an hour after their last write and says when the next one expires', () => {
    const events = [ev('old', { lastTimestamp: iso(T0) }), ev('recent', { lastTimestamp: iso(T0 + 30 * 60_000) })];
    assert.deepEqual(expiredEvents(events, T0 + EVENT_TTL_MS - 1).expired, []);
    const r = expiredEvents(events, T0 + EVENT_TTL_MS);
    assert.deepEqual(r.expired.map((e) => e.metadata.name), ['old']);
    assert.equal(r.nextExpiry, T0 + 90 * 60_000);
  });
});
