// Keys due again after a delay of simulated time (upstream's queue.AddAfter), on the cluster's
// SimClock rather than wall time (minReadySeconds, progress deadlines, back-offs, TTLs, schedules): one timer per key, the earliest wins (a later request is
// dropped: the sync that runs first arms the next one). Very long delays are cut to a day, after
// which the sync simply recomputes, so no timer exceeds what setTimeout can hold.
import type { SimClock, TimerHandle } from '../sim/clock.ts';

const MAX_DELAY_MS = 24 * 3600_000;

export class DelayedKeys {
  private readonly timers = new Map<string, { at: number; handle: TimerHandle }>();

  constructor(
    private readonly clock: SimClock,
    private readonly enqueue: (key: string) => void,
  ) {}

  addAfter(key: string, delayMs: number): void {
    const delay = Math.min(MAX_DELAY_MS, Math.max(0, delayMs));
    const at = this.clock.now() + delay;
    const current = this.timers.get(key);
    if (current && current.at <= at) return;
    current?.handle.cancel();
    const handle = this.clock.setTimer(delay, () => {
      this.timers.delete(key);
      this.enqueue(key);
    });
    this.timers.set(key, { at, handle });
  }

  /** addAfter to an absolute simulated time. */
  addAt(key: string, at: number): void {
    this.addAfter(key, at - this.clock.now());
  }

  forget(key: string): void {
    this.timers.get(key)?.handle.cancel();
    this.timers.delete(key);
  }

  stop(): void {
    for (const t of this.timers.values()) t.handle.cancel();
    this.timers.clear();
  }
}
