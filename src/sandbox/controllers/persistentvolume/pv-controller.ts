// kube-controller-manager's persistentvolume-binder loop (pkg/controller/volume/persistentvolume):
// claims and volumes are synced by key (binder-plan.ts decides, this file writes): binding,
// phases, hand-off to external provisioners, release of volumes whose claim is gone. It also
// plays the scheduler's PreBind step for WaitForFirstConsumer claims (consumer-binding.ts).
// No periodic resync: claims waiting for a volume are re-synced when volumes, classes or
// their pods change.
import type { StoredObject } from '../../../apimachinery/object.ts';
import type * as corev1 from '../../../generated/k8s/core/v1.ts';
import type * as storagev1 from '../../../generated/k8s/storage/v1.ts';
import type { Cluster } from '../../cluster.ts';
import { controllerUser } from '../../cluster.ts';
import { ANN_BIND_COMPLETED, ANN_SELECTED_NODE, podClaims } from '../../scheduler/volumes.ts';
import { EventRecorder } from '../../sim/event-recorder.ts';
import type { StoreEvent } from '../../storage/object-store.ts';
import { type Enqueue, QueueController } from '../queue-controller.ts';
import { updateWithRetry } from '../replicaset/write.ts';
import {
  ANN_BETA_STORAGE_PROVISIONER,
  ANN_BOUND_BY_CONTROLLER,
  ANN_STORAGE_PROVISIONER,
  type BinderView,
  type ClaimAction,
  planClaim,
  planVolume,
  type VolumeAction,
} from './binder-plan.ts';
import { planConsumerBinding } from './consumer-binding.ts';

const USER = controllerUser('persistent-volume-binder');
type PVC = corev1.PersistentVolumeClaim & StoredObject;
type PV = corev1.PersistentVolume & StoredObject;
type Pod = corev1.Pod & StoredObject;

const claimKey = (ns: string | undefined, name: string) => `claim|${ns ?? ''}|${name}`;
const volumeKey = (name: string) => `volume||${name}`;
const podKey = (ns: string | undefined, name: string) => `pod|${ns ?? ''}|${name}`;

export class PersistentVolumeController extends QueueController {
  readonly name = 'persistentvolume-binder';
  private recorder?: EventRecorder;

  override start(cluster: Cluster): void {
    this.recorder = new EventRecorder(cluster, { component: 'persistentvolume-controller' });
    super.start(cluster);
  }

  protected initial(cluster: Cluster, enqueue: Enqueue): void {
    for (const pv of cluster.store.list('persistentvolumes')) enqueue(volumeKey(pv.metadata.name));
    for (const pvc of cluster.store.list('persistentvolumeclaims')) enqueue(claimKey(pvc.metadata.namespace, pvc.metadata.name));
  }

  private enqueueWaitingClaims(cluster: Cluster, enqueue: Enqueue): void {
    for (const pvc of cluster.store.list('persistentvolumeclaims') as PVC[]) {
      if (pvc.metadata.annotations?.[ANN_BIND_COMPLETED] === undefined) enqueue(claimKey(pvc.metadata.namespace, pvc.metadata.name));
    }
  }

  protected changed(cluster: Cluster, ev: StoreEvent, enqueue: Enqueue): void {
    switch (ev.resource) {
      case 'persistentvolumeclaims': {
        enqueue(claimKey(ev.namespace, ev.object.metadata.name));
        const volume = (ev.object as PVC).spec?.volumeName;
        if (volume) enqueue(volumeKey(volume));
        if (ev.type === 'DELETED') {
          for (const pv of cluster.store.list('persistentvolumes') as PV[]) {
            const ref = pv.spec?.claimRef;
            if (ref?.namespace === ev.namespace && ref?.name === ev.object.metadata.name) enqueue(volumeKey(pv.metadata.name));
          }
        }
        return;
      }
      case 'persistentvolumes': {
        if (ev.type !== 'DELETED') enqueue(volumeKey(ev.object.metadata.name));
        const ref = (ev.object as PV).spec?.claimRef;
        if (ref?.name) enqueue(claimKey(ref.namespace, ref.name));
        if (ev.type === 'DELETED' || (ev.object as PV).status?.phase === 'Available') this.enqueueWaitingClaims(cluster, enqueue);
        return;
      }
      case 'storageclasses.storage.k8s.io':
        this.enqueueWaitingClaims(cluster, enqueue);
        return;
      case 'pods': {
        const pod = ev.object as Pod;
        if (podClaims(pod).length === 0) return;
        for (const c of podClaims(pod)) enqueue(claimKey(ev.namespace, c.claimName));
        if (ev.type !== 'DELETED' && pod.spec?.nodeName) enqueue(podKey(ev.namespace, pod.metadata.name));
        return;
      }
      default:
    }
  }

  protected async sync(cluster: Cluster, key: string): Promise<void> {
    const [kind, ns, name] = key.split('|') as ['claim' | 'volume' | 'pod', string, string];
    if (kind === 'claim') await this.syncClaim(cluster, ns, name);
    else if (kind === 'volume') await this.syncVolume(cluster, name);
    else await this.syncConsumer(cluster, ns, name);
  }

  private classes(cluster: Cluster): Map<string, storagev1.StorageClass> {
    return new Map((cluster.store.list('storageclasses.storage.k8s.io') as Array<storagev1.StorageClass & StoredObject>).map((c) => [c.metadata.name, c]));
  }

  private view(cluster: Cluster, pvc: PVC): BinderView {
    const pods = cluster.store.list('pods', pvc.metadata.namespace) as Pod[];
    const unscheduledConsumers = pods
      .filter((p) => !p.spec?.nodeName && !p.metadata.deletionTimestamp && podClaims(p).some((c) => c.claimName === pvc.metadata.name))
      .map((p) => `${p.metadata.namespace ?? ''}/${p.metadata.name}`);
    return { volumes: cluster.store.list('persistentvolumes') as PV[], classes: this.classes(cluster), unscheduledConsumers };
  }

  private async syncClaim(cluster: Cluster, ns: string, name: string): Promise<void> {
    const pvc = cluster.store.get('persistentvolumeclaims', ns, name) as PVC | undefined;
    if (!pvc) return;
    for (const action of planClaim(pvc, this.view(cluster, pvc))) await this.applyClaim(cluster, pvc, action);
  }

  private async syncVolume(cluster: Cluster, name: string): Promise<void> {
    const pv = cluster.store.get('persistentvolumes', undefined, name) as PV | undefined;
    if (!pv) return;
    const ref = pv.spec?.claimRef;
    const claim = ref?.name ? (cluster.store.get('persistentvolumeclaims', ref.namespace, ref.name) as PVC | undefined) : undefined;
    for (const action of planVolume(pv, claim)) await this.applyVolume(cluster, pv, action);
  }

  private async syncConsumer(cluster: Cluster, ns: string, name: string): Promise<void> {
    const pod = cluster.store.get('pods', ns, name) as Pod | undefined;
    if (!pod?.spec?.nodeName) return;
    const node = cluster.store.get('nodes', undefined, pod.spec.nodeName);
    const claims = new Map((cluster.store.list('persistentvolumeclaims', ns) as PVC[]).map((c) => [c.metadata.name, c]));
    const actions = planConsumerBinding(pod, { claims, volumes: cluster.store.list('persistentvolumes') as PV[], classes: this.classes(cluster), nodeLabels: node?.metadata.labels });
    const ctx = cluster.context(USER);
    for (const a of actions) {
      if (a.kind === 'selectNode') {
        await updateWithRetry<PVC>(cluster, ctx, this.def(cluster, 'persistentvolumeclaims'), ns, a.claim, (c) => {
          if (c.spec?.volumeName || c.metadata.annotations?.[ANN_SELECTED_NODE] !== undefined) return false;
          c.metadata.annotations = { ...c.metadata.annotations, [ANN_SELECTED_NODE]: a.node };
          return true;
        });
      } else {
        const pvc = claims.get(a.claim)!;
        await updateWithRetry<PV>(cluster, ctx, this.def(cluster, 'persistentvolumes'), undefined, a.volume, (v) => {
          if (v.spec?.claimRef) return false;
          v.spec = { ...v.spec, claimRef: claimReference(pvc) };
          v.metadata.annotations = { ...v.metadata.annotations, [ANN_BOUND_BY_CONTROLLER]: 'yes' };
          return true;
        });
      }
    }
  }

  private def(cluster: Cluster, resource: string) {
    return cluster.resources.byResource('', resource)!;
  }

  private async applyClaim(cluster: Cluster, pvc: PVC, action: ClaimAction): Promise<void> {
    const ctx = cluster.context(USER);
    const def = this.def(cluster, 'persistentvolumeclaims');
    const ns = pvc.metadata.namespace;
    const name = pvc.metadata.name;
    switch (action.kind) {
      case 'event':
        await this.recorder!.event(pvc, action.event.type, action.event.reason, action.event.message);
        return;
      case 'phase':
        await updateWithRetry<PVC>(cluster, ctx, def, ns, name, (c) => {
          if (c.status?.phase === action.phase) return false;
          c.status = { ...c.status, phase: action.phase };
          return true;
        }, 'status');
        return;
      case 'assignDefaultClass':
        await updateWithRetry<PVC>(cluster, ctx, def, ns, name, (c) => {
          if (c.spec?.storageClassName !== undefined) return false;
          c.spec = { ...c.spec, storageClassName: action.className };
          return true;
        });
        return;
      case 'setProvisioner':
        await updateWithRetry<PVC>(cluster, ctx, def, ns, name, (c) => {
          c.metadata.annotations = { ...c.metadata.annotations, [ANN_STORAGE_PROVISIONER]: action.provisioner, [ANN_BETA_STORAGE_PROVISIONER]: action.provisioner };
          return true;
        });
        return;
      case 'bind':
        await this.bind(cluster, pvc, action.volume);
        return;
    }
  }

  /** bind(): the volume's claimRef and phase, then the claim's volumeName, annotations and status. */
  private async bind(cluster: Cluster, pvc: PVC, volumeName: string): Promise<void> {
    const ctx = cluster.context(USER);
    const pvDef = this.def(cluster, 'persistentvolumes');
    const pvcDef = this.def(cluster, 'persistentvolumeclaims');
    const ref = claimReference(pvc);
    const pv = await updateWithRetry<PV>(cluster, ctx, pvDef, undefined, volumeName, (v) => {
      const cur = v.spec?.claimRef;
      if (cur?.uid === ref.uid && cur?.name === ref.name && cur?.namespace === ref.namespace) return false;
      if (!cur) v.metadata.annotations = { ...v.metadata.annotations, [ANN_BOUND_BY_CONTROLLER]: 'yes' };
      v.spec = { ...v.spec, claimRef: ref };
      return true;
    });
    if (!pv) return;
    await updateWithRetry<PV>(cluster, ctx, pvDef, undefined, volumeName, (v) => {
      if (v.status?.phase === 'Bound') return false;
      v.status = { ...v.status, phase: 'Bound' };
      delete v.status.message;
      return true;
    }, 'status');
    await updateWithRetry<PVC>(cluster, ctx, pvcDef, pvc.metadata.namespace, pvc.metadata.name, (c) => {
      if (c.metadata.uid !== pvc.metadata.uid) return false;
      const anns = { ...c.metadata.annotations };
      let changed = false;
      if (c.spec?.volumeName !== volumeName) {
        if (!c.spec?.volumeName) anns[ANN_BOUND_BY_CONTROLLER] = 'yes';
        c.spec = { ...c.spec, volumeName };
        changed = true;
      }
      if (anns[ANN_BIND_COMPLETED] === undefined) {
        anns[ANN_BIND_COMPLETED] = 'yes';
        changed = true;
      }
      c.metadata.annotations = anns;
      return changed;
    });
    await updateWithRetry<PVC>(cluster, ctx, pvcDef, pvc.metadata.namespace, pvc.metadata.name, (c) => {
      if (c.metadata.uid !== pvc.metadata.uid) return false;
      const want = { phase: 'Bound', accessModes: pv.spec?.accessModes ?? [], capacity: pv.spec?.capacity ?? {} };
      if (JSON.stringify([c.status?.phase, c.status?.accessModes, c.status?.capacity]) === JSON.stringify([want.phase, want.accessModes, want.capacity])) return false;
      c.status = { ...c.status, ...want };
      return true;
    }, 'status');
  }

  private async applyVolume(cluster: Cluster, pv: PV, action: VolumeAction): Promise<void> {
    const ctx = cluster.context(USER);
    const def = this.def(cluster, 'persistentvolumes');
    switch (action.kind) {
      case 'event':
        void this.recorder!.event(pv, action.event.type, action.event.reason, action.event.message);
        return;
      case 'phase':
        await updateWithRetry<PV>(cluster, ctx, def, undefined, pv.metadata.name, (v) => {
          if (v.status?.phase === action.phase) return false;
          v.status = { ...v.status, phase: action.phase };
          if (action.message) v.status.message = action.message;
          else delete v.status.message;
          return true;
        }, 'status');
        return;
      case 'unbind':
        await updateWithRetry<PV>(cluster, ctx, def, undefined, pv.metadata.name, (v) => {
          if (!v.spec?.claimRef) return false;
          delete v.spec.claimRef;
          if (v.metadata.annotations) delete v.metadata.annotations[ANN_BOUND_BY_CONTROLLER];
          return true;
        });
        return;
    }
  }
}

/** GetReference for a claim, as the binder stores it in spec.claimRef. */
export function claimReference(pvc: PVC): corev1.ObjectReference {
  return { kind: 'PersistentVolumeClaim', namespace: pvc.metadata.namespace, name: pvc.metadata.name, uid: pvc.metadata.uid, apiVersion: 'v1', resourceVersion: pvc.metadata.resourceVersion };
}

