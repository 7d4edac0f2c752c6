// ControllerRevision validation (pkg/apis/apps/validation): data is mandatory and immutable,
// revision is non-negative.
import { fieldErrors as fe, type FieldError, path } from '../../../../apimachinery/field-errors.ts';
import type * as api from '../../../../generated/k8s/apps/v1.ts';
import { goRawExtension } from '../shared/go-value.ts';
import { validateImmutable, validateNonnegative } from '../shared/validation-helpers.ts';

export type ControllerRevision = api.ControllerRevision & { metadata: NonNullable<api.ControllerRevision['metadata']> };

export function validateControllerRevision(cr: ControllerRevision): FieldError[] {
  const errs: FieldError[] = [];
  if (cr.data === undefined || cr.data === null) errs.push(fe.required(path('data'), 'data is mandatory'));
  errs.push(...validateNonnegative(cr.revision, path('revision')));
  return errs;
}

export function validateControllerRevisionUpdate(cr: ControllerRevision, old: ControllerRevision): FieldError[] {
  return [...validateControllerRevision(cr), ...validateImmutable(cr.data, old.data, path('data'), goRawExtension(cr.data))];
}
