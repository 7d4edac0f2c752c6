// StatefulSet validation (pkg/apis/apps/validation: ValidateStatefulSetSpec, ValidateStatefulSetUpdate,
// ValidateStatefulSetStatus). The pod spec of the template is not validated, as upstream.
import { fieldErrors as fe, type FieldError, type FieldPath, path, Rendered } from '../../../../apimachinery/field-errors.ts';
import { goQuote } from '../../../../apimachinery/go-format.ts';
import { validateAnnotations, validateLabels } from '../../../../apimachinery/validation/object-meta.ts';
import type * as api from '../../../../generated/k8s/apps/v1.ts';
import { goIntOrString, goLabelSelector } from '../shared/go-value.ts';
import { intOrPercentValue, isNotMoreThan100Percent, validatePositiveIntOrPercent } from '../shared/int-or-percent.ts';
import { validateTemplateAnnotations } from '../shared/pod-template.ts';
import { semanticEqual } from '../shared/semantic-equal.ts';
import { selectorOf, validateAlwaysRestart, validateRequiredSelector, validateSelectorMatchesTemplate } from '../shared/template-selector.ts';
import { validateNonnegative } from '../shared/validation-helpers.ts';
import { validateCollisionCountNotDecremented } from '../deployment/validation.ts';
import type { StatefulSet, StatefulSetSpec, StatefulSetStatus } from './types.ts';

export const STATEFULSET_UPDATE_FORBIDDEN =
  "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden";

function goRollingUpdate(ru: api.RollingUpdateStatefulSetStrategy): Rendered {
  const mu = ru.maxUnavailable === undefined ? 'nil' : '0xc000a1b040';
  return new Rendered(`apps.RollingUpdateStatefulSetStrategy{Partition:${ru.partition ?? 0}, MaxUnavailable:(*intstr.IntOrString)(${mu})}`);
}

function validateRollingUpdate(ru: api.RollingUpdateStatefulSetStrategy, fld: FieldPath): FieldError[] {
  const errs = validateNonnegative(ru.partition, fld.child('partition'));
  if (ru.maxUnavailable !== undefined) {
    const mu = fld.child('maxUnavailable');
    errs.push(...validatePositiveIntOrPercent(ru.maxUnavailable, mu));
    if (intOrPercentValue(ru.maxUnavailable) === 0) errs.push(fe.invalid(mu, goIntOrString(ru.maxUnavailable), 'cannot be 0'));
    errs.push(...isNotMoreThan100Percent(ru.maxUnavailable, mu));
  }
  return errs;
}

function validateUpdateStrategy(us: api.StatefulSetUpdateStrategy | undefined, fld: FieldPath): FieldError[] {
  const type = us?.type ?? '';
  switch (type) {
    case '':
      return [fe.required(fld, '')];
    case 'OnDelete':
      return us?.rollingUpdate ? [fe.invalid(fld.child('rollingUpdate'), goRollingUpdate(us.rollingUpdate), "only allowed for updateStrategy 'RollingUpdate'")] : [];
    case 'RollingUpdate':
      return us?.rollingUpdate ? validateRollingUpdate(us.rollingUpdate, fld.child('rollingUpdate')) : [];
    default: {
      const ru = us?.rollingUpdate ? '0xc000a1b060' : 'nil';
      const value = new Rendered(`apps.StatefulSetUpdateStrategy{Type:${goQuote(type)}, RollingUpdate:(*apps.RollingUpdateStatefulSetStrategy)(${ru})}`);
      return [fe.invalid(fld, value, "must be 'RollingUpdate' or 'OnDelete'")];
    }
  }
}

function validateRetentionPolicy(p: api.StatefulSetPersistentVolumeClaimRetentionPolicy | undefined, fld: FieldPath): FieldError[] {
  if (!p) return [];
  const errs: FieldError[] = [];
  for (const key of ['whenDeleted', 'whenScaled'] as const) {
    const v = p[key] ?? '';
    if (v !== 'Retain' && v !== 'Delete') errs.push(fe.notSupported(fld.child(key), v, ['Retain', 'Delete']));
  }
  return errs;
}

/** ValidateStatefulSetSpec. */
export function validateStatefulSetSpec(spec: StatefulSetSpec, fld: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const policy = spec.podManagementPolicy ?? '';
  if (policy === '') errs.push(fe.required(fld.child('podManagementPolicy'), ''));
  else if (policy !== 'OrderedReady' && policy !== 'Parallel') {
    errs.push(fe.invalid(fld.child('podManagementPolicy'), policy, "must be 'OrderedReady' or 'Parallel'"));
  }
  errs.push(...validateUpdateStrategy(spec.updateStrategy, fld.child('updateStrategy')));
  errs.push(...validateRetentionPolicy(spec.persistentVolumeClaimRetentionPolicy, fld.child('persistentVolumeClaimRetentionPolicy')));
  errs.push(...validateNonnegative(spec.replicas, fld.child('replicas')));
  errs.push(...validateNonnegative(spec.minReadySeconds, fld.child('minReadySeconds')));
  if (spec.ordinals) errs.push(...validateNonnegative(spec.ordinals.start, fld.child('ordinals.start')));
  errs.push(...validateRequiredSelector(spec.selector, fld.child('selector'), 'statefulset'));
  const template = spec.template ?? {};
  const tfld = fld.child('template');
  const selector = selectorOf(spec.selector);
  if (!selector) errs.push(fe.invalid(fld.child('selector'), goLabelSelector(spec.selector), ''));
  else {
    errs.push(...validateSelectorMatchesTemplate(selector, template.metadata?.labels, tfld));
    errs.push(...validateLabels(template.metadata?.labels, tfld.child('labels')));
    errs.push(...validateAnnotations(template.metadata?.annotations, tfld.child('annotations')));
    errs.push(...validateTemplateAnnotations(template, tfld.child('annotations')));
  }
  errs.push(...validateAlwaysRestart(template, tfld, 'StatefulSet'));
  return errs;
}

export function validateStatefulSet(sts: StatefulSet): FieldError[] {
  return validateStatefulSetSpec(sts.spec ?? ({} as StatefulSetSpec), path('spec'));
}

const mutableFields = ['replicas', 'template', 'updateStrategy', 'minReadySeconds', 'ordinals', 'persistentVolumeClaimRetentionPolicy', 'revisionHistoryLimit'] as const;

/** ValidateStatefulSetUpdate: the new spec is valid and only the mutable fields changed. */
export function validateStatefulSetUpdate(sts: StatefulSet, old: StatefulSet): FieldError[] {
  const errs = validateStatefulSet(sts);
  const next: Record<string, unknown> = { ...sts.spec };
  const prev: Record<string, unknown> = { ...old.spec };
  for (const f of mutableFields) {
    delete next[f];
    delete prev[f];
  }
  if (!semanticEqual(next, prev)) errs.push(fe.forbidden(path('spec'), STATEFULSET_UPDATE_FORBIDDEN));
  return errs;
}

/** ValidateStatefulSetStatus. */
export function validateStatefulSetStatus(s: StatefulSetStatus, fld: FieldPath): FieldError[] {
  const errs = [
    ...validateNonnegative(s.replicas, fld.child('replicas')),
    ...validateNonnegative(s.readyReplicas, fld.child('readyReplicas')),
    ...validateNonnegative(s.currentReplicas, fld.child('currentReplicas')),
    ...validateNonnegative(s.updatedReplicas, fld.child('updatedReplicas')),
    ...validateNonnegative(s.availableReplicas, fld.child('availableReplicas')),
  ];
  if (s.observedGeneration !== undefined) errs.push(...validateNonnegative(s.observedGeneration, fld.child('observedGeneration')));
  if (s.collisionCount !== undefined) errs.push(...validateNonnegative(s.collisionCount, fld.child('collisionCount')));
  const replicas = s.replicas ?? 0;
  const msg = 'cannot be greater than status.replicas';
  if ((s.readyReplicas ?? 0) > replicas) errs.push(fe.invalid(fld.child('readyReplicas'), s.readyReplicas, msg));
  if ((s.currentReplicas ?? 0) > replicas) errs.push(fe.invalid(fld.child('currentReplicas'), s.currentReplicas, msg));
  if ((s.updatedReplicas ?? 0) > replicas) errs.push(fe.invalid(fld.child('updatedReplicas'), s.updatedReplicas, msg));
  if ((s.availableReplicas ?? 0) > replicas) errs.push(fe.invalid(fld.child('availableReplicas'), s.availableReplicas, msg));
  if ((s.availableReplicas ?? 0) > (s.readyReplicas ?? 0)) {
    errs.push(fe.invalid(fld.child('availableReplicas'), s.availableReplicas, 'cannot be greater than status.readyReplicas'));
  }
  return errs;
}

export function validateStatefulSetStatusUpdate(sts: StatefulSet, old: StatefulSet): FieldError[] {
  return [
    ...validateStatefulSetStatus(sts.status ?? { replicas: 0 }, path('status')),
    ...validateCollisionCountNotDecremented(sts.status?.collisionCount, old.status?.collisionCount),
  ];
}
