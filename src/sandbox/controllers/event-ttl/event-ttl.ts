// The API server's event TTL (kube-apiserver --event-ttl, 1 h by default): an Event lives in
// storage for an hour after its last write (etcd attaches a lease to every write), then it is
// gone — `kubectl get events` only ever shows the last hour. Pure: which events have expired.
import type { StoredObject } from '../../../apimachinery/object.ts';

export const EVENT_TTL_MS = 60 * 60_000;

interface EventTimes {
  lastTimestamp?: string | null;
  eventTime?: string | null;
  firstTimestamp?: string | null;
  series?: { lastObservedTime?: string } | null;
  metadata: { creationTimestamp?: string };
}

/** When an event was last written, by the times it carries (ms since the epoch). */
export function lastWritten(ev: StoredObject): number {
  const e = ev as unknown as EventTimes;
  const times = [e.series?.lastObservedTime, e.lastTimestamp, e.eventTime, e.firstTimestamp, e.metadata.creationTimestamp].map((t) => (t ? Date.parse(t) : NaN)).filter((t) => !Number.isNaN(t));
  return times.length ? Math.max(...times) : 0;
}

/** The events whose TTL has run out at `now`, and when the next of the others runs out. */
export function expiredEvents(events: readonly StoredObject[], now: number, ttl = EVENT_TTL_MS): { expired: StoredObject[]; nextExpiry: number | undefined } {
  const expired: StoredObject[] = [];
  let nextExpiry: number | undefined;
  for (const ev of events) {
    const at = lastWritten(ev) + ttl;
    if (at <= now) expired.push(ev);
    else if (nextExpiry === undefined || at < nextExpiry) nextExpiry = at;
  }
  return { expired, nextExpiry };
}
