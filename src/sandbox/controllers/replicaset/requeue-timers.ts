// Upstream's queue.AddAfter on the simulated clock: one pending recheck per key (the earliest
// wins), so minReadySeconds, progress deadlines and disruption timeouts fire on SimClock time.
import type { SimClock, TimerHandle } from '../../sim/clock.ts';

export class RequeueTimers {
  private readonly timers = new Map<string, { at: number; handle: TimerHandle }>();

  /** Re-adds `key` through `enqueue` at simulated time `at` (no-op if an earlier recheck is due). */
  at(clock: SimClock, key: string, at: number, enqueue: (key: string) => void): void {
    const existing = this.timers.get(key);
    if (existing && existing.at <= at && existing.at > clock.now()) return;
    existing?.handle.cancel();
    const handle = clock.setTimer(Math.max(0, at - clock.now()), () => {
      this.timers.delete(key);
      enqueue(key);
    });
    this.timers.set(key, { at, handle });
  }

  cancel(key: string): void {
    this.timers.get(key)?.handle.cancel();
    this.timers.delete(key);
  }

  stop(): void {
    for (const t of this.timers.values()) t.handle.cancel();
    this.timers.clear();
  }
}
