// The StatefulSet controller (upstream pkg/controller/statefulset): the loop and its effects.
// A change to a set or to a pod it controls queues the set; a sync brings its revision history up
// to date, plans with planStatefulSet and writes: claims and pods with the upstream events
// ("create Claim data-db-0 Pod db-0 in StatefulSet db success", "create Pod db-0 in StatefulSet
// db successful", "delete Pod db-2 in StatefulSet db successful"), claim owner references for
// the retention policy, then the status through /status.
import { StatusError } from '../../../apimachinery/errors.ts';
import { deepClone, deepEqual, type KubeObject, type StoredObject } from '../../../apimachinery/object.ts';
import type * as apps from '../../../generated/k8s/apps/v1.ts';
import type { Cluster } from '../../cluster.ts';
import { controllerUser } from '../../cluster.ts';
import { EventRecorder } from '../../sim/event-recorder.ts';
import type { StoreEvent } from '../../storage/object-store.ts';
import { controllerRevisionName, hashControllerRevision } from '../history/hash.ts';
import { createRevision, deleteRevision, renumberRevision, revisionCandidates, revisionDef } from '../history/revision-writer.ts';
import { CONTROLLER_REVISION_HASH_LABEL, type ControllerRevision, planUpdateRevision, revisionsToTruncate, revisionTemplate, sortRevisions, templatePatch } from '../history/revisions.ts';
import { type Enqueue, QueueController } from '../queue-controller.ts';
import { getOrdinal, REVISION_LABEL, type StoredStatefulSet } from './identity.ts';
import { claimObjects, selectorOf } from './claim-objects.ts';
import { planStatefulSet, type StatefulSetAction } from './plan.ts';
import { controllerOf, type PersistentVolumeClaim, type Pod } from './pod-state.ts';

const USER = controllerUser('statefulset-controller');
const MANAGER = 'kube-controller-manager';

export class StatefulSetController extends QueueController {
  readonly name = 'statefulset';
  private events?: EventRecorder;

  protected initial(cluster: Cluster, enqueue: Enqueue): void {
    this.events = new EventRecorder(cluster, { component: 'statefulset-controller' });
    for (const s of cluster.store.list('statefulsets.apps')) enqueue(`${s.metadata.namespace}/${s.metadata.name}`);
  }

  protected changed(_cluster: Cluster, ev: StoreEvent, enqueue: Enqueue): void {
    if (ev.resource === 'statefulsets.apps') {
      enqueue(`${ev.namespace}/${ev.object.metadata.name}`);
    } else if (ev.resource === 'pods') {
      for (const obj of ev.prev ? [ev.object, ev.prev] : [ev.object]) {
        const ref = controllerOf(obj);
        if (ref?.kind === 'StatefulSet') enqueue(`${ev.namespace}/${ref.name}`);
      }
    }
  }

  protected async sync(cluster: Cluster, key: string): Promise<void> {
    const [namespace, name] = key.split('/') as [string, string];
    this.delayed?.forget(key);
    const set = cluster.store.get('statefulsets.apps', namespace, name) as StoredStatefulSet | undefined;
    if (!set) return;
    const selector = selectorOf(set);
    // getPodsForStatefulSet: pods named after the set, adopted or released by the selector.
    const candidates = (cluster.store.list('pods', namespace) as Array<Pod & StoredObject>).filter((p) => {
      const ref = controllerOf(p);
      return (!ref || ref.uid === set.metadata.uid) && getOrdinal(set, p.metadata.name) >= 0;
    });
    const pods = (await claimObjects(cluster, USER, cluster.resources.byResource('', 'pods')!, set, selector, candidates)) as Pod[];

    const { current, update, collisionCount, revisions } = await this.revisions(cluster, set);
    const claims = new Map<string, PersistentVolumeClaim>();
    for (const c of cluster.store.list('persistentvolumeclaims', namespace) as PersistentVolumeClaim[]) claims.set(c.metadata.name!, c);

    const plan = planStatefulSet({
      set,
      pods,
      claims,
      current: { name: current.metadata.name!, template: revisionTemplate(current) },
      update: { name: update.metadata.name!, template: revisionTemplate(update) },
      collisionCount,
      now: cluster.clock.now(),
    });
    let failure: unknown;
    for (const action of plan.actions) {
      try {
        await this.apply(cluster, set, action);
      } catch (e) {
        failure = e;
        break;
      }
    }
    await this.writeStatus(cluster, set, plan.status);
    await this.truncateHistory(cluster, set, pods, revisions, current, update);
    if (plan.requeueAfterMs !== undefined) {
      this.delayed?.addAfter(key, plan.requeueAfterMs);
    }
    if (failure) throw failure;
  }

  /** getStatefulSetRevisions: the current and update revisions, creating or renumbering as needed. */
  private async revisions(cluster: Cluster, set: StoredStatefulSet) {
    const owned = await claimObjects(cluster, USER, revisionDef(cluster), set, selectorOf(set), revisionCandidates(cluster, set) as unknown as StoredObject[]);
    const revisions = sortRevisions(owned as unknown as ControllerRevision[]);
    let collisionCount = set.status?.collisionCount ?? 0;
    const raw = templatePatch(set.spec?.template);
    const step = planUpdateRevision(revisions, raw);
    let update: ControllerRevision;
    if (step.type === 'keep') update = step.revision;
    else if (step.type === 'renumber') update = await renumberRevision(cluster, USER, step.revision, step.to);
    else {
      const created = await createRevision(
        cluster,
        USER,
        set,
        {
          raw,
          number: step.number,
          naming: (n) => {
            const hash = hashControllerRevision(raw, n);
            return { hash, name: controllerRevisionName(set.metadata.name, hash) };
          },
          labels: (hash) => ({ ...set.spec?.template?.metadata?.labels, [CONTROLLER_REVISION_HASH_LABEL]: hash }),
        },
        collisionCount,
      );
      update = created.revision;
      collisionCount = created.collisionCount;
      revisions.push(update);
    }
    const current = revisions.find((r) => r.metadata.name === set.status?.currentRevision) ?? update;
    return { current, update, collisionCount, revisions: sortRevisions(revisions.map((r) => (r.metadata.name === update.metadata.name ? update : r))) };
  }

  private async apply(cluster: Cluster, set: StoredStatefulSet, action: StatefulSetAction): Promise<void> {
    const ctx = cluster.context(USER);
    switch (action.type) {
      case 'createPod':
      case 'createClaims': {
        const pvcDef = cluster.resources.byResource('', 'persistentvolumeclaims')!;
        for (const claim of action.claims) {
          try {
            await cluster.api.create(ctx, pvcDef, set.metadata.namespace, claim, { fieldManager: MANAGER });
            this.record(set, 'Normal', 'SuccessfulCreate', `create Claim ${claim.metadata.name} Pod ${action.pod.metadata.name} in StatefulSet ${set.metadata.name} success`);
          } catch (e) {
            if (e instanceof StatusError && e.code === 409) continue;
            this.record(set, 'Warning', 'FailedCreate', `create Claim ${claim.metadata.name} for Pod ${action.pod.metadata.name} in StatefulSet ${set.metadata.name} failed error: ${errorText(e)}`);
            throw e;
          }
        }
        if (action.type === 'createClaims') return;
        const podDef = cluster.resources.byResource('', 'pods')!;
        try {
          await cluster.api.create(ctx, podDef, set.metadata.namespace, action.pod, { fieldManager: MANAGER });
        } catch (e) {
          if (e instanceof StatusError && e.code === 409) return;
          this.record(set, 'Warning', 'FailedCreate', `create Pod ${action.pod.metadata.name} in StatefulSet ${set.metadata.name} failed error: ${errorText(e)}`);
          throw e;
        }
        this.record(set, 'Normal', 'SuccessfulCreate', `create Pod ${action.pod.metadata.name} in StatefulSet ${set.metadata.name} successful`);
        return;
      }
      case 'deletePod': {
        const podDef = cluster.resources.byResource('', 'pods')!;
        try {
          await cluster.api.delete(ctx, podDef, set.metadata.namespace, action.pod.metadata.name!, { preconditions: { uid: action.pod.metadata.uid } });
        } catch (e) {
          if (e instanceof StatusError && (e.code === 404 || e.code === 409)) return;
          this.record(set, 'Warning', 'FailedDelete', `delete Pod ${action.pod.metadata.name} in StatefulSet ${set.metadata.name} failed error: ${errorText(e)}`);
          throw e;
        }
        this.record(set, 'Normal', 'SuccessfulDelete', `delete Pod ${action.pod.metadata.name} in StatefulSet ${set.metadata.name} successful`);
        return;
      }
      case 'updateClaim': {
        const pvcDef = cluster.resources.byResource('', 'persistentvolumeclaims')!;
        try {
          await cluster.api.update(ctx, pvcDef, set.metadata.namespace, action.claim.metadata.name!, action.claim, { fieldManager: MANAGER });
        } catch (e) {
          if (e instanceof StatusError && e.code === 404) return;
          throw e;
        }
      }
    }
  }

  private async writeStatus(cluster: Cluster, set: StoredStatefulSet, status: apps.StatefulSetStatus): Promise<void> {
    const latest = cluster.store.get('statefulsets.apps', set.metadata.namespace, set.metadata.name) as StoredStatefulSet | undefined;
    if (!latest) return;
    const next: apps.StatefulSetStatus = { ...status, ...(latest.status?.conditions ? { conditions: latest.status.conditions } : {}) };
    if (deepEqual(next, latest.status ?? {})) return;
    const def = cluster.resources.byResource('apps', 'statefulsets')!;
    try {
      await cluster.api.update(cluster.context(USER), def, latest.metadata.namespace, latest.metadata.name, { ...deepClone(latest), status: next } as KubeObject, { fieldManager: MANAGER, subresource: 'status' });
    } catch (e) {
      if (!(e instanceof StatusError && e.code === 404)) throw e;
    }
  }

  /** truncateHistory: keep revisionHistoryLimit revisions besides those in use. */
  private async truncateHistory(cluster: Cluster, set: StoredStatefulSet, pods: readonly Pod[], revisions: ControllerRevision[], current: ControllerRevision, update: ControllerRevision): Promise<void> {
    const live = new Set<string>([current.metadata.name!, update.metadata.name!]);
    for (const p of pods) {
      const r = p.metadata.labels?.[REVISION_LABEL];
      if (r) live.add(r);
    }
    for (const r of revisionsToTruncate(revisions, live, set.spec?.revisionHistoryLimit ?? 10)) await deleteRevision(cluster, USER, r);
  }

  private record(set: StoredStatefulSet, type: 'Normal' | 'Warning', reason: string, message: string): void {
    void this.events?.event(set, type, reason, message);
  }
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
