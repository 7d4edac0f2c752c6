// ValidateImmutableField (k8s.io/apimachinery/pkg/api/validation): `field is immutable`.
import { fieldErrors as fe, type FieldError, type FieldPath } from '../../../../apimachinery/field-errors.ts';
import { deepEqual } from '../../../../apimachinery/object.ts';

export const FIELD_IMMUTABLE = 'field is immutable';

export function validateImmutableField(next: unknown, old: unknown, fld: FieldPath | string, shown: unknown = next ?? ''): FieldError[] {
  return deepEqual(next, old) ? [] : [fe.invalid(fld, shown, FIELD_IMMUTABLE)];
}
