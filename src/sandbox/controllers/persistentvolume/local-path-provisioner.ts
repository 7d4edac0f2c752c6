// The local-path-provisioner deployment kind runs (namespace local-path-storage), in process:
// provisions volumes for claims the PV controller handed to rancher.io/local-path and deletes
// the Released ones whose reclaim policy is Delete. Its events come from the provisioner's
// identity, as upstream's sig-storage-lib-external-provisioner records them.
import { StatusError } from '../../../apimachinery/errors.ts';
import type { KubeObject, StoredObject } from '../../../apimachinery/object.ts';
import type * as corev1 from '../../../generated/k8s/core/v1.ts';
import type * as storagev1 from '../../../generated/k8s/storage/v1.ts';
import type { Cluster } from '../../cluster.ts';
import { ANN_SELECTED_NODE, claimClass } from '../../scheduler/volumes.ts';
import { EventRecorder } from '../../sim/event-recorder.ts';
import type { StoreEvent } from '../../storage/object-store.ts';
import { type Enqueue, QueueController } from '../queue-controller.ts';
import { LOCAL_PATH_PROVISIONER, planProvision, shouldDelete } from './local-path-plan.ts';

const USER = { username: 'system:serviceaccount:local-path-storage:local-path-provisioner-service-account', groups: ['system:serviceaccounts', 'system:serviceaccounts:local-path-storage', 'system:authenticated'] };
/** The provisioner's identity in events: <provisioner>_<pod>_<uuid>. */
const IDENTITY = `${LOCAL_PATH_PROVISIONER}_local-path-provisioner-7dc846544d-8xq4n_6485b2d1-0d7e-4f2b-9b0a-7f4c1f6f2a31`;

type PVC = corev1.PersistentVolumeClaim & StoredObject;
type PV = corev1.PersistentVolume & StoredObject;
type Node = corev1.Node & StoredObject;

function schedulable(node: Node): boolean {
  return !node.spec?.unschedulable && !(node.spec?.taints ?? []).some((t) => t.effect === 'NoSchedule');
}

export class LocalPathProvisioner extends QueueController {
  readonly name = 'local-path-provisioner';
  private recorder?: EventRecorder;

  override start(cluster: Cluster): void {
    this.recorder = new EventRecorder(cluster, { component: IDENTITY });
    super.start(cluster);
  }

  protected initial(cluster: Cluster, enqueue: Enqueue): void {
    for (const pvc of cluster.store.list('persistentvolumeclaims')) enqueue(`claim|${pvc.metadata.namespace ?? ''}|${pvc.metadata.name}`);
    for (const pv of cluster.store.list('persistentvolumes')) enqueue(`volume||${pv.metadata.name}`);
  }

  protected changed(_cluster: Cluster, ev: StoreEvent, enqueue: Enqueue): void {
    if (ev.type === 'DELETED') return;
    if (ev.resource === 'persistentvolumeclaims') enqueue(`claim|${ev.namespace ?? ''}|${ev.object.metadata.name}`);
    else if (ev.resource === 'persistentvolumes' && (ev.object as PV).status?.phase === 'Released') enqueue(`volume||${ev.object.metadata.name}`);
  }

  protected async sync(cluster: Cluster, key: string): Promise<void> {
    const [kind, ns, name] = key.split('|') as ['claim' | 'volume', string, string];
    if (kind === 'volume') return this.syncVolume(cluster, name);
    const pvc = cluster.store.get('persistentvolumeclaims', ns, name) as PVC | undefined;
    if (!pvc) return;
    const sc = cluster.store.get('storageclasses.storage.k8s.io', undefined, claimClass(pvc)) as (storagev1.StorageClass & StoredObject) | undefined;
    const existing = new Set(cluster.store.list('persistentvolumes').map((v) => v.metadata.name));
    const decision = planProvision(pvc, sc, existing, this.node(cluster, pvc));
    if (decision.kind === 'none') return;
    if (decision.kind === 'fail') {
      void this.recorder!.event(pvc, 'Warning', 'ProvisioningFailed', `failed to provision volume with StorageClass "${sc?.metadata?.name ?? ''}": ${decision.message}`);
      return;
    }
    void this.recorder!.event(pvc, 'Normal', 'Provisioning', `External provisioner is provisioning volume for claim "${ns}/${name}"`);
    const def = cluster.resources.byResource('', 'persistentvolumes')!;
    try {
      await cluster.api.create(cluster.context(USER), def, undefined, decision.volume as KubeObject, { fieldManager: 'local-path-provisioner' });
    } catch (e) {
      if (e instanceof StatusError && e.code === 409) return;
      throw e;
    }
    void this.recorder!.event(pvc, 'Normal', 'ProvisioningSucceeded', `Successfully provisioned volume ${decision.volume.metadata?.name ?? ''}`);
  }

  /** The selected node, or for Immediate classes the first schedulable node by name. */
  private node(cluster: Cluster, pvc: PVC): { name: string; hostname: string } | undefined {
    const selected = pvc.metadata.annotations?.[ANN_SELECTED_NODE];
    const nodes = cluster.store.list('nodes') as Node[];
    const node = selected !== undefined ? nodes.find((n) => n.metadata.name === selected) : [...nodes].sort((a, b) => a.metadata.name.localeCompare(b.metadata.name)).find(schedulable);
    if (!node) return undefined;
    return { name: node.metadata.name, hostname: node.metadata.labels?.['kubernetes.io/hostname'] ?? node.metadata.name };
  }

  private async syncVolume(cluster: Cluster, name: string): Promise<void> {
    const pv = cluster.store.get('persistentvolumes', undefined, name) as PV | undefined;
    if (!pv || !shouldDelete(pv)) return;
    const def = cluster.resources.byResource('', 'persistentvolumes')!;
    try {
      await cluster.api.delete(cluster.context(USER), def, undefined, name, { preconditions: { uid: pv.metadata.uid } });
    } catch (e) {
      if (e instanceof StatusError && (e.code === 404 || e.code === 409)) return;
      throw e;
    }
  }
}
