// The `kubernetes` Service in default, as the API server maintains it: ClusterIP 10.96.0.1 (the
// first address of the service range), port 443 `https` to the API server's 6443 on the control
// plane, with the Endpoints and EndpointSlice the API server itself writes; and kubeadm's
// `kube-dns` Service in kube-system (CoreDNS) at 10.96.0.10, the nameserver of every pod's
// resolv.conf. Both addresses sit in the static band below the allocator's dynamic range, and the
// allocator reads taken addresses from the store, so neither is ever handed out again.
import type { KubeObject } from '../../apimachinery/object.ts';
import { nodeIP } from './nodes.ts';
import type { BootstrapContext, BootstrapObject } from './types.ts';

export const KUBERNETES_SERVICE_IP = '10.96.0.1';
export const API_SERVER_PORT = 6443;
export const KUBE_DNS_SERVICE_IP = '10.96.0.10';

const serviceSpec = {
  clusterIP: KUBERNETES_SERVICE_IP,
  clusterIPs: [KUBERNETES_SERVICE_IP],
  internalTrafficPolicy: 'Cluster',
  ipFamilies: ['IPv4'],
  ipFamilyPolicy: 'SingleStack',
  ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: API_SERVER_PORT }],
  sessionAffinity: 'None',
  type: 'ClusterIP',
};
const serviceLabels = { component: 'apiserver', provider: 'kubernetes' };
const serviceStatus = { loadBalancer: {} };
const endpointsLabels = { 'endpointslice.kubernetes.io/skip-mirror': 'true' };
const endpointsSubsets = [{ addresses: [{ ip: nodeIP(0) }], ports: [{ name: 'https', port: API_SERVER_PORT, protocol: 'TCP' }] }];
const sliceLabels = { 'kubernetes.io/service-name': 'kubernetes' };
const sliceEndpoints = [{ addresses: [nodeIP(0)], conditions: { ready: true } }];
const slicePorts = [{ name: 'https', port: API_SERVER_PORT, protocol: 'TCP' }];

const kubeDnsSpec = {
  clusterIP: KUBE_DNS_SERVICE_IP,
  clusterIPs: [KUBE_DNS_SERVICE_IP],
  internalTrafficPolicy: 'Cluster',
  ipFamilies: ['IPv4'],
  ipFamilyPolicy: 'SingleStack',
  ports: [
    { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
    { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
    { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 },
  ],
  selector: { 'k8s-app': 'kube-dns' },
  sessionAffinity: 'None',
  type: 'ClusterIP',
};
const kubeDnsLabels = { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' };
const kubeDnsAnnotations = { 'prometheus.io/port': '9153', 'prometheus.io/scrape': 'true' };

export function services(ctx: BootstrapContext): BootstrapObject[] {
  const base = (name: string) => ({ creationTimestamp: ctx.timestamp, name, namespace: 'default', uid: ctx.ids.uid() });
  const service = { apiVersion: 'v1', kind: 'Service', metadata: { ...base('kubernetes'), labels: serviceLabels }, spec: serviceSpec, status: serviceStatus };
  const endpoints = { apiVersion: 'v1', kind: 'Endpoints', metadata: { ...base('kubernetes'), labels: endpointsLabels }, subsets: endpointsSubsets };
  const slice = {
    addressType: 'IPv4',
    apiVersion: 'discovery.k8s.io/v1',
    endpoints: sliceEndpoints,
    kind: 'EndpointSlice',
    metadata: { ...base('kubernetes'), generation: 1, labels: sliceLabels },
    ports: slicePorts,
  };
  const kubeDns = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { annotations: kubeDnsAnnotations, creationTimestamp: ctx.timestamp, labels: kubeDnsLabels, name: 'kube-dns', namespace: 'kube-system', uid: ctx.ids.uid() },
    spec: kubeDnsSpec,
    status: serviceStatus,
  };
  return [
    { resource: 'services', object: service as KubeObject },
    { resource: 'services', object: kubeDns as KubeObject },
    { resource: 'endpoints', object: endpoints as KubeObject },
    { resource: 'endpointslices.discovery.k8s.io', object: slice as KubeObject },
  ];
}
