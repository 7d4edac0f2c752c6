// kube-scheduler's loop for one cluster (pkg/scheduler/scheduler.go, schedule_one.go): pods
// addressed to the default scheduler and not yet bound enter the SchedulingQueue; each is
// scheduled against the store as it is now (schedulePod), then
// - bound through pods/binding as system:kube-scheduler, with a Scheduled event;
// - or reported: a FailedScheduling event and PodScheduled=False (Unschedulable) with the
//   FitError message; preemption evicts its victims (DisruptionTarget, then a graceful delete,
//   with Preempted events) and nominates the node (status.nominatedNodeName).
// Unschedulable pods wait for a cluster change that may help (cluster-events.ts) or for the
// queue's back-off / 5-minute flush, on one simulated-clock timer. Events are recorded the
// events.k8s.io way, as upstream's scheduler does.
import { StatusError } from '../../apimachinery/errors.ts';
import { deepClone, type KubeObject, type StoredObject } from '../../apimachinery/object.ts';
import type * as corev1 from '../../generated/k8s/core/v1.ts';
import type { Cluster, Controller } from '../cluster.ts';
import { nodeName as nodeTemplateName } from '../bootstrap/nodes.ts';
import { bindPod } from '../registry/core/pod/binding.ts';
import { updatePodCondition } from '../registry/core/pod/conditions.ts';
import type { ResourceDef, UserInfo } from '../registry/types.ts';
import type { TimerHandle } from '../sim/clock.ts';
import { EventRecorder } from '../sim/event-recorder.ts';
import type { StoreEvent } from '../storage/object-store.ts';
import { clusterEvents } from './cluster-events.ts';
import { scheduledEventMessage } from './messages.ts';
import { preemptedEventMessage, victimCondition, type PreemptionPlan } from './preemption.ts';
import { schedulePod, wantsScheduling, type UnschedulableResult } from './schedule.ts';
import { PodInfoCache } from './pod-info.ts';
import { SchedulingQueue } from './scheduling-queue.ts';
import type { ClusterSnapshot } from './snapshot.ts';

export const SCHEDULER_USER: UserInfo = { username: 'system:kube-scheduler', groups: ['system:authenticated'] };
const FIELD_MANAGER = 'kube-scheduler';

type Pod = corev1.Pod & StoredObject;

const podKey = (o: StoredObject): string => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;
const priorityOf = (p: corev1.Pod): number => p.spec?.priority ?? 0;

/** The store as the scheduler's informers see it: the input of schedulePod. */
export function storeSnapshot(cluster: Cluster, podInfos?: PodInfoCache): ClusterSnapshot {
  const list = <T>(resource: string): T[] => cluster.store.list(resource) as unknown as T[];
  return {
    nodes: list('nodes'),
    pods: list('pods'),
    namespaces: list('namespaces'),
    persistentVolumeClaims: list('persistentvolumeclaims'),
    persistentVolumes: list('persistentvolumes'),
    storageClasses: list('storageclasses.storage.k8s.io'),
    services: list('services'),
    replicaSets: list('replicasets.apps'),
    statefulSets: list('statefulsets.apps'),
    replicationControllers: list('replicationcontrollers'),
    podDisruptionBudgets: list('poddisruptionbudgets.policy'),
    ...(podInfos ? { podInfos } : {}),
  };
}

/** Whether an update of a queued pod may change its scheduling (not just its status). */
function podSpecChanged(prev: StoredObject | undefined, next: StoredObject): boolean {
  if (!prev) return true;
  const a = prev as Pod;
  const b = next as Pod;
  return JSON.stringify([a.spec, a.metadata.labels, a.metadata.annotations]) !== JSON.stringify([b.spec, b.metadata.labels, b.metadata.annotations]);
}

export class SchedulerController implements Controller {
  readonly name = 'scheduler';
  private cluster?: Cluster;
  private recorder?: EventRecorder;
  private readonly queue = new SchedulingQueue();
  private readonly podInfos = new PodInfoCache();
  private unsubscribe?: () => void;
  private timer?: TimerHandle;
  private timerAt?: number;
  private scheduled = false;
  private running = false;
  private stopped = false;
  private idleWaiters: Array<() => void> = [];

  start(cluster: Cluster): void {
    this.cluster = cluster;
    this.stopped = false;
    this.recorder = new EventRecorder(cluster, { component: 'default-scheduler' }, 'events.k8s.io', `default-scheduler-${nodeTemplateName(0)}`);
    this.unsubscribe = cluster.store.observe((ev) => this.changed(ev));
    const now = cluster.clock.now();
    for (const p of cluster.store.list('pods')) if (wantsScheduling(p as Pod)) this.queue.add(podKey(p), priorityOf(p as Pod), now);
    this.kick();
  }

  stop(): void {
    this.stopped = true;
    this.unsubscribe?.();
    this.timer?.cancel();
    this.timer = undefined;
    for (const w of this.idleWaiters.splice(0)) w();
  }

  async idle(): Promise<void> {
    if (this.scheduled || this.running) await new Promise<void>((r) => this.idleWaiters.push(r));
    await this.recorder?.flush();
  }

  private changed(ev: StoreEvent): void {
    const cluster = this.cluster!;
    const now = cluster.clock.now();
    if (ev.resource === 'pods') {
      const key = podKey(ev.object);
      const pod = ev.object as Pod;
      if (ev.type !== 'DELETED' && wantsScheduling(pod)) {
        if (this.queue.placeOf(key) === undefined) this.queue.add(key, priorityOf(pod), now);
        else if (podSpecChanged(ev.prev, ev.object)) this.queue.update(key, priorityOf(pod), now);
      } else if (this.queue.placeOf(key) !== 'inflight') {
        this.queue.delete(key);
      }
    }
    for (const kind of clusterEvents(ev.resource, ev.type, ev.object, ev.prev)) this.queue.moveAllToActiveOrBackoff(now, kind);
    this.kick();
  }

  /** Runs the loop soon if a pod is ready; otherwise sets the one timer the queue needs. */
  private kick(): void {
    if (this.stopped) return;
    if (this.queue.hasActive()) {
      if (!this.scheduled && !this.running) {
        this.scheduled = true;
        setImmediate(() => void this.run());
      }
      return;
    }
    this.arm();
  }

  private arm(): void {
    const cluster = this.cluster!;
    const at = this.queue.nextWakeup();
    if (at === this.timerAt) return;
    this.timer?.cancel();
    this.timer = undefined;
    this.timerAt = at;
    if (at === undefined) return;
    this.timer = cluster.clock.setTimer(Math.max(0, at - cluster.clock.now()), () => {
      this.timer = undefined;
      this.timerAt = undefined;
      this.queue.flush(cluster.clock.now());
      this.kick();
    });
  }

  private async run(): Promise<void> {
    this.scheduled = false;
    if (this.stopped) return;
    this.running = true;
    try {
      for (let key = this.queue.pop(); key !== undefined && !this.stopped; key = this.queue.pop()) {
        try {
          await this.scheduleOne(key);
        } catch (e) {
          if (!(e instanceof StatusError)) console.error(`kubecamp scheduler: ${key}:`, e);
          this.queue.failed(key, undefined, this.cluster!.clock.now());
        }
      }
    } finally {
      this.running = false;
    }
    this.kick();
    if (!this.scheduled) for (const w of this.idleWaiters.splice(0)) w();
  }

  private podsDef(): ResourceDef {
    return this.cluster!.resources.byResource('', 'pods')!;
  }

  private async scheduleOne(key: string): Promise<void> {
    const cluster = this.cluster!;
    const [namespace, name] = key.split('/') as [string, string];
    const pod = cluster.store.get('pods', namespace, name) as Pod | undefined;
    if (!pod || !wantsScheduling(pod)) return this.queue.done(key);
    const result = schedulePod(pod, storeSnapshot(cluster, this.podInfos));
    const now = cluster.clock.now();
    if (result.kind === 'gated') {
      // Upstream keeps gated pods aside until an update removes the gates; no event.
      this.queue.gated(key, now);
      return;
    }
    if (result.kind === 'unschedulable') {
      this.queue.failed(key, result.unschedulablePlugins, now);
      await this.reportFailure(pod, result);
      return;
    }
    this.queue.done(key);
    const ctx = cluster.context(SCHEDULER_USER);
    const binding: KubeObject = { apiVersion: 'v1', kind: 'Binding', metadata: { name, namespace, uid: pod.metadata.uid }, target: { apiVersion: 'v1', kind: 'Node', name: result.node } } as KubeObject;
    try {
      await bindPod(ctx, namespace, name, binding);
    } catch (e) {
      // The pod went away or was bound meanwhile; if it still wants a node, try again after back-off.
      const current = cluster.store.get('pods', namespace, name) as Pod | undefined;
      if (current && wantsScheduling(current)) {
        this.queue.retryLater(key, priorityOf(current), now);
      }
      if (!(e instanceof StatusError)) throw e;
      return;
    }
    void this.recorder!.event(pod, 'Normal', 'Scheduled', scheduledEventMessage(namespace, name, result.node), { action: 'Binding' });
  }

  /** handleSchedulingFailure: preemption's evictions, the event, then the pod's status. */
  private async reportFailure(pod: Pod, result: UnschedulableResult): Promise<void> {
    if (result.preemption) await this.preempt(pod, result.preemption);
    void this.recorder!.event(pod, 'Warning', 'FailedScheduling', result.message, { action: 'Scheduling' });
    await this.updatePod(pod.metadata.namespace ?? '', pod.metadata.name, (status) => {
      let changed = updatePodCondition(status, { type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: result.message }, this.cluster!.clock.now());
      if (result.nominatedNodeName !== undefined && (status.nominatedNodeName ?? '') !== result.nominatedNodeName) {
        if (result.nominatedNodeName) status.nominatedNodeName = result.nominatedNodeName;
        else delete status.nominatedNodeName;
        changed = true;
      }
      return changed;
    });
  }

  /** Writes a pod's status through pods/status when `mutate` reports a change. */
  private async updatePod(namespace: string, name: string, mutate: (status: corev1.PodStatus) => boolean): Promise<void> {
    const cluster = this.cluster!;
    const current = cluster.store.get('pods', namespace, name) as Pod | undefined;
    if (!current) return;
    const next = deepClone(current) as Pod;
    if (!mutate((next.status ??= {}))) return;
    try {
      await cluster.api.update(cluster.context(SCHEDULER_USER), this.podsDef(), namespace, name, next, { fieldManager: FIELD_MANAGER, subresource: 'status' });
    } catch (e) {
      if (!(e instanceof StatusError)) throw e;
    }
  }

  /** prepareCandidate: evict the victims and clear lower-priority nominations on the node. */
  private async preempt(preemptor: Pod, plan: PreemptionPlan): Promise<void> {
    const cluster = this.cluster!;
    const def = this.podsDef();
    for (const v of plan.victims) {
      const victim = cluster.store.get('pods', v.namespace, v.name) as Pod | undefined;
      if (!victim || victim.metadata.uid !== v.uid || victim.metadata.deletionTimestamp) continue;
      const condition = victimCondition(preemptor, new Date(cluster.clock.now()).toISOString().replace(/\.\d+Z$/, 'Z'));
      await this.updatePod(v.namespace, v.name, (status) => updatePodCondition(status, { type: condition.type, status: condition.status, reason: condition.reason, message: condition.message }, cluster.clock.now()));
      try {
        await cluster.api.delete(cluster.context(SCHEDULER_USER), def, v.namespace, v.name, { preconditions: { uid: v.uid } });
      } catch (e) {
        if (!(e instanceof StatusError)) throw e;
        continue;
      }
      void this.recorder!.event(victim, 'Normal', 'Preempted', preemptedEventMessage(preemptor, plan.nodeName), { action: 'Preempting' });
    }
    for (const p of plan.lowerPriorityNominatedPods) {
      await this.updatePod(p.namespace, p.name, (status) => {
        if (!status.nominatedNodeName) return false;
        delete status.nominatedNodeName;
        return true;
      });
    }
  }
}
