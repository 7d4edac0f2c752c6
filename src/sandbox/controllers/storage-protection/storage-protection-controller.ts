// The pvc-protection and pv-protection controllers (upstream pkg/controller/volume/
// pvcprotection, pvprotection): a deleted claim keeps its `kubernetes.io/pvc-protection`
// finalizer while a running pod uses it; a deleted volume keeps `kubernetes.io/pv-protection`
// while it is bound.
import { StatusError } from '../../../apimachinery/errors.ts';
import { deepClone, type KubeObject, type StoredObject } from '../../../apimachinery/object.ts';
import type * as corev1 from '../../../generated/k8s/core/v1.ts';
import type { Cluster, Controller } from '../../cluster.ts';
import { controllerUser } from '../../cluster.ts';
import { WorkQueue } from '../work-queue.ts';

const USER = controllerUser('pvc-protection-controller');
const PVC_FINALIZER = 'kubernetes.io/pvc-protection';
const PV_FINALIZER = 'kubernetes.io/pv-protection';

function podUsesClaim(pod: StoredObject, claim: string): boolean {
  const p = pod as StoredObject & corev1.Pod;
  const phase = p.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return false;
  return (p.spec?.volumes ?? []).some((v) => v.persistentVolumeClaim?.claimName === claim || (v.ephemeral && `${pod.metadata.name}-${v.name}` === claim));
}

export class StorageProtectionController implements Controller {
  readonly name = 'storage-protection';
  private queue?: WorkQueue;
  private unsubscribe?: () => void;

  start(cluster: Cluster): void {
    const queue = (this.queue = new WorkQueue('storage-protection', (key) => this.sync(cluster, key)));
    this.unsubscribe = cluster.store.observe((ev) => {
      if (ev.resource === 'persistentvolumeclaims' && ev.object.metadata.deletionTimestamp) queue.add(`pvc|${ev.namespace}|${ev.object.metadata.name}`);
      else if (ev.resource === 'persistentvolumes' && ev.object.metadata.deletionTimestamp) queue.add(`pv||${ev.object.metadata.name}`);
      else if (ev.resource === 'pods') {
        // A pod that goes away (or finishes) may release the claims it used.
        for (const v of ((ev.prev ?? ev.object) as StoredObject & corev1.Pod).spec?.volumes ?? []) {
          if (v.persistentVolumeClaim) queue.add(`pvc|${ev.namespace}|${v.persistentVolumeClaim.claimName}`);
        }
      }
    });
    for (const pvc of cluster.store.list('persistentvolumeclaims')) if (pvc.metadata.deletionTimestamp) queue.add(`pvc|${pvc.metadata.namespace}|${pvc.metadata.name}`);
    for (const pv of cluster.store.list('persistentvolumes')) if (pv.metadata.deletionTimestamp) queue.add(`pv||${pv.metadata.name}`);
  }

  stop(): void {
    this.unsubscribe?.();
    this.queue?.stop();
  }

  idle(): Promise<void> {
    return this.queue?.idle() ?? Promise.resolve();
  }

  private async sync(cluster: Cluster, key: string): Promise<void> {
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
