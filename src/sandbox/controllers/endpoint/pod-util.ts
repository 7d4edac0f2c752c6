// What the Endpoints and EndpointSlice controllers ask of a pod (upstream pkg/api/v1/pod
// IsPodReady/FindPort and staging k8s.io/endpointslice/util ShouldPodBeInEndpoints,
// ShouldSetHostname): whether it has an address to publish, whether it is ready, which port a
// Service port's targetPort names on it, and whether it gets a hostname record.
import type * as corev1 from '../../../generated/k8s/core/v1.ts';
import type { StoredObject } from '../../../apimachinery/object.ts';

export type Pod = StoredObject & { spec?: corev1.PodSpec; status?: corev1.PodStatus };
export type Service = StoredObject & { spec?: corev1.ServiceSpec; status?: corev1.ServiceStatus };

/** podutil.IsPodReady: the Ready condition is True. */
export function isPodReady(pod: Pod): boolean {
  return pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

/**
 * ShouldPodBeInEndpoints: the pod has an IP, is not terminal, and (unless terminating pods are
 * wanted: publishNotReadyAddresses, or EndpointSlices' terminating condition) is not being deleted.
 */
export function shouldPodBeInEndpoints(pod: Pod, includeTerminating: boolean): boolean {
  if (!pod.status?.podIP) return false;
  if (!includeTerminating && pod.metadata.deletionTimestamp) return false;
  const phase = pod.status.phase;
  return phase !== 'Failed' && phase !== 'Succeeded';
}

/**
 * podutil.FindPort: a numeric targetPort is used as is; a name is looked up among the pod's
 * container ports with the Service port's protocol. Undefined when the name is not found (the
 * pod is then left out for that port).
 */
export function findPort(pod: Pod, port: corev1.ServicePort): number | undefined {
  const target = port.targetPort ?? port.port;
  if (typeof target === 'number') return target;
  if (/^\d+$/.test(target)) return Number(target);
  const protocol = port.protocol ?? 'TCP';
  for (const c of pod.spec?.containers ?? []) {
    for (const p of c.ports ?? []) if (p.name === target && (p.protocol ?? 'TCP') === protocol) return p.containerPort;
  }
  return undefined;
}

/** ShouldSetHostname: a pod with spec.hostname whose subdomain is this Service's name. */
export function shouldSetHostname(pod: Pod, svc: Service): boolean {
  return !!pod.spec?.hostname && pod.spec.subdomain === svc.metadata.name && pod.metadata.namespace === svc.metadata.namespace;
}

/** Whether the Service is headless (clusterIP None). */
export function isHeadlessService(svc: Service): boolean {
  return svc.spec?.clusterIP === 'None';
}

/** The Ready condition's last transition: the pod's trigger time (trigger_time_tracker.go). */
export function podTriggerTime(pod: Pod): string | undefined {
  return pod.status?.conditions?.find((c) => c.type === 'Ready')?.lastTransitionTime;
}
