// Object builders for the network's and the endpoint controllers' unit tests.
import type { StoredObject } from '../../../apimachinery/object.ts';
import type * as corev1 from '../../../generated/k8s/core/v1.ts';
import type * as discoveryv1 from '../../../generated/k8s/discovery/v1.ts';
import type { Ingress, NetworkPolicy, Node, Pod, Service, Slice } from './view.ts';

let uid = 0;
const meta = (name: string, namespace: string | undefined, extra: Partial<StoredObject['metadata']> = {}) => ({ name, namespace, uid: `uid-${name}-${++uid}`, resourceVersion: '1', creationTimestamp: '2026-01-01T00:00:00Z', ...extra });

export interface PodOptions {
  ip?: string;
  ready?: boolean;
  phase?: string;
  node?: string;
  ports?: corev1.ContainerPort[];
  hostname?: string;
  subdomain?: string;
  terminating?: boolean;
  namespace?: string;
  readySince?: string;
}

export function pod(name: string, labels: Record<string, string>, o: PodOptions = {}): Pod {
  const ready = o.ready ?? true;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: meta(name, o.namespace ?? 'default', { labels, ...(o.terminating ? { deletionTimestamp: '2026-01-01T00:01:00Z' } : {}) }),
    spec: { nodeName: o.node ?? 'kubecamp-worker', hostname: o.hostname, subdomain: o.subdomain, containers: [{ name: 'c', image: 'nginx', ports: o.ports ?? [{ name: 'http', containerPort: 8080 }] }] },
    status: { phase: o.phase ?? 'Running', podIP: o.ip, conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: o.readySince ?? '2026-01-01T00:00:10Z' }] },
  };
}

export function service(name: string, spec: corev1.ServiceSpec, o: { namespace?: string; labels?: Record<string, string>; status?: corev1.ServiceStatus } = {}): Service {
  return { apiVersion: 'v1', kind: 'Service', metadata: meta(name, o.namespace ?? 'default', { labels: o.labels }), spec: { type: 'ClusterIP', ...spec }, status: o.status };
}

export function slice(svc: string, endpoints: discoveryv1.Endpoint[], ports: discoveryv1.EndpointPort[], namespace = 'default'): Slice {
  return { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: meta(`${svc}-abcde`, namespace, { labels: { 'kubernetes.io/service-name': svc } }), addressType: 'IPv4', endpoints, ports };
}

export function endpoint(ip: string, ready = true, hostname?: string): discoveryv1.Endpoint {
  return { addresses: [ip], conditions: { ready, serving: ready, terminating: false }, ...(hostname ? { hostname } : {}) };
}

export function node(name: string, ip: string): Node {
  return { apiVersion: 'v1', kind: 'Node', metadata: meta(name, undefined), status: { addresses: [{ type: 'InternalIP', address: ip }] } };
}

export function namespace(name: string, labels: Record<string, string> = {}): StoredObject {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: meta(name, undefined, { labels: { 'kubernetes.io/metadata.name': name, ...labels } }) };
}

export function policy(name: string, spec: NetworkPolicy['spec'], namespaceName = 'default'): NetworkPolicy {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: meta(name, namespaceName), spec };
}

export function ingress(name: string, spec: Ingress['spec'], namespaceName = 'default'): Ingress {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: meta(name, namespaceName), spec };
}
