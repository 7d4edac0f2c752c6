// The simulated CPU of a container. Every command run, loop iteration, and chunk of output costs
// a step; a container gets `stepsPerSecond` steps per simulated second. A script that sleeps or
// waits never notices; one that spins (`while true; do echo x; done`) uses its budget within each
// 10 ms window and then waits, on the simulated clock, for the next window — as a CPU-bound
// process is throttled by the CFS quota. Its output is therefore bounded per simulated second,
// and with a VirtualClock nothing moves until the test advances time. Independently of the clock
// the interpreter gives the event loop back every `yieldEvery` steps, so no script blocks the
// sandbox for more than a few milliseconds.

export interface CpuBudgetOptions {
  now(): number;
  sleep(ms: number): Promise<void>;
  stepsPerSecond?: number;
  windowMs?: number;
  yieldEvery?: number;
}

export class CpuBudget {
  private readonly perWindow: number;
  private readonly windowMs: number;
  private readonly yieldEvery: number;
  private readonly stepsPerSecond: number;
  private windowStart: number;
  private used = 0;
  private sinceYield = 0;
  /** Steps spent since creation. */
  total = 0;

  constructor(private readonly opts: CpuBudgetOptions) {
    this.stepsPerSecond = opts.stepsPerSecond ?? 20_000;
    this.windowMs = opts.windowMs ?? 10;
    this.perWindow = Math.max(1, Math.round((this.stepsPerSecond * this.windowMs) / 1000));
    this.yieldEvery = opts.yieldEvery ?? 64;
    this.windowStart = opts.now();
  }

  /** Simulated CPU milliseconds spent (for `ps` TIME and the kubelet's metrics). */
  cpuMs(): number {
    return (this.total * 1000) / this.stepsPerSecond;
  }

  /** Spends `cost` steps; waits for the next window when this one is used up. */
  async charge(cost: number, signal?: AbortSignal): Promise<void> {
    this.total += cost;
    const t = this.opts.now();
    if (t - this.windowStart >= this.windowMs || t < this.windowStart) {
      this.windowStart = t;
      this.used = 0;
    }
    this.used += cost;
    this.sinceYield += cost;
    if (this.used >= this.perWindow) {
      const wait = this.windowStart + this.windowMs - t;
      this.used = 0;
      this.sinceYield = 0;
      await abortable(this.opts.sleep(Math.max(1, wait)), signal);
      this.windowStart = this.opts.now();
      return;
    }
    if (this.sinceYield >= this.yieldEvery) {
      this.sinceYield = 0;
      await new Promise<void>((r) => setImmediate(r));
    }
  }
}

/** Settles with `p`, or as soon as `signal` aborts. */
export function abortable(p: Promise<void>, signal?: AbortSignal): Promise<void> {
  if (!signal) return p;
  if (signal.aborted) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const done = () => {
      signal.removeEventListener('abort', done);
      resolve();
    };
    signal.addEventListener('abort', done);
    p.then(done, done);
  });
}
