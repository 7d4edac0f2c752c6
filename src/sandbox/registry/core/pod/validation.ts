// Pod validation beyond ObjectMeta (upstream ValidatePodCreate, ValidatePodUpdate,
// ValidatePodStatusUpdate, ValidatePodBinding). The generic store validates ObjectMeta itself.
// Updates may only change container images, activeDeadlineSeconds (downwards), add
// tolerations, remove scheduling gates and raise a negative grace period to 1; anything else
// reads "spec: Forbidden: pod updates may not change fields other than ..." followed by a diff.
import type * as core from '../../../../generated/k8s/core/v1.ts';
import { fieldErrors as fe, type FieldError, type FieldPath, path } from '../../../../apimachinery/field-errors.ts';
import { deepClone, deepEqual } from '../../../../apimachinery/object.ts';
import { inclusiveRangeError, isDNS1123Subdomain, isQualifiedName } from '../../../../apimachinery/validation/names.ts';
import { validateImageWhitespace } from '../shared/pod-spec-containers.ts';
import { validateTolerations } from '../shared/pod-spec-scheduling.ts';
import { ipFamilyOf, IP_EXAMPLE_MESSAGE } from '../shared/ip-address.ts';
import { validatePodSpec, validatePodSpecificAnnotations, validateSecurityAnnotationsMatchFields } from '../shared/pod-spec-validation.ts';
import { podSpecDiff } from './spec-diff.ts';

export type Pod = core.Pod & { metadata: NonNullable<core.Pod['metadata']> };

/** The fields a Pod update may change, as upstream lists them in the Forbidden message. */
export const UPDATABLE_POD_SPEC_FIELDS = [
  '`spec.containers[*].image`',
  '`spec.initContainers[*].image`',
  '`spec.activeDeadlineSeconds`',
  '`spec.tolerations` (only additions to existing tolerations)',
  '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
];

const APPARMOR_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';
const MIRROR = 'kubernetes.io/config.mirror';

/** validatePodMetadataAndSpec without ObjectMeta (which the generic store checks). */
function validatePodMetadataAndSpec(pod: Pod): FieldError[] {
  const specPath = path('spec');
  const spec = pod.spec ?? ({} as core.PodSpec);
  const errs = validatePodSpecificAnnotations(pod.metadata.annotations, spec, path('metadata', 'annotations'));
  errs.push(...validatePodSpec(spec, specPath, { resourceIsPod: true, podName: pod.metadata.name }));
  if (!spec.serviceAccountName) {
    (spec.volumes ?? []).forEach((v, vi) => {
      (v.projected?.sources ?? []).forEach((s, si) => {
        if (s.serviceAccountToken) {
          errs.push(fe.forbidden(specPath.child('volumes').index(vi).child('projected', 'sources').index(si).child('serviceAccountToken'), 'must not be specified when serviceAccountName is not set'));
        }
      });
    });
  }
  (spec.containers ?? []).forEach((c, i) => errs.push(...validateImageWhitespace(c, specPath.child('containers').index(i))));
  (spec.initContainers ?? []).forEach((c, i) => errs.push(...validateImageWhitespace(c, specPath.child('initContainers').index(i))));
  return errs;
}

/** ValidatePodCreate. */
export function validatePodCreate(pod: Pod): FieldError[] {
  const errs = validatePodMetadataAndSpec(pod);
  const spec = pod.spec ?? ({} as core.PodSpec);
  const specPath = path('spec');
  if (spec.ephemeralContainers?.length) errs.push(fe.forbidden(specPath.child('ephemeralContainers'), 'cannot be set on create'));
  if (spec.nodeName && spec.schedulingGates?.length) errs.push(fe.forbidden(specPath.child('nodeName'), 'cannot be set until all schedulingGates have been cleared'));
  errs.push(...validateSecurityAnnotationsMatchFields(pod.metadata.annotations, spec, specPath));
  return errs;
}

function validateAnnotationUpdates(pod: Pod, old: Pod, fld: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const cur = pod.metadata.annotations ?? {};
  const prev = old.metadata.annotations ?? {};
  for (const [k, v] of Object.entries(prev)) {
    if (cur[k] === v) continue;
    if (k.startsWith(APPARMOR_PREFIX)) errs.push(fe.forbidden(fld.key(k), 'may not remove or update AppArmor annotations'));
    if (k === MIRROR) errs.push(fe.forbidden(fld.key(k), 'may not remove or update mirror pod annotation'));
  }
  for (const k of Object.keys(cur)) {
    if (k in prev) continue;
    if (k.startsWith(APPARMOR_PREFIX)) errs.push(fe.forbidden(fld.key(k), 'may not add AppArmor annotations'));
    if (k === MIRROR) errs.push(fe.forbidden(fld.key(k), 'may not add mirror pod annotation'));
  }
  return errs;
}

function validateContainerUpdates(cur: core.Container[] | undefined, prev: core.Container[] | undefined, fld: FieldPath): { errs: FieldError[]; stop: boolean } {
  const a = cur ?? [];
  const b = prev ?? [];
  if (a.length !== b.length) return { errs: [fe.forbidden(fld, 'pod updates may not add or remove containers')], stop: true };
  const errs: FieldError[] = [];
  a.forEach((c, i) => {
    const image = c.image ?? '';
    if (!image) errs.push(fe.required(fld.index(i).child('image'), ''));
    if (image.trim().length !== image.length) errs.push(fe.invalid(fld.index(i).child('image'), image, 'must not have leading or trailing whitespace'));
  });
  return { errs, stop: false };
}

function validateOnlyAddedTolerations(cur: core.Toleration[] | undefined, prev: core.Toleration[] | undefined, fld: FieldPath): FieldError[] {
  for (const old of prev ?? []) {
    const found = (cur ?? []).some((t) => deepEqual({ ...old, tolerationSeconds: t.tolerationSeconds }, t));
    if (!found) return [fe.forbidden(fld, 'existing toleration can not be modified except its tolerationSeconds')];
  }
  return validateTolerations(cur, fld);
}

function validateOnlyDeletedSchedulingGates(cur: core.PodSchedulingGate[] | undefined, prev: core.PodSchedulingGate[] | undefined, fld: FieldPath): FieldError[] {
  const oldNames = new Set((prev ?? []).map((g) => g.name));
  const errs: FieldError[] = [];
  (cur ?? []).forEach((g, i) => {
    if (!oldNames.has(g.name)) errs.push(fe.forbidden(fld.index(i).child('name'), `only deletion is allowed, but found new scheduling gate '${g.name}'`));
  });
  return errs;
}

/** ValidatePodUpdate (beyond ObjectMeta). */
export function validatePodUpdate(pod: Pod, old: Pod): FieldError[] {
  const errs = validatePodMetadataAndSpec(pod);
  errs.push(...validateAnnotationUpdates(pod, old, path('metadata', 'annotations')));
  const specPath = path('spec');
  const spec = pod.spec ?? ({} as core.PodSpec);
  const oldSpec = old.spec ?? ({} as core.PodSpec);
  for (const kind of ['containers', 'initContainers'] as const) {
    const r = validateContainerUpdates(spec[kind], oldSpec[kind], specPath.child(kind));
    errs.push(...r.errs);
    if (r.stop) return errs;
  }
  const ads = spec.activeDeadlineSeconds;
  if (ads !== undefined) {
    if (ads < 0 || ads > 2147483647) {
      errs.push(fe.invalid(specPath.child('activeDeadlineSeconds'), ads, inclusiveRangeError(0, 2147483647)));
      return errs;
    }
    if (oldSpec.activeDeadlineSeconds !== undefined && oldSpec.activeDeadlineSeconds < ads) {
      errs.push(fe.invalid(specPath.child('activeDeadlineSeconds'), ads, 'must be less than or equal to previous value'));
      return errs;
    }
  } else if (oldSpec.activeDeadlineSeconds !== undefined) {
    errs.push(fe.invalid(specPath.child('activeDeadlineSeconds'), null, 'must not update from a positive integer to nil value'));
  }
  errs.push(...validateOnlyAddedTolerations(spec.tolerations, oldSpec.tolerations, specPath.child('tolerations')));
  errs.push(...validateOnlyDeletedSchedulingGates(spec.schedulingGates, oldSpec.schedulingGates, specPath.child('schedulingGates')));
  if (deepEqual(spec, oldSpec)) return errs;

  // Put back what may change, then anything still different is forbidden.
  const munged = deepClone(spec);
  munged.containers = (munged.containers ?? []).map((c, i) => ({ ...c, image: oldSpec.containers[i]?.image }));
  if (munged.initContainers) munged.initContainers = munged.initContainers.map((c, i) => ({ ...c, image: oldSpec.initContainers?.[i]?.image }));
  munged.activeDeadlineSeconds = oldSpec.activeDeadlineSeconds;
  munged.schedulingGates = oldSpec.schedulingGates;
  munged.tolerations = oldSpec.tolerations;
  if ((oldSpec.terminationGracePeriodSeconds ?? 0) < 0 && munged.terminationGracePeriodSeconds === 1) {
    munged.terminationGracePeriodSeconds = oldSpec.terminationGracePeriodSeconds;
  }
  if (oldSpec.schedulingGates?.length) {
    // Gated pods may add node selector entries and narrow node affinity.
    if (!deepEqual(munged.nodeSelector, oldSpec.nodeSelector)) {
      for (const [k, v] of Object.entries(oldSpec.nodeSelector ?? {})) {
        if (munged.nodeSelector?.[k] !== v) errs.push(fe.invalid(specPath.child('nodeSelector'), munged.nodeSelector ?? {}, 'only additions to spec.nodeSelector are allowed (no mutations or deletions)'));
      }
      munged.nodeSelector = oldSpec.nodeSelector;
    }
    const oldNA = oldSpec.affinity?.nodeAffinity;
    if (!deepEqual(oldNA, munged.affinity?.nodeAffinity)) {
      if (munged.affinity) munged.affinity = { ...munged.affinity, nodeAffinity: oldNA };
      if (munged.affinity && !munged.affinity.nodeAffinity && !munged.affinity.podAffinity && !munged.affinity.podAntiAffinity && !oldSpec.affinity) delete munged.affinity;
    }
  }
  for (const k of Object.keys(munged) as Array<keyof core.PodSpec>) if (munged[k] === undefined) delete munged[k];
  if (!deepEqual(munged, oldSpec)) {
    errs.push(fe.forbidden(specPath, `pod updates may not change fields other than ${UPDATABLE_POD_SPEC_FIELDS.join(',')}\n${podSpecDiff(oldSpec, munged)}`));
  }
  return errs;
}

const SYSTEM_CONDITIONS = new Set(['PodScheduled', 'Ready', 'Initialized']);

function validateStateTransitions(cur: core.ContainerStatus[] | undefined, prev: core.ContainerStatus[] | undefined, fld: FieldPath, policy: string, restartable: (name: string) => boolean): FieldError[] {
  if (policy === 'Always') return [];
  const errs: FieldError[] = [];
  (prev ?? []).forEach((o, i) => {
    const term = o.state?.terminated;
    if (!term) return;
    if (term.exitCode !== 0 && policy === 'OnFailure') return;
    if (restartable(o.name)) return;
    for (const n of cur ?? []) {
      if (n.name === o.name && !n.state?.terminated) errs.push(fe.forbidden(fld.index(i).child('state'), 'may not be transitioned to non-terminated state'));
    }
  });
  return errs;
}

function validateIPList(ips: Array<{ ip?: string }> | undefined, fld: FieldPath): FieldError[] {
  const list = ips ?? [];
  const errs: FieldError[] = [];
  list.forEach((p, i) => {
    if (!ipFamilyOf(p.ip ?? '')) errs.push(fe.invalid(fld.index(i), p.ip ?? '', IP_EXAMPLE_MESSAGE));
  });
  if (list.length > 1) {
    const dualStack = list.length === 2 && ipFamilyOf(list[0]!.ip ?? '') !== ipFamilyOf(list[1]!.ip ?? '');
    if (!dualStack) errs.push(fe.invalid(fld, list, 'may specify no more than one IP for each IP family'));
    const seen = new Set<string>();
    list.forEach((p, i) => {
      if (seen.has(p.ip ?? '')) errs.push(fe.duplicate(fld.index(i), p));
      seen.add(p.ip ?? '');
    });
  }
  return errs;
}

/** ValidatePodStatusUpdate (beyond ObjectMeta). */
export function validatePodStatusUpdate(pod: Pod, old: Pod): FieldError[] {
  const errs = validateAnnotationUpdates(pod, old, path('metadata', 'annotations'));
  errs.push(...validatePodSpecificAnnotations(pod.metadata.annotations, pod.spec, path('metadata', 'annotations')));
  const status = pod.status ?? {};
  const oldStatus = old.status ?? {};
  // Upstream reports condition types under metadata.conditions.
  (status.conditions ?? []).forEach((c, i) => {
    if (SYSTEM_CONDITIONS.has(c.type)) return;
    for (const m of isQualifiedName(c.type ?? '')) errs.push(fe.invalid(path('metadata', 'conditions').index(i).child('Type'), c.type ?? '', m));
  });
  const sp = path('status');
  if (pod.spec?.nodeName !== old.spec?.nodeName) errs.push(fe.forbidden(sp.child('nodeName'), 'may not be changed directly'));
  const nominated = status.nominatedNodeName ?? '';
  if (nominated !== (oldStatus.nominatedNodeName ?? '') && nominated) {
    for (const m of isDNS1123Subdomain(nominated)) errs.push(fe.invalid(sp.child('nominatedNodeName'), nominated, m));
  }
  if ((status.qosClass ?? '') !== (oldStatus.qosClass ?? '')) errs.push(fe.invalid(sp.child('qosClass'), status.qosClass ?? '', 'field is immutable'));
  const policy = old.spec?.restartPolicy ?? '';
  errs.push(...validateStateTransitions(status.containerStatuses, oldStatus.containerStatuses, sp.child('containerStatuses'), policy, () => false));
  const sidecars = new Set((old.spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always').map((c) => c.name));
  errs.push(...validateStateTransitions(status.initContainerStatuses, oldStatus.initContainerStatuses, sp.child('initContainerStatuses'), policy, (n) => sidecars.has(n)));
  errs.push(...validateStateTransitions(status.ephemeralContainerStatuses, oldStatus.ephemeralContainerStatuses, sp.child('ephemeralContainerStatuses'), 'Never', () => false));
  errs.push(...validateIPList(status.podIPs, sp.child('podIPs')));
  const hostIPs = status.hostIPs ?? [];
  if (hostIPs.length) {
    if ((status.hostIP ?? '') !== hostIPs[0]!.ip) errs.push(fe.invalid(sp.child('hostIPs').index(0).child('ip'), hostIPs[0]!.ip ?? '', 'must be equal to `hostIP`'));
    errs.push(...validateIPList(hostIPs, sp.child('hostIPs')));
  }
  return errs;
}

/** ValidatePodBinding: a Node target with a name. */
export function validatePodBinding(binding: core.Binding): FieldError[] {
  const errs: FieldError[] = [];
  const kind = binding.target?.kind ?? '';
  if (kind !== '' && kind !== 'Node') errs.push(fe.notSupported(path('target', 'kind'), kind, ['Node', '<empty>']));
  if (!binding.target?.name) errs.push(fe.required(path('target', 'name'), ''));
  return errs;
}
