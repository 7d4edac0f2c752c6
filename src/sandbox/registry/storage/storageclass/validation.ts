// StorageClass validation with upstream's messages (pkg/apis/storage/validation): a provisioner,
// bounded parameters, a known reclaim policy and binding mode, well-formed allowed topologies;
// provisioner, parameters, reclaimPolicy and volumeBindingMode never change.
import { fieldErrors as fe, type FieldError, path } from '../../../../apimachinery/field-errors.ts';
import { deepEqual } from '../../../../apimachinery/object.ts';
import { validateLabelName } from '../../../../apimachinery/validation/label-selector.ts';
import { isQualifiedName } from '../../../../apimachinery/validation/names.ts';
import type * as storagev1 from '../../../../generated/k8s/storage/v1.ts';

const MAX_PARAMETERS = 512;
const MAX_PARAMETERS_SIZE = 256 * 1024;
const RECLAIM_POLICIES = ['Delete', 'Retain'];
const BINDING_MODES = ['Immediate', 'WaitForFirstConsumer'];

export function validateStorageClass(sc: storagev1.StorageClass): FieldError[] {
  const errs: FieldError[] = [];
  const provisioner = sc.provisioner ?? '';
  if (!provisioner) errs.push(fe.required(path('provisioner'), provisioner));
  else for (const m of isQualifiedName(provisioner.toLowerCase())) errs.push(fe.invalid(path('provisioner'), provisioner.toLowerCase(), m));

  const params = Object.entries(sc.parameters ?? {});
  if (params.length > MAX_PARAMETERS) {
    errs.push(fe.tooLong(path('parameters'), 'Provisioner Parameters exceeded max allowed', MAX_PARAMETERS));
  } else {
    let size = 0;
    for (const [k, v] of params) {
      if (k.length < 1) errs.push(fe.invalid(path('parameters'), k, 'field can not be empty.'));
      size += k.length + v.length;
    }
    if (size > MAX_PARAMETERS_SIZE) errs.push(fe.tooLong(path('parameters'), '', MAX_PARAMETERS_SIZE));
  }

  if (sc.reclaimPolicy && !RECLAIM_POLICIES.includes(sc.reclaimPolicy)) errs.push(fe.notSupported(path('reclaimPolicy'), sc.reclaimPolicy, RECLAIM_POLICIES));
  if (sc.volumeBindingMode === undefined) errs.push(fe.required(path('volumeBindingMode')));
  else if (!BINDING_MODES.includes(sc.volumeBindingMode)) errs.push(fe.notSupported(path('volumeBindingMode'), sc.volumeBindingMode, BINDING_MODES));

  const seen: Array<Map<string, Set<string>>> = [];
  (sc.allowedTopologies ?? []).forEach((term, i) => {
    const termPath = path('allowedTopologies').index(i);
    const exprs = new Map<string, Set<string>>();
    (term.matchLabelExpressions ?? []).forEach((rq, j) => {
      const p = termPath.child('matchLabelExpressions').index(j);
      const values = new Set<string>();
      if (!rq.values?.length) errs.push(fe.required(p.child('values')));
      (rq.values ?? []).forEach((v, k) => {
        if (values.has(v)) errs.push(fe.duplicate(p.child('values').index(k), v));
        values.add(v);
      });
      errs.push(...validateLabelName(rq.key ?? '', p.child('key')));
      if (exprs.has(rq.key)) errs.push(fe.duplicate(p.child('key'), rq.key));
      exprs.set(rq.key, values);
    });
    if (seen.some((other) => sameTerm(other, exprs))) errs.push(fe.duplicate(termPath.child('matchLabelExpressions'), ''));
    seen.push(exprs);
  });
  return errs;
}

function sameTerm(a: Map<string, Set<string>>, b: Map<string, Set<string>>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) {
    const w = b.get(k);
    if (!w || w.size !== v.size || [...v].some((x) => !w.has(x))) return false;
  }
  return true;
}

export function validateStorageClassUpdate(sc: storagev1.StorageClass, old: storagev1.StorageClass): FieldError[] {
  const errs = validateStorageClass(sc);
  if (!deepEqual(sc.parameters ?? {}, old.parameters ?? {})) errs.push(fe.forbidden(path('parameters'), 'updates to parameters are forbidden.'));
  if (sc.provisioner !== old.provisioner) errs.push(fe.forbidden(path('provisioner'), 'updates to provisioner are forbidden.'));
  if (sc.reclaimPolicy !== old.reclaimPolicy) errs.push(fe.forbidden(path('reclaimPolicy'), 'updates to reclaimPolicy are forbidden.'));
  if (sc.volumeBindingMode !== old.volumeBindingMode) errs.push(fe.invalid(path('volumeBindingMode'), sc.volumeBindingMode ?? null, 'field is immutable'));
  return errs;
}
