// The Endpoints controller (upstream pkg/controller/endpoint): keeps the Endpoints of every
// Service with a selector equal to what its pods offer. Keys are Services (namespace/name); a pod
// change queues the Services whose selector matches it before or after the change.
import { StatusError } from '../../../apimachinery/errors.ts';
import { selectorFromSet } from '../../../apimachinery/labels.ts';
import type { StoredObject } from '../../../apimachinery/object.ts';
import type { Cluster } from '../../cluster.ts';
import { controllerUser } from '../../cluster.ts';
import type { StoreEvent } from '../../storage/object-store.ts';
import { type Enqueue, QueueController } from '../queue-controller.ts';
import { type EndpointsObject, planEndpoints, selectedPods } from './plan.ts';
import type { Pod, Service } from './pod-util.ts';
import { TriggerTimeTracker } from './trigger-time.ts';

const USER = controllerUser('endpoint-controller');

/** Queues the Services of the pod's namespace that select it (before or after the change). */
export function servicesSelecting(cluster: Cluster, ev: StoreEvent, enqueue: Enqueue): void {
  const labels = [ev.object.metadata.labels, ev.prev?.metadata.labels];
  for (const s of cluster.store.list('services', ev.namespace) as Service[]) {
    if (!s.spec?.selector) continue;
    const sel = selectorFromSet(s.spec.selector);
    if (labels.some((l) => l && sel.matches(l))) enqueue(`${s.metadata.namespace}/${s.metadata.name}`);
  }
}

export class EndpointsController extends QueueController {
  readonly name = 'endpoint';
  private readonly triggers = new TriggerTimeTracker();

  protected initial(cluster: Cluster, enqueue: Enqueue): void {
    for (const s of cluster.store.list('services')) enqueue(`${s.metadata.namespace}/${s.metadata.name}`);
  }

  protected changed(cluster: Cluster, ev: StoreEvent, enqueue: Enqueue): void {
    if (ev.resource === 'services') enqueue(`${ev.namespace}/${ev.object.metadata.name}`);
    else if (ev.resource === 'endpoints' && ev.type === 'DELETED') enqueue(`${ev.namespace}/${ev.object.metadata.name}`);
    else if (ev.resource === 'pods') servicesSelecting(cluster, ev, enqueue);
  }

  protected async sync(cluster: Cluster, key: string): Promise<void> {
    const [namespace, name] = key.split('/') as [string, string];
    const svc = cluster.store.get('services', namespace, name) as Service | undefined;
    const existing = cluster.store.get('endpoints', namespace, name) as EndpointsObject | undefined;
    const pods = cluster.store.list('pods', namespace) as Pod[];
    if (!svc) this.triggers.forget(namespace, name);
    const trigger = svc?.spec?.selector ? this.triggers.compute(svc, selectedPods(svc, pods)) : undefined;
    const action = planEndpoints(svc, existing, pods, trigger);
    if (action.type === 'none') return;
    const def = cluster.resources.byResource('', 'endpoints')!;
    const ctx = cluster.context(USER);
    try {
      if (action.type === 'delete') await cluster.api.delete(ctx, def, namespace, name, {});
      else if (action.type === 'create') await cluster.api.create(ctx, def, namespace, action.object, { fieldManager: 'kube-controller-manager' });
      else await cluster.api.update(ctx, def, namespace, name, action.object as StoredObject, { fieldManager: 'kube-controller-manager' });
    } catch (e) {
      // Gone already, or the namespace is terminating: nothing left to keep in step.
      if (e instanceof StatusError && (e.code === 404 || (e.code === 403 && action.type === 'create'))) return;
      throw e;
    }
  }
}
