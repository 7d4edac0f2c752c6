// PodDisruptionBudget validation (pkg/apis/policy/validation): minAvailable and maxUnavailable
// are exclusive non-negative ints or percentages, the selector is valid, the eviction policy known.
import { fieldErrors as fe, type FieldError, type FieldPath, path } from '../../../../apimachinery/field-errors.ts';
import { validateLabelSelector } from '../../../../apimachinery/validation/label-selector.ts';
import type * as api from '../../../../generated/k8s/policy/v1.ts';
import { goPointerStruct } from '../../apps/shared/go-value.ts';
import { isNotMoreThan100Percent, validatePositiveIntOrPercent } from '../../apps/shared/int-or-percent.ts';
import { validateNonnegative } from '../../apps/shared/validation-helpers.ts';

export type PodDisruptionBudget = api.PodDisruptionBudget & { metadata: NonNullable<api.PodDisruptionBudget['metadata']> };

const EVICTION_POLICIES = ['AlwaysAllow', 'IfHealthyBudget'];

/** ValidatePodDisruptionBudgetSpec. */
export function validatePodDisruptionBudgetSpec(spec: api.PodDisruptionBudgetSpec, fld: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (spec.minAvailable !== undefined && spec.maxUnavailable !== undefined) {
    const value = goPointerStruct('policy.PodDisruptionBudgetSpec', [
      { name: 'MinAvailable', type: 'intstr.IntOrString', present: true },
      { name: 'Selector', type: 'v1.LabelSelector', present: spec.selector !== undefined },
      { name: 'MaxUnavailable', type: 'intstr.IntOrString', present: true },
      { name: 'UnhealthyPodEvictionPolicy', type: 'policy.UnhealthyPodEvictionPolicyType', present: spec.unhealthyPodEvictionPolicy !== undefined },
    ]);
    errs.push(fe.invalid(fld, value, 'minAvailable and maxUnavailable cannot be both set'));
  }
  if (spec.minAvailable !== undefined) {
    errs.push(...validatePositiveIntOrPercent(spec.minAvailable, fld.child('minAvailable')));
    errs.push(...isNotMoreThan100Percent(spec.minAvailable, fld.child('minAvailable')));
  }
  if (spec.maxUnavailable !== undefined) {
    errs.push(...validatePositiveIntOrPercent(spec.maxUnavailable, fld.child('maxUnavailable')));
    errs.push(...isNotMoreThan100Percent(spec.maxUnavailable, fld.child('maxUnavailable')));
  }
  errs.push(...validateLabelSelector(spec.selector, fld.child('selector')));
  const policy = spec.unhealthyPodEvictionPolicy;
  if (policy !== undefined && !EVICTION_POLICIES.includes(policy)) errs.push(fe.notSupported(fld.child('unhealthyPodEvictionPolicy'), policy, EVICTION_POLICIES));
  return errs;
}

export function validatePodDisruptionBudget(pdb: PodDisruptionBudget): FieldError[] {
  return validatePodDisruptionBudgetSpec(pdb.spec ?? {}, path('spec'));
}

/** ValidatePodDisruptionBudgetStatusUpdate (policy/v1 adds the non-negative counters). */
export function validatePodDisruptionBudgetStatus(status: api.PodDisruptionBudgetStatus | undefined, fld: FieldPath): FieldError[] {
  return [
    ...validateNonnegative(status?.disruptionsAllowed, fld.child('disruptionsAllowed')),
    ...validateNonnegative(status?.currentHealthy, fld.child('currentHealthy')),
    ...validateNonnegative(status?.desiredHealthy, fld.child('desiredHealthy')),
    ...validateNonnegative(status?.expectedPods, fld.child('expectedPods')),
  ];
}
