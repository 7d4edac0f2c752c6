// NetworkPolicy evaluation (networking.k8s.io/v1, as a policy-enforcing CNI applies it): a pod
// is isolated for ingress (egress) when some policy of its namespace selects it and lists that
// policy type; an isolated pod accepts (sends) only what some rule of those policies allows.
// Rules allow peers (podSelector in the policy's namespace, namespaceSelector, both, ipBlock with
// except) on ports (number, number..endPort, container port name; protocol defaulting to TCP).
// Pods no policy selects are not isolated.
import { labelSelectorAsSelector } from '../../../apimachinery/labels.ts';
import type * as networkingv1 from '../../../generated/k8s/networking/v1.ts';
import { parseIPv4 } from '../../registry/core/shared/ip-address.ts';
import { NETWORK_POLICIES, type NetworkPolicy, type ObjectSource, type Pod } from './view.ts';

/** One end of a connection as policies see it. */
export interface PolicyPeer {
  ip: string;
  /** The pod at this address (absent for nodes, external addresses). */
  pod?: Pod;
  /** Its namespace's labels (for namespaceSelector). */
  namespaceLabels?: Record<string, string>;
}

export type Direction = 'Ingress' | 'Egress';

function policyTypes(p: NetworkPolicy): string[] {
  if (p.spec?.policyTypes?.length) return p.spec.policyTypes;
  return p.spec?.egress?.length ? ['Ingress', 'Egress'] : ['Ingress'];
}

function selects(selector: networkingv1.NetworkPolicySpec['podSelector'] | undefined, labels: Record<string, string> | undefined): boolean {
  try {
    return labelSelectorAsSelector(selector ?? {}).matches(labels);
  } catch {
    return false;
  }
}

/** The policies that isolate `pod` in `direction`. */
export function isolating(policies: readonly NetworkPolicy[], pod: Pod, direction: Direction): NetworkPolicy[] {
  return policies.filter((p) => p.metadata.namespace === pod.metadata.namespace && policyTypes(p).includes(direction) && selects(p.spec?.podSelector, pod.metadata.labels));
}

/** Whether `ip` is in the CIDR (IPv4). */
export function inCIDR(ip: string, cidr: string): boolean {
  const [base, bits] = cidr.split('/');
  const a = parseIPv4(ip);
  const b = parseIPv4(base ?? '');
  const n = Number(bits ?? 32);
  if (a === undefined || b === undefined || !(n >= 0 && n <= 32)) return false;
  if (n === 0) return true;
  const mask = (0xffffffff << (32 - n)) >>> 0;
  return ((a & mask) >>> 0) === ((b & mask) >>> 0);
}

/** Whether a rule's peer matches the other end (the policy lives in `policyNamespace`). */
export function peerMatches(peer: networkingv1.NetworkPolicyPeer, other: PolicyPeer, policyNamespace: string): boolean {
  if (peer.ipBlock) return inCIDR(other.ip, peer.ipBlock.cidr) && !(peer.ipBlock.except ?? []).some((c) => inCIDR(other.ip, c));
  if (!other.pod) return false;
  if (peer.namespaceSelector) {
    if (!selects(peer.namespaceSelector, other.namespaceLabels)) return false;
    return peer.podSelector ? selects(peer.podSelector, other.pod.metadata.labels) : true;
  }
  if (peer.podSelector) return other.pod.metadata.namespace === policyNamespace && selects(peer.podSelector, other.pod.metadata.labels);
  return false;
}

/** Whether a rule's ports admit `port`/`protocol` on the destination pod. */
export function portMatches(ports: readonly networkingv1.NetworkPolicyPort[] | undefined, port: number, protocol: string, dst: Pod | undefined): boolean {
  if (!ports?.length) return true;
  return ports.some((p) => {
    if ((p.protocol ?? 'TCP') !== protocol) return false;
    if (p.port === undefined) return true;
    if (typeof p.port === 'number') return p.endPort !== undefined ? port >= p.port && port <= p.endPort : port === p.port;
    if (/^\d+$/.test(p.port)) return port === Number(p.port);
    return (dst?.spec?.containers ?? []).some((c) => (c.ports ?? []).some((cp) => cp.name === p.port && cp.containerPort === port && (cp.protocol ?? 'TCP') === protocol));
  });
}

/** Whether the policies let `src` reach `dst` on port/protocol (both directions checked). */
export function policyAllows(policies: readonly NetworkPolicy[], src: PolicyPeer, dst: PolicyPeer, port: number, protocol = 'TCP'): boolean {
  if (src.pod) {
    const egress = isolating(policies, src.pod, 'Egress');
    if (egress.length && !egress.some((p) => (p.spec?.egress ?? []).some((r) => portMatches(r.ports, port, protocol, dst.pod) && (!r.to?.length || r.to.some((peer) => peerMatches(peer, dst, p.metadata.namespace!)))))) return false;
  }
  if (dst.pod) {
    const ingress = isolating(policies, dst.pod, 'Ingress');
    if (ingress.length && !ingress.some((p) => (p.spec?.ingress ?? []).some((r) => portMatches(r.ports, port, protocol, dst.pod) && (!r.from?.length || r.from.some((peer) => peerMatches(peer, src, p.metadata.namespace!)))))) return false;
  }
  return true;
}

/** All NetworkPolicies of the cluster (only the two pods' namespaces matter, but lists are small). */
export function policiesFor(src: ObjectSource, ...namespaces: Array<string | undefined>): NetworkPolicy[] {
  const out: NetworkPolicy[] = [];
  for (const ns of new Set(namespaces.filter((n): n is string => !!n))) out.push(...(src.list(NETWORK_POLICIES, ns) as NetworkPolicy[]));
  return out;
}
