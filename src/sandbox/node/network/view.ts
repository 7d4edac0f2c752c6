// What the cluster network reads: the objects of one cluster, looked up at the moment a packet
// or a DNS query is simulated (nothing is cached, so an idle cluster costs nothing). The object
// store satisfies it; unit tests pass a plain list (sourceOf).
import type * as corev1 from '../../../generated/k8s/core/v1.ts';
import type * as discoveryv1 from '../../../generated/k8s/discovery/v1.ts';
import type * as networkingv1 from '../../../generated/k8s/networking/v1.ts';
import type { StoredObject } from '../../../apimachinery/object.ts';

export interface ObjectSource {
  get(resource: string, namespace: string | undefined, name: string): StoredObject | undefined;
  list(resource: string, namespace?: string): StoredObject[];
}

export type Pod = StoredObject & { spec?: corev1.PodSpec; status?: corev1.PodStatus };
export type Service = StoredObject & { spec?: corev1.ServiceSpec; status?: corev1.ServiceStatus };
export type Slice = StoredObject & discoveryv1.EndpointSlice;
export type Node = StoredObject & { spec?: corev1.NodeSpec; status?: corev1.NodeStatus };
export type Namespace = StoredObject;
export type NetworkPolicy = StoredObject & { spec?: networkingv1.NetworkPolicySpec };
export type Ingress = StoredObject & { spec?: networkingv1.IngressSpec; status?: networkingv1.IngressStatus };
export type IngressClass = StoredObject & { spec?: networkingv1.IngressClassSpec };

export const SLICES = 'endpointslices.discovery.k8s.io';
export const NETWORK_POLICIES = 'networkpolicies.networking.k8s.io';
export const INGRESSES = 'ingresses.networking.k8s.io';
export const INGRESS_CLASSES = 'ingressclasses.networking.k8s.io';

/**
 * The EndpointSlices of a Service (kubernetes.io/service-name), whoever manages them. A Service
 * whose Endpoints someone wrote by hand (no selector) has none: its Endpoints are read as the
 * slices upstream's EndpointSlice mirroring controller would make of them.
 */
export function slicesOf(src: ObjectSource, namespace: string, service: string): Slice[] {
  const slices = (src.list(SLICES, namespace) as Slice[]).filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === service);
  if (slices.length) return slices;
  const ep = src.get('endpoints', namespace, service) as (StoredObject & { subsets?: corev1.EndpointSubset[] }) | undefined;
  return (ep?.subsets ?? []).map((ss) => ({
    metadata: { ...ep!.metadata, name: `${service}-mirrored` },
    addressType: 'IPv4',
    ports: (ss.ports ?? []).map((p) => ({ name: p.name ?? '', port: p.port, protocol: p.protocol ?? 'TCP' })),
    endpoints: [
      ...(ss.addresses ?? []).map((a) => ({ addresses: [a.ip], conditions: { ready: true }, hostname: a.hostname })),
      ...(ss.notReadyAddresses ?? []).map((a) => ({ addresses: [a.ip], conditions: { ready: false }, hostname: a.hostname })),
    ],
  }));
}

/** A pod that holds its IP: scheduled, given an address, not finished. */
export function podHoldsIP(p: Pod): boolean {
  return !!p.status?.podIP && p.status.phase !== 'Succeeded' && p.status.phase !== 'Failed';
}

/** The pod that has this IP now, if any. */
export function podByIP(src: ObjectSource, ip: string): Pod | undefined {
  return (src.list('pods') as Pod[]).find((p) => p.status?.podIP === ip && podHoldsIP(p));
}

/** The nodes' InternalIPs. */
export function nodeIPs(src: ObjectSource): string[] {
  return (src.list('nodes') as Node[]).flatMap((n) => (n.status?.addresses ?? []).filter((a) => a.type === 'InternalIP').map((a) => a.address));
}

/** A list-backed ObjectSource (tests, and callers holding a fixed set of objects). */
export function sourceOf(objects: readonly StoredObject[], resourceOf: (o: StoredObject) => string = defaultResource): ObjectSource {
  return {
    get: (resource, namespace, name) => objects.find((o) => resourceOf(o) === resource && o.metadata.namespace === namespace && o.metadata.name === name),
    list: (resource, namespace) => objects.filter((o) => resourceOf(o) === resource && (namespace === undefined || o.metadata.namespace === namespace)),
  };
}

const RESOURCES: Record<string, string> = {
  Pod: 'pods',
  Service: 'services',
  Node: 'nodes',
  Namespace: 'namespaces',
  EndpointSlice: SLICES,
  NetworkPolicy: NETWORK_POLICIES,
  Ingress: INGRESSES,
  IngressClass: INGRESS_CLASSES,
};

function defaultResource(o: StoredObject): string {
  return RESOURCES[o.kind ?? ''] ?? '';
}
