// Namespace validation (ValidateNamespace, ValidateNamespaceStatusUpdate): spec.finalizers are
// qualified names, or one of the standard ones; the phase follows the deletionTimestamp.
import { fieldErrors as fe, type FieldError, type FieldPath, path } from '../../../../apimachinery/field-errors.ts';
import { isQualifiedName } from '../../../../apimachinery/validation/names.ts';
import type { Namespace } from './types.ts';

const STANDARD_FINALIZERS = ['kubernetes', 'orphan', 'foregroundDeletion'];

/** validateFinalizerName: ValidateFinalizerName, then the legacy unqualified names. */
export function validateFinalizerName(name: string, fld: FieldPath): FieldError[] {
  const errs = isQualifiedName(name).map((m) => fe.invalid(fld, name, m));
  if (!name.includes('/') && !STANDARD_FINALIZERS.includes(name)) {
    errs.push(fe.invalid(fld, name, 'name is neither a standard finalizer name nor is it fully qualified'));
  }
  return errs;
}

export function validateNamespace(ns: Namespace): FieldError[] {
  return (ns.spec?.finalizers ?? []).flatMap((f) => validateFinalizerName(f, path('spec', 'finalizers')));
}

export function validateNamespaceStatusUpdate(ns: Namespace): FieldError[] {
  const phase = ns.status?.phase ?? '';
  if (!ns.metadata.deletionTimestamp) {
    if (phase !== 'Active') return [fe.invalid(path('status', 'Phase'), phase, "may only be 'Active' if `deletionTimestamp` is empty")];
  } else if (phase !== 'Terminating') {
    return [fe.invalid(path('status', 'Phase'), phase, "may only be 'Terminating' if `deletionTimestamp` is not empty")];
  }
  return [];
}
