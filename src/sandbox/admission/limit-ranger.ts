// LimitRanger (upstream plugin/pkg/admission/limitranger): containers without requests or
// limits get the namespace LimitRanges' defaults (recorded in the kubernetes.io/limit-ranger
// annotation), and pods, containers and claims outside a LimitRange's min / max /
// maxLimitRequestRatio are rejected with upstream's messages.
import { forbidden } from '../../apimachinery/errors.ts';
import { aggregateStrings } from '../../apimachinery/field-errors.ts';
import { Quantity } from '../../apimachinery/quantity.ts';
import type * as corev1 from '../../generated/k8s/core/v1.ts';
import type { AdmissionAttributes, AdmissionPlugin } from './types.ts';

type ResourceList = Record<string, string>;
type LimitRange = corev1.LimitRange & { metadata: { name: string } };

const ANNOTATION = 'kubernetes.io/limit-ranger';

function limitRanges(a: AdmissionAttributes): LimitRange[] {
  return a.ctx.cluster.store.list('limitranges', a.namespace) as LimitRange[];
}

function q(v: string): Quantity {
  return Quantity.parse(v);
}

function isPodCreate(a: AdmissionAttributes): boolean {
  return a.def.group === '' && a.def.resource === 'pods' && !a.subresource && a.operation === 'CREATE';
}

function isClaimWrite(a: AdmissionAttributes): boolean {
  return a.def.group === '' && a.def.resource === 'persistentvolumeclaims' && !a.subresource && (a.operation === 'CREATE' || a.operation === 'UPDATE');
}

/** Applies the Container-type defaults of every LimitRange to each container that lacks them. */
function applyDefaults(pod: corev1.Pod, ranges: LimitRange[]): void {
  const defaults: { requests: ResourceList; limits: ResourceList } = { requests: {}, limits: {} };
  for (const lr of ranges) {
    for (const item of lr.spec?.limits ?? []) {
      if (item.type !== 'Container') continue;
      Object.assign(defaults.requests, item.defaultRequest ?? {});
      Object.assign(defaults.limits, item.default ?? {});
    }
  }
  if (!Object.keys(defaults.requests).length && !Object.keys(defaults.limits).length) return;
  const notes: string[] = [];
  const merge = (c: corev1.Container, prefix: string) => {
    const resources = (c.resources ??= {});
    const limits = (resources.limits ??= {});
    const requests = (resources.requests ??= {});
    const setLimits: string[] = [];
    const setRequests: string[] = [];
    for (const [k, v] of Object.entries(defaults.limits)) {
      if (!(k in limits)) {
        limits[k] = v;
        setLimits.push(k);
      }
    }
    for (const [k, v] of Object.entries(defaults.requests)) {
      if (!(k in requests)) {
        requests[k] = v;
        setRequests.push(k);
      }
    }
    if (setRequests.length) notes.push(`${setRequests.sort().join(', ')} request for ${prefix} ${c.name}`);
    if (setLimits.length) notes.push(`${setLimits.sort().join(', ')} limit for ${prefix} ${c.name}`);
  };
  for (const c of pod.spec?.containers ?? []) merge(c, 'container');
  for (const c of pod.spec?.initContainers ?? []) merge(c, 'init container');
  if (notes.length) {
    const meta = (pod.metadata ??= {});
    meta.annotations = { ...meta.annotations, [ANNOTATION]: `LimitRanger plugin set: ${notes.join('; ')}` };
  }
}

function minConstraint(type: string, resource: string, enforced: string, request: ResourceList, limit: ResourceList): string | undefined {
  const req = request[resource];
  const lim = limit[resource];
  if (req === undefined) return `minimum ${resource} usage per ${type} is ${enforced}.  No request is specified`;
  if (q(req).cmp(q(enforced)) < 0) return `minimum ${resource} usage per ${type} is ${enforced}, but request is ${q(req)}`;
  if (lim !== undefined && q(lim).cmp(q(enforced)) < 0) return `minimum ${resource} usage per ${type} is ${enforced}, but limit is ${q(lim)}`;
  return undefined;
}

function maxConstraint(type: string, resource: string, enforced: string, request: ResourceList, limit: ResourceList): string | undefined {
  const req = request[resource];
  const lim = limit[resource];
  if (lim === undefined) return `maximum ${resource} usage per ${type} is ${enforced}.  No limit is specified`;
  if (q(lim).cmp(q(enforced)) > 0) return `maximum ${resource} usage per ${type} is ${enforced}, but limit is ${q(lim)}`;
  if (req !== undefined && q(req).cmp(q(enforced)) > 0) return `maximum ${resource} usage per ${type} is ${enforced}, but request is ${q(req)}`;
  return undefined;
}

function ratioConstraint(type: string, resource: string, enforced: string, request: ResourceList, limit: ResourceList): string | undefined {
  const req = request[resource] !== undefined ? q(request[resource]!) : undefined;
  const lim = limit[resource] !== undefined ? q(limit[resource]!) : undefined;
  if (!req || req.isZero()) return `${resource} max limit to request ratio per ${type} is ${enforced}, but no request is specified or request is 0`;
  if (!lim || lim.isZero()) return `${resource} max limit to request ratio per ${type} is ${enforced}, but no limit is specified or limit is 0`;
  const ratio = Number(lim.milliValue()) / Number(req.milliValue());
  if (ratio * 1000 > Number(q(enforced).milliValue())) {
    return `${resource} max limit to request ratio per ${type} is ${enforced}, but provided ratio is ${ratio.toFixed(6)}`;
  }
  return undefined;
}

function check(item: corev1.LimitRangeItem, type: string, request: ResourceList, limit: ResourceList, errs: string[]): void {
  const sorted = (l: ResourceList | undefined) => Object.entries(l ?? {}).sort(([a], [b]) => a.localeCompare(b));
  for (const [k, v] of sorted(item.min)) {
    const e = minConstraint(type, k, v, request, limit);
    if (e) errs.push(e);
  }
  for (const [k, v] of sorted(item.max)) {
    const e = maxConstraint(type, k, v, request, limit);
    if (e) errs.push(e);
  }
  for (const [k, v] of sorted(item.maxLimitRequestRatio)) {
    const e = ratioConstraint(type, k, v, request, limit);
    if (e) errs.push(e);
  }
}

function sum(lists: ResourceList[]): ResourceList {
  const out: Record<string, Quantity> = {};
  for (const l of lists) for (const [k, v] of Object.entries(l)) out[k] = out[k] ? out[k]!.add(q(v)) : q(v);
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, v.toString()]));
}

function validatePod(pod: corev1.Pod, ranges: LimitRange[]): string[] {
  const errs: string[] = [];
  const containers = pod.spec?.containers ?? [];
  const inits = pod.spec?.initContainers ?? [];
  for (const lr of ranges) {
    for (const item of lr.spec?.limits ?? []) {
      if (item.type === 'Container') {
        for (const c of [...containers, ...inits]) check(item, 'Container', c.resources?.requests ?? {}, c.resources?.limits ?? {}, errs);
      } else if (item.type === 'Pod') {
        // Upstream sums the regular containers and takes the larger of that and any init container.
        const req = sum(containers.map((c) => c.resources?.requests ?? {}));
        const lim = sum(containers.map((c) => c.resources?.limits ?? {}));
        for (const c of inits) {
          for (const [k, v] of Object.entries(c.resources?.requests ?? {})) if (!req[k] || q(v).cmp(q(req[k]!)) > 0) req[k] = v;
          for (const [k, v] of Object.entries(c.resources?.limits ?? {})) if (!lim[k] || q(v).cmp(q(lim[k]!)) > 0) lim[k] = v;
        }
        check(item, 'Pod', req, lim, errs);
      }
    }
  }
  return errs;
}

function validateClaim(pvc: corev1.PersistentVolumeClaim, ranges: LimitRange[]): string[] {
  const errs: string[] = [];
  for (const lr of ranges) {
    for (const item of lr.spec?.limits ?? []) {
      if (item.type !== 'PersistentVolumeClaim') continue;
      const requests = pvc.spec?.resources?.requests ?? {};
      const limits = pvc.spec?.resources?.limits ?? {};
      for (const [k, v] of Object.entries(item.min ?? {}).sort()) {
        const r = requests[k];
        if (r === undefined) errs.push(`minimum ${k} usage per PersistentVolumeClaim is ${v}.  No request is specified`);
        else if (q(r).cmp(q(v)) < 0) errs.push(`minimum ${k} usage per PersistentVolumeClaim is ${v}, but request is ${q(r)}`);
      }
      for (const [k, v] of Object.entries(item.max ?? {}).sort()) {
        const r = requests[k] ?? limits[k];
        if (r === undefined) errs.push(`maximum ${k} usage per PersistentVolumeClaim is ${v}.  No request is specified`);
        else if (q(r).cmp(q(v)) > 0) errs.push(`maximum ${k} usage per PersistentVolumeClaim is ${v}, but request is ${q(r)}`);
      }
    }
  }
  return errs;
}

export const limitRanger: AdmissionPlugin = {
  name: 'LimitRanger',
  admit(a) {
    if (!isPodCreate(a)) return;
    const ranges = limitRanges(a);
    if (ranges.length) applyDefaults(a.object as corev1.Pod, ranges);
  },
  validate(a) {
    let errs: string[] = [];
    if (isPodCreate(a)) {
      const ranges = limitRanges(a);
      if (ranges.length) errs = validatePod(a.object as corev1.Pod, ranges);
    } else if (isClaimWrite(a)) {
      const ranges = limitRanges(a);
      if (ranges.length) errs = validateClaim(a.object as corev1.PersistentVolumeClaim, ranges);
    }
    if (errs.length) throw forbidden({ group: a.def.group, resource: a.def.resource }, a.name, aggregateStrings(errs));
  },
};
