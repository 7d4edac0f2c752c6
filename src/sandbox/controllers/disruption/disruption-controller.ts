// The disruption controller (upstream pkg/controller/disruption): keeps every
// PodDisruptionBudget's status — expected, desired and current healthy pods, disruptions allowed,
// the evictions still in flight — so the eviction subresource (registry/core/pod/eviction.ts)
// and `kubectl get pdb` see what a real cluster reports. A PDB is resynced when a pod it selects
// or a workload's scale changes, and when an eviction it recorded times out.
import { labelSelectorAsSelector, type LabelSelector, type Selector } from '../../../apimachinery/labels.ts';
import type { StoredObject } from '../../../apimachinery/object.ts';
import type { Cluster } from '../../cluster.ts';
import { controllerUser } from '../../cluster.ts';
import { EventRecorder } from '../../sim/event-recorder.ts';
import type { StoreEvent } from '../../storage/object-store.ts';
import { type Enqueue, QueueController } from '../queue-controller.ts';
import { controllerOf, type StoredPod } from '../replicaset/pods.ts';
import { updateWithRetry } from '../replicaset/write.ts';
import { countHealthyPods, disruptedPodMap, expectedPodCount, expectedScale, failSafeStatus, NoControllerError, planPdbStatus, type PDBStatus, type StoredPDB } from './plan.ts';

const USER = controllerUser('disruption-controller');
const PDBS = 'poddisruptionbudgets.policy';
const SCALED = new Set(['replicasets.apps', 'deployments.apps', 'statefulsets.apps', 'replicationcontrollers']);

type Scalable = StoredObject & { spec?: { replicas?: number } };

function keyOf(ns: string | undefined, name: string): string {
  return `${ns ?? ''}/${name}`;
}

function selectorOf(pdb: StoredPDB): Selector | undefined {
  try {
    return labelSelectorAsSelector(pdb.spec?.selector as LabelSelector | undefined);
  } catch {
    return undefined;
  }
}

/** The finders upstream tries in turn: ReplicaSet (through its Deployment), ReplicationController, StatefulSet. */
function findScale(cluster: Cluster, pod: StoredPod): { uid: string; scale: number } | undefined {
  const ref = controllerOf(pod);
  if (!ref) return undefined;
  const ns = pod.metadata.namespace;
  const get = (resource: string, name: string) => {
    const o = cluster.store.get(resource, ns, name) as Scalable | undefined;
    return o && o.metadata.uid === ref.uid ? o : undefined;
  };
  if (ref.kind === 'ReplicaSet') {
    const rs = get('replicasets.apps', ref.name);
    if (!rs) return undefined;
    const owner = controllerOf(rs);
    if (owner?.kind === 'Deployment') {
      const d = cluster.store.get('deployments.apps', ns, owner.name) as Scalable | undefined;
      if (!d || d.metadata.uid !== owner.uid) return undefined;
      return { uid: d.metadata.uid, scale: d.spec?.replicas ?? 1 };
    }
    return { uid: rs.metadata.uid, scale: rs.spec?.replicas ?? 1 };
  }
  const resource = ref.kind === 'ReplicationController' ? 'replicationcontrollers' : ref.kind === 'StatefulSet' ? 'statefulsets.apps' : undefined;
  const o = resource && get(resource, ref.name);
  return o ? { uid: o.metadata.uid, scale: o.spec?.replicas ?? 1 } : undefined;
}

export class DisruptionController extends QueueController {
  readonly name = 'disruption';
  private recorder?: EventRecorder;

  protected initial(cluster: Cluster, enqueue: Enqueue): void {
    this.recorder = new EventRecorder(cluster, { component: 'controllermanager' });
    for (const p of cluster.store.list(PDBS)) enqueue(keyOf(p.metadata.namespace, p.metadata.name));
  }

  protected changed(cluster: Cluster, ev: StoreEvent, enqueue: Enqueue): void {
    if (ev.resource === PDBS) {
      if (ev.type === 'DELETED') this.delayed?.forget(keyOf(ev.namespace, ev.object.metadata.name));
      else enqueue(keyOf(ev.namespace, ev.object.metadata.name));
      return;
    }
    if (ev.resource !== 'pods' && !SCALED.has(ev.resource)) return;
    const pdbs = cluster.store.list(PDBS, ev.namespace) as StoredPDB[];
    if (!pdbs.length) return;
    if (ev.resource !== 'pods') {
      const replicas = (o: StoredObject | undefined) => (o as Scalable | undefined)?.spec?.replicas;
      if (ev.type === 'MODIFIED' && replicas(ev.object) === replicas(ev.prev)) return;
      for (const p of pdbs) enqueue(keyOf(ev.namespace, p.metadata.name));
      return;
    }
    for (const p of pdbs) {
      const sel = selectorOf(p);
      if (sel && (sel.matches(ev.object.metadata.labels) || (ev.prev && sel.matches(ev.prev.metadata.labels)))) enqueue(keyOf(ev.namespace, p.metadata.name));
    }
  }

  protected async sync(cluster: Cluster, key: string): Promise<void> {
    const i = key.indexOf('/');
    const ns = key.slice(0, i);
    const name = key.slice(i + 1);
    const pdb = cluster.store.get(PDBS, ns, name) as StoredPDB | undefined;
    if (!pdb) return;
    const now = cluster.clock.now();
    const sel = selectorOf(pdb);
    const pods = sel ? (cluster.store.list('pods', ns) as StoredPod[]).filter((p) => sel.matches(p.metadata.labels)) : [];
    if (!pods.length) void this.recorder!.event(pdb, 'Normal', 'NoPods', 'No matching pods found');
    let status: PDBStatus | undefined;
    let recheckAt: number | undefined;
    try {
      if (!sel) throw new Error('invalid selector');
      const counts = expectedPodCount(pdb, pods, () => expectedScale(pods, (p) => findScale(cluster, p), controllerOf));
      const { disrupted, recheckAt: at, overdue } = disruptedPodMap(pdb, pods, now);
      for (const podName of overdue) {
        const pod = pods.find((p) => p.metadata.name === podName);
        if (pod) void this.recorder!.event(pod, 'Warning', 'NotDeleted', `Pod was expected by PDB ${ns}/${ns} to be deleted but it wasn't`);
      }
      recheckAt = at;
      status = planPdbStatus(pdb, countHealthyPods(pods, disrupted, now), counts.desiredHealthy, counts.expectedCount, disrupted, now);
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      if (e instanceof NoControllerError) void this.recorder!.event(pdb, 'Warning', 'CalculateExpectedPodCountFailed', `Failed to calculate the number of expected pods: ${msg}`);
      status = failSafeStatus(pdb, msg, now);
    }
    if (status) {
      const def = cluster.resources.byResource('policy', 'poddisruptionbudgets')!;
      const next = status;
      await updateWithRetry<StoredPDB>(cluster, cluster.context(USER), def, ns, name, (x) => {
        if (x.metadata.uid !== pdb.metadata.uid) return false;
        x.status = next;
        return true;
      }, 'status');
    }
    if (recheckAt !== undefined) this.delayed?.addAt(key, recheckAt + 1);
  }
}
