// NodeSelector validation (ValidateNodeSelector and its terms in pkg/apis/core/validation), used
// by PersistentVolume node affinity; the wording matches upstream's.
import { fieldErrors as fe, type FieldError, type FieldPath } from '../../../../apimachinery/field-errors.ts';
import { isValidLabelValue } from '../../../../apimachinery/validation/names.ts';
import { nameFuncs } from '../../../../apimachinery/validation/object-meta.ts';
import { isQualifiedName } from '../../../../apimachinery/validation/names.ts';
import type * as corev1 from '../../../../generated/k8s/core/v1.ts';

export function validateNodeSelectorRequirement(rq: corev1.NodeSelectorRequirement, allowInvalidValues: boolean, fld: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const values = rq.values ?? [];
  switch (rq.operator) {
    case 'In':
    case 'NotIn':
      if (values.length === 0) errs.push(fe.required(fld.child('values'), "must be specified when `operator` is 'In' or 'NotIn'"));
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (values.length > 0) errs.push(fe.forbidden(fld.child('values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
      break;
    case 'Gt':
    case 'Lt':
      if (values.length !== 1) errs.push(fe.required(fld.child('values'), "must be specified single value when `operator` is 'Lt' or 'Gt'"));
      break;
    default:
      errs.push(fe.invalid(fld.child('operator'), rq.operator ?? '', 'not a valid selector operator'));
  }
  for (const m of isQualifiedName(rq.key ?? '')) errs.push(fe.invalid(fld.child('key'), rq.key ?? '', m));
  if (!allowInvalidValues) {
    values.forEach((v, i) => {
      for (const m of isValidLabelValue(v)) errs.push(fe.invalid(fld.child('values').index(i), v, m));
    });
  }
  return errs;
}

export function validateNodeFieldSelectorRequirement(rq: corev1.NodeSelectorRequirement, fld: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const values = rq.values ?? [];
  if (rq.operator === 'In' || rq.operator === 'NotIn') {
    if (values.length !== 1) errs.push(fe.required(fld.child('values'), "must be only one value when `operator` is 'In' or 'NotIn' for node field selector"));
  } else {
    errs.push(fe.invalid(fld.child('operator'), rq.operator ?? '', 'not a valid selector operator'));
  }
  if (rq.key !== 'metadata.name') {
    errs.push(fe.invalid(fld.child('key'), rq.key ?? '', 'not a valid field selector key'));
  } else {
    values.forEach((v, i) => {
      for (const m of nameFuncs.subdomain(v, false)) errs.push(fe.invalid(fld.child('values').index(i), v, m));
    });
  }
  return errs;
}

export function validateNodeSelectorTerm(term: corev1.NodeSelectorTerm, allowInvalidValues: boolean, fld: FieldPath): FieldError[] {
  return [
    ...(term.matchExpressions ?? []).flatMap((r, j) => validateNodeSelectorRequirement(r, allowInvalidValues, fld.child('matchExpressions').index(j))),
    ...(term.matchFields ?? []).flatMap((r, j) => validateNodeFieldSelectorRequirement(r, fld.child('matchFields').index(j))),
  ];
}

export function validateNodeSelector(sel: corev1.NodeSelector, allowInvalidValues: boolean, fld: FieldPath): FieldError[] {
  const terms = fld.child('nodeSelectorTerms');
  if ((sel.nodeSelectorTerms ?? []).length === 0) return [fe.required(terms, 'must have at least one node selector term')];
  return sel.nodeSelectorTerms.flatMap((t, i) => validateNodeSelectorTerm(t, allowInvalidValues, terms.index(i)));
}
