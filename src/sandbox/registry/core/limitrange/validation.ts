// LimitRange validation (ValidateLimitRange in pkg/apis/core/validation).
import { fieldErrors as fe, type FieldError, type FieldPath, path } from '../../../../apimachinery/field-errors.ts';
import { Quantity } from '../../../../apimachinery/quantity.ts';
import { isQualifiedName } from '../../../../apimachinery/validation/names.ts';
import { isOvercommitAllowed, validateContainerResourceName, validateResourceName } from '../shared/resource-names.ts';
import { goQuantity, quantityOf } from '../shared/resource-quantity.ts';
import { sortedEntries } from '../shared/sorted-entries.ts';
import type { LimitRange } from './types.ts';

const STANDARD_TYPES = ['Pod', 'Container', 'PersistentVolumeClaim'];

function validateTypeName(value: string, fld: FieldPath): FieldError[] {
  const errs = isQualifiedName(value).map((m) => fe.invalid(fld, value, m));
  if (errs.length) return errs;
  if (!value.includes('/') && !STANDARD_TYPES.includes(value)) return [fe.invalid(fld, value, 'must be a standard limit type or fully qualified')];
  return [];
}

function validateResource(type: string, name: string, fld: FieldPath): FieldError[] {
  return type === 'Pod' || type === 'Container' ? validateContainerResourceName(name, fld) : validateResourceName(name, fld);
}

/** fmt's %f: six decimals. */
function goFloat(n: number): string {
  return Number.isFinite(n) ? n.toFixed(6) : n > 0 ? '+Inf' : n < 0 ? '-Inf' : 'NaN';
}

export function validateLimitRange(lr: LimitRange): FieldError[] {
  const errs: FieldError[] = [];
  const seenTypes = new Set<string>();
  (lr.spec?.limits ?? []).forEach((item, i) => {
    const p = path('spec', 'limits').index(i);
    const type = item.type ?? '';
    errs.push(...validateTypeName(type, p.child('type')));
    if (seenTypes.has(type)) errs.push(fe.duplicate(p.child('type'), type));
    seenTypes.add(type);
    const keys = new Set<string>();
    const collect = (field: 'max' | 'min' | 'default' | 'defaultRequest' | 'maxLimitRequestRatio') => {
      const out = new Map<string, string>();
      for (const [k, v] of sortedEntries(item[field])) {
        errs.push(...validateResource(type, k, p.child(field).key(k)));
        keys.add(k);
        out.set(k, v);
      }
      return out;
    };
    const max = collect('max');
    const min = collect('min');
    let defaults = new Map<string, string>();
    let defaultRequests = new Map<string, string>();
    if (type === 'Pod') {
      if (Object.keys(item.default ?? {}).length) errs.push(fe.forbidden(p.child('default'), "may not be specified when `type` is 'Pod'"));
      if (Object.keys(item.defaultRequest ?? {}).length) errs.push(fe.forbidden(p.child('defaultRequest'), "may not be specified when `type` is 'Pod'"));
    } else {
      defaults = collect('default');
      defaultRequests = collect('defaultRequest');
    }
    if (type === 'PersistentVolumeClaim' && !(item.min && 'storage' in item.min) && !(item.max && 'storage' in item.max)) {
      errs.push(fe.required(p.child('limits'), 'either minimum or maximum storage value is required, but neither was provided'));
    }
    const ratios = collect('maxLimitRequestRatio');
    for (const k of [...keys].sort()) {
      const q = (m: Map<string, string>) => (m.has(k) ? quantityOf(m.get(k)) : undefined);
      const mn = q(min);
      const mx = q(max);
      const d = q(defaults);
      const dr = q(defaultRequests);
      const ratio = q(ratios);
      const text = (m: Map<string, string>) => m.get(k) ?? '';
      if (mn && mx && mn.cmp(mx) > 0) errs.push(fe.invalid(p.child('min').key(k), goQuantity(text(min)), `min value ${mn} is greater than max value ${mx}`));
      if (dr && mn && mn.cmp(dr) > 0) errs.push(fe.invalid(p.child('defaultRequest').key(k), goQuantity(text(defaultRequests)), `min value ${mn} is greater than default request value ${dr}`));
      if (dr && mx && dr.cmp(mx) > 0) errs.push(fe.invalid(p.child('defaultRequest').key(k), goQuantity(text(defaultRequests)), `default request value ${dr} is greater than max value ${mx}`));
      if (dr && d && dr.cmp(d) > 0) errs.push(fe.invalid(p.child('defaultRequest').key(k), goQuantity(text(defaultRequests)), `default request value ${dr} is greater than default limit value ${d}`));
      if (d && mn && mn.cmp(d) > 0) errs.push(fe.invalid(p.child('default').key(k), goQuantity(text(min)), `min value ${mn} is greater than default value ${d}`));
      if (d && mx && d.cmp(mx) > 0) errs.push(fe.invalid(p.child('default').key(k), goQuantity(text(max)), `default value ${d} is greater than max value ${mx}`));
      if (ratio && ratio.cmp(Quantity.fromInt(1)) < 0) errs.push(fe.invalid(p.child('maxLimitRequestRatio').key(k), goQuantity(text(ratios)), `ratio ${ratio} is less than 1`));
      if (ratio && mn && mx) {
        const limit = Number(mx.milliValue()) / Number(mn.milliValue());
        const value = Number(ratio.milliValue()) / 1000;
        if (value > limit) errs.push(fe.invalid(p.child('maxLimitRequestRatio').key(k), goQuantity(text(ratios)), `ratio ${ratio} is greater than max/min = ${goFloat(limit)}`));
      }
      if (!isOvercommitAllowed(k) && d && dr && d.cmp(dr) !== 0) {
        errs.push(fe.invalid(p.child('defaultRequest').key(k), goQuantity(text(defaultRequests)), `default value ${d} must equal to defaultRequest value ${dr} in ${k}`));
      }
    }
  });
  return errs;
}
