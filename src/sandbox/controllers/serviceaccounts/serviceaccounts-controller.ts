// The serviceaccounts controller (upstream pkg/controller/serviceaccount): every active
// namespace has a `default` ServiceAccount; one that is deleted comes back.
import { StatusError } from '../../../apimachinery/errors.ts';
import type { KubeObject } from '../../../apimachinery/object.ts';
import type { Cluster } from '../../cluster.ts';
import { controllerUser } from '../../cluster.ts';
import type { StoreEvent } from '../../storage/object-store.ts';
import { type Enqueue, QueueController } from '../queue-controller.ts';

const USER = controllerUser('service-account-controller');

export class ServiceAccountsController extends QueueController {
  readonly name = 'serviceaccounts';

  protected initial(cluster: Cluster, enqueue: Enqueue): void {
    for (const ns of cluster.store.list('namespaces')) enqueue(ns.metadata.name);
  }

  protected changed(_cluster: Cluster, ev: StoreEvent, enqueue: Enqueue): void {
    if (ev.resource === 'namespaces' && ev.type !== 'DELETED') enqueue(ev.object.metadata.name);
    else if (ev.resource === 'serviceaccounts' && ev.type === 'DELETED' && ev.object.metadata.name === 'default') enqueue(ev.namespace!);
  }

  protected async sync(cluster: Cluster, namespace: string): Promise<void> {
    const ns = cluster.store.get('namespaces', undefined, namespace);
    if (!ns || ns.metadata.deletionTimestamp) return;
    if (cluster.store.get('serviceaccounts', namespace, 'default')) return;
    const def = cluster.resources.byResource('', 'serviceaccounts');
    if (!def) return;
    const sa: KubeObject = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace } };
    try {
      await cluster.api.create(cluster.context(USER), def, namespace, sa, { fieldManager: 'kube-controller-manager' });
    } catch (e) {
      // Already there, or the namespace started terminating meanwhile.
      if (e instanceof StatusError && (e.code === 409 || e.code === 403 || e.code === 404)) return;
      throw e;
    }
  }
}
