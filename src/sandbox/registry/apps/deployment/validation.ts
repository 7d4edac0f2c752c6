// Deployment validation (pkg/apis/apps/validation: ValidateDeploymentSpec, ValidateDeploymentStatus)
// and the selector immutability the apps/v1 strategy adds on update.
import { fieldErrors as fe, type FieldError, type FieldPath, path, Rendered } from '../../../../apimachinery/field-errors.ts';
import { goQuote } from '../../../../apimachinery/go-format.ts';
import type * as api from '../../../../generated/k8s/apps/v1.ts';
import { goIntOrString, goLabelSelector } from '../shared/go-value.ts';
import { intOrPercentValue, isNotMoreThan100Percent, validatePositiveIntOrPercent } from '../shared/int-or-percent.ts';
import { selectorOf, validateReplicatedTemplate, validateRequiredSelector } from '../shared/template-selector.ts';
import { validateImmutable, validateNonnegative } from '../shared/validation-helpers.ts';
import type { Deployment, DeploymentSpec, DeploymentStatus } from './types.ts';

function validateRollingUpdate(ru: api.RollingUpdateDeployment, fld: FieldPath): FieldError[] {
  const errs = [
    ...validatePositiveIntOrPercent(ru.maxUnavailable, fld.child('maxUnavailable')),
    ...validatePositiveIntOrPercent(ru.maxSurge, fld.child('maxSurge')),
  ];
  if (intOrPercentValue(ru.maxUnavailable) === 0 && intOrPercentValue(ru.maxSurge) === 0) {
    errs.push(fe.invalid(fld.child('maxUnavailable'), goIntOrString(ru.maxUnavailable), 'may not be 0 when `maxSurge` is 0'));
  }
  errs.push(...isNotMoreThan100Percent(ru.maxUnavailable, fld.child('maxUnavailable')));
  return errs;
}

/** ValidateDeploymentStrategy. */
export function validateDeploymentStrategy(strategy: api.DeploymentStrategy | undefined, fld: FieldPath): FieldError[] {
  const type = strategy?.type ?? '';
  switch (type) {
    case 'Recreate':
      return strategy?.rollingUpdate ? [fe.forbidden(fld.child('rollingUpdate'), "may not be specified when strategy `type` is 'Recreate'")] : [];
    case 'RollingUpdate':
      if (!strategy?.rollingUpdate) return [fe.required(fld.child('rollingUpdate'), 'this should be defaulted and never be nil')];
      return validateRollingUpdate(strategy.rollingUpdate, fld.child('rollingUpdate'));
    default: {
      const ru = strategy?.rollingUpdate ? '0xc000a1b020' : 'nil';
      const value = new Rendered(`apps.DeploymentStrategy{Type:${goQuote(type)}, RollingUpdate:(*apps.RollingUpdateDeployment)(${ru})}`);
      return [fe.notSupported(fld, value, ['Recreate', 'RollingUpdate'])];
    }
  }
}

/** ValidateDeploymentSpec. */
export function validateDeploymentSpec(spec: DeploymentSpec, fld: FieldPath): FieldError[] {
  const errs = validateNonnegative(spec.replicas, fld.child('replicas'));
  errs.push(...validateRequiredSelector(spec.selector, fld.child('selector'), 'deployment'));
  const selector = selectorOf(spec.selector);
  if (!selector) errs.push(fe.invalid(fld.child('selector'), goLabelSelector(spec.selector), 'invalid label selector'));
  else errs.push(...validateReplicatedTemplate(spec.template ?? {}, selector, fld.child('template'), 'ReplicaSet'));
  errs.push(...validateDeploymentStrategy(spec.strategy, fld.child('strategy')));
  errs.push(...validateNonnegative(spec.minReadySeconds, fld.child('minReadySeconds')));
  if (spec.revisionHistoryLimit !== undefined) errs.push(...validateNonnegative(spec.revisionHistoryLimit, fld.child('revisionHistoryLimit')));
  if (spec.progressDeadlineSeconds !== undefined) {
    errs.push(...validateNonnegative(spec.progressDeadlineSeconds, fld.child('progressDeadlineSeconds')));
    if (spec.progressDeadlineSeconds <= (spec.minReadySeconds ?? 0)) {
      errs.push(fe.invalid(fld.child('progressDeadlineSeconds'), spec.progressDeadlineSeconds, 'must be greater than minReadySeconds'));
    }
  }
  return errs;
}

export function validateDeployment(d: Deployment): FieldError[] {
  return validateDeploymentSpec(d.spec ?? ({} as DeploymentSpec), path('spec'));
}

/** ValidateDeploymentUpdate plus the apps/v1 rule that the selector may not change. */
export function validateDeploymentUpdate(d: Deployment, old: Deployment): FieldError[] {
  return [...validateDeployment(d), ...validateImmutable(d.spec?.selector, old.spec?.selector, path('spec', 'selector'), goLabelSelector(d.spec?.selector))];
}

/** ValidateDeploymentStatus. */
export function validateDeploymentStatus(s: DeploymentStatus, fld: FieldPath): FieldError[] {
  const errs = [
    ...validateNonnegative(s.observedGeneration, fld.child('observedGeneration')),
    ...validateNonnegative(s.replicas, fld.child('replicas')),
    ...validateNonnegative(s.updatedReplicas, fld.child('updatedReplicas')),
    ...validateNonnegative(s.readyReplicas, fld.child('readyReplicas')),
    ...validateNonnegative(s.availableReplicas, fld.child('availableReplicas')),
    ...validateNonnegative(s.unavailableReplicas, fld.child('unavailableReplicas')),
  ];
  if (s.collisionCount !== undefined) errs.push(...validateNonnegative(s.collisionCount, fld.child('collisionCount')));
  const replicas = s.replicas ?? 0;
  const msg = 'cannot be greater than status.replicas';
  if ((s.updatedReplicas ?? 0) > replicas) errs.push(fe.invalid(fld.child('updatedReplicas'), s.updatedReplicas, msg));
  if ((s.readyReplicas ?? 0) > replicas) errs.push(fe.invalid(fld.child('readyReplicas'), s.readyReplicas, msg));
  if ((s.availableReplicas ?? 0) > replicas) errs.push(fe.invalid(fld.child('availableReplicas'), s.availableReplicas, msg));
  if ((s.availableReplicas ?? 0) > (s.readyReplicas ?? 0)) {
    errs.push(fe.invalid(fld.child('availableReplicas'), s.availableReplicas, 'cannot be greater than readyReplicas'));
  }
  return errs;
}

/** ValidateDeploymentStatusUpdate. */
export function validateDeploymentStatusUpdate(d: Deployment, old: Deployment): FieldError[] {
  const errs = validateDeploymentStatus(d.status ?? {}, path('status'));
  errs.push(...validateCollisionCountNotDecremented(d.status?.collisionCount, old.status?.collisionCount));
  return errs;
}

/** IsDecremented on status.collisionCount. */
export function validateCollisionCountNotDecremented(next: number | undefined, old: number | undefined): FieldError[] {
  if (old === undefined) return [];
  if (next !== undefined && next >= old) return [];
  return [fe.invalid(path('status', 'collisionCount'), next ?? 0, 'cannot be decremented')];
}
