// Service validation (ValidateService, ValidateServiceUpdate, ValidateServiceStatusUpdate and
// ValidateServiceClusterIPsRelatedFields in pkg/apis/core/validation), worded as upstream.
import { fieldErrors as fe, type FieldError, type FieldPath, path } from '../../../../apimachinery/field-errors.ts';
import { isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidPortName, isValidPortNum } from '../../../../apimachinery/validation/names.ts';
import { validateLabels } from '../../../../apimachinery/validation/object-meta.ts';
import type * as corev1 from '../../../../generated/k8s/core/v1.ts';
import { ipFamilyOf, validateCIDR, validateIP, validateNonSpecialIP } from '../shared/ip-address.ts';
import { goServicePortKey, pointerValue } from './go-values.ts';
import { externallyAccessible, isHeadless, needsHealthCheck, type Service } from './types.ts';

const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const SESSION_AFFINITIES = ['ClientIP', 'None'];
const SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const INTERNAL_TRAFFIC_POLICIES = ['Cluster', 'Local'];
const EXTERNAL_TRAFFIC_POLICIES = ['Cluster', 'Local'];
const IP_FAMILIES = ['IPv4', 'IPv6'];
const IP_FAMILY_POLICIES = ['PreferDualStack', 'RequireDualStack', 'SingleStack'];
const MAX_CLIENT_IP_AFFINITY_SECONDS = 86400;
const TOPOLOGY_MODE = 'service.kubernetes.io/topology-mode';
const TOPOLOGY_HINTS = 'service.kubernetes.io/topology-aware-hints';
const LB_SOURCE_RANGES = 'service.beta.kubernetes.io/load-balancer-source-ranges';

const spec = path('spec');

/** ValidatePortNumOrName. */
export function validatePortNumOrName(port: number | string, fld: FieldPath): FieldError[] {
  if (typeof port === 'number') return isValidPortNum(port).map((m) => fe.invalid(fld, port, m));
  return isValidPortName(port).map((m) => fe.invalid(fld, port, m));
}

function validateServicePort(sp: corev1.ServicePort, requireName: boolean, names: Set<string>, fld: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const name = sp.name ?? '';
  if (requireName && name === '') errs.push(fe.required(fld.child('name'), ''));
  else if (name !== '') {
    for (const m of isDNS1123Label(name)) errs.push(fe.invalid(fld.child('name'), name, m));
    if (names.has(name)) errs.push(fe.duplicate(fld.child('name'), name));
    else names.add(name);
  }
  const port = sp.port ?? 0;
  for (const m of isValidPortNum(port)) errs.push(fe.invalid(fld.child('port'), port, m));
  if (!sp.protocol) errs.push(fe.required(fld.child('protocol'), ''));
  else if (!PROTOCOLS.includes(sp.protocol)) errs.push(fe.notSupported(fld.child('protocol'), sp.protocol, PROTOCOLS));
  errs.push(...validatePortNumOrName(sp.targetPort ?? 0, fld.child('targetPort')));
  if (sp.appProtocol !== undefined) for (const m of isQualifiedName(sp.appProtocol)) errs.push(fe.invalid(fld.child('appProtocol'), sp.appProtocol, m));
  return errs;
}

function validateClientIPAffinityConfig(config: corev1.SessionAffinityConfig | undefined, fld: FieldPath): FieldError[] {
  const why = 'when session affinity type is ClientIP';
  if (!config) return [fe.required(fld, why)];
  if (!config.clientIP) return [fe.required(fld.child('clientIP'), why)];
  const timeout = config.clientIP.timeoutSeconds;
  if (timeout === undefined) return [fe.required(fld.child('clientIP', 'timeoutSeconds'), why)];
  if (timeout <= 0 || timeout > MAX_CLIENT_IP_AFFINITY_SECONDS) {
    return [fe.invalid(fld.child('clientIP', 'timeoutSeconds'), timeout, `must be greater than 0 and less than ${MAX_CLIENT_IP_AFFINITY_SECONDS}`)];
  }
  return [];
}

/** ValidateServiceClusterIPsRelatedFields: clusterIP/clusterIPs agree, families and policy are sane. */
export function validateClusterIPsRelatedFields(svc: Service): FieldError[] {
  const s = svc.spec ?? {};
  if (s.type === 'ExternalName') return [];
  const errs: FieldError[] = [];
  const ipsField = spec.child('clusterIPs');
  const familiesField = spec.child('ipFamilies');
  const ips = s.clusterIPs ?? [];
  if (s.clusterIP) {
    if (ips.length === 0) errs.push(fe.required(ipsField, ''));
    else if (ips[0] !== s.clusterIP) errs.push(fe.invalid(ipsField, ips, 'first value must match `clusterIP`'));
  } else if (ips.length !== 0) {
    errs.push(fe.invalid(ipsField, ips, 'must be empty when `clusterIP` is not specified'));
  }
  const seen = new Set<string>();
  (s.ipFamilies ?? []).forEach((f, i) => {
    if (!IP_FAMILIES.includes(f)) errs.push(fe.notSupported(familiesField.index(i), f, IP_FAMILIES));
    if (seen.has(f)) errs.push(fe.duplicate(familiesField.index(i), f));
    seen.add(f);
  });
  if (s.ipFamilyPolicy !== undefined && !IP_FAMILY_POLICIES.includes(s.ipFamilyPolicy)) {
    errs.push(fe.notSupported(spec.child('ipFamilyPolicy'), s.ipFamilyPolicy, IP_FAMILY_POLICIES));
  }
  let invalidIPs = false;
  ips.forEach((ip, i) => {
    if (i === 0 && ip === 'None') {
      if (ips.length > 1) {
        invalidIPs = true;
        errs.push(fe.invalid(ipsField, ips, "'None' must be the first and only value"));
      }
      return;
    }
    const e = validateIP(ipsField.index(i), ip);
    if (e.length) invalidIPs = true;
    errs.push(...e);
  });
  if (ips.length > 2) errs.push(fe.invalid(ipsField, ips, 'may only hold up to 2 values'));
  if (invalidIPs) return errs;
  if (ips.length > 1 && (ips.length !== 2 || ipFamilyOf(ips[0]!) === ipFamilyOf(ips[1]!))) {
    errs.push(fe.invalid(ipsField, ips, 'may specify no more than one IP for each IP family'));
  }
  const families = s.ipFamilies ?? [];
  if (!isHeadless(svc) && ips.length > 0 && families.length > 0) {
    ips.forEach((ip, i) => {
      if (i > families.length - 1) return;
      const v6 = ipFamilyOf(ip) === 'IPv6';
      if (families[i] === 'IPv4' && v6) errs.push(fe.invalid(ipsField.index(i), ip, `expected an IPv4 value as indicated by \`ipFamilies[${i}]\``));
      if (families[i] === 'IPv6' && !v6) errs.push(fe.invalid(ipsField.index(i), ip, `expected an IPv6 value as indicated by \`ipFamilies[${i}]\``));
    });
  }
  return errs;
}

function validateExternalTrafficPolicy(svc: Service): FieldError[] {
  const s = svc.spec ?? {};
  const errs: FieldError[] = [];
  if (!externallyAccessible(svc)) {
    if (s.externalTrafficPolicy) errs.push(fe.invalid(spec.child('externalTrafficPolicy'), s.externalTrafficPolicy, 'may only be set for externally-accessible services'));
  } else if (!s.externalTrafficPolicy) {
    errs.push(fe.required(spec.child('externalTrafficPolicy'), ''));
  } else if (!EXTERNAL_TRAFFIC_POLICIES.includes(s.externalTrafficPolicy)) {
    errs.push(fe.notSupported(spec.child('externalTrafficPolicy'), s.externalTrafficPolicy, EXTERNAL_TRAFFIC_POLICIES));
  }
  const hc = s.healthCheckNodePort ?? 0;
  if (!needsHealthCheck(svc)) {
    if (hc !== 0) errs.push(fe.invalid(spec.child('healthCheckNodePort'), hc, "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'"));
  } else if (hc === 0) {
    errs.push(fe.required(spec.child('healthCheckNodePort'), ''));
  } else {
    for (const m of isValidPortNum(hc)) errs.push(fe.invalid(spec.child('healthCheckNodePort'), hc, m));
  }
  return errs;
}

function validateLoadBalancerClass(old: Service | undefined, svc: Service): FieldError[] {
  const errs: FieldError[] = [];
  const cls = svc.spec?.loadBalancerClass;
  const fld = spec.child('loadBalancerClass');
  if (old && old.spec?.type === 'LoadBalancer' && svc.spec?.type === 'LoadBalancer' && old.spec.loadBalancerClass !== cls) {
    errs.push(fe.invalid(fld, pointerValue(cls), 'may not change once set'));
  }
  if (svc.spec?.type === 'LoadBalancer') {
    if (cls !== undefined) for (const m of isQualifiedName(cls)) errs.push(fe.invalid(fld, cls, m));
  } else if (cls !== undefined) {
    errs.push(fe.forbidden(fld, "may only be used when `type` is 'LoadBalancer'"));
  }
  return errs;
}

/** ValidateService, without ObjectMeta (the generic store validates that). */
export function validateService(svc: Service): FieldError[] {
  const errs: FieldError[] = [];
  const s = svc.spec ?? {};
  const annotations = svc.metadata.annotations ?? {};
  if (TOPOLOGY_MODE in annotations && TOPOLOGY_HINTS in annotations && annotations[TOPOLOGY_MODE] !== annotations[TOPOLOGY_HINTS]) {
    errs.push(fe.invalid(path('metadata', 'annotations').key(TOPOLOGY_MODE), annotations[TOPOLOGY_MODE], `must match annotations[${TOPOLOGY_HINTS}] when both are specified`));
  }
  const ports = s.ports ?? [];
  const headless = isHeadless(svc);
  if (ports.length === 0 && !headless && s.type !== 'ExternalName') errs.push(fe.required(spec.child('ports'), ''));
  switch (s.type) {
    case 'LoadBalancer':
      if (headless) errs.push(fe.invalid(spec.child('clusterIPs').index(0), s.clusterIPs![0], "may not be set to 'None' for LoadBalancer services"));
      break;
    case 'NodePort':
      if (headless) errs.push(fe.invalid(spec.child('clusterIPs').index(0), s.clusterIPs![0], "may not be set to 'None' for NodePort services"));
      break;
    case 'ExternalName': {
      if ((s.clusterIPs ?? []).length > 0) errs.push(fe.forbidden(spec.child('clusterIPs'), 'may not be set for ExternalName services'));
      if ((s.ipFamilies ?? []).length > 0) errs.push(fe.forbidden(spec.child('ipFamilies'), 'may not be set for ExternalName services'));
      if (s.ipFamilyPolicy !== undefined) errs.push(fe.forbidden(spec.child('ipFamilyPolicy'), 'may not be set for ExternalName services'));
      const cname = (s.externalName ?? '').replace(/\.$/, '');
      if (cname) for (const m of isDNS1123Subdomain(cname)) errs.push(fe.invalid(spec.child('externalName'), cname, m));
      else errs.push(fe.required(spec.child('externalName'), ''));
      break;
    }
  }
  const names = new Set<string>();
  ports.forEach((p, i) => errs.push(...validateServicePort(p, ports.length > 1, names, spec.child('ports').index(i))));
  if (s.selector) errs.push(...validateLabels(s.selector, spec.child('selector')));
  if (!s.sessionAffinity) errs.push(fe.required(spec.child('sessionAffinity'), ''));
  else if (!SESSION_AFFINITIES.includes(s.sessionAffinity)) errs.push(fe.notSupported(spec.child('sessionAffinity'), s.sessionAffinity, SESSION_AFFINITIES));
  if (s.sessionAffinity === 'ClientIP') errs.push(...validateClientIPAffinityConfig(s.sessionAffinityConfig, spec.child('sessionAffinityConfig')));
  else if (s.sessionAffinity === 'None' && s.sessionAffinityConfig) {
    errs.push(fe.forbidden(spec.child('sessionAffinityConfig'), 'must not be set when session affinity is None'));
  }
  errs.push(...validateClusterIPsRelatedFields(svc));
  (s.externalIPs ?? []).forEach((ip, i) => {
    const fld = spec.child('externalIPs').index(i);
    const e = validateIP(fld, ip);
    errs.push(...(e.length ? e : validateNonSpecialIP(ip, fld)));
  });
  if (!s.type) errs.push(fe.required(spec.child('type'), ''));
  else if (!SERVICE_TYPES.includes(s.type)) errs.push(fe.notSupported(spec.child('type'), s.type, SERVICE_TYPES));
  if (s.type === 'ClusterIP') {
    ports.forEach((p, i) => {
      if ((p.nodePort ?? 0) !== 0) errs.push(fe.forbidden(spec.child('ports').index(i).child('nodePort'), "may not be used when `type` is 'ClusterIP'"));
    });
  }
  const nodePorts = new Set<string>();
  ports.forEach((p, i) => {
    if (!p.nodePort) return;
    const key = `${p.protocol}/${p.nodePort}`;
    if (nodePorts.has(key)) errs.push(fe.duplicate(spec.child('ports').index(i).child('nodePort'), p.nodePort));
    nodePorts.add(key);
  });
  const seenPorts = new Set<string>();
  ports.forEach((p, i) => {
    const key = `${p.protocol ?? ''}/${p.port ?? 0}`;
    if (seenPorts.has(key)) errs.push(fe.duplicate(spec.child('ports').index(i), goServicePortKey(p.protocol ?? '', p.port ?? 0)));
    seenPorts.add(key);
  });
  if ((s.loadBalancerSourceRanges ?? []).length > 0) {
    const fld = spec.child('LoadBalancerSourceRanges');
    if (s.type !== 'LoadBalancer') errs.push(fe.forbidden(fld, "may only be used when `type` is 'LoadBalancer'"));
    s.loadBalancerSourceRanges!.forEach((v, i) => errs.push(...validateCIDR(fld.index(i), v.trim())));
  } else if (LB_SOURCE_RANGES in annotations) {
    const fld = path('metadata', 'annotations').key(LB_SOURCE_RANGES);
    if (s.type !== 'LoadBalancer') errs.push(fe.forbidden(fld, "may only be used when `type` is 'LoadBalancer'"));
    const val = annotations[LB_SOURCE_RANGES]!.trim();
    if (val) for (const cidr of val.split(',')) errs.push(...validateCIDR(fld, cidr.trim()));
  }
  if (s.allocateLoadBalancerNodePorts !== undefined && s.type !== 'LoadBalancer') {
    errs.push(fe.forbidden(spec.child('allocateLoadBalancerNodePorts'), "may only be used when `type` is 'LoadBalancer'"));
  }
  if (s.type === 'LoadBalancer' && s.allocateLoadBalancerNodePorts === undefined) errs.push(fe.required(path('allocateLoadBalancerNodePorts'), ''));
  errs.push(...validateLoadBalancerClass(undefined, svc));
  errs.push(...validateExternalTrafficPolicy(svc));
  if (s.internalTrafficPolicy === undefined) {
    if (s.type === 'NodePort' || s.type === 'LoadBalancer' || s.type === 'ClusterIP') errs.push(fe.required(spec.child('internalTrafficPolicy'), ''));
  } else if (!INTERNAL_TRAFFIC_POLICIES.includes(s.internalTrafficPolicy)) {
    errs.push(fe.notSupported(spec.child('internalTrafficPolicy'), s.internalTrafficPolicy, INTERNAL_TRAFFIC_POLICIES));
  }
  if (s.trafficDistribution !== undefined && !['PreferClose', 'PreferSameZone', 'PreferSameNode'].includes(s.trafficDistribution)) {
    errs.push(fe.notSupported(spec.child('trafficDistribution'), s.trafficDistribution, ['PreferClose', 'PreferSameZone', 'PreferSameNode']));
  }
  return errs;
}

function validateUpgradeDowngradeClusterIPs(old: Service, svc: Service): FieldError[] {
  const errs: FieldError[] = [];
  if (svc.spec?.type === 'ExternalName' || old.spec?.type === 'ExternalName') return errs;
  if (isHeadless(old) && isHeadless(svc)) return errs;
  const oldIPs = old.spec?.clusterIPs ?? [];
  const ips = svc.spec?.clusterIPs ?? [];
  const fld = spec.child('clusterIPs');
  if (oldIPs.length === ips.length) {
    oldIPs.forEach((ip, i) => {
      if (ip !== ips[i]) errs.push(fe.invalid(fld.index(i), ips, 'may not change once set'));
    });
  } else if (oldIPs.length > ips.length) {
    if (ips.length === 0) errs.push(fe.invalid(fld.index(0), ips, 'primary clusterIP can not be unset'));
    if (oldIPs.length > 0 && ips.length > 0 && ips[0] !== oldIPs[0]) errs.push(fe.invalid(fld.index(0), ips, 'may not change once set'));
    if (ips.length === 1 && svc.spec?.ipFamilyPolicy !== 'SingleStack') {
      errs.push(fe.invalid(spec.child('ipFamilyPolicy'), pointerValue(svc.spec?.ipFamilyPolicy), "must be set to 'SingleStack' when releasing the secondary clusterIP"));
    }
  } else if (oldIPs.length > 0 && ips[0] !== oldIPs[0]) {
    errs.push(fe.invalid(fld.index(0), ips, 'may not change once set'));
  }
  return errs;
}

function validateUpgradeDowngradeIPFamilies(old: Service, svc: Service): FieldError[] {
  const errs: FieldError[] = [];
  if (svc.spec?.type === 'ExternalName' || old.spec?.type === 'ExternalName') return errs;
  if (isHeadless(old) !== isHeadless(svc) || isHeadless(svc)) return errs;
  const oldF = old.spec?.ipFamilies ?? [];
  const fams = svc.spec?.ipFamilies ?? [];
  const ips = svc.spec?.clusterIPs ?? [];
  const fld = spec.child('ipFamilies').index(0);
  if (oldF.length === fams.length) {
    oldF.forEach((f, i) => {
      if (f !== fams[i]) errs.push(fe.invalid(fld, fams, 'may not change once set'));
    });
  } else if (oldF.length > fams.length) {
    if (ips.length === 0) errs.push(fe.invalid(fld, fams, 'primary ipFamily can not be unset'));
    if (fams.length > 0 && fams[0] !== oldF[0]) errs.push(fe.invalid(fld, ips, 'may not change once set'));
    if (fams.length === 1 && svc.spec?.ipFamilyPolicy !== 'SingleStack') {
      errs.push(fe.invalid(spec.child('ipFamilyPolicy'), pointerValue(svc.spec?.ipFamilyPolicy), "must be set to 'SingleStack' when releasing the secondary ipFamily"));
    }
  } else if (oldF.length > 0 && fams.length > 0 && fams[0] !== oldF[0]) {
    errs.push(fe.invalid(fld, ips, 'may not change once set'));
  }
  return errs;
}

/** ValidateServiceUpdate, without ObjectMeta. */
export function validateServiceUpdate(svc: Service, old: Service): FieldError[] {
  const errs = [...validateUpgradeDowngradeClusterIPs(old, svc), ...validateUpgradeDowngradeIPFamilies(old, svc), ...validateLoadBalancerClass(old, svc)];
  if (needsHealthCheck(old) && needsHealthCheck(svc) && svc.spec?.healthCheckNodePort !== old.spec?.healthCheckNodePort) {
    errs.push(fe.forbidden(spec.child('healthCheckNodePort'), 'field is immutable'));
  }
  // As upstream, ValidateService checks loadBalancerClass again; the aggregate drops repeats.
  return [...errs, ...validateService(svc)];
}

/** ValidateLoadBalancerStatus (the /status subresource). */
export function validateServiceStatus(svc: Service): FieldError[] {
  const errs: FieldError[] = [];
  const ingress = svc.status?.loadBalancer?.ingress ?? [];
  const fld = path('status', 'loadBalancer', 'ingress');
  if (svc.spec?.type !== 'LoadBalancer' && ingress.length !== 0) {
    return [fe.forbidden(fld, "may only be used when `spec.type` is 'LoadBalancer'")];
  }
  ingress.forEach((ing, i) => {
    const p = fld.index(i);
    if (ing.ip) errs.push(...validateIP(p.child('ip'), ing.ip));
    if (ing.ipMode === undefined) {
      if (ing.ip) errs.push(fe.required(p.child('ipMode'), 'must be specified when `ip` is set'));
    } else if (!ing.ip) {
      errs.push(fe.forbidden(p.child('ipMode'), 'may not be specified when `ip` is not set'));
    } else if (!['Proxy', 'VIP'].includes(ing.ipMode)) {
      errs.push(fe.notSupported(p.child('ipMode'), ing.ipMode, ['Proxy', 'VIP']));
    }
    if (ing.hostname) {
      for (const m of isDNS1123Subdomain(ing.hostname)) errs.push(fe.invalid(p.child('hostname'), ing.hostname, m));
      if (ipFamilyOf(ing.hostname)) errs.push(fe.invalid(p.child('hostname'), ing.hostname, 'must be a DNS name, not an IP address'));
    }
  });
  return errs;
}
