// A keyed work queue as controllers use it upstream (client-go workqueue): a key added many
// times before it is processed is processed once; a failed key is retried with exponential
// back-off. Processing happens off the request path (setImmediate), never in a busy loop.

export class WorkQueue {
  private readonly pending = new Set<string>();
  private readonly failures = new Map<string, number>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private scheduled = false;
  private running = false;
  private stopped = false;
  /** Resolves when the queue next becomes idle (tests and orderly shutdown). */
  private idleWaiters: Array<() => void> = [];

  constructor(
    private readonly name: string,
    private readonly process: (key: string) => void | Promise<void>,
    private readonly baseDelayMs = 5,
    private readonly maxDelayMs = 30_000,
  ) {}

  add(key: string): void {
    if (this.stopped) return;
    this.pending.add(key);
    this.schedule();
  }

  addAfter(key: string, ms: number): void {
    if (this.stopped) return;
    const t = setTimeout(() => {
      this.timers.delete(t);
      this.add(key);
    }, ms);
    t.unref();
    this.timers.add(t);
  }

  private schedule(): void {
    if (this.scheduled || this.running) return;
    this.scheduled = true;
    setImmediate(() => void this.run());
  }

  private async run(): Promise<void> {
    this.scheduled = false;
    if (this.stopped) return;
    this.running = true;
    try {
      while (this.pending.size && !this.stopped) {
        const keys = [...this.pending];
        this.pending.clear();
        for (const key of keys) {
          try {
            await this.process(key);
            this.failures.delete(key);
          } catch (e) {
            const n = (this.failures.get(key) ?? 0) + 1;
            this.failures.set(key, n);
            if (n === 5) console.error(`kubecamp controller ${this.name}: ${key} keeps failing:`, e);
            this.addAfter(key, Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** n));
          }
        }
      }
    } finally {
      this.running = false;
    }
    if (this.pending.size) this.schedule();
    else {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const w of waiters) w();
    }
  }

  /** Resolves once nothing is pending or running. */
  idle(): Promise<void> {
    if (!this.pending.size && !this.running && !this.scheduled) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.pending.clear();
    for (const w of this.idleWaiters) w();
    this.idleWaiters = [];
  }
}
