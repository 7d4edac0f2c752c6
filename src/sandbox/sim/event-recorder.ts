// Events as the simulated components record them, in upstream's two shapes:
// - the legacy recorder (client-go tools/record: kubelet, controllers): core/v1 Events named
//   `<object>.<hex unix nanos>`, with source.component/host and first/lastTimestamp; an identical
//   event (same object, reason, message, source, type) is counted instead of repeated
//   (EventCorrelator: count, lastTimestamp — `kubectl describe` shows "(x5 over 2m)");
// - the events.k8s.io recorder (the scheduler): eventTime, action, reportingController/Instance,
//   and an empty source.
// Recording never fails the caller: an event that cannot be written is dropped, as upstream.
import { StatusError } from '../../apimachinery/errors.ts';
import { deepClone, type KubeObject, type StoredObject } from '../../apimachinery/object.ts';
import type { Cluster } from '../cluster.ts';
import { SYSTEM_USER } from '../cluster.ts';

export type EventType = 'Normal' | 'Warning';

export interface EventSource {
  component: string;
  /** The node, for the kubelet. */
  host?: string;
}

export interface RecordOptions {
  /** `spec.containers{nginx}` */
  fieldPath?: string;
  /** events.k8s.io's action (the scheduler: "Scheduling"). */
  action?: string;
}

/** Identical events within this window are counted into one (upstream: 10 minutes). */
const DEDUP_WINDOW_MS = 10 * 60_000;

/** Distinguishes event names made in the same millisecond by different recorders (one process). */
let nameSequence = 0;

function rfc3339(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

function microTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 23)}000Z`;
}

interface Seen {
  name: string;
  at: number;
}

export class EventRecorder {
  /** Dedup key → the event that holds the count. */
  private readonly seen = new Map<string, Seen>();
  private pending: Promise<void> = Promise.resolve();

  constructor(
    private readonly cluster: Cluster,
    private readonly source: EventSource,
    private readonly style: 'legacy' | 'events.k8s.io' = 'legacy',
    private readonly reportingInstance = source.host ?? source.component,
  ) {}

  /** Records an event about `object`; resolves when it is written (callers need not wait). */
  event(object: StoredObject, type: EventType, reason: string, message: string, opts: RecordOptions = {}): Promise<void> {
    const run = () => this.write(object, type, reason, message, opts).catch((e: unknown) => {
      if (!(e instanceof StatusError)) console.error(`kubecamp: cannot record event ${reason}:`, e);
    });
    // Events of one recorder are written in order.
    this.pending = this.pending.then(run, run);
    return this.pending;
  }

  /** Waits until every event recorded so far is written (tests). */
  flush(): Promise<void> {
    return this.pending;
  }

  private async write(object: StoredObject, type: EventType, reason: string, message: string, opts: RecordOptions): Promise<void> {
    const cluster = this.cluster;
    const def = cluster.resources.byResource('', 'events');
    if (!def) return;
    const now = cluster.clock.now();
    const namespace = object.metadata.namespace || 'default';
    const involved = {
      kind: object.kind,
      namespace: object.metadata.namespace || undefined,
      name: object.metadata.name,
      uid: object.metadata.uid,
      apiVersion: object.apiVersion,
      resourceVersion: object.metadata.resourceVersion,
      fieldPath: opts.fieldPath,
    };
    const key = [involved.uid, involved.fieldPath ?? '', reason, message, this.source.component, this.source.host ?? '', type].join('\u0000');
    const ctx = cluster.context(SYSTEM_USER);
    const prior = this.seen.get(key);
    if (prior && now - prior.at < DEDUP_WINDOW_MS) {
      const existing = cluster.store.get('events', namespace, prior.name) as (StoredObject & { count?: number; series?: { count: number } }) | undefined;
      if (existing) {
        const next = deepClone(existing) as KubeObject & Record<string, unknown>;
        if (this.style === 'legacy') {
          next.count = (existing.count ?? 1) + 1;
          next.lastTimestamp = rfc3339(now);
        } else {
          next.series = { count: (existing.series?.count ?? 1) + 1, lastObservedTime: microTime(now) };
        }
        prior.at = now;
        await cluster.api.update(ctx, def, namespace, prior.name, next, { fieldManager: this.source.component });
        return;
      }
    }
    const name = `${object.metadata.name}.${(BigInt(now) * 1_000_000n + BigInt(nameSequence++ % 1_000_000)).toString(16)}`;
    const event: KubeObject & Record<string, unknown> =
      this.style === 'legacy'
        ? {
            apiVersion: 'v1',
            kind: 'Event',
            metadata: { name, namespace },
            involvedObject: involved,
            reason,
            message,
            source: this.source.host ? { component: this.source.component, host: this.source.host } : { component: this.source.component },
            firstTimestamp: rfc3339(now),
            lastTimestamp: rfc3339(now),
            count: 1,
            type,
            reportingComponent: this.source.component,
            reportingInstance: this.reportingInstance,
          }
        : {
            apiVersion: 'v1',
            kind: 'Event',
            metadata: { name, namespace },
            involvedObject: involved,
            reason,
            message,
            source: {},
            eventTime: microTime(now),
            action: opts.action ?? reason,
            type,
            reportingComponent: this.source.component,
            reportingInstance: this.reportingInstance,
          };
    this.seen.set(key, { name, at: now });
    if (this.seen.size > 10_000) this.seen.delete(this.seen.keys().next().value!);
    await cluster.api.create(ctx, def, namespace, event, { fieldManager: this.source.component });
  }
}
