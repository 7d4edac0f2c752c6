// Validation of PodSpecs and pod templates (upstream ValidatePodSpec, ValidatePodTemplateSpec,
// ValidatePodSpecificAnnotations), shared by Pods, PodTemplates and every workload kind.
//
//   validatePodSpec(spec, path, opts?)        every error of a PodSpec under `path`
//                                             (`spec` for a Pod, `spec.template.spec` for a
//                                             Deployment), so kubectl prints all of them.
//   validatePodTemplateSpec(tpl, path, opts?) a template's labels, annotations and spec:
//                                             validatePodTemplateSpec(d.spec.template,
//                                             path('spec', 'template')) reports
//                                             `spec.template.spec.containers[0].image: Required value`.
//   validatePodSpecificAnnotations(...)       the annotations with meaning for pods (mirror,
//                                             deletion cost, seccomp, AppArmor).
//
// Specs are expected to be defaulted first (pod-spec-defaults.ts), as upstream validates the
// defaulted object. Options default to a template's (hostPort may be 0 with hostNetwork).
import type * as core from '../../../../generated/k8s/core/v1.ts';
import { fieldErrors as fe, type FieldError, type FieldPath } from '../../../../apimachinery/field-errors.ts';
import { goQuote } from '../../../../apimachinery/go-format.ts';
import { Quantity } from '../../../../apimachinery/quantity.ts';
import { validateAnnotations, validateLabels } from '../../../../apimachinery/validation/object-meta.ts';
import { inclusiveRangeError, isDNS1123Label, isDNS1123Subdomain, maxLenError, regexError } from '../../../../apimachinery/validation/names.ts';
import { validateContainers, validateEphemeralContainers, validateInitContainers, type ContainerContext } from './pod-spec-containers.ts';
import { aggregateContainerResources } from './pod-spec-defaults.ts';
import { TEMPLATE_OPTIONS, type PodSpecValidationOptions } from './pod-spec-options.ts';
import { validateResourceRequirements } from './pod-spec-resources.ts';
import {
  validateAffinity,
  validateReadinessGates,
  validateSchedulingGates,
  validateTolerations,
  validateTopologySpreadConstraints,
} from './pod-spec-scheduling.ts';
import { validateHostUsers, validateOS, validatePodSecurityContext, visitContainersWithPath } from './pod-spec-security.ts';
import { validateLocalDescendingPath, validateVolumes } from './pod-spec-volumes.ts';
import { validateIP } from './ip-address.ts';

export type { PodSpecValidationOptions } from './pod-spec-options.ts';

const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];

const LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const SUBDOMAIN_UNDERSCORE_FMT = `_?${LABEL_FMT}(\\._?${LABEL_FMT})*`;
const SUBDOMAIN_UNDERSCORE_RE = new RegExp(`^${SUBDOMAIN_UNDERSCORE_FMT}$`);

/** validation.IsDNS1123SubdomainWithUnderscore (DNS search domains). */
function isDNS1123SubdomainWithUnderscore(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 253) errs.push(maxLenError(253));
  if (!SUBDOMAIN_UNDERSCORE_RE.test(value)) {
    errs.push(regexError("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character", SUBDOMAIN_UNDERSCORE_FMT, 'example.com'));
  }
  return errs;
}

function validateDNSConfig(spec: core.PodSpec, fld: FieldPath): FieldError[] {
  const cfg = spec.dnsConfig;
  const errs: FieldError[] = [];
  if (spec.dnsPolicy === 'None') {
    if (!cfg) return [fe.required(fld, 'must provide `dnsConfig` when `dnsPolicy` is None')];
    if (!(cfg.nameservers ?? []).length) return [fe.required(fld.child('nameservers'), 'must provide at least one DNS nameserver when `dnsPolicy` is None')];
  }
  if (!cfg) return errs;
  const ns = cfg.nameservers ?? [];
  if (ns.length > 3) errs.push(fe.invalid(fld.child('nameservers'), ns, 'must not have more than 3 nameservers'));
  ns.forEach((n, i) => errs.push(...validateIP(fld.child('nameservers').index(i), n)));
  const searches = cfg.searches ?? [];
  if (searches.length > 32) errs.push(fe.invalid(fld.child('searches'), searches, 'must not have more than 32 search paths'));
  if (searches.join(' ').length > 2048) errs.push(fe.invalid(fld.child('searches'), searches, 'must not have more than 2048 characters (including spaces) in the search list'));
  searches.forEach((s, i) => {
    if (s === '.') return;
    const trimmed = s.endsWith('.') ? s.slice(0, -1) : s;
    // Relaxed DNS search validation (GA): labels may start with an underscore.
    for (const m of isDNS1123SubdomainWithUnderscore(trimmed)) errs.push(fe.invalid(fld.child('searches').index(i), trimmed, m));
  });
  (cfg.options ?? []).forEach((o, i) => {
    if (!o.name) errs.push(fe.required(fld.child('options').index(i), 'must not be empty'));
  });
  return errs;
}

function validateHostNetworkDeps(spec: core.PodSpec, fld: FieldPath, opts: PodSpecValidationOptions): FieldError[] {
  if (!spec.hostNetwork) return [];
  const errs: FieldError[] = [];
  (spec.containers ?? []).forEach((c, i) => {
    (c.ports ?? []).forEach((p, j) => {
      const hp = p.hostPort ?? 0;
      if ((opts.resourceIsPod || hp !== 0) && hp !== p.containerPort) {
        errs.push(fe.invalid(fld.child('containers').index(i).child('ports').index(j).child('hostPort'), hp, 'must match `containerPort` when `hostNetwork` is true'));
      }
    });
  });
  return errs;
}

function validatePodResourceClaims(claims: core.PodResourceClaim[] | undefined, fld: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  (claims ?? []).forEach((c, i) => {
    const p = fld.index(i);
    if (!c.name) errs.push(fe.required(p.child('name'), ''));
    else if (names.has(c.name)) errs.push(fe.duplicate(p.child('name'), c.name));
    else {
      for (const m of isDNS1123Label(c.name)) errs.push(fe.invalid(p.child('name'), c.name, m));
      names.add(c.name);
    }
    if (c.resourceClaimName !== undefined && c.resourceClaimTemplateName !== undefined) {
      errs.push(fe.invalid(p, c, 'at most one of `resourceClaimName` or `resourceClaimTemplateName` may be specified'));
    }
    if (c.resourceClaimName === undefined && c.resourceClaimTemplateName === undefined) {
      errs.push(fe.invalid(p, c, 'must specify one of: `resourceClaimName`, `resourceClaimTemplateName`'));
    }
  });
  return errs;
}

/** validatePodResources: pod-level requests cover the containers', container limits fit the pod's. */
function validatePodResources(spec: core.PodSpec, claims: ReadonlySet<string>, fld: FieldPath, opts: PodSpecValidationOptions): FieldError[] {
  const res = spec.resources;
  if (!res) return [];
  const errs: FieldError[] = [];
  if (res.claims !== undefined) errs.push(fe.forbidden(fld.child('claims'), 'claims cannot be set for Resources at pod-level'));
  errs.push(...validateResourceRequirements({ limits: res.limits, requests: res.requests }, claims, fld, opts));
  for (const [name, ctr] of aggregateContainerResources(spec, 'requests')) {
    const podReq = res.requests?.[name];
    const pod = podReq !== undefined && Quantity.isValid(podReq) ? Quantity.parse(podReq) : Quantity.fromInt(0);
    if (ctr.cmp(pod) > 0) {
      errs.push(fe.invalid(fld.child('requests').key(name), pod.toString(), `must be greater than or equal to aggregate container requests of ${ctr.toString()}`));
    }
  }
  (spec.containers ?? []).forEach((c, i) => {
    for (const [name, v] of Object.entries(c.resources?.limits ?? {})) {
      const podLim = res.limits?.[name];
      if (podLim === undefined || !Quantity.isValid(podLim) || !Quantity.isValid(v)) continue;
      if (Quantity.parse(v).cmp(Quantity.parse(podLim)) > 0) {
        errs.push(fe.invalid(fld.child('containers').index(i).key(name).child('limits'), Quantity.parse(v).toString(), `must be less than or equal to pod limits of ${Quantity.parse(podLim).toString()}`));
      }
    }
  });
  return errs;
}

/** ValidatePodSpec: every error in a (defaulted) PodSpec, in upstream's order. */
export function validatePodSpec(spec: core.PodSpec | undefined, fld: FieldPath, opts: PodSpecValidationOptions = TEMPLATE_OPTIONS): FieldError[] {
  const s = spec ?? ({} as core.PodSpec);
  const errs: FieldError[] = [];
  if (s.terminationGracePeriodSeconds === undefined) errs.push(fe.required(fld.child('terminationGracePeriodSeconds'), ''));
  const hostUsers = s.hostUsers !== false;
  const vols = validateVolumes(s.volumes, fld.child('volumes'), opts);
  errs.push(...vols.errors);
  const podClaimNames = new Set((s.resourceClaims ?? []).map((c) => c.name).filter((n) => n));
  errs.push(...validatePodResourceClaims(s.resourceClaims, fld.child('resourceClaims')));
  const ctx: ContainerContext = {
    volumes: vols.volumes,
    podClaimNames,
    gracePeriod: s.terminationGracePeriodSeconds,
    podRestartPolicy: s.restartPolicy ?? '',
    hostUsers,
    opts,
  };
  errs.push(...validateContainers(s.containers, ctx, fld.child('containers')));
  errs.push(...validateInitContainers(s.initContainers, s.containers, ctx, fld.child('initContainers')));
  errs.push(...validateEphemeralContainers(s.ephemeralContainers, s.containers, s.initContainers, ctx, fld.child('ephemeralContainers')));
  errs.push(...validatePodResources(s, podClaimNames, fld.child('resources'), opts));
  errs.push(...validateHostNetworkDeps(s, fld, opts));
  const rp = s.restartPolicy ?? '';
  if (rp === '') errs.push(fe.required(fld.child('restartPolicy'), ''));
  else if (!RESTART_POLICIES.includes(rp)) errs.push(fe.notSupported(fld.child('restartPolicy'), rp, RESTART_POLICIES));
  const dp = s.dnsPolicy ?? '';
  if (dp === '') errs.push(fe.required(fld.child('dnsPolicy'), ''));
  else if (!DNS_POLICIES.includes(dp)) errs.push(fe.notSupported(fld.child('dnsPolicy'), dp, DNS_POLICIES));
  errs.push(...validateLabels(s.nodeSelector, fld.child('nodeSelector')));
  errs.push(...validatePodSecurityContext(s, fld));
  (s.imagePullSecrets ?? []).forEach((ref, i) => {
    const extra = Object.keys(ref).filter((k) => k !== 'name');
    if (extra.length) errs.push(fe.invalid(fld.child('imagePullSecrets').index(i), ref, 'only name may be set'));
  });
  errs.push(...validateAffinity(s.affinity, fld.child('affinity')));
  errs.push(...validateDNSConfig(s, fld.child('dnsConfig')));
  errs.push(...validateReadinessGates(s.readinessGates, fld.child('readinessGates')));
  errs.push(...validateSchedulingGates(s.schedulingGates, fld.child('schedulingGates')));
  errs.push(...validateTopologySpreadConstraints(s.topologySpreadConstraints, fld.child('topologySpreadConstraints')));
  errs.push(...validateHostUsers(s, fld));
  if (s.serviceAccountName) for (const m of isDNS1123Subdomain(s.serviceAccountName)) errs.push(fe.invalid(fld.child('serviceAccountName'), s.serviceAccountName, m));
  if (s.nodeName) for (const m of isDNS1123Subdomain(s.nodeName)) errs.push(fe.invalid(fld.child('nodeName'), s.nodeName, m));
  if (s.activeDeadlineSeconds !== undefined && (s.activeDeadlineSeconds < 1 || s.activeDeadlineSeconds > 2147483647)) {
    errs.push(fe.invalid(fld.child('activeDeadlineSeconds'), s.activeDeadlineSeconds, inclusiveRangeError(1, 2147483647)));
  }
  if (s.hostname) for (const m of isDNS1123Label(s.hostname)) errs.push(fe.invalid(fld.child('hostname'), s.hostname, m));
  if (s.subdomain) for (const m of isDNS1123Label(s.subdomain)) errs.push(fe.invalid(fld.child('subdomain'), s.subdomain, m));
  if (s.tolerations?.length) errs.push(...validateTolerations(s.tolerations, fld.child('tolerations')));
  (s.hostAliases ?? []).forEach((a, i) => {
    errs.push(...validateIP(fld.child('hostAliases').index(i).child('ip'), a.ip ?? ''));
    (a.hostnames ?? []).forEach((h, j) => {
      for (const m of isDNS1123Subdomain(h)) errs.push(fe.invalid(fld.child('hostAliases').index(i).child('hostnames').index(j), h, m));
    });
  });
  if (s.priorityClassName) for (const m of isDNS1123Subdomain(s.priorityClassName)) errs.push(fe.invalid(fld.child('priorityClassName'), s.priorityClassName, m));
  if (s.runtimeClassName !== undefined) for (const m of isDNS1123Subdomain(s.runtimeClassName)) errs.push(fe.invalid(fld.child('runtimeClassName'), s.runtimeClassName, m));
  if (s.preemptionPolicy !== undefined) {
    if (s.preemptionPolicy === '') errs.push(fe.required(fld.child('preemptionPolicy'), ''));
    else if (s.preemptionPolicy !== 'PreemptLowerPriority' && s.preemptionPolicy !== 'Never') {
      errs.push(fe.notSupported(fld.child('preemptionPolicy'), s.preemptionPolicy, ['PreemptLowerPriority', 'Never']));
    }
  }
  if (s.overhead) errs.push(...validateResourceRequirements({ limits: s.overhead }, undefined, fld.child('overhead'), opts));
  errs.push(...validateOS(s, fld));
  return errs;
}

const SECCOMP_POD = 'seccomp.security.alpha.kubernetes.io/pod';
const SECCOMP_CONTAINER_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';
const APPARMOR_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

function validateSeccompAnnotationValue(p: string, fld: FieldPath): FieldError[] {
  if (p === 'runtime/default' || p === 'docker/default' || p === 'unconfined') return [];
  if (p.startsWith('localhost/')) return validateLocalDescendingPath(p.slice('localhost/'.length), fld);
  return [fe.invalid(fld, p, 'must be a valid seccomp profile')];
}

/** ValidatePodSpecificAnnotations (path is the annotations' own, e.g. `metadata.annotations`). */
export function validatePodSpecificAnnotations(annotations: Record<string, string> | undefined, spec: core.PodSpec | undefined, fld: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const a = annotations ?? {};
  const mirror = a['kubernetes.io/config.mirror'];
  if (mirror !== undefined && !spec?.nodeName) errs.push(fe.invalid(fld.key('kubernetes.io/config.mirror'), mirror, 'must set spec.nodeName if mirror pod annotation is set'));
  const cost = a['controller.kubernetes.io/pod-deletion-cost'];
  if (cost !== undefined && !(/^[+-]?\d+$/.test(cost) && Number(cost) >= -2147483648 && Number(cost) <= 2147483647)) {
    errs.push(fe.invalid(fld.key('controller.kubernetes.io/pod-deletion-cost'), cost, 'must be a 32bit integer'));
  }
  if (a[SECCOMP_POD] !== undefined) errs.push(...validateSeccompAnnotationValue(a[SECCOMP_POD]!, fld.child(SECCOMP_POD)));
  for (const [k, v] of Object.entries(a)) if (k.startsWith(SECCOMP_CONTAINER_PREFIX)) errs.push(...validateSeccompAnnotationValue(v, fld.child(k)));
  for (const [k, v] of Object.entries(a)) {
    if (!k.startsWith(APPARMOR_PREFIX)) continue;
    const name = k.slice(APPARMOR_PREFIX.length);
    const all = [...(spec?.initContainers ?? []), ...(spec?.containers ?? []), ...(spec?.ephemeralContainers ?? [])];
    if (!all.some((c) => c.name === name)) errs.push(fe.invalid(fld.key(k), name, 'container not found'));
    if (v !== '' && v !== 'runtime/default' && v !== 'unconfined' && !v.startsWith('localhost/')) {
      errs.push(fe.invalid(fld.key(k), v, `invalid AppArmor profile name: ${goQuote(v)}`));
    }
  }
  return errs;
}

/** validateSeccompAnnotationsAndFields and the AppArmor equivalent: deprecated annotations must agree with the fields. */
export function validateSecurityAnnotationsMatchFields(annotations: Record<string, string> | undefined, spec: core.PodSpec, specPath: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const a = annotations ?? {};
  const seccompMismatch = (value: string, f: core.SeccompProfile, p: FieldPath): FieldError | undefined => {
    switch (f.type) {
      case 'Unconfined':
        return value !== 'unconfined' ? fe.forbidden(p.child('type'), 'seccomp type in annotation and field must match') : undefined;
      case 'RuntimeDefault':
        return value !== 'runtime/default' && value !== 'docker/default' ? fe.forbidden(p.child('type'), 'seccomp type in annotation and field must match') : undefined;
      case 'Localhost':
        if (!value.startsWith('localhost/')) return fe.forbidden(p.child('type'), 'seccomp type in annotation and field must match');
        if (f.localhostProfile === undefined || value.slice('localhost/'.length) !== f.localhostProfile) {
          return fe.forbidden(p.child('localhostProfile'), 'seccomp profile in annotation and field must match');
        }
    }
    return undefined;
  };
  const podSeccomp = spec.securityContext?.seccompProfile;
  if (podSeccomp && a[SECCOMP_POD] !== undefined) {
    const e = seccompMismatch(a[SECCOMP_POD]!, podSeccomp, specPath.child('securityContext', 'seccompProfile'));
    if (e) errs.push(e);
  }
  visitContainersWithPath(spec, specPath, (c, p) => {
    const f = c.securityContext?.seccompProfile;
    const v = a[SECCOMP_CONTAINER_PREFIX + c.name];
    if (f && v !== undefined) {
      const e = seccompMismatch(v, f, p.child('securityContext', 'seccompProfile'));
      if (e) errs.push(e);
    }
  });
  if (spec.os?.name === 'windows') return errs;
  const podProfile = spec.securityContext?.appArmorProfile;
  visitContainersWithPath(spec, specPath, (c, p) => {
    const profile = c.securityContext?.appArmorProfile ?? podProfile;
    const v = a[APPARMOR_PREFIX + c.name];
    if (!profile || v === undefined) return;
    const ap = p.child('securityContext', 'appArmorProfile');
    if (profile.type === 'Unconfined' && v !== 'unconfined') errs.push(fe.forbidden(ap.child('type'), 'apparmor type in annotation and field must match'));
    if (profile.type === 'RuntimeDefault' && v !== 'runtime/default') errs.push(fe.forbidden(ap.child('type'), 'apparmor type in annotation and field must match'));
    if (profile.type === 'Localhost') {
      if (!v.startsWith('localhost/')) errs.push(fe.forbidden(ap.child('type'), 'apparmor type in annotation and field must match'));
      else if (profile.localhostProfile === undefined || v.slice('localhost/'.length) !== profile.localhostProfile) {
        errs.push(fe.forbidden(ap.child('localhostProfile'), 'apparmor profile in annotation and field must match'));
      }
    }
  });
  return errs;
}

/** ValidatePodTemplateSpec: labels, annotations and the spec of an embedded pod template. */
export function validatePodTemplateSpec(tpl: core.PodTemplateSpec | undefined, fld: FieldPath, opts: PodSpecValidationOptions = TEMPLATE_OPTIONS): FieldError[] {
  const t = tpl ?? {};
  const meta = t.metadata ?? {};
  const spec = t.spec ?? ({} as core.PodSpec);
  const errs: FieldError[] = [];
  errs.push(...validateLabels(meta.labels, fld.child('labels')));
  errs.push(...validateAnnotations(meta.annotations, fld.child('annotations')));
  errs.push(...validatePodSpecificAnnotations(meta.annotations, spec, fld.child('annotations')));
  errs.push(...validatePodSpec(spec, fld.child('spec'), opts));
  errs.push(...validateSecurityAnnotationsMatchFields(meta.annotations, spec, fld.child('spec')));
  if (spec.ephemeralContainers?.length) errs.push(fe.forbidden(fld.child('spec', 'ephemeralContainers'), 'ephemeral containers not allowed in pod template'));
  return errs;
}
