// ReplicaSet validation (pkg/apis/apps/validation: ValidateReplicaSetSpec, ValidateReplicaSetStatus)
// and the selector immutability the apps/v1 strategy adds on update.
import { fieldErrors as fe, type FieldError, type FieldPath, path } from '../../../../apimachinery/field-errors.ts';
import { goLabelSelector } from '../shared/go-value.ts';
import { selectorOf, validateReplicatedTemplate, validateRequiredSelector } from '../shared/template-selector.ts';
import { validateImmutable, validateNonnegative } from '../shared/validation-helpers.ts';
import type { ReplicaSet, ReplicaSetSpec, ReplicaSetStatus } from './types.ts';

/** ValidateReplicaSetSpec (its empty-selector message says "deployment", as upstream's does). */
export function validateReplicaSetSpec(spec: ReplicaSetSpec, fld: FieldPath): FieldError[] {
  const errs = [...validateNonnegative(spec.replicas, fld.child('replicas')), ...validateNonnegative(spec.minReadySeconds, fld.child('minReadySeconds'))];
  errs.push(...validateRequiredSelector(spec.selector, fld.child('selector'), 'deployment'));
  const selector = selectorOf(spec.selector);
  if (!selector) errs.push(fe.invalid(fld.child('selector'), goLabelSelector(spec.selector), 'invalid label selector'));
  else errs.push(...validateReplicatedTemplate(spec.template ?? {}, selector, fld.child('template'), 'ReplicaSet'));
  return errs;
}

export function validateReplicaSet(rs: ReplicaSet): FieldError[] {
  return validateReplicaSetSpec(rs.spec ?? ({} as ReplicaSetSpec), path('spec'));
}

export function validateReplicaSetUpdate(rs: ReplicaSet, old: ReplicaSet): FieldError[] {
  return [...validateReplicaSet(rs), ...validateImmutable(rs.spec?.selector, old.spec?.selector, path('spec', 'selector'), goLabelSelector(rs.spec?.selector))];
}

/** ValidateReplicaSetStatus (shared in shape with ReplicationController's). */
export function validateReplicaCountsStatus(s: ReplicaSetStatus, fld: FieldPath): FieldError[] {
  const errs = [
    ...validateNonnegative(s.replicas, fld.child('replicas')),
    ...validateNonnegative(s.fullyLabeledReplicas, fld.child('fullyLabeledReplicas')),
    ...validateNonnegative(s.readyReplicas, fld.child('readyReplicas')),
    ...validateNonnegative(s.availableReplicas, fld.child('availableReplicas')),
    ...validateNonnegative(s.observedGeneration, fld.child('observedGeneration')),
  ];
  const replicas = s.replicas ?? 0;
  const msg = 'cannot be greater than status.replicas';
  if ((s.fullyLabeledReplicas ?? 0) > replicas) errs.push(fe.invalid(fld.child('fullyLabeledReplicas'), s.fullyLabeledReplicas, msg));
  if ((s.readyReplicas ?? 0) > replicas) errs.push(fe.invalid(fld.child('readyReplicas'), s.readyReplicas, msg));
  if ((s.availableReplicas ?? 0) > replicas) errs.push(fe.invalid(fld.child('availableReplicas'), s.availableReplicas, msg));
  if ((s.availableReplicas ?? 0) > (s.readyReplicas ?? 0)) {
    errs.push(fe.invalid(fld.child('availableReplicas'), s.availableReplicas, 'cannot be greater than readyReplicas'));
  }
  return errs;
}
