// The root CA publisher (upstream pkg/controller/certificates/rootcacertpublisher): every
// active namespace has a `kube-root-ca.crt` ConfigMap holding the cluster's CA bundle; one that
// is deleted or changed is restored.
import { StatusError } from '../../../apimachinery/errors.ts';
import { deepClone, type KubeObject } from '../../../apimachinery/object.ts';
import { rootCAConfigMap } from '../../bootstrap/namespaces.ts';
import type { Cluster } from '../../cluster.ts';
import { controllerUser } from '../../cluster.ts';
import type { StoreEvent } from '../../storage/object-store.ts';
import { type Enqueue, QueueController } from '../queue-controller.ts';

const USER = controllerUser('root-ca-cert-publisher');
const NAME = 'kube-root-ca.crt';

export class RootCAPublisher extends QueueController {
  readonly name = 'root-ca-cert-publisher';

  protected initial(cluster: Cluster, enqueue: Enqueue): void {
    for (const ns of cluster.store.list('namespaces')) enqueue(ns.metadata.name);
  }

  protected changed(_cluster: Cluster, ev: StoreEvent, enqueue: Enqueue): void {
    if (ev.resource === 'namespaces' && ev.type !== 'DELETED') enqueue(ev.object.metadata.name);
    else if (ev.resource === 'configmaps' && ev.object.metadata.name === NAME) enqueue(ev.namespace!);
  }

  protected async sync(cluster: Cluster, namespace: string): Promise<void> {
    const ns = cluster.store.get('namespaces', undefined, namespace);
    if (!ns || ns.metadata.deletionTimestamp) return;
    const def = cluster.resources.byResource('', 'configmaps');
    if (!def) return;
    const wanted = rootCAConfigMap({ record: cluster.record, ids: cluster.ids, timestamp: '', caPem: cluster.caPem }, namespace).object as KubeObject & {
      data: Record<string, string>;
    };
    const ctx = cluster.context(USER);
    const existing = cluster.store.get('configmaps', namespace, NAME) as (KubeObject & { data?: Record<string, string> }) | undefined;
    try {
      if (!existing) {
        const { uid: _uid, creationTimestamp: _ts, ...meta } = wanted.metadata as Record<string, unknown>;
        await cluster.api.create(ctx, def, namespace, { ...wanted, metadata: meta }, { fieldManager: 'kube-controller-manager' });
      } else if (existing.data?.['ca.crt'] !== wanted.data['ca.crt'] || Object.keys(existing.data ?? {}).length !== 1) {
        const next = deepClone(existing);
        next.data = { 'ca.crt': wanted.data['ca.crt']! };
        await cluster.api.update(ctx, def, namespace, NAME, next, { fieldManager: 'kube-controller-manager' });
      }
    } catch (e) {
      if (e instanceof StatusError && (e.code === 409 || e.code === 403 || e.code === 404)) return;
      throw e;
    }
  }
}
