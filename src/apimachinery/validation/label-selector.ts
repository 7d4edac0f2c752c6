// metav1.LabelSelector validation with upstream messages
// (k8s.io/apimachinery/pkg/apis/meta/v1/validation: ValidateLabelSelector, ValidateLabelName).
import { fieldErrors as fe, type FieldError, FieldPath } from '../field-errors.ts';
import type { LabelSelector } from '../labels.ts';
import { isQualifiedName, isValidLabelValue } from './names.ts';
import { validateLabels } from './object-meta.ts';

export interface LabelSelectorValidationOptions {
  /** Tolerate label values that are not valid (kept when an old object already had them). */
  allowInvalidLabelValueInSelector?: boolean;
}

/** ValidateLabelName: a qualified name. */
export function validateLabelName(name: string, fld: FieldPath): FieldError[] {
  return isQualifiedName(name).map((m) => fe.invalid(fld, name, m));
}

type Selectorish = LabelSelector | null | undefined;

/** Upstream's argument order `(selector, opts, path)`, or `(selector, path, opts?)`. */
export function validateLabelSelector(ls: Selectorish, opts: LabelSelectorValidationOptions, fld: FieldPath): FieldError[];
export function validateLabelSelector(ls: Selectorish, fld: FieldPath, opts?: LabelSelectorValidationOptions): FieldError[];
export function validateLabelSelector(
  ls: Selectorish,
  a: FieldPath | LabelSelectorValidationOptions,
  b?: FieldPath | LabelSelectorValidationOptions,
): FieldError[] {
  const fld = a instanceof FieldPath ? a : (b as FieldPath);
  const opts = (a instanceof FieldPath ? b : a) as LabelSelectorValidationOptions | undefined;
  if (!ls) return [];
  const errs = validateLabels(ls.matchLabels, fld.child('matchLabels'));
  (ls.matchExpressions ?? []).forEach((expr, i) => {
    const p = fld.child('matchExpressions').index(i);
    const values = expr.values ?? [];
    switch (expr.operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0) errs.push(fe.required(p.child('values'), "must be specified when `operator` is 'In' or 'NotIn'"));
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0) errs.push(fe.forbidden(p.child('values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
        break;
      default:
        errs.push(fe.invalid(p.child('operator'), expr.operator, 'not a valid selector operator'));
    }
    errs.push(...validateLabelName(expr.key, p.child('key')));
    if (!opts?.allowInvalidLabelValueInSelector) {
      values.forEach((v, j) => {
        for (const m of isValidLabelValue(v)) errs.push(fe.invalid(p.child('values').index(j), v, m));
      });
    }
  });
  return errs;
}
