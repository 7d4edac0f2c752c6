// The pod garbage collector (upstream pkg/controller/podgc) for one cluster: runs when a node
// is deleted or a pod lands on a missing node or terminates unscheduled, and once more when the
// quarantine of a missing node ends (one simulated-clock timer). See pod-gc.ts.
import { StatusError } from '../../../apimachinery/errors.ts';
import { deepClone, type StoredObject } from '../../../apimachinery/object.ts';
import type * as corev1 from '../../../generated/k8s/core/v1.ts';
import type { Cluster } from '../../cluster.ts';
import { controllerUser } from '../../cluster.ts';
import { updatePodCondition } from '../../registry/core/pod/conditions.ts';
import type { TimerHandle } from '../../sim/clock.ts';
import type { StoreEvent } from '../../storage/object-store.ts';
import { type Enqueue, QueueController } from '../queue-controller.ts';
import { DISRUPTION_TARGET_POD_GC, planPodGC } from './pod-gc.ts';

const USER = controllerUser('pod-garbage-collector');
const KEY = 'gc';
type Pod = StoredObject & corev1.Pod;

export class PodGCController extends QueueController {
  readonly name = 'pod-garbage-collector';
  private readonly missingSince = new Map<string, number>();
  private timer?: TimerHandle;
  private enqueue?: Enqueue;

  override stop(): void {
    super.stop();
    this.timer?.cancel();
  }

  protected initial(_cluster: Cluster, enqueue: Enqueue): void {
    this.enqueue = enqueue;
    enqueue(KEY);
  }

  protected changed(cluster: Cluster, ev: StoreEvent, enqueue: Enqueue): void {
    if (ev.resource === 'nodes') {
      if (ev.type === 'DELETED') enqueue(KEY);
    } else if (ev.resource === 'pods' && ev.type !== 'DELETED') {
      const pod = ev.object as Pod;
      const node = pod.spec?.nodeName;
      if (node ? !cluster.store.get('nodes', undefined, node) : Boolean(pod.metadata.deletionTimestamp)) enqueue(KEY);
    }
  }

  protected async sync(cluster: Cluster): Promise<void> {
    const now = cluster.clock.now();
    const pods = cluster.store.list('pods') as Pod[];
    const nodes = new Set(cluster.store.list('nodes').map((n) => n.metadata.name));
    for (const n of [...this.missingSince.keys()]) if (nodes.has(n)) this.missingSince.delete(n);
    for (const p of pods) {
      const n = p.spec?.nodeName;
      if (n && !nodes.has(n) && !this.missingSince.has(n)) this.missingSince.set(n, now);
    }
    const plan = planPodGC(pods, nodes, this.missingSince, now);
    const def = cluster.resources.byResource('', 'pods')!;
    const ctx = () => cluster.context(USER);
    for (const a of plan.actions) {
      try {
        if (a.reason === 'orphaned') {
          const pod = cluster.store.get('pods', a.namespace, a.name) as Pod | undefined;
          if (!pod) continue;
          const next = deepClone(pod) as Pod;
          const status = (next.status ??= {});
          let changed = updatePodCondition(status, DISRUPTION_TARGET_POD_GC, now);
          if (status.phase !== 'Succeeded' && status.phase !== 'Failed') {
            status.phase = 'Failed';
            changed = true;
          }
          if (changed) await cluster.api.update(ctx(), def, a.namespace, a.name, next, { fieldManager: 'kube-controller-manager', subresource: 'status' });
        }
        await cluster.api.delete(ctx(), def, a.namespace, a.name, { gracePeriodSeconds: 0, preconditions: { uid: a.uid } });
      } catch (e) {
        if (!(e instanceof StatusError)) throw e;
      }
    }
    this.timer?.cancel();
    this.timer = plan.recheckAt === undefined ? undefined : cluster.clock.setTimer(plan.recheckAt - now, () => this.enqueue?.(KEY));
  }
}
