// DaemonSet validation (pkg/apis/apps/validation: ValidateDaemonSetSpec, ValidateDaemonSetUpdateStrategy,
// validateDaemonSetStatus) and the selector immutability the apps/v1 strategy adds on update.
import { fieldErrors as fe, type FieldError, type FieldPath, path, Rendered } from '../../../../apimachinery/field-errors.ts';
import { goQuote } from '../../../../apimachinery/go-format.ts';
import { validateLabelSelector } from '../../../../apimachinery/validation/label-selector.ts';
import type * as api from '../../../../generated/k8s/apps/v1.ts';
import { goIntOrString, goLabels, goLabelSelector } from '../shared/go-value.ts';
import { intOrPercentValue, isNotMoreThan100Percent, validatePositiveIntOrPercent } from '../shared/int-or-percent.ts';
import { validatePodTemplate } from '../shared/pod-template.ts';
import { selectorOf, validateAlwaysRestart } from '../shared/template-selector.ts';
import { validateImmutable, validateNonnegative } from '../shared/validation-helpers.ts';
import { validateCollisionCountNotDecremented } from '../deployment/validation.ts';
import type { DaemonSet, DaemonSetSpec, DaemonSetStatus } from './types.ts';

/** ValidateRollingUpdateDaemonSet: exactly one of maxUnavailable and maxSurge is non-zero. */
function validateRollingUpdate(ru: api.RollingUpdateDaemonSet, fld: FieldPath): FieldError[] {
  const errs = [
    ...validatePositiveIntOrPercent(ru.maxUnavailable, fld.child('maxUnavailable')),
    ...validatePositiveIntOrPercent(ru.maxSurge, fld.child('maxSurge')),
    ...isNotMoreThan100Percent(ru.maxUnavailable, fld.child('maxUnavailable')),
    ...isNotMoreThan100Percent(ru.maxSurge, fld.child('maxSurge')),
  ];
  const hasUnavailable = intOrPercentValue(ru.maxUnavailable) !== 0;
  const hasSurge = intOrPercentValue(ru.maxSurge) !== 0;
  if (hasUnavailable && hasSurge) errs.push(fe.invalid(fld.child('maxSurge'), goIntOrString(ru.maxSurge), 'may not be set when maxUnavailable is non-zero'));
  else if (!hasUnavailable && !hasSurge) errs.push(fe.required(fld.child('maxUnavailable'), 'cannot be 0 when maxSurge is 0'));
  return errs;
}

/** ValidateDaemonSetUpdateStrategy. */
export function validateDaemonSetUpdateStrategy(us: api.DaemonSetUpdateStrategy | undefined, fld: FieldPath): FieldError[] {
  const type = us?.type ?? '';
  switch (type) {
    case 'OnDelete':
      return [];
    case 'RollingUpdate':
      return us?.rollingUpdate ? validateRollingUpdate(us.rollingUpdate, fld.child('rollingUpdate')) : [fe.required(fld.child('rollingUpdate'), '')];
    default: {
      const ru = us?.rollingUpdate ? '0xc000a1b080' : 'nil';
      const value = new Rendered(`apps.DaemonSetUpdateStrategy{Type:${goQuote(type)}, RollingUpdate:(*apps.RollingUpdateDaemonSet)(${ru})}`);
      return [fe.notSupported(fld, value, ['RollingUpdate', 'OnDelete'])];
    }
  }
}

/** ValidateDaemonSetSpec. */
export function validateDaemonSetSpec(spec: DaemonSetSpec, fld: FieldPath, templateGeneration: number): FieldError[] {
  const errs = validateLabelSelector(spec.selector, fld.child('selector'));
  const template = spec.template ?? {};
  const selector = selectorOf(spec.selector);
  if (selector && !selector.matches(template.metadata?.labels)) {
    errs.push(fe.invalid(fld.child('template', 'metadata', 'labels'), goLabels(template.metadata?.labels), '`selector` does not match template `labels`'));
  }
  if (spec.selector && Object.keys(spec.selector.matchLabels ?? {}).length + (spec.selector.matchExpressions ?? []).length === 0) {
    errs.push(fe.invalid(fld.child('selector'), goLabelSelector(spec.selector), 'empty selector is invalid for daemonset'));
  }
  errs.push(...validatePodTemplate(template, fld.child('template')));
  errs.push(...validateAlwaysRestart(template, fld.child('template'), 'DaemonSet'));
  errs.push(...validateNonnegative(spec.minReadySeconds, fld.child('minReadySeconds')));
  errs.push(...validateNonnegative(templateGeneration, fld.child('templateGeneration')));
  errs.push(...validateDaemonSetUpdateStrategy(spec.updateStrategy, fld.child('updateStrategy')));
  if (spec.revisionHistoryLimit !== undefined) errs.push(...validateNonnegative(spec.revisionHistoryLimit, fld.child('revisionHistoryLimit')));
  return errs;
}

export function validateDaemonSet(ds: DaemonSet, templateGeneration: number): FieldError[] {
  return validateDaemonSetSpec(ds.spec ?? ({} as DaemonSetSpec), path('spec'), templateGeneration);
}

/** ValidateDaemonSetUpdate plus the apps/v1 selector immutability. */
export function validateDaemonSetUpdate(ds: DaemonSet, old: DaemonSet, templateGeneration: number): FieldError[] {
  return [
    ...validateDaemonSet(ds, templateGeneration),
    ...validateImmutable(ds.spec?.selector, old.spec?.selector, path('spec', 'selector'), goLabelSelector(ds.spec?.selector)),
  ];
}

/** validateDaemonSetStatus. */
export function validateDaemonSetStatus(s: DaemonSetStatus, fld: FieldPath): FieldError[] {
  const errs = [
    ...validateNonnegative(s.currentNumberScheduled, fld.child('currentNumberScheduled')),
    ...validateNonnegative(s.numberMisscheduled, fld.child('numberMisscheduled')),
    ...validateNonnegative(s.desiredNumberScheduled, fld.child('desiredNumberScheduled')),
    ...validateNonnegative(s.numberReady, fld.child('numberReady')),
    ...validateNonnegative(s.observedGeneration, fld.child('observedGeneration')),
    ...validateNonnegative(s.updatedNumberScheduled, fld.child('updatedNumberScheduled')),
    ...validateNonnegative(s.numberAvailable, fld.child('numberAvailable')),
    ...validateNonnegative(s.numberUnavailable, fld.child('numberUnavailable')),
  ];
  if (s.collisionCount !== undefined) errs.push(...validateNonnegative(s.collisionCount, fld.child('collisionCount')));
  return errs;
}

export function validateDaemonSetStatusUpdate(ds: DaemonSet, old: DaemonSet): FieldError[] {
  const empty = { currentNumberScheduled: 0, desiredNumberScheduled: 0, numberMisscheduled: 0, numberReady: 0 };
  return [
    ...validateDaemonSetStatus(ds.status ?? empty, path('status')),
    ...validateCollisionCountNotDecremented(ds.status?.collisionCount, old.status?.collisionCount),
  ];
}
