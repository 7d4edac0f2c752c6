// Where a packet to ip:port ends up, as kube-proxy (iptables mode) and the node network route
// it: a Service's ClusterIP, NodePort (on any node's InternalIP) or load-balancer address → one
// of its ready endpoints (terminating-but-serving ones when no endpoint is ready) with the
// Service port's targetPort as the slice resolved it; no endpoint → REJECT (connection refused);
// a ClusterIP on a port the Service does not expose → nothing answers (timeout). A pod IP goes
// to the pod; the nodes' ports 80/443 to the ingress controller (kind's extraPortMappings), the
// control plane's 6443 to the API server; the DNS Service to the cluster DNS.
import type * as corev1 from '../../../generated/k8s/core/v1.ts';
import { INGRESS_LB_IP } from '../../controllers/service-lb/plan.ts';
import { KUBE_DNS_SERVICE_IP } from '../../bootstrap/services.ts';
import { type Node, nodeIPs, type ObjectSource, type Pod, podByIP, podHoldsIP, type Service, slicesOf } from './view.ts';

export type Destination =
  | { kind: 'pod'; ip: string; port: number; pod: Pod; via?: { service: Service; nodePort: boolean } }
  /** A pod IP with no pod behind it now, or an address outside the cluster. */
  | { kind: 'nowhere' }
  | { kind: 'refused' }
  | { kind: 'ingress'; port: number }
  | { kind: 'apiserver' }
  | { kind: 'dns' };

/** Chooses one of `n` endpoints for a connection to `svc` (round-robin, or ClientIP affinity). */
export type Picker = (svc: Service, n: number) => number;

export interface Endpoint {
  ip: string;
  port: number;
}

/** The endpoints a Service port sends to: ready ones, else serving terminating ones. */
export function serviceEndpoints(src: ObjectSource, svc: Service, sp: corev1.ServicePort): Endpoint[] {
  const ready: Endpoint[] = [];
  const terminating: Endpoint[] = [];
  const name = sp.name ?? '';
  const protocol = sp.protocol ?? 'TCP';
  for (const slice of slicesOf(src, svc.metadata.namespace!, svc.metadata.name)) {
    const port = (slice.ports ?? []).find((p) => (p.name ?? '') === name && (p.protocol ?? 'TCP') === protocol)?.port;
    if (port === undefined) continue;
    for (const e of slice.endpoints ?? []) {
      const ip = e.addresses[0];
      if (!ip) continue;
      if (e.conditions?.ready !== false) ready.push({ ip, port });
      else if (e.conditions?.serving && e.conditions.terminating) terminating.push({ ip, port });
    }
  }
  const pick = ready.length ? ready : terminating;
  return pick.sort((a, b) => (a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : 0));
}

function toEndpoint(src: ObjectSource, svc: Service, sp: corev1.ServicePort, pick: Picker, nodePort: boolean): Destination {
  const eps = serviceEndpoints(src, svc, sp);
  if (!eps.length) return { kind: 'refused' };
  const ep = eps[pick(svc, eps.length) % eps.length]!;
  const pod = podByIP(src, ep.ip);
  if (!pod) return ep.port === 6443 && nodeIPs(src)[0] === ep.ip ? { kind: 'apiserver' } : { kind: 'nowhere' };
  return { kind: 'pod', ip: ep.ip, port: ep.port, pod, via: { service: svc, nodePort } };
}

/** Routes a TCP (or UDP) packet to ip:port. */
export function routeTo(src: ObjectSource, ip: string, port: number, pick: Picker, protocol = 'TCP'): Destination {
  if (ip === KUBE_DNS_SERVICE_IP && port === 53) return { kind: 'dns' };
  if (ip === INGRESS_LB_IP) return port === 80 || port === 443 ? { kind: 'ingress', port } : { kind: 'nowhere' };
  const services = src.list('services') as Service[];
  for (const svc of services) {
    const s = svc.spec;
    if (!s || s.type === 'ExternalName') continue;
    const byClusterIP = s.clusterIP !== 'None' && (s.clusterIPs ?? [s.clusterIP]).includes(ip);
    const byLB = s.type === 'LoadBalancer' && (svc.status?.loadBalancer?.ingress ?? []).some((i) => i.ip === ip);
    const byExternal = (s.externalIPs ?? []).includes(ip);
    if (!byClusterIP && !byLB && !byExternal) continue;
    const sp = (s.ports ?? []).find((p) => p.port === port && (p.protocol ?? 'TCP') === protocol);
    if (!sp) return { kind: 'nowhere' };
    return toEndpoint(src, svc, sp, pick, false);
  }
  const nodes = nodeIPs(src);
  if (nodes.includes(ip)) {
    for (const svc of services) {
      if (svc.spec?.type !== 'NodePort' && svc.spec?.type !== 'LoadBalancer') continue;
      const sp = (svc.spec.ports ?? []).find((p) => p.nodePort === port && (p.protocol ?? 'TCP') === protocol);
      if (sp) return toEndpoint(src, svc, sp, pick, true);
    }
    const hostPort = hostPortPod(src, ip, port, protocol);
    if (hostPort) return hostPort;
    if (port === 80 || port === 443) return { kind: 'ingress', port };
    if (port === 6443 && ip === nodes[0]) return { kind: 'apiserver' };
    const hostNetwork = (src.list('pods') as Pod[]).find((p) => p.spec?.hostNetwork && p.status?.podIP === ip && podHoldsIP(p));
    if (hostNetwork) return { kind: 'pod', ip, port, pod: hostNetwork };
    return { kind: 'refused' };
  }
  const pod = podByIP(src, ip);
  if (pod) return { kind: 'pod', ip, port, pod };
  return { kind: 'nowhere' };
}

/** A pod on the node at `nodeIP` publishing `port` as a hostPort. */
function hostPortPod(src: ObjectSource, nodeIP: string, port: number, protocol: string): Destination | undefined {
  const node = (src.list('nodes') as Node[]).find((n) => n.status?.addresses?.some((a) => a.type === 'InternalIP' && a.address === nodeIP));
  if (!node) return undefined;
  for (const pod of src.list('pods') as Pod[]) {
    if (pod.spec?.nodeName !== node.metadata.name || !podHoldsIP(pod)) continue;
    for (const c of pod.spec.containers ?? []) {
      const cp = (c.ports ?? []).find((p) => p.hostPort === port && (p.protocol ?? 'TCP') === protocol);
      if (cp) return { kind: 'pod', ip: pod.status!.podIP!, port: cp.containerPort, pod };
    }
  }
  return undefined;
}
