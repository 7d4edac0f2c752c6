// The node lifecycle controller (upstream pkg/controller/nodelifecycle) for one cluster:
// - monitorNodeHealth: a node not heard from (Lease, status heartbeat) for the grace period is
//   marked Unknown ("Kubelet stopped posting node status."), a NodeNotReady event is recorded
//   and its pods' Ready condition turns False (MarkPodsNotReady);
// - the tainting passes: node.kubernetes.io/{unreachable,not-ready} NoSchedule and NoExecute
//   while the node is not Ready, node.kubernetes.io/unschedulable while it is cordoned; removed
//   again once the kubelet posts Ready.
// Health is checked on one simulated-clock timer set for the earliest deadline, not polled.
// Evicting pods from NoExecute-tainted nodes is the taint-eviction controller's work.
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
import { desiredTaints, lastHeard, NODE_MONITOR_GRACE_PERIOD_MS, readyCondition, unknownConditions } from './node-health.ts';

const USER = controllerUser('node-controller');
const HEALTH = 'health';
type Node = StoredObject & corev1.Node;

export class NodeLifecycleController extends QueueController {
  readonly name = 'node-lifecycle';
  private timer?: TimerHandle;
  private timerAt?: number;
  private enqueue?: Enqueue;
  private recorder?: EventRecorder;
  /** Upstream's nodeHealthMap starts each node's probe time at its first observation: a restarted sandbox gives every node a full grace period. */
  private startedAt = 0;

  constructor(private readonly gracePeriodMs = NODE_MONITOR_GRACE_PERIOD_MS) {
    super();
  }

  override stop(): void {
    super.stop();
    this.timer?.cancel();
    this.timer = undefined;
  }

  protected initial(cluster: Cluster, enqueue: Enqueue): void {
    this.enqueue = enqueue;
    this.startedAt = cluster.clock.now();
    this.recorder = new EventRecorder(cluster, { component: 'node-controller' });
    for (const n of cluster.store.list('nodes')) enqueue(`taint/${n.metadata.name}`);
    enqueue(HEALTH);
  }

  protected changed(_cluster: Cluster, ev: StoreEvent, enqueue: Enqueue): void {
    if (ev.resource !== 'nodes' || ev.type === 'DELETED') return;
    enqueue(`taint/${ev.object.metadata.name}`);
    // A node heard from again (or a new node) needs a deadline.
    const before = ev.prev ? readyCondition(ev.prev as Node)?.status : undefined;
    if (ev.type === 'ADDED' || before !== readyCondition(ev.object as Node)?.status) enqueue(HEALTH);
  }

  protected async sync(cluster: Cluster, key: string): Promise<void> {
    if (key === HEALTH) return this.monitorNodeHealth(cluster);
    const name = key.slice('taint/'.length);
    const node = cluster.store.get('nodes', undefined, name) as Node | undefined;
    if (!node) return;
    const taints = desiredTaints(node, cluster.clock.now());
    if (!taints) return;
    const next = deepClone(node) as Node;
    next.spec = { ...next.spec, taints };
    if (!taints.length) delete next.spec.taints;
    await cluster.api.update(cluster.context(USER), cluster.resources.byResource('', 'nodes')!, undefined, name, next, { fieldManager: 'kube-controller-manager' });
  }

  private async monitorNodeHealth(cluster: Cluster): Promise<void> {
    const now = cluster.clock.now();
    let next: number | undefined;
    for (const node of cluster.store.list('nodes') as Node[]) {
      const name = node.metadata.name;
      const heard = Math.max(this.startedAt, lastHeard(node, cluster.store.get('leases.coordination.k8s.io', 'kube-node-lease', name) as never));
      const conditions = unknownConditions(node, heard, now, this.gracePeriodMs);
      if (conditions) {
        await this.markUnknown(cluster, node, conditions);
      } else if (readyCondition(node)?.status !== 'Unknown') {
        const deadline = heard + this.gracePeriodMs;
        if (next === undefined || deadline < next) next = deadline;
      }
    }
    this.arm(cluster, next);
  }

  private arm(cluster: Cluster, at: number | undefined): void {
    if (at === this.timerAt && this.timer) return;
    this.timer?.cancel();
    this.timer = undefined;
    this.timerAt = at;
    if (at === undefined) return;
    this.timer = cluster.clock.setTimer(Math.max(0, at - cluster.clock.now()), () => {
      this.timer = undefined;
      this.timerAt = undefined;
      this.enqueue?.(HEALTH);
    });
  }

  private async markUnknown(cluster: Cluster, node: Node, conditions: corev1.NodeCondition[]): Promise<void> {
    const wasReady = readyCondition(node)?.status === 'True';
    const next = deepClone(node) as Node;
    next.status = { ...next.status, conditions };
    await cluster.api.update(cluster.context(USER), cluster.resources.byResource('', 'nodes')!, undefined, node.metadata.name, next, { fieldManager: 'kube-controller-manager', subresource: 'status' });
    if (!wasReady) return;
    void this.recorder!.event(node, 'Normal', 'NodeNotReady', `Node ${node.metadata.name} status is now: NodeNotReady`);
    await this.markPodsNotReady(cluster, node.metadata.name);
  }

  /** MarkPodsNotReady: the Ready condition of every pod on the node turns False. */
  private async markPodsNotReady(cluster: Cluster, nodeName: string): Promise<void> {
    const def = cluster.resources.byResource('', 'pods')!;
    const now = cluster.clock.now();
    for (const pod of cluster.store.list('pods') as Array<StoredObject & corev1.Pod>) {
      if (pod.spec?.nodeName !== nodeName) continue;
      const ready = pod.status?.conditions?.find((c) => c.type === 'Ready');
      if (!ready || ready.status === 'False') continue;
      const next = deepClone(pod) as StoredObject & corev1.Pod;
      const { lastTransitionTime: _t, ...rest } = ready;
      updatePodCondition((next.status ??= {}), { ...rest, status: 'False' }, now);
      try {
        await cluster.api.update(cluster.context(USER), def, pod.metadata.namespace, pod.metadata.name, next, { fieldManager: 'kube-controller-manager', subresource: 'status' });
      } catch (e) {
        if (!(e instanceof StatusError)) throw e;
        continue;
      }
      void this.recorder!.event(pod, 'Warning', 'NodeNotReady', 'Node is not ready');
    }
  }
}
