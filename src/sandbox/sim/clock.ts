// Simulated time. Every delay of the simulation (image pulls, container starts, probes,
// back-off, Job/CronJob timing, graceful termination) runs on a SimClock: `kubecamp sandbox
// --speed X` runs it X times faster than wall time; tests use a VirtualClock they advance, so no
// test sleeps. Nothing in simulation logic reads the wall clock.
import type { Clock } from '../registry/types.ts';

export interface TimerHandle {
  cancel(): void;
}

export interface SimClock extends Clock {
  /** Simulated milliseconds since the epoch. */
  now(): number;
  /** Runs `fn` once `delayMs` of simulated time have passed. */
  setTimer(delayMs: number, fn: () => void): TimerHandle;
  /** Resolves after `delayMs` of simulated time. */
  sleep(delayMs: number): Promise<void>;
}

/** Wall time scaled by `speed`, anchored at construction: now() = t0 + (wall - t0) × speed. */
export class ScaledClock implements SimClock {
  private readonly wallStart = Date.now();
  private readonly simStart: number;

  constructor(
    readonly speed = 1,
    simStart?: number,
  ) {
    if (!(speed > 0)) throw new Error(`speed must be positive, not ${speed}`);
    this.simStart = simStart ?? this.wallStart;
  }

  now(): number {
    return this.simStart + (Date.now() - this.wallStart) * this.speed;
  }

  setTimer(delayMs: number, fn: () => void): TimerHandle {
    const t = setTimeout(fn, Math.max(0, delayMs / this.speed));
    t.unref();
    return { cancel: () => clearTimeout(t) };
  }

  sleep(delayMs: number): Promise<void> {
    return new Promise((resolve) => this.setTimer(delayMs, resolve));
  }
}

interface PendingTimer {
  at: number;
  seq: number;
  fn: () => void;
  cancelled: boolean;
}

/**
 * A clock that moves only when told to: advance(ms) runs every timer that falls due, in order
 * of due time, letting promise callbacks settle between timers so chains of sleeps progress.
 */
export class VirtualClock implements SimClock {
  private current: number;
  private seq = 0;
  private timers: PendingTimer[] = [];

  constructor(start = Date.parse('2026-01-01T00:00:00Z')) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  setTimer(delayMs: number, fn: () => void): TimerHandle {
    const t: PendingTimer = { at: this.current + Math.max(0, delayMs), seq: this.seq++, fn, cancelled: false };
    this.timers.push(t);
    return {
      cancel: () => {
        t.cancelled = true;
      },
    };
  }

  sleep(delayMs: number): Promise<void> {
    return new Promise((resolve) => this.setTimer(delayMs, resolve));
  }

  /** Simulated ms until the next timer, or undefined when none is pending. */
  nextIn(): number | undefined {
    const live = this.timers.filter((t) => !t.cancelled);
    if (!live.length) return undefined;
    return Math.max(0, Math.min(...live.map((t) => t.at)) - this.current);
  }

  /** Moves time forward by `ms`, running due timers in order. */
  async advance(ms: number): Promise<void> {
    const target = this.current + ms;
    for (;;) {
      await settle();
      this.timers = this.timers.filter((t) => !t.cancelled);
      const due = this.timers.filter((t) => t.at <= target).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!due) break;
      this.timers.splice(this.timers.indexOf(due), 1);
      this.current = Math.max(this.current, due.at);
      due.fn();
    }
    this.current = target;
    await settle();
  }
}

/** Lets pending promise callbacks and immediates run (they may schedule timers). */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
}
