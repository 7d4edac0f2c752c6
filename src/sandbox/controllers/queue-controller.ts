// The loop every in-process controller shares (upstream's informer → work queue → sync by key):
// a subclass says which keys are due at start and after each store change, and how to sync one
// key; the queue coalesces repeated keys and retries failures with back-off.
import type { Cluster, Controller } from '../cluster.ts';
import type { StoreEvent } from '../storage/object-store.ts';
import { DelayedKeys } from './delayed-keys.ts';
import { WorkQueue } from './work-queue.ts';

export type Enqueue = (key: string) => void;

export abstract class QueueController implements Controller {
  abstract readonly name: string;
  private queue?: WorkQueue;
  private unsubscribe?: () => void;
  /**
   * Keys due again after a delay of simulated time (upstream's queue.AddAfter): minReadySeconds,
   * progress deadlines, back-offs, TTLs, schedules. Set from start() on.
   */
  protected delayed?: DelayedKeys;

  start(cluster: Cluster): void {
    const queue = (this.queue = new WorkQueue(this.name, (key) => this.sync(cluster, key)));
    const enqueue: Enqueue = (key) => queue.add(key);
    this.delayed = new DelayedKeys(cluster.clock, enqueue);
    this.unsubscribe = cluster.store.observe((ev) => this.changed(cluster, ev, enqueue));
    this.initial(cluster, enqueue);
  }

  stop(): void {
    this.unsubscribe?.();
    this.delayed?.stop();
    this.queue?.stop();
  }

  idle(): Promise<void> {
    return this.queue?.idle() ?? Promise.resolve();
  }

  /** The keys due at start, from what the store already holds (after recovery too). */
  protected abstract initial(cluster: Cluster, enqueue: Enqueue): void;

  /** The keys a store change makes due. Runs inside the write: it must be quick and not throw. */
  protected abstract changed(cluster: Cluster, ev: StoreEvent, enqueue: Enqueue): void;

  /** Brings one key to its desired state; throwing retries it with back-off. */
  protected abstract sync(cluster: Cluster, key: string): void | Promise<void>;
}
