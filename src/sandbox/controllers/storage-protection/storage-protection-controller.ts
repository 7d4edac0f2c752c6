// The pvc-protection and pv-protection controllers (upstream pkg/controller/volume/
// pvcprotection, pvprotection): a deleted claim keeps its `kubernetes.io/pvc-protection`
// finalizer while a running pod uses it; a deleted volume keeps `kubernetes.io/pv-protection`
// while it is bound.
import { StatusError } from '../../../apimachinery/errors.ts';
import { deepClone, type KubeObject, type StoredObject } from '../../../apimachinery/object.ts';
import type * as corev1 from '../../../generated/k8s/core/v1.ts';
import type { Cluster } from '../../cluster.ts';
import { controllerUser } from '../../cluster.ts';
import type { StoreEvent } from '../../storage/object-store.ts';
import { type Enqueue, QueueController } from '../queue-controller.ts';

const USER = controllerUser('pvc-protection-controller');
const PVC_FINALIZER = 'kubernetes.io/pvc-protection';
const PV_FINALIZER = 'kubernetes.io/pv-protection';

function podUsesClaim(pod: StoredObject, claim: string): boolean {
  const p = pod as StoredObject & corev1.Pod;
  const phase = p.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return false;
  return (p.spec?.volumes ?? []).some((v) => v.persistentVolumeClaim?.claimName === claim || (v.ephemeral && `${pod.metadata.name}-${v.name}` === claim));
}

export class StorageProtectionController extends QueueController {
  readonly name = 'storage-protection';

  protected initial(cluster: Cluster, enqueue: Enqueue): void {
    for (const pvc of cluster.store.list('persistentvolumeclaims')) if (pvc.metadata.deletionTimestamp) enqueue(`pvc|${pvc.metadata.namespace}|${pvc.metadata.name}`);
    for (const pv of cluster.store.list('persistentvolumes')) if (pv.metadata.deletionTimestamp) enqueue(`pv||${pv.metadata.name}`);
  }

  protected changed(_cluster: Cluster, ev: StoreEvent, enqueue: Enqueue): void {
    if (ev.resource === 'persistentvolumeclaims' && ev.object.metadata.deletionTimestamp) enqueue(`pvc|${ev.namespace}|${ev.object.metadata.name}`);
    else if (ev.resource === 'persistentvolumes' && ev.object.metadata.deletionTimestamp) enqueue(`pv||${ev.object.metadata.name}`);
    else if (ev.resource === 'pods') {
      // A pod that goes away (or finishes) may release the claims it used.
      for (const v of ((ev.prev ?? ev.object) as StoredObject & corev1.Pod).spec?.volumes ?? []) {
        if (v.persistentVolumeClaim) enqueue(`pvc|${ev.namespace}|${v.persistentVolumeClaim.claimName}`);
      }
    }
  }

  protected async sync(cluster: Cluster, key: string): Promise<void> {
    const [kind, ns, name] = key.split('|') as ['pvc' | 'pv', string, string];
    const resource = kind === 'pvc' ? 'persistentvolumeclaims' : 'persistentvolumes';
    const finalizer = kind === 'pvc' ? PVC_FINALIZER : PV_FINALIZER;
    const obj = cluster.store.get(resource, ns || undefined, name);
    if (!obj?.metadata.deletionTimestamp || !obj.metadata.finalizers?.includes(finalizer)) return;
    if (kind === 'pvc' && cluster.store.list('pods', ns).some((p) => podUsesClaim(p, name))) return;
    if (kind === 'pv' && (obj as StoredObject & corev1.PersistentVolume).status?.phase === 'Bound') return;
    const def = cluster.resources.byResource('', resource)!;
    const next = deepClone(obj) as KubeObject;
    next.metadata!.finalizers = obj.metadata.finalizers.filter((f) => f !== finalizer);
    try {
      await cluster.api.update(cluster.context(USER), def, ns || undefined, name, next, { fieldManager: 'kube-controller-manager' });
    } catch (e) {
      if (e instanceof StatusError && (e.code === 404 || e.code === 409)) return;
      throw e;
    }
  }
}
