// The EndpointSlice controller (upstream pkg/controller/endpointslice): keeps the managed
// EndpointSlices of every Service with a selector in step with its pods. Keys are Services; a pod
// change queues the Services that select it, a managed slice's change or deletion its Service.
import { StatusError } from '../../../apimachinery/errors.ts';
import type { StoredObject } from '../../../apimachinery/object.ts';
import type { Cluster } from '../../cluster.ts';
import { controllerUser } from '../../cluster.ts';
import type { StoreEvent } from '../../storage/object-store.ts';
import { servicesSelecting } from '../endpoint/endpoints-controller.ts';
import { selectedPods } from '../endpoint/plan.ts';
import type { Pod, Service } from '../endpoint/pod-util.ts';
import { TriggerTimeTracker } from '../endpoint/trigger-time.ts';
import { type Enqueue, QueueController } from '../queue-controller.ts';
import { CONTROLLER_NAME, LABEL_MANAGED_BY, LABEL_SERVICE_NAME, managedSlices, planSlices, type Slice } from './plan.ts';

const USER = controllerUser('endpointslice-controller');
const RESOURCE = 'endpointslices.discovery.k8s.io';

export class EndpointSliceController extends QueueController {
  readonly name = 'endpointslice';
  private readonly triggers = new TriggerTimeTracker();

  protected initial(cluster: Cluster, enqueue: Enqueue): void {
    for (const s of cluster.store.list('services')) enqueue(`${s.metadata.namespace}/${s.metadata.name}`);
  }

  protected changed(cluster: Cluster, ev: StoreEvent, enqueue: Enqueue): void {
    if (ev.resource === 'services') enqueue(`${ev.namespace}/${ev.object.metadata.name}`);
    else if (ev.resource === 'pods') servicesSelecting(cluster, ev, enqueue);
    else if (ev.resource === RESOURCE && ev.type !== 'ADDED') {
      const labels = ev.object.metadata.labels;
      const svc = labels?.[LABEL_SERVICE_NAME];
      if (svc && labels[LABEL_MANAGED_BY] === CONTROLLER_NAME) enqueue(`${ev.namespace}/${svc}`);
    }
  }

  protected async sync(cluster: Cluster, key: string): Promise<void> {
    const [namespace, name] = key.split('/') as [string, string];
    const svc = cluster.store.get('services', namespace, name) as Service | undefined;
    const existing = managedSlices({ metadata: { name, namespace } }, cluster.store.list(RESOURCE, namespace) as Slice[]);
    const pods = cluster.store.list('pods', namespace) as Pod[];
    if (!svc) this.triggers.forget(namespace, name);
    const trigger = svc?.spec?.selector ? this.triggers.compute(svc, selectedPods(svc, pods)) : undefined;
    const actions = planSlices(svc, existing, pods, trigger);
    if (!actions.length) return;
    const def = cluster.resources.byResource('discovery.k8s.io', 'endpointslices')!;
    const ctx = cluster.context(USER);
    for (const a of actions) {
      try {
        if (a.type === 'delete') await cluster.api.delete(ctx, def, namespace, a.name, {});
        else if (a.type === 'create') await cluster.api.create(ctx, def, namespace, a.object, { fieldManager: 'endpointslice-controller' });
        else await cluster.api.update(ctx, def, namespace, a.name, a.object as StoredObject, { fieldManager: 'endpointslice-controller' });
      } catch (e) {
        // Gone already, or the namespace is terminating.
        if (e instanceof StatusError && (e.code === 404 || (e.code === 403 && a.type === 'create'))) continue;
        throw e;
      }
    }
  }
}
