// The Deployment controller (upstream pkg/controller/deployment): per Deployment, claim the
// ReplicaSets its selector matches, let planDeployment (plan.ts) decide one sync's step, and
// carry it out — ReplicaSet creates, scales and deletes, ScalingReplicaSet events, the status
// and revision annotation — then recheck at the progress deadline on the simulated clock.
import { StatusError } from '../../../apimachinery/errors.ts';
import { labelSelectorAsSelector, type LabelSelector, type Selector } from '../../../apimachinery/labels.ts';
import { type KubeObject } from '../../../apimachinery/object.ts';
import type { Cluster } from '../../cluster.ts';
import { controllerUser } from '../../cluster.ts';
import { EventRecorder } from '../../sim/event-recorder.ts';
import type { StoreEvent } from '../../storage/object-store.ts';
import { type Enqueue, QueueController } from '../queue-controller.ts';
import { controllerOf, newControllerRef, type StoredPod } from '../replicaset/pods.ts';
import { MANAGER, updateWithRetry } from '../replicaset/write.ts';
import { failedCreateCondition, planDeployment, podsByReplicaSet } from './plan.ts';
import { hasProgressDeadline, isRollingUpdate, REVISION, setCondition, type StoredDeployment, type StoredReplicaSet } from './util.ts';

const USER = controllerUser('deployment-controller');
const DEPLOYMENTS = 'deployments.apps';
const REPLICASETS = 'replicasets.apps';

function keyOf(ns: string | undefined, name: string): string {
  return `${ns ?? ''}/${name}`;
}

function selectorOf(d: StoredDeployment): Selector | undefined {
  try {
    return labelSelectorAsSelector(d.spec?.selector as LabelSelector | undefined);
  } catch {
    return undefined;
  }
}

export class DeploymentController extends QueueController {
  readonly name = 'deployment';
  private recorder?: EventRecorder;

  protected initial(cluster: Cluster, enqueue: Enqueue): void {
    this.recorder = new EventRecorder(cluster, { component: 'deployment-controller' });
    for (const d of cluster.store.list(DEPLOYMENTS)) enqueue(keyOf(d.metadata.namespace, d.metadata.name));
  }

  protected changed(cluster: Cluster, ev: StoreEvent, enqueue: Enqueue): void {
    if (ev.resource === DEPLOYMENTS) {
      if (ev.type === 'DELETED') this.delayed?.forget(keyOf(ev.namespace, ev.object.metadata.name));
      else enqueue(keyOf(ev.namespace, ev.object.metadata.name));
      return;
    }
    if (ev.resource === REPLICASETS) {
      for (const rs of ev.prev ? [ev.object, ev.prev] : [ev.object]) {
        const ref = controllerOf(rs);
        if (ref) {
          if (ref.kind === 'Deployment') enqueue(keyOf(ev.namespace, ref.name));
        } else if (ev.type !== 'DELETED') {
          for (const d of cluster.store.list(DEPLOYMENTS, ev.namespace) as StoredDeployment[]) {
            if (selectorOf(d)?.matches(rs.metadata.labels)) enqueue(keyOf(ev.namespace, d.metadata.name));
          }
        }
      }
      return;
    }
    if (ev.resource === 'pods') {
      // Recreate waits for the old pods to be gone.
      const ref = controllerOf(ev.object);
      if (ref?.kind !== 'ReplicaSet') return;
      const rs = cluster.store.get(REPLICASETS, ev.namespace, ref.name);
      const owner = rs && controllerOf(rs);
      if (owner?.kind !== 'Deployment') return;
      const d = cluster.store.get(DEPLOYMENTS, ev.namespace, owner.name) as StoredDeployment | undefined;
      if (d && !isRollingUpdate(d)) enqueue(keyOf(ev.namespace, d.metadata.name));
    }
  }

  protected async sync(cluster: Cluster, key: string): Promise<void> {
    const i = key.indexOf('/');
    const ns = key.slice(0, i);
    const name = key.slice(i + 1);
    const d = cluster.store.get(DEPLOYMENTS, ns, name) as StoredDeployment | undefined;
    if (!d) return;
    const selector = selectorOf(d);
    if (!selector) return;
    const ctx = cluster.context(USER);
    const rsDef = cluster.resources.byResource('apps', 'replicasets')!;
    const all = cluster.store.list(REPLICASETS, ns) as StoredReplicaSet[];
    const owned: StoredReplicaSet[] = [];
    const ref = newControllerRef(d, 'apps/v1', 'Deployment');
    for (const rs of all) {
      const c = controllerOf(rs);
      const matches = selector.matches(rs.metadata.labels);
      if (c) {
        if (c.uid !== d.metadata.uid) continue;
        if (matches || d.metadata.deletionTimestamp) owned.push(rs);
        else {
          await updateWithRetry<StoredReplicaSet>(cluster, ctx, rsDef, ns, rs.metadata.name, (x) => {
            const refs = (x.metadata.ownerReferences ?? []).filter((o) => o.uid !== d.metadata.uid);
            if (refs.length) x.metadata.ownerReferences = refs;
            else delete x.metadata.ownerReferences;
            return true;
          });
        }
      } else if (matches && !d.metadata.deletionTimestamp && !rs.metadata.deletionTimestamp) {
        const adopted = await updateWithRetry<StoredReplicaSet>(cluster, ctx, rsDef, ns, rs.metadata.name, (x) => {
          if (controllerOf(x)) return false;
          x.metadata.ownerReferences = [...(x.metadata.ownerReferences ?? []), ref];
          return true;
        });
        if (adopted) owned.push(adopted);
      }
    }
    const pods = isRollingUpdate(d) ? [] : (cluster.store.list('pods', ns) as StoredPod[]).filter((p) => selector.matches(p.metadata.labels));
    const plan = planDeployment({
      deployment: d,
      replicaSets: owned,
      takenNames: new Map(all.map((rs) => [rs.metadata.name, rs])),
      podsByReplicaSet: podsByReplicaSet(owned, pods),
      now: cluster.clock.now(),
    });
    const deplDef = cluster.resources.byResource('apps', 'deployments')!;
    for (const action of plan.actions) {
      switch (action.type) {
        case 'createReplicaSet':
          try {
            await cluster.api.create(ctx, rsDef, ns, action.replicaSet as KubeObject, { fieldManager: MANAGER });
          } catch (e) {
            if (e instanceof StatusError && e.code === 409) throw e;
            const rsName = action.replicaSet.metadata!.name!;
            const { message, condition } = failedCreateCondition(rsName, e instanceof Error ? e.message : String(e), cluster.clock.now());
            if (hasProgressDeadline(d)) {
              await updateWithRetry<StoredDeployment>(cluster, ctx, deplDef, ns, name, (x) => {
                setCondition((x.status ??= {}), condition);
                return true;
              }, 'status');
            }
            void this.recorder!.event(d, 'Warning', 'ReplicaSetCreateError', message);
            throw e;
          }
          break;
        case 'updateReplicaSet':
          await updateWithRetry<StoredReplicaSet>(cluster, ctx, rsDef, ns, action.name, (x) => {
            x.spec = { ...x.spec!, replicas: action.replicas, minReadySeconds: action.minReadySeconds };
            if (!x.spec.minReadySeconds) delete x.spec.minReadySeconds;
            x.metadata.annotations = { ...action.annotations };
            return true;
          });
          break;
        case 'deleteReplicaSet':
          try {
            await cluster.api.delete(ctx, rsDef, ns, action.name, { preconditions: { uid: action.uid } });
          } catch (e) {
            if (!(e instanceof StatusError && (e.code === 404 || e.code === 409))) throw e;
          }
          break;
        case 'event':
          void this.recorder!.event(d, action.eventType, action.reason, action.message);
          break;
        case 'updateStatus':
          await updateWithRetry<StoredDeployment>(
            cluster,
            ctx,
            deplDef,
            ns,
            name,
            (x) => {
              if (x.metadata.uid !== d.metadata.uid) return false;
              if (action.revision !== undefined) x.metadata.annotations = { ...x.metadata.annotations, [REVISION]: action.revision };
              x.status = action.status;
              return true;
            },
            'status',
          );
          break;
      }
    }
    if (plan.recheckAt !== undefined) this.delayed?.addAt(key, plan.recheckAt);
  }
}
