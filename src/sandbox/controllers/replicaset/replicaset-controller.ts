// The ReplicaSet controller (upstream pkg/controller/replicaset), which also runs
// ReplicationControllers as upstream does: per ReplicaSet, claim the pods its selector matches,
// create (slow start: 1, 2, 4, ...) or delete (ranked, see pod-ranking.ts) pods until the active
// count equals spec.replicas, and report status. Every store write is awaited before the next
// sync, so upstream's expectations are always met and a sync is due right after each change.
import { StatusError } from '../../../apimachinery/errors.ts';
import { labelSelectorAsSelector, type Selector, selectorFromSet } from '../../../apimachinery/labels.ts';
import { deepClone, deepEqual, type KubeObject, type StoredObject } from '../../../apimachinery/object.ts';
import type { Cluster } from '../../cluster.ts';
import { controllerUser } from '../../cluster.ts';
import type { LabelSelector } from '../../../apimachinery/labels.ts';
import { EventRecorder } from '../../sim/event-recorder.ts';
import type { StoreEvent } from '../../storage/object-store.ts';
import { type Enqueue, QueueController } from '../queue-controller.ts';
import { calculateReplicaSetStatus, claimPods, planManageReplicas, type ReplicaSetStatus, type ReplicaSetView, slowStartBatches } from './plan.ts';
import { controllerOf, isPodActive, newControllerRef, type StoredPod } from './pods.ts';
import { MANAGER, updateWithRetry } from './write.ts';

type StoredRS = StoredObject &
  ReplicaSetView & {
    spec?: ReplicaSetView['spec'] & { selector?: unknown; template?: { metadata?: KubeObject['metadata']; spec?: unknown } };
  };

/** What differs between ReplicaSets and ReplicationControllers. */
export interface ReplicaSetKind {
  name: string;
  resource: string;
  group: string;
  plural: string;
  apiVersion: string;
  kind: string;
  /** Upstream's event source and service account. */
  component: string;
  serviceAccount: string;
  selector(rs: StoredRS): Selector;
  terminatingReplicas: boolean;
}

export const replicaSetKind: ReplicaSetKind = {
  name: 'replicaset',
  resource: 'replicasets.apps',
  group: 'apps',
  plural: 'replicasets',
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  component: 'replicaset-controller',
  serviceAccount: 'replicaset-controller',
  selector: (rs) => labelSelectorAsSelector(rs.spec?.selector as LabelSelector | undefined),
  terminatingReplicas: true,
};

export const replicationControllerKind: ReplicaSetKind = {
  name: 'replicationcontroller',
  resource: 'replicationcontrollers',
  group: '',
  plural: 'replicationcontrollers',
  apiVersion: 'v1',
  kind: 'ReplicationController',
  component: 'replication-controller',
  serviceAccount: 'replication-controller',
  selector: (rs) => selectorFromSet((rs.spec?.selector as Record<string, string> | undefined) ?? rs.spec?.template?.metadata?.labels ?? {}),
  terminatingReplicas: false,
};

function keyOf(ns: string | undefined, name: string): string {
  return `${ns ?? ''}/${name}`;
}

function splitKey(key: string): [string, string] {
  const i = key.indexOf('/');
  return [key.slice(0, i), key.slice(i + 1)];
}

function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export class ReplicaSetController extends QueueController {
  readonly name: string;
  private recorder?: EventRecorder;
  /** Consecutive create/delete failures per key: retried with upstream's 5 ms → 1000 s back-off, on the simulated clock. */
  private readonly failures = new Map<string, number>();

  constructor(private readonly k: ReplicaSetKind = replicaSetKind) {
    super();
    this.name = k.name;
  }

  protected initial(cluster: Cluster, enqueue: Enqueue): void {
    this.recorder = new EventRecorder(cluster, { component: this.k.component });
    for (const rs of cluster.store.list(this.k.resource)) enqueue(keyOf(rs.metadata.namespace, rs.metadata.name));
  }

  protected changed(cluster: Cluster, ev: StoreEvent, enqueue: Enqueue): void {
    if (ev.resource === this.k.resource) {
      if (ev.type === 'DELETED') {
        this.delayed?.forget(keyOf(ev.namespace, ev.object.metadata.name));
        this.failures.delete(keyOf(ev.namespace, ev.object.metadata.name));
      }
      enqueue(keyOf(ev.namespace, ev.object.metadata.name));
      return;
    }
    if (ev.resource !== 'pods') return;
    for (const pod of ev.prev ? [ev.object, ev.prev] : [ev.object]) {
      const ref = controllerOf(pod);
      if (ref) {
        if (ref.kind === this.k.kind) enqueue(keyOf(ev.namespace, ref.name));
      } else if (ev.type !== 'DELETED' && !pod.metadata.deletionTimestamp) {
        // An orphan: every ReplicaSet whose selector matches may adopt it.
        for (const rs of cluster.store.list(this.k.resource, ev.namespace) as StoredRS[]) {
          try {
            if (this.k.selector(rs).matches(pod.metadata.labels)) enqueue(keyOf(ev.namespace, rs.metadata.name));
          } catch {
            // An invalid selector selects nothing.
          }
        }
      }
    }
  }

  protected async sync(cluster: Cluster, key: string): Promise<void> {
    const [ns, name] = splitKey(key);
    const rs = cluster.store.get(this.k.resource, ns, name) as StoredRS | undefined;
    if (!rs) return;
    let selector: Selector;
    try {
      selector = this.k.selector(rs);
    } catch {
      return;
    }
    const ctx = cluster.context(controllerUser(this.k.serviceAccount));
    const podDef = cluster.resources.byResource('', 'pods')!;
    const pods = cluster.store.list('pods', ns) as StoredPod[];
    const claim = claimPods(rs, selector, pods);
    const ref = newControllerRef(rs, this.k.apiVersion, this.k.kind);
    for (const pod of claim.adopt) {
      await updateWithRetry<StoredPod>(cluster, ctx, podDef, ns, pod.metadata.name, (p) => {
        if (controllerOf(p)) return false;
        p.metadata.ownerReferences = [...(p.metadata.ownerReferences ?? []), ref];
        return true;
      });
    }
    for (const pod of claim.release) {
      await updateWithRetry<StoredPod>(cluster, ctx, podDef, ns, pod.metadata.name, (p) => {
        const refs = (p.metadata.ownerReferences ?? []).filter((o) => o.uid !== rs.metadata.uid);
        if (refs.length === (p.metadata.ownerReferences ?? []).length) return false;
        if (refs.length) p.metadata.ownerReferences = refs;
        else delete p.metadata.ownerReferences;
        return true;
      });
    }

    let manageError: { reason: 'FailedCreate' | 'FailedDelete'; message: string } | undefined;
    if (!rs.metadata.deletionTimestamp) {
      const now = cluster.clock.now();
      const active = claim.owned.filter(isPodActive);
      const plan = planManageReplicas(rs, active, this.relatedPods(cluster, rs, pods, active), now);
      if (plan.create > 0) {
        const err = await this.createPods(cluster, rs, plan.create, ref);
        if (err) manageError = { reason: 'FailedCreate', message: err };
      } else if (plan.delete.length) {
        const err = await this.deletePods(cluster, rs, plan.delete);
        if (err) manageError = { reason: 'FailedDelete', message: err };
      }
    }

    const now = cluster.clock.now();
    const { status, recheckAt } = calculateReplicaSetStatus(rs, claim.owned, manageError, now, { terminatingReplicas: this.k.terminatingReplicas });
    await this.updateStatus(cluster, rs, status);
    if (manageError) {
      const n = (this.failures.get(key) ?? 0) + 1;
      this.failures.set(key, n);
      this.delayed?.addAt(key, now + Math.min(5 * 2 ** n, 1_000_000));
      return;
    }
    this.failures.delete(key);
    if (recheckAt !== undefined) this.delayed?.addAt(key, recheckAt);
  }

  /** The active pods of the ReplicaSets sharing this one's controller (getIndirectlyRelatedPods). */
  private relatedPods(cluster: Cluster, rs: StoredRS, pods: StoredPod[], own: StoredPod[]): StoredPod[] {
    const owner = controllerOf(rs);
    if (!owner) return own;
    const siblings = new Set(
      (cluster.store.list(this.k.resource, rs.metadata.namespace) as StoredRS[]).filter((r) => controllerOf(r)?.uid === owner.uid).map((r) => r.metadata.uid),
    );
    return pods.filter((p) => isPodActive(p) && siblings.has(controllerOf(p)?.uid ?? ''));
  }

  /** Creates `count` pods from the template in slow-start batches; returns the first error's message. */
  private async createPods(cluster: Cluster, rs: StoredRS, count: number, ref: ReturnType<typeof newControllerRef>): Promise<string | undefined> {
    const def = cluster.resources.byResource('', 'pods')!;
    const ctx = cluster.context(controllerUser(this.k.serviceAccount));
    const template = rs.spec?.template ?? {};
    const ns = rs.metadata.namespace!;
    const podFromTemplate = (): KubeObject => {
      const meta = template.metadata ?? {};
      const metadata: NonNullable<KubeObject['metadata']> = { generateName: `${rs.metadata.name}-`, namespace: ns, ownerReferences: [{ ...ref }] };
      if (meta.labels) metadata.labels = { ...meta.labels };
      if (meta.annotations) metadata.annotations = { ...meta.annotations };
      if (meta.finalizers) metadata.finalizers = [...meta.finalizers];
      return { apiVersion: 'v1', kind: 'Pod', metadata, spec: deepClone(template.spec ?? {}) } as KubeObject;
    };
    for (const batch of slowStartBatches(count)) {
      const results = await Promise.allSettled(Array.from({ length: batch }, async () => cluster.api.create(ctx, def, ns, podFromTemplate(), { fieldManager: MANAGER })));
      let firstError: string | undefined;
      for (const r of results) {
        if (r.status === 'fulfilled') void this.recorder!.event(rs, 'Normal', 'SuccessfulCreate', `Created pod: ${(r.value.object as StoredObject).metadata.name}`);
        else {
          const msg = errorMessage(r.reason);
          const terminating = r.reason instanceof StatusError && r.reason.details?.causes?.some((c) => c.reason === 'NamespaceTerminating');
          if (!terminating) void this.recorder!.event(rs, 'Warning', 'FailedCreate', `Error creating: ${msg}`);
          firstError ??= msg;
        }
      }
      if (firstError) return firstError;
    }
    return undefined;
  }

  private async deletePods(cluster: Cluster, rs: StoredRS, pods: StoredPod[]): Promise<string | undefined> {
    const def = cluster.resources.byResource('', 'pods')!;
    const ctx = cluster.context(controllerUser(this.k.serviceAccount));
    let firstError: string | undefined;
    await Promise.all(
      pods.map(async (pod) => {
        try {
          await cluster.api.delete(ctx, def, pod.metadata.namespace, pod.metadata.name, {});
          void this.recorder!.event(rs, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`);
        } catch (e) {
          if (e instanceof StatusError && e.code === 404) return;
          const msg = errorMessage(e);
          void this.recorder!.event(rs, 'Warning', 'FailedDelete', `Error deleting: ${msg}`);
          firstError ??= msg;
        }
      }),
    );
    return firstError;
  }

  private async updateStatus(cluster: Cluster, rs: StoredRS, status: ReplicaSetStatus): Promise<void> {
    if (deepEqual(rs.status ?? {}, status)) return;
    const def = cluster.resources.byResource(this.k.group, this.k.plural)!;
    const ctx = cluster.context(controllerUser(this.k.serviceAccount));
    await updateWithRetry<StoredRS>(
      cluster,
      ctx,
      def,
      rs.metadata.namespace,
      rs.metadata.name,
      (next) => {
        if (next.metadata.uid !== rs.metadata.uid) return false;
        next.status = { ...status, observedGeneration: status.observedGeneration };
        if (next.status.observedGeneration === undefined) delete next.status.observedGeneration;
        return true;
      },
      'status',
    );
  }
}
