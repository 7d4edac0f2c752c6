// The service controller's planning step (k8s.io/cloud-provider/controllers/service) with a
// kind-style load balancer: a Service of type LoadBalancer gets the cleanup finalizer and an
// address from the cluster's pool (172.18.255.201–250 of kind's docker network, as MetalLB or
// cloud-provider-kind would hand out; .200 is the ingress controller's), written to
// status.loadBalancer.ingress with ipMode VIP. A Service that stops being a LoadBalancer, or is
// deleted, has its address released, its status cleared and the finalizer removed.
import type * as corev1 from '../../../generated/k8s/core/v1.ts';
import type { StoredObject } from '../../../apimachinery/object.ts';
import { formatIPv4, parseIPv4 } from '../../registry/core/shared/ip-address.ts';

export const LB_CLEANUP_FINALIZER = 'service.kubernetes.io/load-balancer-cleanup';
/** The ingress controller's published address (node/network/ingress-status.ts). */
export const INGRESS_LB_IP = '172.18.255.200';
const POOL_FIRST = parseIPv4('172.18.255.201')!;
const POOL_LAST = parseIPv4('172.18.255.250')!;

export type LBService = StoredObject & { spec?: corev1.ServiceSpec; status?: corev1.ServiceStatus };

export interface LBEvent {
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
}

export interface LBPlan {
  /** The finalizers to write, when they change. */
  finalizers?: string[];
  /** The status.loadBalancer to write, when it changes. */
  loadBalancer?: corev1.LoadBalancerStatus;
  events: LBEvent[];
}

/** Whether this controller provisions a load balancer for the Service (no other loadBalancerClass). */
export function wantsLoadBalancer(svc: LBService): boolean {
  return svc.spec?.type === 'LoadBalancer' && !svc.spec.loadBalancerClass && !svc.metadata.deletionTimestamp;
}

/** Whether an address belongs to the Services' pool. */
export function inPool(ip: string): boolean {
  const n = parseIPv4(ip);
  return n !== undefined && n >= POOL_FIRST && n <= POOL_LAST;
}

/** The addresses other Services hold. */
export function takenAddresses(services: readonly LBService[], self: LBService): Set<string> {
  const taken = new Set<string>();
  for (const s of services) {
    if (s.metadata.uid === self.metadata.uid) continue;
    for (const i of s.status?.loadBalancer?.ingress ?? []) if (i.ip) taken.add(i.ip);
  }
  return taken;
}

/** The requested spec.loadBalancerIP when free and in the pool, else the lowest free address. */
export function allocateAddress(svc: LBService, taken: ReadonlySet<string>): string | undefined {
  const wanted = svc.spec?.loadBalancerIP;
  if (wanted) return inPool(wanted) && !taken.has(wanted) ? wanted : undefined;
  for (let n = POOL_FIRST; n <= POOL_LAST; n++) if (!taken.has(formatIPv4(n))) return formatIPv4(n);
  return undefined;
}

export function planLoadBalancer(svc: LBService, taken: ReadonlySet<string>): LBPlan {
  const finalizers = svc.metadata.finalizers ?? [];
  const has = finalizers.includes(LB_CLEANUP_FINALIZER);
  const current = svc.status?.loadBalancer?.ingress ?? [];
  if (!wantsLoadBalancer(svc)) {
    if (!has && current.length === 0) return { events: [] };
    const plan: LBPlan = { events: [{ type: 'Normal', reason: 'DeletingLoadBalancer', message: 'Deleting load balancer' }, { type: 'Normal', reason: 'DeletedLoadBalancer', message: 'Deleted load balancer' }] };
    if (current.length) plan.loadBalancer = {};
    if (has) plan.finalizers = finalizers.filter((f) => f !== LB_CLEANUP_FINALIZER);
    return plan;
  }
  const plan: LBPlan = { events: [] };
  if (!has) plan.finalizers = [...finalizers, LB_CLEANUP_FINALIZER];
  const ip = current.length === 1 && current[0]!.ip && !taken.has(current[0]!.ip) && (!svc.spec?.loadBalancerIP || svc.spec.loadBalancerIP === current[0]!.ip) ? current[0]!.ip : undefined;
  if (ip && current[0]!.ipMode === 'VIP') return plan;
  plan.events.push({ type: 'Normal', reason: 'EnsuringLoadBalancer', message: 'Ensuring load balancer' });
  const next = ip ?? allocateAddress(svc, taken);
  if (!next) {
    const why = svc.spec?.loadBalancerIP ? `requested IP ${svc.spec.loadBalancerIP} is not available` : 'no available IPs in the address pool';
    plan.events.push({ type: 'Warning', reason: 'SyncLoadBalancerFailed', message: `Error syncing load balancer: failed to ensure load balancer: ${why}` });
    return plan;
  }
  plan.loadBalancer = { ingress: [{ ip: next, ipMode: 'VIP' }] };
  plan.events.push({ type: 'Normal', reason: 'EnsuredLoadBalancer', message: 'Ensured load balancer' });
  return plan;
}
