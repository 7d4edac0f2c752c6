// The serviceaccounts controller (upstream pkg/controller/serviceaccount): every active
// namespace has a `default` ServiceAccount; one that is deleted comes back.
import { StatusError } from '../../../apimachinery/errors.ts';
import type { KubeObject } from '../../../apimachinery/object.ts';
import type { Cluster, Controller } from '../../cluster.ts';
import { controllerUser } from '../../cluster.ts';
import { WorkQueue } from '../work-queue.ts';

const USER = controllerUser('service-account-controller');

export class ServiceAccountsController implements Controller {
  readonly name = 'serviceaccounts';
  private queue?: WorkQueue;
  private unsubscribe?: () => void;

  start(cluster: Cluster): void {
    const queue = (this.queue = new WorkQueue('serviceaccounts', (ns) => this.sync(cluster, ns)));
    this.unsubscribe = cluster.store.observe((ev) => {
      if (ev.resource === 'namespaces' && ev.type !== 'DELETED') queue.add(ev.object.metadata.name);
      else if (ev.resource === 'serviceaccounts' && ev.type === 'DELETED' && ev.object.metadata.name === 'default') queue.add(ev.namespace!);
    });
    for (const ns of cluster.store.list('namespaces')) queue.add(ns.metadata.name);
  }

  stop(): void {
    this.unsubscribe?.();
    this.queue?.stop();
  }

  idle(): Promise<void> {
    return this.queue?.idle() ?? Promise.resolve();
  }

  private async sync(cluster: Cluster, namespace: string): Promise<void> {
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
