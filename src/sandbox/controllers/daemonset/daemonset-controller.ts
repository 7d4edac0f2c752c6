// The DaemonSet controller (upstream pkg/controller/daemon): the loop and its effects. A change to
// a set, to a pod it controls or to a node's labels/taints queues the sets; a sync brings the
// revision history up to date (constructHistory: revisions `<ds>-<hash>`, the current one
// renumbered after a rollback), plans with planDaemonSet and writes: pods pinned to their node
// by node affinity for the default scheduler to bind ("Created pod: agent-x2x4k"), deletions
// ("Deleted pod: agent-x2x4k"), then the status through /status.
import { StatusError } from '../../../apimachinery/errors.ts';
import { deepClone, deepEqual, type KubeObject, type StoredObject } from '../../../apimachinery/object.ts';
import type * as apps from '../../../generated/k8s/apps/v1.ts';
import type * as core from '../../../generated/k8s/core/v1.ts';
import type { Cluster } from '../../cluster.ts';
import { controllerUser } from '../../cluster.ts';
import { templateGeneration } from '../../registry/apps/daemonset/template-generation.ts';
import type { DaemonSet } from '../../registry/apps/daemonset/types.ts';
import { EventRecorder } from '../../sim/event-recorder.ts';
import type { StoreEvent } from '../../storage/object-store.ts';
import { computeTemplateHash } from '../history/hash.ts';
import { createRevision, deleteRevision, renumberRevision, revisionCandidates, revisionDef } from '../history/revision-writer.ts';
import { type ControllerRevision, revisionRaw, revisionsToTruncate, sortRevisions, templatePatch } from '../history/revisions.ts';
import { type Enqueue, QueueController } from '../queue-controller.ts';
import { controllerOf, type Pod, podFromTemplate } from '../statefulset/pod-state.ts';
import { claimObjects, selectorOf } from '../statefulset/claim-objects.ts';
import { type Node, pinToNode, withDaemonTolerations } from './eligibility.ts';
import { type Backoff, DAEMONSET_HASH_LABEL, nextBackoff, planDaemonSet, TEMPLATE_GENERATION_LABEL } from './plan.ts';

const USER = controllerUser('daemon-set-controller');
const MANAGER = 'kube-controller-manager';

type StoredDaemonSet = DaemonSet & StoredObject;

/** Node changes that can change where daemon pods belong (upstream shouldIgnoreNodeUpdate, roughly). */
function nodePlacementChanged(ev: StoreEvent): boolean {
  if (ev.type !== 'MODIFIED' || !ev.prev) return true;
  const a = ev.prev as Node;
  const b = ev.object as Node;
  return !deepEqual(a.metadata.labels, b.metadata.labels) || !deepEqual(a.spec?.taints, b.spec?.taints) || a.spec?.unschedulable !== b.spec?.unschedulable;
}

export class DaemonSetController extends QueueController {
  readonly name = 'daemonset';
  private events?: EventRecorder;
  /** `<namespace>/<ds>` → node → back-off for deleting failed pods there. */
  private readonly failedBackoff = new Map<string, Map<string, Backoff>>();

  protected initial(cluster: Cluster, enqueue: Enqueue): void {
    this.events = new EventRecorder(cluster, { component: 'daemonset-controller' });
    for (const ds of cluster.store.list('daemonsets.apps')) enqueue(`${ds.metadata.namespace}/${ds.metadata.name}`);
  }

  protected changed(cluster: Cluster, ev: StoreEvent, enqueue: Enqueue): void {
    if (ev.resource === 'daemonsets.apps') {
      enqueue(`${ev.namespace}/${ev.object.metadata.name}`);
    } else if (ev.resource === 'pods') {
      for (const obj of ev.prev ? [ev.object, ev.prev] : [ev.object]) {
        const ref = controllerOf(obj);
        if (ref?.kind === 'DaemonSet') enqueue(`${ev.namespace}/${ref.name}`);
      }
    } else if (ev.resource === 'nodes' && nodePlacementChanged(ev)) {
      for (const ds of cluster.store.list('daemonsets.apps')) enqueue(`${ds.metadata.namespace}/${ds.metadata.name}`);
    }
  }

  protected async sync(cluster: Cluster, key: string): Promise<void> {
    const [namespace, name] = key.split('/') as [string, string];
    this.delayed?.forget(key);
    const ds = cluster.store.get('daemonsets.apps', namespace, name) as StoredDaemonSet | undefined;
    if (!ds) {
      this.failedBackoff.delete(key);
      return;
    }
    const candidates = (cluster.store.list('pods', namespace) as Array<Pod & StoredObject>).filter((p) => {
      const ref = controllerOf(p);
      return !ref || ref.uid === ds.metadata.uid;
    });
    const pods = (await claimObjects(cluster, USER, cluster.resources.byResource('', 'pods')!, ds, selectorOf(ds), candidates)) as Pod[];
    const nodes = cluster.store.list('nodes') as Node[];
    const { current, old, collisionCount } = await this.constructHistory(cluster, ds);
    const hash = current.metadata.labels?.[DAEMONSET_HASH_LABEL] ?? '';

    const now = cluster.clock.now();
    const backoff = this.failedBackoff.get(key) ?? new Map<string, Backoff>();
    const plan = planDaemonSet({ ds, nodes, pods, hash, now, failedBackoff: backoff });
    for (const { node } of plan.failed) backoff.set(node, nextBackoff(backoff.get(node), now));
    if (backoff.size > 0) this.failedBackoff.set(key, backoff);
    let failure: unknown;
    if (!ds.metadata.deletionTimestamp) {
      for (const { pod, node } of plan.failed) {
        this.record(ds, 'Warning', 'FailedDaemonPod', `Found failed daemon pod ${pod.metadata.namespace}/${pod.metadata.name} on node ${node}, will try to kill it`);
      }
      try {
        for (const pod of plan.delete) await this.deletePod(cluster, ds, pod);
        for (const node of plan.create) await this.createPod(cluster, ds, node, hash);
      } catch (e) {
        failure = e;
      }
    }
    await this.writeStatus(cluster, ds, { ...plan.status, ...(collisionCount !== undefined ? { collisionCount } : {}) });
    await this.cleanupHistory(cluster, ds, pods, old);
    if (plan.requeueAfterMs !== undefined) this.delayed?.addAfter(key, plan.requeueAfterMs);
    if (failure) throw failure;
  }

  /** constructHistory: the revision of the current template (created, or renumbered to the newest) and the others. */
  private async constructHistory(cluster: Cluster, ds: StoredDaemonSet): Promise<{ current: ControllerRevision; old: ControllerRevision[]; collisionCount?: number }> {
    const raw = templatePatch(ds.spec?.template);
    const owned = await claimObjects(cluster, USER, revisionDef(cluster), ds, selectorOf(ds), revisionCandidates(cluster, ds) as unknown as StoredObject[]);
    const all = sortRevisions(owned as unknown as ControllerRevision[]);
    const matching = all.filter((r) => revisionRaw(r) === raw);
    const old = all.filter((r) => revisionRaw(r) !== raw);
    const next = (old.length ? Math.max(...old.map((r) => r.revision)) : 0) + 1;
    let collisionCount = ds.status?.collisionCount;
    let current: ControllerRevision;
    if (matching.length === 0) {
      const created = await createRevision(
        cluster,
        USER,
        ds,
        {
          raw,
          number: next,
          naming: (n) => {
            const hash = computeTemplateHash(ds.spec?.template, n === 0 && collisionCount === undefined ? undefined : n);
            return { hash, name: `${ds.metadata.name}-${hash}` };
          },
          labels: (hash) => ({ ...ds.spec?.template?.metadata?.labels, [DAEMONSET_HASH_LABEL]: hash }),
        },
        collisionCount ?? 0,
      );
      current = created.revision;
      if (created.collisionCount !== (collisionCount ?? 0)) collisionCount = created.collisionCount;
    } else {
      // dedupCurHistories: keep the newest, delete the duplicates.
      current = matching[matching.length - 1]!;
      for (const dup of matching.slice(0, -1)) await deleteRevision(cluster, USER, dup);
      if (current.revision < next) current = await renumberRevision(cluster, USER, current, next);
    }
    return { current, old, collisionCount };
  }

  private async createPod(cluster: Cluster, ds: StoredDaemonSet, node: string, hash: string): Promise<void> {
    const template: core.PodTemplateSpec = structuredClone(ds.spec?.template ?? {});
    const generation = templateGeneration(ds);
    // util.CreatePodTemplate: daemon tolerations, the generation and hash labels; then the node pin.
    const spec = template.spec ?? { containers: [] };
    spec.tolerations = withDaemonTolerations(spec);
    spec.affinity = pinToNode(spec.affinity, node);
    template.spec = spec;
    template.metadata = { ...template.metadata, labels: { ...template.metadata?.labels, [TEMPLATE_GENERATION_LABEL]: String(generation), [DAEMONSET_HASH_LABEL]: hash } };
    const pod = podFromTemplate(template, ds);
    const def = cluster.resources.byResource('', 'pods')!;
    try {
      const { object } = await cluster.api.create(cluster.context(USER), def, ds.metadata.namespace, pod, { fieldManager: MANAGER });
      this.record(ds, 'Normal', 'SuccessfulCreate', `Created pod: ${(object as StoredObject).metadata.name}`);
    } catch (e) {
      this.record(ds, 'Warning', 'FailedCreate', `Error creating: ${e instanceof Error ? e.message : String(e)}`);
      throw e;
    }
  }

  private async deletePod(cluster: Cluster, ds: StoredDaemonSet, pod: Pod): Promise<void> {
    const def = cluster.resources.byResource('', 'pods')!;
    try {
      await cluster.api.delete(cluster.context(USER), def, ds.metadata.namespace, pod.metadata.name!, { preconditions: { uid: pod.metadata.uid } });
      this.record(ds, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`);
    } catch (e) {
      if (e instanceof StatusError && (e.code === 404 || e.code === 409)) return;
      this.record(ds, 'Warning', 'FailedDelete', `Error deleting: ${e instanceof Error ? e.message : String(e)}`);
      throw e;
    }
  }

  private async writeStatus(cluster: Cluster, ds: StoredDaemonSet, status: apps.DaemonSetStatus): Promise<void> {
    const latest = cluster.store.get('daemonsets.apps', ds.metadata.namespace, ds.metadata.name) as StoredDaemonSet | undefined;
    if (!latest) return;
    const next: apps.DaemonSetStatus = { ...status, ...(latest.status?.conditions ? { conditions: latest.status.conditions } : {}) };
    if (next.collisionCount === undefined && latest.status?.collisionCount !== undefined) next.collisionCount = latest.status.collisionCount;
    if (deepEqual(next, latest.status ?? {})) return;
    const def = cluster.resources.byResource('apps', 'daemonsets')!;
    try {
      await cluster.api.update(cluster.context(USER), def, latest.metadata.namespace, latest.metadata.name, { ...deepClone(latest), status: next } as KubeObject, { fieldManager: MANAGER, subresource: 'status' });
    } catch (e) {
      if (!(e instanceof StatusError && e.code === 404)) throw e;
    }
  }

  /** cleanupHistory: old revisions beyond revisionHistoryLimit that no pod uses. */
  private async cleanupHistory(cluster: Cluster, ds: StoredDaemonSet, pods: readonly Pod[], old: ControllerRevision[]): Promise<void> {
    const live = new Set<string>();
    for (const r of old) {
      const h = r.metadata.labels?.[DAEMONSET_HASH_LABEL];
      if (h && pods.some((p) => p.metadata.labels?.[DAEMONSET_HASH_LABEL] === h)) live.add(r.metadata.name!);
    }
    for (const r of revisionsToTruncate(old, live, ds.spec?.revisionHistoryLimit ?? 10)) await deleteRevision(cluster, USER, r);
  }

  private record(ds: StoredDaemonSet, type: 'Normal' | 'Warning', reason: string, message: string): void {
    void this.events?.event(ds, type, reason, message);
  }
}
