// IntOrString rules of rolling updates and disruption budgets (pkg/apis/apps/validation):
// ValidatePositiveIntOrPercent, IsNotMoreThan100Percent and the value both of them read.
import { fieldErrors as fe, type FieldError, type FieldPath } from '../../../../apimachinery/field-errors.ts';
import { regexError } from '../../../../apimachinery/validation/names.ts';
import { goIntOrString } from './go-value.ts';

export type IntOrPercent = number | string;

const percentFmt = '[0-9]+%';
const percentRe = /^[0-9]+%$/;

/** validation.IsValidPercent. */
export function isValidPercent(s: string): string[] {
  return percentRe.test(s) ? [] : [regexError("a valid percent string must be a numeric string followed by an ending '%'", percentFmt, '1%', '93%')];
}

/** strconv.Atoi as intstr.IntValue uses it: 0 when the string is not a number. */
function atoi(s: string): number {
  return /^[+-]?\d+$/.test(s) ? Number.parseInt(s, 10) : 0;
}

function percentValue(v: IntOrPercent | undefined): number | undefined {
  if (typeof v !== 'string' || isValidPercent(v).length) return undefined;
  return Number.parseInt(v.slice(0, -1), 10);
}

/** getIntOrPercentValue: the percentage number, or the integer value. */
export function intOrPercentValue(v: IntOrPercent | undefined): number {
  const p = percentValue(v);
  if (p !== undefined) return p;
  return typeof v === 'string' ? atoi(v) : (v ?? 0);
}

/** ValidatePositiveIntOrPercent (non-negative, despite the name). */
export function validatePositiveIntOrPercent(v: IntOrPercent | undefined, fld: FieldPath): FieldError[] {
  if (typeof v === 'string') return isValidPercent(v).map((m) => fe.invalid(fld, goIntOrString(v), m));
  const n = v ?? 0;
  return n < 0 ? [fe.invalid(fld, n, 'must be greater than or equal to 0')] : [];
}

/** IsNotMoreThan100Percent. */
export function isNotMoreThan100Percent(v: IntOrPercent | undefined, fld: FieldPath): FieldError[] {
  const p = percentValue(v);
  return p !== undefined && p > 100 ? [fe.invalid(fld, goIntOrString(v), 'must not be greater than 100%')] : [];
}
