// Ingress validation with upstream's messages (pkg/apis/networking/validation ValidateIngress*):
// rules and hosts, paths by pathType, backends (service name and port, or a resource), TLS.
import { fieldErrors as fe, type FieldError, type FieldPath, path, Rendered } from '../../../../apimachinery/field-errors.ts';
import { isDNS1035Label, isDNS1123Subdomain, isValidPortName, isValidPortNum } from '../../../../apimachinery/validation/names.ts';
import { validatePathSegmentName } from '../../../../apimachinery/validation/object-meta.ts';
import type * as netv1 from '../../../../generated/k8s/networking/v1.ts';
import { isIPAddress, isWildcardDNS1123Subdomain, validateIP } from '../net-validation.ts';

const ANNOTATION_INGRESS_CLASS = 'kubernetes.io/ingress.class';
const PATH_TYPES = ['Exact', 'ImplementationSpecific', 'Prefix'];
const INVALID_SEQUENCES = ['//', '/./', '/../', '%2f', '%2F'];
const INVALID_SUFFIXES = ['/..', '/.'];

interface Options {
  allowInvalidSecretName: boolean;
  allowInvalidWildcardHostRule: boolean;
}

function validateTypedLocalObjectReference(ref: netv1.IngressBackend['resource'], fld: FieldPath): FieldError[] {
  if (!ref) return [];
  const errs: FieldError[] = [];
  if (ref.apiGroup !== undefined) for (const m of isDNS1123Subdomain(ref.apiGroup)) errs.push(fe.invalid(fld.child('apiGroup'), ref.apiGroup, m));
  if (!ref.kind) errs.push(fe.required(fld.child('kind')));
  else for (const m of validatePathSegmentName(ref.kind, false)) errs.push(fe.invalid(fld.child('kind'), ref.kind, m));
  if (!ref.name) errs.push(fe.required(fld.child('name')));
  else for (const m of validatePathSegmentName(ref.name, false)) errs.push(fe.invalid(fld.child('name'), ref.name, m));
  return errs;
}

export function validateIngressBackend(backend: netv1.IngressBackend, fld: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const svc = backend.service;
  if (backend.resource && svc) return [fe.invalid(fld, '', 'cannot set both resource and service backends')];
  if (backend.resource) return validateTypedLocalObjectReference(backend.resource, fld.child('resource'));
  if (!svc) return [fe.invalid(fld, '', 'resource or service backend is required')];
  if (!svc.name) errs.push(fe.required(fld.child('service', 'name')));
  else for (const m of isDNS1035Label(svc.name)) errs.push(fe.invalid(fld.child('service', 'name'), svc.name, m));
  const portName = svc.port?.name ?? '';
  const portNumber = svc.port?.number ?? 0;
  if (portName && portNumber) errs.push(fe.invalid(fld, '', 'cannot set both port name & port number'));
  else if (portName) for (const m of isValidPortName(portName)) errs.push(fe.invalid(fld.child('service', 'port', 'name'), portName, m));
  else if (portNumber) for (const m of isValidPortNum(portNumber)) errs.push(fe.invalid(fld.child('service', 'port', 'number'), portNumber, m));
  else errs.push(fe.required(fld, 'port name or number is required'));
  return errs;
}

function validateHTTPPath(p: netv1.HTTPIngressPath, fld: FieldPath): FieldError[] {
  if (p.pathType === undefined) return [fe.required(fld.child('pathType'), 'pathType must be specified')];
  const errs: FieldError[] = [];
  const value = p.path ?? '';
  switch (p.pathType) {
    case 'Exact':
    case 'Prefix':
      if (!value.startsWith('/')) errs.push(fe.invalid(fld.child('path'), value, 'must be an absolute path'));
      if (value.length > 0) {
        for (const seq of INVALID_SEQUENCES) if (value.includes(seq)) errs.push(fe.invalid(fld.child('path'), value, `must not contain '${seq}'`));
        for (const suf of INVALID_SUFFIXES) if (value.endsWith(suf)) errs.push(fe.invalid(fld.child('path'), value, `cannot end with '${suf}'`));
      }
      break;
    case 'ImplementationSpecific':
      if (value.length > 0 && !value.startsWith('/')) errs.push(fe.invalid(fld.child('path'), value, 'must be an absolute path'));
      break;
    default:
      errs.push(fe.notSupported(fld.child('pathType'), p.pathType, PATH_TYPES));
  }
  errs.push(...validateIngressBackend(p.backend ?? {}, fld.child('backend')));
  return errs;
}

function validateRuleValue(rule: netv1.IngressRule, fld: FieldPath): FieldError[] {
  if (!rule.http) return [];
  const errs: FieldError[] = [];
  const paths = rule.http.paths ?? [];
  if (paths.length === 0) errs.push(fe.required(fld.child('http', 'paths')));
  paths.forEach((p, i) => errs.push(...validateHTTPPath(p, fld.child('http', 'paths').index(i))));
  return errs;
}

function validateRules(rules: readonly netv1.IngressRule[], fld: FieldPath, opts: Options): FieldError[] {
  const errs: FieldError[] = [];
  rules.forEach((rule, i) => {
    const host = rule.host ?? '';
    let wildcard = false;
    if (host) {
      if (isIPAddress(host)) errs.push(fe.invalid(fld.index(i).child('host'), host, 'must be a DNS name, not an IP address'));
      if (host.includes('*')) {
        for (const m of isWildcardDNS1123Subdomain(host)) errs.push(fe.invalid(fld.index(i).child('host'), host, m));
        wildcard = true;
      } else {
        for (const m of isDNS1123Subdomain(host)) errs.push(fe.invalid(fld.index(i).child('host'), host, m));
      }
    }
    if (!wildcard || !opts.allowInvalidWildcardHostRule) errs.push(...validateRuleValue(rule, fld.index(i)));
  });
  return errs;
}

function validateTLS(tls: readonly netv1.IngressTLS[], fld: FieldPath, opts: Options): FieldError[] {
  const errs: FieldError[] = [];
  tls.forEach((t, i) => {
    (t.hosts ?? []).forEach((host, j) => {
      const msgs = host.includes('*') ? isWildcardDNS1123Subdomain(host) : isDNS1123Subdomain(host);
      for (const m of msgs) errs.push(fe.invalid(fld.index(i).child('hosts').index(j), host, m));
    });
    if (!opts.allowInvalidSecretName && t.secretName) {
      for (const m of isDNS1123Subdomain(t.secretName)) errs.push(fe.invalid(fld.index(i).child('secretName'), t.secretName, m));
    }
  });
  return errs;
}

function validateSpec(spec: netv1.IngressSpec | undefined, opts: Options): FieldError[] {
  const s = spec ?? {};
  const fld = path('spec');
  const errs: FieldError[] = [];
  if (!s.rules?.length && !s.defaultBackend) {
    const shown = new Rendered(s.rules ? '[]networking.IngressRule{}' : '[]networking.IngressRule(nil)');
    errs.push(fe.invalid(fld, shown, 'either `defaultBackend` or `rules` must be specified'));
  }
  if (s.defaultBackend) errs.push(...validateIngressBackend(s.defaultBackend, fld.child('defaultBackend')));
  if (s.rules?.length) errs.push(...validateRules(s.rules, fld.child('rules'), opts));
  if (s.tls?.length) errs.push(...validateTLS(s.tls, fld.child('tls'), opts));
  if (s.ingressClassName !== undefined) {
    for (const m of isDNS1123Subdomain(s.ingressClassName)) errs.push(fe.invalid(fld.child('ingressClassName'), s.ingressClassName, m));
  }
  return errs;
}

export function validateIngressCreate(ing: netv1.Ingress): FieldError[] {
  const errs = validateSpec(ing.spec, { allowInvalidSecretName: false, allowInvalidWildcardHostRule: false });
  const annotation = ing.metadata?.annotations?.[ANNOTATION_INGRESS_CLASS];
  if (annotation !== undefined && ing.spec?.ingressClassName !== undefined && annotation !== ing.spec.ingressClassName) {
    errs.push(fe.invalid(path('annotations').child(ANNOTATION_INGRESS_CLASS), annotation, 'must match `ingressClassName` when both are specified'));
  }
  return errs;
}

export function validateIngressUpdate(ing: netv1.Ingress, old: netv1.Ingress): FieldError[] {
  const oldSpec = old.spec ?? {};
  const allowInvalidSecretName = (oldSpec.tls ?? []).some((t) => !!t.secretName && isDNS1123Subdomain(t.secretName).length > 0);
  const allowInvalidWildcardHostRule = (oldSpec.rules ?? []).some(
    (r) => (r.host ?? '').includes('*') && validateRuleValue(r, path('spec')).length > 0,
  );
  return validateSpec(ing.spec, { allowInvalidSecretName, allowInvalidWildcardHostRule });
}

export function validateIngressStatusUpdate(ing: netv1.Ingress, old: netv1.Ingress): FieldError[] {
  const errs: FieldError[] = [];
  const existing = (old.status?.loadBalancer?.ingress ?? []).map((i) => i.ip ?? '').filter((ip) => ip);
  (ing.status?.loadBalancer?.ingress ?? []).forEach((i, n) => {
    const p = path('status', 'loadBalancer', 'ingress').index(n);
    if (i.ip) errs.push(...validateIP(p.child('ip'), i.ip, existing));
    if (i.hostname) {
      for (const m of isDNS1123Subdomain(i.hostname)) errs.push(fe.invalid(p.child('hostname'), i.hostname, m));
      if (isIPAddress(i.hostname)) errs.push(fe.invalid(p.child('hostname'), i.hostname, 'must be a DNS name, not an IP address'));
    }
  });
  return errs;
}

/** WarningsOnCreate: the class annotation is deprecated. */
export function ingressWarnings(ing: netv1.Ingress): string[] {
  return ing.metadata?.annotations?.[ANNOTATION_INGRESS_CLASS] !== undefined
    ? [`annotation "${ANNOTATION_INGRESS_CLASS}" is deprecated, please use 'spec.ingressClassName' instead`]
    : [];
}
