// Small validators shared by the workload kinds (k8s.io/kubernetes/pkg/apis/core/validation):
// ValidateNonnegativeField and ValidateImmutableField, worded as upstream.
import { fieldErrors as fe, type FieldError, type FieldPath } from '../../../../apimachinery/field-errors.ts';
import { deepEqual } from '../../../../apimachinery/object.ts';

export const IMMUTABLE = 'field is immutable';

/** ValidateNonnegativeField: unset values count as 0 (Go zero values). */
export function validateNonnegative(value: number | undefined, fld: FieldPath): FieldError[] {
  return (value ?? 0) < 0 ? [fe.invalid(fld, value, 'must be greater than or equal to 0')] : [];
}

/** ValidateImmutableField: `badValue` is how Go prints the new value (a JSON value by default). */
export function validateImmutable(next: unknown, old: unknown, fld: FieldPath, badValue: unknown = next ?? null): FieldError[] {
  return deepEqual(next, old) ? [] : [fe.invalid(fld, badValue, IMMUTABLE)];
}
