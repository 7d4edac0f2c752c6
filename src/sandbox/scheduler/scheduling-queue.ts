// The scheduler's PriorityQueue (pkg/scheduler/backend/queue): pods waiting to be scheduled, as
// plain data with time passed in. Three places, as upstream:
// - activeQ: ready to try now, popped by priority (higher first), then by the time they were
//   queued (FIFO);
// - backoffQ: failed recently and waiting out their back-off (1 s doubling per attempt, at most
//   10 s) before they return to activeQ;
// - unschedulable: rejected by the filters; they return only when the cluster changes in a way
//   that could help (moveAllToActiveOrBackoff) or after podMaxInUnschedulablePodsDuration (5 min).
// The loop asks nextWakeup() for the one timer it needs; nothing here polls.
import { mayHelp, type ClusterEventKind } from './cluster-events.ts';

export const POD_INITIAL_BACKOFF_MS = 1_000;
export const POD_MAX_BACKOFF_MS = 10_000;
export const POD_MAX_IN_UNSCHEDULABLE_PODS_DURATION_MS = 5 * 60_000;

export interface QueuedPod {
  readonly key: string;
  priority: number;
  /** When the pod was (re)queued: FIFO order among equal priorities. */
  timestamp: number;
  /** Insertion order, breaking ties of equal timestamps. */
  seq: number;
  /** Scheduling attempts so far. */
  attempts: number;
  /** When the last attempt ended (back-off counts from here). */
  lastAttempt: number;
  /** When the pod entered unschedulable. */
  unschedulableSince: number;
  /** The plugins that rejected it last: only events they register for move it. */
  unschedulablePlugins: readonly string[];
}

export type Place = 'active' | 'backoff' | 'unschedulable' | 'inflight';

export interface QueueOptions {
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  maxInUnschedulableMs?: number;
}

export class SchedulingQueue {
  private readonly pods = new Map<string, { info: QueuedPod; place: Place }>();
  private seq = 0;
  /** Bumped by every cluster event; an attempt that overlapped one goes to backoff, not unschedulable. */
  private moveCycle = 0;
  private readonly attemptCycle = new Map<string, number>();
  private readonly initialBackoff: number;
  private readonly maxBackoff: number;
  private readonly maxUnschedulable: number;

  constructor(opts: QueueOptions = {}) {
    this.initialBackoff = opts.initialBackoffMs ?? POD_INITIAL_BACKOFF_MS;
    this.maxBackoff = opts.maxBackoffMs ?? POD_MAX_BACKOFF_MS;
    this.maxUnschedulable = opts.maxInUnschedulableMs ?? POD_MAX_IN_UNSCHEDULABLE_PODS_DURATION_MS;
  }

  placeOf(key: string): Place | undefined {
    return this.pods.get(key)?.place;
  }

  get size(): number {
    return this.pods.size;
  }

  /** A pod that wants scheduling appeared (or changed while nothing holds it): straight to activeQ. */
  add(key: string, priority: number, now: number): void {
    const entry = this.pods.get(key);
    if (entry) {
      entry.info.priority = priority;
      return;
    }
    this.pods.set(key, { place: 'active', info: { key, priority, timestamp: now, seq: this.seq++, attempts: 0, lastAttempt: now, unschedulableSince: 0, unschedulablePlugins: [] } });
  }

  /**
   * The pod itself changed in a way that may make it schedulable (its spec, labels): an
   * unschedulable pod moves to backoffQ or activeQ (upstream's Update for a pod in
   * unschedulablePods).
   */
  update(key: string, priority: number, now: number): void {
    const entry = this.pods.get(key);
    if (!entry) return this.add(key, priority, now);
    entry.info.priority = priority;
    if (entry.place === 'unschedulable') this.requeue(entry, now);
  }

  /** A pod whose binding failed: it retries after its back-off. */
  retryLater(key: string, priority: number, now: number): void {
    this.add(key, priority, now);
    this.pods.get(key)!.place = 'inflight';
    this.failed(key, undefined, now);
  }

  delete(key: string): void {
    this.pods.delete(key);
    this.attemptCycle.delete(key);
  }

  /** Pops the next pod to try (highest priority, then oldest), marking it in flight. */
  pop(): string | undefined {
    let best: QueuedPod | undefined;
    for (const { info, place } of this.pods.values()) {
      if (place !== 'active') continue;
      if (!best || info.priority > best.priority || (info.priority === best.priority && (info.timestamp < best.timestamp || (info.timestamp === best.timestamp && info.seq < best.seq)))) best = info;
    }
    if (!best) return undefined;
    this.pods.get(best.key)!.place = 'inflight';
    this.attemptCycle.set(best.key, this.moveCycle);
    return best.key;
  }

  /** The attempt succeeded (the pod is bound) or the pod no longer wants scheduling. */
  done(key: string): void {
    this.delete(key);
  }

  /**
   * The attempt failed. With `unschedulablePlugins`, the filters rejected it (it waits for a
   * cluster change those plugins care about); without, an error (it backs off and retries).
   */
  failed(key: string, unschedulablePlugins: readonly string[] | undefined, now: number): void {
    const entry = this.pods.get(key);
    if (!entry) return;
    entry.info.attempts++;
    entry.info.lastAttempt = now;
    entry.info.unschedulablePlugins = unschedulablePlugins ?? [];
    const overlapped = (this.attemptCycle.get(key) ?? this.moveCycle) < this.moveCycle;
    this.attemptCycle.delete(key);
    if (unschedulablePlugins && !overlapped) {
      entry.place = 'unschedulable';
      entry.info.unschedulableSince = now;
    } else {
      entry.place = 'backoff';
    }
  }

  /** A pod with scheduling gates (PreEnqueue rejected it): set aside without an attempt until it is updated. */
  gated(key: string, now: number): void {
    const entry = this.pods.get(key);
    if (!entry) return;
    this.attemptCycle.delete(key);
    entry.place = 'unschedulable';
    entry.info.unschedulableSince = now;
    entry.info.unschedulablePlugins = ['SchedulingGates'];
  }

  /** The back-off of a pod after its attempts so far. */
  backoffDuration(info: QueuedPod): number {
    if (info.attempts === 0) return 0;
    return Math.min(this.maxBackoff, this.initialBackoff * 2 ** (info.attempts - 1));
  }

  private backoffExpiry(info: QueuedPod): number {
    return info.lastAttempt + this.backoffDuration(info);
  }

  private requeue(entry: { info: QueuedPod; place: Place }, now: number): void {
    entry.place = this.backoffExpiry(entry.info) > now ? 'backoff' : 'active';
    if (entry.place === 'active') {
      entry.info.timestamp = now;
      entry.info.seq = this.seq++;
    }
  }

  /**
   * A cluster event: every unschedulable pod it may help goes to backoffQ or activeQ (without
   * `kind`, every unschedulable pod). Returns how many moved.
   */
  moveAllToActiveOrBackoff(now: number, kind?: ClusterEventKind): number {
    this.moveCycle++;
    let moved = 0;
    for (const entry of this.pods.values()) {
      if (entry.place !== 'unschedulable' || (kind && !mayHelp(entry.info.unschedulablePlugins, kind))) continue;
      this.requeue(entry, now);
      moved++;
    }
    return moved;
  }

  /** Moves pods whose back-off has expired, and pods unschedulable for too long, to activeQ. */
  flush(now: number): void {
    for (const entry of this.pods.values()) {
      if (entry.place === 'backoff' && this.backoffExpiry(entry.info) <= now) this.requeue(entry, now);
      else if (entry.place === 'unschedulable' && entry.info.unschedulableSince + this.maxUnschedulable <= now) this.requeue(entry, now);
    }
  }

  /** Whether a pod is ready to pop. */
  hasActive(): boolean {
    for (const e of this.pods.values()) if (e.place === 'active') return true;
    return false;
  }

  /** The earliest time flush() would move something, or undefined when nothing waits on time. */
  nextWakeup(): number | undefined {
    let at: number | undefined;
    for (const { info, place } of this.pods.values()) {
      const t = place === 'backoff' ? this.backoffExpiry(info) : place === 'unschedulable' ? info.unschedulableSince + this.maxUnschedulable : undefined;
      if (t !== undefined && (at === undefined || t < at)) at = t;
    }
    return at;
  }
}
