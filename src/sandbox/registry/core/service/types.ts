// The Service shape the strategy works on, and the predicates upstream's service code shares
// (pkg/api/service/util.go and pkg/registry/core/service).
import type * as corev1 from '../../../../generated/k8s/core/v1.ts';

export type Service = corev1.Service & { metadata: NonNullable<corev1.Service['metadata']>; spec?: corev1.ServiceSpec };

/** The spec, created when missing. */
export function specOf(svc: Service): corev1.ServiceSpec {
  return (svc.spec ??= {});
}

/** apiservice.ExternallyAccessible: reachable from outside the cluster. */
export function externallyAccessible(svc: Service): boolean {
  const t = svc.spec?.type;
  return t === 'LoadBalancer' || t === 'NodePort' || (t === 'ClusterIP' && (svc.spec?.externalIPs?.length ?? 0) > 0);
}

/** apiservice.NeedsHealthCheck: a LoadBalancer keeping the client source IP. */
export function needsHealthCheck(svc: Service): boolean {
  return svc.spec?.type === 'LoadBalancer' && svc.spec.externalTrafficPolicy === 'Local';
}

export function isHeadless(svc: Service): boolean {
  const ips = svc.spec?.clusterIPs ?? [];
  return ips.length === 1 && ips[0] === 'None';
}

export const needsClusterIP = (svc: Service) => svc.spec?.type !== 'ExternalName';
export const needsNodePort = (svc: Service) => svc.spec?.type === 'NodePort' || svc.spec?.type === 'LoadBalancer';

/** Whether NodePorts are allocated automatically (LoadBalancers may opt out). */
export function shouldAllocateNodePorts(svc: Service): boolean {
  if (svc.spec?.type === 'NodePort') return true;
  if (svc.spec?.type === 'LoadBalancer') return svc.spec.allocateLoadBalancerNodePorts !== false;
  return false;
}
