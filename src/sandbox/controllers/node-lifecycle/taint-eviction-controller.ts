// The taint-eviction controller (upstream pkg/controller/tainteviction) for one cluster: pods
// on nodes with NoExecute taints are deleted when their tolerations run out (taint-eviction.ts),
// each on its own simulated-clock timer, after a TaintManagerEviction event and the
// DisruptionTarget condition, with the pod's own grace period. A taint removed in time cancels
// the eviction. Pods already terminating are left alone.
import { StatusError } from '../../../apimachinery/errors.ts';
import { deepClone, type StoredObject } from '../../../apimachinery/object.ts';
import type * as corev1 from '../../../generated/k8s/core/v1.ts';
import type { Cluster } from '../../cluster.ts';
import { controllerUser } from '../../cluster.ts';
import { updatePodCondition } from '../../registry/core/pod/conditions.ts';
import type { TimerHandle } from '../../sim/clock.ts';
import { EventRecorder } from '../../sim/event-recorder.ts';
import type { StoreEvent } from '../../storage/object-store.ts';
import { type Enqueue, QueueController } from '../queue-controller.ts';
import { DISRUPTION_TARGET_TAINT, evictionPlan, noExecuteTaints } from './taint-eviction.ts';

const USER = controllerUser('node-controller');
type Pod = StoredObject & corev1.Pod;

interface Scheduled {
  readonly startedAt: number;
  readonly at: number;
  readonly timer: TimerHandle;
}

export class TaintEvictionController extends QueueController {
  readonly name = 'taint-eviction-controller';
  private readonly scheduled = new Map<string, Scheduled>();
  private recorder?: EventRecorder;
  private enqueue?: Enqueue;

  override stop(): void {
    super.stop();
    for (const s of this.scheduled.values()) s.timer.cancel();
    this.scheduled.clear();
  }

  protected initial(cluster: Cluster, enqueue: Enqueue): void {
    this.enqueue = enqueue;
    this.recorder = new EventRecorder(cluster, { component: 'taint-eviction-controller' });
    for (const n of cluster.store.list('nodes')) if (noExecuteTaints(n as corev1.Node).length) enqueue(`node/${n.metadata.name}`);
  }

  protected changed(cluster: Cluster, ev: StoreEvent, enqueue: Enqueue): void {
    if (ev.resource === 'nodes') {
      const before = JSON.stringify(noExecuteTaints(ev.prev as corev1.Node | undefined));
      const after = ev.type === 'DELETED' ? '[]' : JSON.stringify(noExecuteTaints(ev.object as corev1.Node));
      if (before !== after) enqueue(`node/${ev.object.metadata.name}`);
    } else if (ev.resource === 'pods') {
      const key = `${ev.object.metadata.namespace}/${ev.object.metadata.name}`;
      const nodeName = (ev.object as Pod).spec?.nodeName;
      if (this.scheduled.has(key) || (nodeName && ev.type !== 'DELETED' && noExecuteTaints(cluster.store.get('nodes', undefined, nodeName) as corev1.Node | undefined).length)) {
        enqueue(`pod/${key}`);
      }
    }
  }

  protected async sync(cluster: Cluster, key: string): Promise<void> {
    if (key.startsWith('node/')) {
      const name = key.slice(5);
      for (const p of cluster.store.list('pods') as Pod[]) if (p.spec?.nodeName === name) await this.syncPod(cluster, `${p.metadata.namespace}/${p.metadata.name}`);
      // Pods no longer on a tainted node lose their scheduled eviction.
      for (const k of [...this.scheduled.keys()]) {
        const [ns, n] = k.split('/') as [string, string];
        const p = cluster.store.get('pods', ns, n) as Pod | undefined;
        if (!p || p.spec?.nodeName === name) await this.syncPod(cluster, k);
      }
      return;
    }
    await this.syncPod(cluster, key.slice(4));
  }

  private cancel(key: string, pod: Pod | undefined): void {
    const s = this.scheduled.get(key);
    if (!s) return;
    s.timer.cancel();
    this.scheduled.delete(key);
    if (pod && !pod.metadata.deletionTimestamp) void this.recorder!.event(pod, 'Normal', 'TaintManagerEviction', `Cancelling deletion of Pod ${key}`);
  }

  private async syncPod(cluster: Cluster, key: string): Promise<void> {
    const [ns, name] = key.split('/') as [string, string];
    const pod = cluster.store.get('pods', ns, name) as Pod | undefined;
    if (!pod || pod.metadata.deletionTimestamp || !pod.spec?.nodeName) {
      const s = this.scheduled.get(key);
      s?.timer.cancel();
      this.scheduled.delete(key);
      return;
    }
    const plan = evictionPlan(pod, noExecuteTaints(cluster.store.get('nodes', undefined, pod.spec.nodeName) as corev1.Node | undefined));
    if (plan.kind === 'none') return this.cancel(key, pod);
    const now = cluster.clock.now();
    const prior = this.scheduled.get(key);
    const startedAt = prior?.startedAt ?? now;
    const at = plan.kind === 'now' ? now : startedAt + plan.ms;
    if (at <= now) {
      prior?.timer.cancel();
      this.scheduled.delete(key);
      return this.evict(cluster, pod);
    }
    if (prior?.at === at) return;
    prior?.timer.cancel();
    const timer = cluster.clock.setTimer(at - now, () => this.enqueue?.(`pod/${key}`));
    this.scheduled.set(key, { startedAt, at, timer });
  }

  private async evict(cluster: Cluster, pod: Pod): Promise<void> {
    const ns = pod.metadata.namespace ?? '';
    const name = pod.metadata.name;
    const def = cluster.resources.byResource('', 'pods')!;
    void this.recorder!.event(pod, 'Normal', 'TaintManagerEviction', `Marking for deletion Pod ${ns}/${name}`);
    try {
      const next = deepClone(pod) as Pod;
      if (updatePodCondition((next.status ??= {}), DISRUPTION_TARGET_TAINT, cluster.clock.now())) {
        await cluster.api.update(cluster.context(USER), def, ns, name, next, { fieldManager: 'kube-controller-manager', subresource: 'status' });
      }
      await cluster.api.delete(cluster.context(USER), def, ns, name, { preconditions: { uid: pod.metadata.uid } });
    } catch (e) {
      if (!(e instanceof StatusError)) throw e;
    }
  }
}
