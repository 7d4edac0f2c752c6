// The kubelet's node heartbeats (upstream pkg/kubelet: nodelease controller and
// kubelet_node_status.go), for every node whose kubelet runs (node-power.ts): the node's Lease
// in kube-node-lease is renewed every 10 s (nodeLeaseRenewInterval: a quarter of its 40 s
// duration), and the node status is posted when it changed or every 5 min
// (nodeStatusReportFrequency), moving the conditions' lastHeartbeatTime. A node started again
// after a stop posts Ready at once and records the kubelet's start-up events.
//
// One simulated-clock timer per cluster renews all its nodes together in one store write, at
// the same instants for every cluster: 1,000 idle 3-node clusters cost about one write-ahead
// log commit (3,000 entries) per 10 s, measured at a few % of one core at --speed 1.
import { StatusError } from '../../../apimachinery/errors.ts';
import { deepClone, type StoredObject } from '../../../apimachinery/object.ts';
import type * as corev1 from '../../../generated/k8s/core/v1.ts';
import type { Cluster, Controller } from '../../cluster.ts';
import { healthyConditions } from '../../bootstrap/nodes.ts';
import { nodePower } from '../../node/node-power.ts';
import type { UserInfo } from '../../registry/types.ts';
import type { TimerHandle } from '../../sim/clock.ts';
import { EventRecorder } from '../../sim/event-recorder.ts';
import type { StoredObjectDraft, WriteOp } from '../../storage/object-store.ts';
import { rfc3339 } from './node-health.ts';

export const NODE_LEASE_RENEW_INTERVAL_MS = 10_000;
export const NODE_STATUS_REPORT_FREQUENCY_MS = 5 * 60_000;
const LEASE_NAMESPACE = 'kube-node-lease';
const LEASES = 'leases.coordination.k8s.io';

export function nodeUser(node: string): UserInfo {
  return { username: `system:node:${node}`, groups: ['system:nodes', 'system:authenticated'] };
}

function microTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 23)}000Z`;
}

/**
 * The conditions the kubelet posts at `now` (a healthy node), or undefined when its last post
 * is identical and younger than the report frequency. Transition times move only on change.
 */
export function postedConditions(node: corev1.Node, now: number): corev1.NodeCondition[] | undefined {
  const current = node.status?.conditions ?? [];
  const at = rfc3339(now);
  let changed = false;
  const next = healthyConditions(at).map((c) => {
    const old = current.find((x) => x.type === c.type);
    if (old && old.status === c.status && old.reason === c.reason && old.message === c.message) return { ...c, lastTransitionTime: old.lastTransitionTime };
    changed = true;
    return c;
  });
  const others = current.filter((c) => !next.some((n) => n.type === c.type));
  const lastBeat = Date.parse(current.find((c) => c.type === 'Ready')?.lastHeartbeatTime ?? '') || 0;
  if (!changed && now - lastBeat < NODE_STATUS_REPORT_FREQUENCY_MS) return undefined;
  return [...others, ...next];
}

/** The status events the kubelet records when a condition turns healthy (setters in nodestatus). */
export function conditionEvents(before: readonly corev1.NodeCondition[], after: readonly corev1.NodeCondition[]): string[] {
  const reasons: Record<string, string> = { MemoryPressure: 'NodeHasSufficientMemory', DiskPressure: 'NodeHasNoDiskPressure', PIDPressure: 'NodeHasSufficientPID', Ready: 'NodeReady' };
  const out: string[] = [];
  for (const c of after) {
    const old = before.find((x) => x.type === c.type);
    if (reasons[c.type] && old?.status !== c.status) out.push(reasons[c.type]!);
  }
  return out;
}

export class NodeHeartbeat implements Controller {
  readonly name = 'node-heartbeat';
  private cluster?: Cluster;
  private timer?: TimerHandle;
  private unsubscribe?: () => void;
  private readonly recorders = new Map<string, EventRecorder>();
  private pending: Promise<void> = Promise.resolve();

  start(cluster: Cluster): void {
    this.cluster = cluster;
    this.unsubscribe = nodePower(cluster).onChange((node, stopped) => {
      if (!stopped) this.enqueue(() => this.restarted(node));
    });
    // A restarted sandbox's kubelets report at once (their Leases may be long expired).
    if (this.expired(cluster)) this.enqueue(() => this.beat());
    this.arm();
  }

  stop(): void {
    this.unsubscribe?.();
    this.timer?.cancel();
    this.timer = undefined;
    this.cluster = undefined;
  }

  async idle(): Promise<void> {
    await this.pending;
    for (const r of this.recorders.values()) await r.flush();
  }

  private enqueue(work: () => Promise<void>): void {
    const run = () =>
      work().catch((e: unknown) => {
        // Writes in flight when the sandbox stops fail harmlessly.
        if (this.cluster && !(e instanceof StatusError)) console.error('kubecamp node-heartbeat:', e);
      });
    this.pending = this.pending.then(run, run);
  }

  /** Whether some Lease is older than a renew interval (after a sandbox restart). */
  private expired(cluster: Cluster): boolean {
    const now = cluster.clock.now();
    return cluster.store.list(LEASES, LEASE_NAMESPACE).some((l) => now - Date.parse((l as { spec?: { renewTime?: string } }).spec?.renewTime ?? '') > NODE_LEASE_RENEW_INTERVAL_MS);
  }

  /**
   * The next round falls on a multiple of the renew interval of simulated time, the same
   * instant for every cluster of the sandbox, so that their Lease writes share one group commit
   * of the write-ahead log instead of one disk sync each.
   */
  private arm(): void {
    const cluster = this.cluster;
    if (!cluster) return;
    const now = cluster.clock.now();
    const next = (Math.floor(now / NODE_LEASE_RENEW_INTERVAL_MS) + 1) * NODE_LEASE_RENEW_INTERVAL_MS;
    this.timer = cluster.clock.setTimer(next - now, () => {
      this.enqueue(() => this.beat());
      this.arm();
    });
  }

  /**
   * One round: every running node renews its Lease (one store write for the cluster's nodes
   * together: renewals are the hot path of an idle sandbox) and, when due, posts its status.
   */
  private async beat(): Promise<void> {
    const cluster = this.cluster;
    if (!cluster) return;
    const power = nodePower(cluster);
    const running = (cluster.store.list('nodes') as Array<StoredObject & corev1.Node>).map((n) => n.metadata.name).filter((n) => !power.stopped(n));
    await this.renewLeases(cluster, running);
    for (const name of running) {
      if (this.cluster !== cluster) return;
      await this.postStatus(cluster, name, false);
    }
  }

  private async restarted(name: string): Promise<void> {
    const cluster = this.cluster;
    if (!cluster || !cluster.store.get('nodes', undefined, name)) return;
    const node = cluster.store.get('nodes', undefined, name) as StoredObject & corev1.Node;
    const rec = this.recorder(cluster, name);
    void rec.event(node, 'Normal', 'Starting', 'Starting kubelet.');
    void rec.event(node, 'Normal', 'NodeAllocatableEnforced', 'Updated Node Allocatable limit across pods');
    await this.renewLeases(cluster, [name]);
    await this.postStatus(cluster, name, true);
  }

  private recorder(cluster: Cluster, node: string): EventRecorder {
    let r = this.recorders.get(node);
    if (!r) this.recorders.set(node, (r = new EventRecorder(cluster, { component: 'kubelet', host: node })));
    return r;
  }

  /**
   * Renews the nodes' Leases: an update of spec.renewTime written straight to storage (as the
   * binding subresource writes pods), all in one write; a missing Lease is created through the API.
   */
  private async renewLeases(cluster: Cluster, names: readonly string[]): Promise<void> {
    const renewTime = microTime(cluster.clock.now());
    const ops: WriteOp[] = [];
    for (const name of names) {
      const lease = cluster.store.get(LEASES, LEASE_NAMESPACE, name);
      if (!lease) {
        await this.createLease(cluster, name, renewTime);
        continue;
      }
      const next = { ...lease, metadata: { ...lease.metadata }, spec: { ...(lease as { spec?: object }).spec, holderIdentity: name, renewTime } } as StoredObjectDraft;
      delete next.metadata.resourceVersion;
      ops.push({ type: 'update', resource: LEASES, object: next });
    }
    if (ops.length && this.cluster === cluster) await cluster.store.write(ops).durable;
  }

  private async createLease(cluster: Cluster, name: string, renewTime: string): Promise<void> {
    const def = cluster.resources.byResource('coordination.k8s.io', 'leases');
    const node = cluster.store.get('nodes', undefined, name);
    if (!def || !node) return;
    await cluster.api.create(cluster.context(nodeUser(name)), def, LEASE_NAMESPACE, {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: { name, namespace: LEASE_NAMESPACE, ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name, uid: node.metadata.uid }] },
      spec: { holderIdentity: name, leaseDurationSeconds: 40, renewTime },
    } as never, { fieldManager: 'kubelet' });
  }

  private async postStatus(cluster: Cluster, name: string, startup: boolean): Promise<void> {
    const node = cluster.store.get('nodes', undefined, name) as (StoredObject & corev1.Node) | undefined;
    if (!node) return;
    const now = cluster.clock.now();
    const conditions = postedConditions(node, now);
    if (!conditions) return;
    const next = deepClone(node) as StoredObject & corev1.Node;
    next.status = { ...next.status, conditions };
    const def = cluster.resources.byResource('', 'nodes')!;
    await cluster.api.update(cluster.context(nodeUser(name)), def, undefined, name, next, { fieldManager: 'kubelet', subresource: 'status' });
    const rec = this.recorder(cluster, name);
    for (const reason of conditionEvents(node.status?.conditions ?? [], conditions)) {
      if (!startup && reason !== 'NodeReady') continue;
      void rec.event(node, 'Normal', reason, `Node ${name} status is now: ${reason}`);
    }
  }
}
