// The simulated ingress-nginx controller's status updater: every Ingress it serves
// (ingress-routing.ts servedByNginx) gets the controller's address in
// status.loadBalancer.ingress (the LoadBalancer address of its Service, as with MetalLB or
// cloud-provider-kind), so `kubectl get ingress` shows ADDRESS; an Ingress it stops serving loses
// it. Keys are Ingresses; an IngressClass change queues every Ingress.
import { StatusError } from '../../../apimachinery/errors.ts';
import { deepClone, deepEqual, type KubeObject } from '../../../apimachinery/object.ts';
import type { Cluster } from '../../cluster.ts';
import { controllerUser } from '../../cluster.ts';
import { type Enqueue, QueueController } from '../../controllers/queue-controller.ts';
import { INGRESS_LB_IP } from '../../controllers/service-lb/plan.ts';
import type { StoreEvent } from '../../storage/object-store.ts';
import { servedByNginx } from './ingress-routing.ts';
import { INGRESS_CLASSES, INGRESSES, type Ingress, type IngressClass } from './view.ts';

const USER = controllerUser('ingress-nginx');

/** The status.loadBalancer an Ingress should have. */
export function ingressLoadBalancer(ing: Ingress, classes: readonly IngressClass[]): NonNullable<Ingress['status']>['loadBalancer'] {
  return servedByNginx(ing, classes) ? { ingress: [{ ip: INGRESS_LB_IP }] } : {};
}

export class IngressStatusController extends QueueController {
  readonly name = 'ingress-nginx';

  protected initial(cluster: Cluster, enqueue: Enqueue): void {
    for (const i of cluster.store.list(INGRESSES)) enqueue(`${i.metadata.namespace}/${i.metadata.name}`);
  }

  protected changed(cluster: Cluster, ev: StoreEvent, enqueue: Enqueue): void {
    if (ev.resource === INGRESSES && ev.type !== 'DELETED') enqueue(`${ev.namespace}/${ev.object.metadata.name}`);
    else if (ev.resource === INGRESS_CLASSES) this.initial(cluster, enqueue);
  }

  protected async sync(cluster: Cluster, key: string): Promise<void> {
    const [namespace, name] = key.split('/') as [string, string];
    const ing = cluster.store.get(INGRESSES, namespace, name) as Ingress | undefined;
    if (!ing || ing.metadata.deletionTimestamp) return;
    const lb = ingressLoadBalancer(ing, cluster.store.list(INGRESS_CLASSES) as IngressClass[]);
    if (deepEqual(ing.status?.loadBalancer ?? {}, lb ?? {})) return;
    const next = deepClone(ing) as Ingress;
    next.status = { ...next.status, loadBalancer: lb };
    const def = cluster.resources.byResource('networking.k8s.io', 'ingresses')!;
    try {
      await cluster.api.update(cluster.context(USER), def, namespace, name, next as KubeObject, { fieldManager: 'nginx-ingress-controller', subresource: 'status' });
    } catch (e) {
      if (e instanceof StatusError && e.code === 404) return;
      throw e;
    }
  }
}
