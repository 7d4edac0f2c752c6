// Per-key exponential back-off as the kubelet keeps it (client-go util/flowcontrol.Backoff): the
// crash-loop back-off of restarting containers (10s doubling to 5m) and the image-pull back-off.
// An entry left alone for twice the maximum (10 minutes of a container running) starts over.
// Pure: times are passed in; nothing reads a clock.

export interface BackoffEntry {
  backoffMs: number;
  lastUpdate: number;
}

export class Backoff {
  private readonly entries = new Map<string, BackoffEntry>();

  constructor(
    readonly initialMs = 10_000,
    readonly maxMs = 300_000,
  ) {}

  /** The current back-off of `key` (0 when none). */
  get(key: string): number {
    return this.entries.get(key)?.backoffMs ?? 0;
  }

  /** Moves `key` to its next back-off step, as of an event at `eventTime` observed at `now`. */
  next(key: string, eventTime: number, now: number): number {
    const e = this.entries.get(key);
    if (!e || eventTime - e.lastUpdate > 2 * this.maxMs) {
      this.entries.set(key, { backoffMs: this.initialMs, lastUpdate: now });
      return this.initialMs;
    }
    e.backoffMs = Math.min(e.backoffMs * 2, this.maxMs);
    e.lastUpdate = now;
    return e.backoffMs;
  }

  /** Whether less than the back-off has passed since `eventTime` (a container's finishedAt). */
  isInBackOffSince(key: string, eventTime: number, now: number): boolean {
    const e = this.entries.get(key);
    if (!e || eventTime - e.lastUpdate > 2 * this.maxMs) return false;
    return now - eventTime < e.backoffMs;
  }

  /** Whether less than the back-off has passed since the last step (the image puller's check). */
  isInBackOffSinceUpdate(key: string, now: number): boolean {
    const e = this.entries.get(key);
    if (!e || now - e.lastUpdate > 2 * this.maxMs) return false;
    return now - e.lastUpdate < e.backoffMs;
  }

  /** When `key` last stepped (0 when unknown). */
  lastUpdate(key: string): number {
    return this.entries.get(key)?.lastUpdate ?? 0;
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  /** Drops every key starting with `prefix` (a pod's entries when it goes). */
  deletePrefix(prefix: string): void {
    for (const k of this.entries.keys()) if (k.startsWith(prefix)) this.entries.delete(k);
  }
}
