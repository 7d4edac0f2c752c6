// The service (load balancer) controller (k8s.io/cloud-provider/controllers/service) with the
// sandbox's kind-style cloud: keys are Services; a LoadBalancer Service gets its address at once
// (EnsuringLoadBalancer / EnsuredLoadBalancer events from service-controller). When a Service
// releases its address, Services still waiting for one are queued again.
import { StatusError } from '../../../apimachinery/errors.ts';
import { deepClone, type KubeObject } from '../../../apimachinery/object.ts';
import type { Cluster } from '../../cluster.ts';
import { controllerUser } from '../../cluster.ts';
import { EventRecorder } from '../../sim/event-recorder.ts';
import type { StoreEvent } from '../../storage/object-store.ts';
import { type Enqueue, QueueController } from '../queue-controller.ts';
import { type LBService, planLoadBalancer, takenAddresses, wantsLoadBalancer } from './plan.ts';

const USER = controllerUser('service-controller');
const key = (s: LBService) => `${s.metadata.namespace}/${s.metadata.name}`;

export class ServiceLBController extends QueueController {
  readonly name = 'service-lb';
  private recorder?: EventRecorder;

  override start(cluster: Cluster): void {
    this.recorder = new EventRecorder(cluster, { component: 'service-controller' });
    super.start(cluster);
  }

  protected initial(cluster: Cluster, enqueue: Enqueue): void {
    for (const s of cluster.store.list('services') as LBService[]) if (s.spec?.type === 'LoadBalancer' || s.metadata.finalizers?.length) enqueue(key(s));
  }

  protected changed(cluster: Cluster, ev: StoreEvent, enqueue: Enqueue): void {
    if (ev.resource !== 'services') return;
    const svc = ev.object as LBService;
    const prev = ev.prev as LBService | undefined;
    if (ev.type !== 'DELETED' && (svc.spec?.type === 'LoadBalancer' || prev?.spec?.type === 'LoadBalancer' || svc.status?.loadBalancer?.ingress?.length)) enqueue(key(svc));
    const released = (prev ?? svc).status?.loadBalancer?.ingress?.length && (ev.type === 'DELETED' || !svc.status?.loadBalancer?.ingress?.length);
    if (released) {
      for (const s of cluster.store.list('services') as LBService[]) if (wantsLoadBalancer(s) && !s.status?.loadBalancer?.ingress?.length) enqueue(key(s));
    }
  }

  protected async sync(cluster: Cluster, k: string): Promise<void> {
    const [namespace, name] = k.split('/') as [string, string];
    const svc = cluster.store.get('services', namespace, name) as LBService | undefined;
    if (!svc) return;
    const plan = planLoadBalancer(svc, takenAddresses(cluster.store.list('services') as LBService[], svc));
    const def = cluster.resources.byResource('', 'services')!;
    const ctx = cluster.context(USER);
    try {
      // Adding the finalizer comes first, releasing the address before removing it (which may delete the Service).
      const adding = plan.finalizers && plan.finalizers.length > (svc.metadata.finalizers?.length ?? 0);
      if (adding) await this.writeFinalizers(cluster, svc, plan.finalizers!);
      for (const e of plan.events.filter((e) => e.reason === 'EnsuringLoadBalancer' || e.reason === 'DeletingLoadBalancer')) void this.recorder!.event(svc, e.type, e.reason, e.message);
      if (plan.loadBalancer) {
        const current = cluster.store.get('services', namespace, name) as LBService;
        const next = deepClone(current) as LBService;
        next.status = { ...next.status, loadBalancer: plan.loadBalancer };
        await cluster.api.update(ctx, def, namespace, name, next as KubeObject, { fieldManager: 'service-controller', subresource: 'status' });
      }
      for (const e of plan.events.filter((e) => e.reason !== 'EnsuringLoadBalancer' && e.reason !== 'DeletingLoadBalancer')) void this.recorder!.event(svc, e.type, e.reason, e.message);
      if (plan.finalizers && !adding) await this.writeFinalizers(cluster, svc, plan.finalizers);
    } catch (e) {
      if (e instanceof StatusError && e.code === 404) return;
      throw e;
    }
  }

  private async writeFinalizers(cluster: Cluster, svc: LBService, finalizers: string[]): Promise<void> {
    const def = cluster.resources.byResource('', 'services')!;
    const current = cluster.store.get('services', svc.metadata.namespace, svc.metadata.name) as LBService | undefined;
    if (!current) return;
    const next = deepClone(current) as LBService;
    next.metadata.finalizers = finalizers.length ? finalizers : undefined;
    if (!next.metadata.finalizers) delete next.metadata.finalizers;
    await cluster.api.update(cluster.context(USER), def, svc.metadata.namespace, svc.metadata.name, next as KubeObject, { fieldManager: 'service-controller' });
  }

  override async idle(): Promise<void> {
    await super.idle();
    await this.recorder?.flush();
  }
}
