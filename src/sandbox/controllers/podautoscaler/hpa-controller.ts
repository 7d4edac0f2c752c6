// kube-controller-manager's horizontal-pod-autoscaler loop (pkg/controller/podautoscaler): each
// HPA is synced when created or changed and then every 15 s of simulated time (one timer per
// HPA), reading its target's scale (replicas and selector), the target's pods and their usage
// from the kubelet (cluster.runtime.pods.usage over the metrics window), and writing the
// target's replicas and the HPA's status; horizontal.ts decides.
import { labelSelectorAsSelector, type LabelSelector, type Selector, selectorFromSet } from '../../../apimachinery/labels.ts';
import type { StoredObject } from '../../../apimachinery/object.ts';
import type * as corev1 from '../../../generated/k8s/core/v1.ts';
import type { Cluster } from '../../cluster.ts';
import { controllerUser } from '../../cluster.ts';
import type { HPA } from '../../registry/autoscaling/horizontalpodautoscaler/types.ts';
import type { TimerHandle } from '../../sim/clock.ts';
import { EventRecorder } from '../../sim/event-recorder.ts';
import type { StoreEvent } from '../../storage/object-store.ts';
import { type Enqueue, QueueController } from '../queue-controller.ts';
import { updateWithRetry } from '../replicaset/write.ts';
import type { HPAMemory } from './behavior.ts';
import { reconcileHPA, type PodUsage, type TargetScale } from './horizontal.ts';
import { METRICS_WINDOW_MS } from './replica-calculator.ts';

/** --horizontal-pod-autoscaler-sync-period. */
export const HPA_SYNC_PERIOD_MS = 15_000;
const USER = controllerUser('horizontal-pod-autoscaler');
const RESOURCE = 'horizontalpodautoscalers.autoscaling';

/** The kinds with a scale subresource the sandbox serves, by group/kind. */
const SCALABLE: Record<string, string> = {
  'apps/Deployment': 'deployments.apps',
  'apps/ReplicaSet': 'replicasets.apps',
  'apps/StatefulSet': 'statefulsets.apps',
  '/ReplicationController': 'replicationcontrollers',
};

interface Scalable extends StoredObject {
  spec?: { replicas?: number; selector?: LabelSelector | Record<string, string> };
}

type Pod = corev1.Pod & StoredObject;

export class HorizontalController extends QueueController {
  readonly name = 'horizontal-pod-autoscaler';
  private recorder?: EventRecorder;
  private readonly timers = new Map<string, TimerHandle>();
  private readonly memory = new Map<string, HPAMemory>();
  private enqueueKey?: Enqueue;

  override start(cluster: Cluster): void {
    this.recorder = new EventRecorder(cluster, { component: 'horizontal-pod-autoscaler' });
    super.start(cluster);
  }

  override stop(): void {
    super.stop();
    for (const t of this.timers.values()) t.cancel();
    this.timers.clear();
  }

  protected initial(cluster: Cluster, enqueue: Enqueue): void {
    this.enqueueKey = enqueue;
    for (const hpa of cluster.store.list(RESOURCE)) enqueue(`${hpa.metadata.namespace ?? ''}/${hpa.metadata.name}`);
  }

  protected changed(_cluster: Cluster, ev: StoreEvent, enqueue: Enqueue): void {
    if (ev.resource !== RESOURCE) return;
    const key = `${ev.namespace ?? ''}/${ev.object.metadata.name}`;
    if (ev.type === 'DELETED') {
      this.timers.get(key)?.cancel();
      this.timers.delete(key);
      this.memory.delete(key);
      return;
    }
    // Our own status writes do not call for another sync; spec and metadata changes do.
    const spec = (o: StoredObject | undefined) => JSON.stringify((o as HPA | undefined)?.spec);
    if (ev.type === 'ADDED' || spec(ev.prev) !== spec(ev.object)) enqueue(key);
  }

  protected async sync(cluster: Cluster, key: string): Promise<void> {
    const [ns, name] = key.split('/') as [string, string];
    const hpa = cluster.store.get(RESOURCE, ns, name) as (HPA & StoredObject) | undefined;
    this.timers.get(key)?.cancel();
    this.timers.delete(key);
    if (!hpa) return;
    // The next resync, whatever happens in this one (upstream: queue.AddAfter(key, resyncPeriod)).
    this.timers.set(key, cluster.clock.setTimer(HPA_SYNC_PERIOD_MS, () => {
      this.timers.delete(key);
      this.enqueueKey?.(key);
    }));
    let mem = this.memory.get(key);
    if (!mem) this.memory.set(key, (mem = { scaleUpEvents: [], scaleDownEvents: [] }));
    const { scale, target, targetResource, selector } = this.readScale(cluster, hpa);
    const pods = selector ? this.podUsage(cluster, ns, selector) : [];
    const result = reconcileHPA(hpa, scale, pods, mem, cluster.clock.now());
    const events = [...result.events];
    if (result.rescale && target && targetResource) {
      const def = this.def(cluster, targetResource);
      try {
        await updateWithRetry<Scalable>(cluster, cluster.context(USER), def, ns, target.metadata.name, (t) => {
          if (t.spec?.replicas === result.rescale!.replicas) return false;
          t.spec = { ...t.spec, replicas: result.rescale!.replicas };
          return true;
        });
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        const i = events.findIndex((x) => x.reason === 'SuccessfulRescale');
        if (i >= 0) events[i] = { type: 'Warning', reason: 'FailedRescale', message: `New size: ${result.rescale.replicas}; reason: ${result.rescale.reason}; error: ${message}` };
        const c = result.status.conditions?.find((x) => x.type === 'AbleToScale');
        if (c) Object.assign(c, { status: 'False', reason: 'FailedUpdateScale', message: `the HPA controller was unable to update the target scale: ${message}` });
        result.status.desiredReplicas = result.status.currentReplicas ?? 0;
        delete result.status.lastScaleTime;
        if (hpa.status?.lastScaleTime) result.status.lastScaleTime = hpa.status.lastScaleTime;
      }
    }
    for (const e of events) await this.recorder!.event(hpa, e.type, e.reason, e.message);
    await updateWithRetry<HPA & StoredObject>(cluster, cluster.context(USER), this.def(cluster, RESOURCE), ns, name, (h) => {
      if (JSON.stringify(h.status) === JSON.stringify(result.status)) return false;
      h.status = result.status;
      return true;
    }, 'status');
  }

  private def(cluster: Cluster, resource: string) {
    const [plural, ...group] = resource.split('.');
    return cluster.resources.byResource(group.join('.'), plural!)!;
  }

  /** The scale subresource: replicas and the selector, or the error a GET /scale would return. */
  private readScale(cluster: Cluster, hpa: HPA): { scale: TargetScale; target?: Scalable; targetResource?: string; selector?: Selector } {
    const ref = hpa.spec!.scaleTargetRef;
    const group = (ref.apiVersion ?? '').includes('/') ? ref.apiVersion!.split('/')[0]! : '';
    const resource = SCALABLE[`${group}/${ref.kind}`];
    if (!resource) return { scale: { ok: false, error: `no matches for kind "${ref.kind}" in group "${group}"` } };
    const target = cluster.store.get(resource, hpa.metadata.namespace, ref.name) as Scalable | undefined;
    if (!target) return { scale: { ok: false, error: `${resource} "${ref.name}" not found` } };
    const sel = target.spec?.selector;
    let selector: Selector | undefined;
    if (sel) {
      const isLabelSelector = 'matchLabels' in sel || 'matchExpressions' in sel;
      try {
        selector = isLabelSelector ? labelSelectorAsSelector(sel as LabelSelector) : selectorFromSet(sel as Record<string, string>);
      } catch {
        selector = undefined;
      }
    }
    return { scale: { ok: true, replicas: target.spec?.replicas ?? 1, hasSelector: !!selector }, target, targetResource: resource, selector };
  }

  private podUsage(cluster: Cluster, ns: string, selector: Selector): PodUsage[] {
    const out: PodUsage[] = [];
    for (const pod of cluster.store.list('pods', ns) as Pod[]) {
      if (!selector.matches(pod.metadata.labels ?? {})) continue;
      const usage = cluster.runtime.pods?.usage(ns, pod.metadata.name, METRICS_WINDOW_MS);
      if (!usage) {
        out.push({ pod });
        continue;
      }
      let cpuMillicores = 0;
      let memoryBytes = 0;
      for (const u of usage.values()) {
        cpuMillicores += u.cpuMillicores;
        memoryBytes += u.memoryBytes;
      }
      out.push({ pod, usage: { cpuMillicores, memoryBytes } });
    }
    return out;
  }
}
