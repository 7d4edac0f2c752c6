// NetworkPolicy validation with upstream's messages (pkg/apis/networking/validation
// ValidateNetworkPolicy*): selectors, ports (protocol, port, endPort), peers, ipBlocks and
// policyTypes. CIDRs the old object already had stay accepted on update.
import { fieldErrors as fe, type FieldError, type FieldPath, path, Rendered } from '../../../../apimachinery/field-errors.ts';
import { validateLabelSelector } from '../../../../apimachinery/validation/label-selector.ts';
import { isValidPortName, isValidPortNum } from '../../../../apimachinery/validation/names.ts';
import type * as netv1 from '../../../../generated/k8s/networking/v1.ts';
import { cidrContains, parseCIDR, validateCIDR } from '../net-validation.ts';

const PROTOCOLS = ['TCP', 'UDP', 'SCTP'];
const POLICY_TYPES = ['Ingress', 'Egress'];

export function validatePort(port: netv1.NetworkPolicyPort, fld: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (port.protocol !== undefined && !PROTOCOLS.includes(port.protocol)) errs.push(fe.notSupported(fld.child('protocol'), port.protocol, PROTOCOLS));
  if (port.port !== undefined) {
    if (typeof port.port === 'number') {
      for (const m of isValidPortNum(port.port)) errs.push(fe.invalid(fld.child('port'), port.port, m));
      if (port.endPort !== undefined) {
        if (port.endPort < port.port) errs.push(fe.invalid(fld.child('endPort'), port.endPort, 'must be greater than or equal to `port`'));
        for (const m of isValidPortNum(port.endPort)) errs.push(fe.invalid(fld.child('endPort'), port.endPort, m));
      }
    } else {
      if (port.endPort !== undefined) errs.push(fe.invalid(fld.child('endPort'), port.endPort, 'may not be specified when `port` is non-numeric'));
      for (const m of isValidPortName(port.port)) errs.push(fe.invalid(fld.child('port'), port.port, m));
    }
  } else if (port.endPort !== undefined) {
    errs.push(fe.invalid(fld.child('endPort'), port.endPort, 'may not be specified when `port` is not specified'));
  }
  return errs;
}

function validateIPBlock(b: netv1.IPBlock, fld: FieldPath, allowedCIDRs: readonly string[]): FieldError[] {
  if (!b.cidr) return [fe.required(fld.child('cidr'))];
  const errs = validateCIDR(fld.child('cidr'), b.cidr, allowedCIDRs);
  const outer = parseCIDR(b.cidr);
  if (!outer) return errs;
  (b.except ?? []).forEach((ex, i) => {
    const p = fld.child('except').index(i);
    errs.push(...validateCIDR(p, ex, allowedCIDRs));
    const inner = parseCIDR(ex);
    if (!inner) return;
    if (!cidrContains(outer, inner) || outer.prefix >= inner.prefix) errs.push(fe.invalid(p, ex, 'must be a strict subset of `cidr`'));
  });
  return errs;
}

export function validatePeer(peer: netv1.NetworkPolicyPeer, fld: FieldPath, allowedCIDRs: readonly string[]): FieldError[] {
  const errs: FieldError[] = [];
  let n = 0;
  if (peer.podSelector) {
    n++;
    errs.push(...validateLabelSelector(peer.podSelector, {}, fld.child('podSelector')));
  }
  if (peer.namespaceSelector) {
    n++;
    errs.push(...validateLabelSelector(peer.namespaceSelector, {}, fld.child('namespaceSelector')));
  }
  if (peer.ipBlock) {
    n++;
    errs.push(...validateIPBlock(peer.ipBlock, fld.child('ipBlock'), allowedCIDRs));
  }
  if (n === 0) errs.push(fe.required(fld, 'must specify a peer'));
  else if (n > 1 && peer.ipBlock) errs.push(fe.forbidden(fld, 'may not specify both ipBlock and another peer'));
  return errs;
}

export function validateNetworkPolicySpec(spec: netv1.NetworkPolicySpec | undefined, allowedCIDRs: readonly string[] = []): FieldError[] {
  const s = spec ?? {};
  const fld = path('spec');
  const errs = validateLabelSelector(s.podSelector ?? {}, {}, fld.child('podSelector'));
  (s.ingress ?? []).forEach((rule, i) => {
    const p = fld.child('ingress').index(i);
    (rule.ports ?? []).forEach((port, j) => errs.push(...validatePort(port, p.child('ports').index(j))));
    (rule.from ?? []).forEach((peer, j) => errs.push(...validatePeer(peer, p.child('from').index(j), allowedCIDRs)));
  });
  (s.egress ?? []).forEach((rule, i) => {
    const p = fld.child('egress').index(i);
    (rule.ports ?? []).forEach((port, j) => errs.push(...validatePort(port, p.child('ports').index(j))));
    (rule.to ?? []).forEach((peer, j) => errs.push(...validatePeer(peer, p.child('to').index(j), allowedCIDRs)));
  });
  const types = s.policyTypes ?? [];
  if (types.length > POLICY_TYPES.length) {
    errs.push(fe.invalid(fld.child('policyTypes'), new Rendered(`&[]networking.PolicyType{${types.map((t) => JSON.stringify(t)).join(', ')}}`), 'may not specify more than two policyTypes'));
    return errs;
  }
  types.forEach((t, i) => {
    if (!POLICY_TYPES.includes(t)) errs.push(fe.notSupported(fld.child('policyTypes').index(i), t, POLICY_TYPES));
  });
  return errs;
}

/** The CIDRs of an existing policy, accepted again unchanged on update. */
export function existingCIDRs(spec: netv1.NetworkPolicySpec | undefined): string[] {
  const out: string[] = [];
  const peers = [...(spec?.ingress ?? []).flatMap((r) => r.from ?? []), ...(spec?.egress ?? []).flatMap((r) => r.to ?? [])];
  for (const p of peers) if (p.ipBlock) out.push(p.ipBlock.cidr, ...(p.ipBlock.except ?? []));
  return out;
}
