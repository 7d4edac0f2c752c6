// PriorityClass validation (pkg/apis/scheduling/validation): system names and values are
// reserved, the preemption policy is known, value and preemptionPolicy never change.
import { fieldErrors as fe, type FieldError, path } from '../../../../apimachinery/field-errors.ts';
import type * as api from '../../../../generated/k8s/scheduling/v1.ts';
import { validateImmutable } from '../../apps/shared/validation-helpers.ts';
import { HIGHEST_USER_DEFINABLE_PRIORITY, SYSTEM_PRIORITY_CLASS_PREFIX, systemPriorityClassError } from './system-classes.ts';

export type PriorityClass = api.PriorityClass & { metadata: NonNullable<api.PriorityClass['metadata']> };

const PREEMPTION_POLICIES = ['PreemptLowerPriority', 'Never'];

export function validatePriorityClass(pc: PriorityClass): FieldError[] {
  const errs: FieldError[] = [];
  const name = pc.metadata.name ?? '';
  if (name.startsWith(SYSTEM_PRIORITY_CLASS_PREFIX)) {
    const reason = systemPriorityClassError(name, pc.value ?? 0, pc.globalDefault ?? false);
    if (reason) {
      errs.push(fe.forbidden(path('metadata', 'name'), `priority class names with '${SYSTEM_PRIORITY_CLASS_PREFIX}' prefix are reserved for system use only. error: ${reason}`));
    }
  } else if ((pc.value ?? 0) > HIGHEST_USER_DEFINABLE_PRIORITY) {
    errs.push(fe.forbidden(path('value'), `maximum allowed value of a user defined priority is ${HIGHEST_USER_DEFINABLE_PRIORITY}`));
  }
  if (pc.preemptionPolicy !== undefined) {
    const p = pc.preemptionPolicy;
    if (p === '') errs.push(fe.required(path('preemptionPolicy'), ''));
    else if (!PREEMPTION_POLICIES.includes(p)) errs.push(fe.notSupported(path('preemptionPolicy'), p, PREEMPTION_POLICIES));
  }
  return errs;
}

export function validatePriorityClassUpdate(pc: PriorityClass, old: PriorityClass): FieldError[] {
  const errs: FieldError[] = [];
  if ((pc.value ?? 0) !== (old.value ?? 0)) errs.push(fe.forbidden(path('value'), 'may not be changed in an update.'));
  errs.push(...validateImmutable(pc.preemptionPolicy, old.preemptionPolicy, path('preemptionPolicy')));
  return errs;
}
