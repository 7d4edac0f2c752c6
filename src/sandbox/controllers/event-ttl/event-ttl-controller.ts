// Expires Events an hour after their last write, as etcd's leases do for kube-apiserver (see
// event-ttl.ts). Deletions go straight to storage, as a lease expiry does: watchers see DELETED.
// One simulated-clock timer per cluster, due at the next expiry but at most every 5 minutes of
// simulated time, so a busy cluster sweeps in batches (an event lives 60–65 minutes).
import type { Cluster, Controller } from '../../cluster.ts';
import type { TimerHandle } from '../../sim/clock.ts';
import type { WriteOp } from '../../storage/object-store.ts';
import { expiredEvents } from './event-ttl.ts';

const SWEEP_GRANULARITY_MS = 5 * 60_000;

export class EventTTLController implements Controller {
  readonly name = 'event-ttl';
  private cluster?: Cluster;
  private timer?: { at: number; handle: TimerHandle };
  private unsubscribe?: () => void;

  start(cluster: Cluster): void {
    this.cluster = cluster;
    this.unsubscribe = cluster.store.observe((ev) => {
      if (ev.resource === 'events' && ev.type !== 'DELETED' && !this.timer) this.arm(cluster.clock.now() + SWEEP_GRANULARITY_MS);
    });
    this.sweep();
  }

  stop(): void {
    this.unsubscribe?.();
    this.timer?.handle.cancel();
    this.timer = undefined;
    this.cluster = undefined;
  }

  private arm(at: number): void {
    const cluster = this.cluster;
    if (!cluster) return;
    const due = Math.max(at, cluster.clock.now() + SWEEP_GRANULARITY_MS);
    if (this.timer && this.timer.at <= due) return;
    this.timer?.handle.cancel();
    this.timer = { at: due, handle: cluster.clock.setTimer(due - cluster.clock.now(), () => {
      this.timer = undefined;
      this.sweep();
    }) };
  }

  private sweep(): void {
    const cluster = this.cluster;
    if (!cluster) return;
    const { expired, nextExpiry } = expiredEvents(cluster.store.list('events'), cluster.clock.now());
    if (expired.length) {
      const ops: WriteOp[] = expired.map((e) => ({ type: 'delete', resource: 'events', namespace: e.metadata.namespace, name: e.metadata.name }));
      try {
        cluster.store.write(ops).durable.catch(() => {});
      } catch {
        // The sandbox is stopping: nothing to expire any more.
      }
    }
    if (nextExpiry !== undefined) this.arm(nextExpiry);
  }
}
