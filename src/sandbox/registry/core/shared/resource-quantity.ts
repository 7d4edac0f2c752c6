// Quantity checks shared by resource lists (ValidateResourceQuantityValue and friends in
// pkg/apis/core/validation) and Go's %#v of a resource.Quantity, which upstream prints for some
// invalid values.
import { fieldErrors as fe, type FieldError, type FieldPath, Rendered } from '../../../../apimachinery/field-errors.ts';
import { goQuote } from '../../../../apimachinery/go-format.ts';
import { Quantity } from '../../../../apimachinery/quantity.ts';
import { isIntegerResourceName } from './resource-names.ts';

export const IS_NEGATIVE = 'must be greater than or equal to 0';

/** Parses a stored (already canonical) quantity; undefined when it is not one. */
export function quantityOf(value: string | number | undefined): Quantity | undefined {
  if (value === undefined) return undefined;
  try {
    return Quantity.parse(value);
  } catch {
    return undefined;
  }
}

const binary: Record<string, number> = { Ki: 1, Mi: 2, Gi: 3, Ti: 4, Pi: 5, Ei: 6 };
const decimal: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };

/** `resource.Quantity{i:resource.int64Amount{value:1500, scale:-3}, ...}` as Go's %#v prints it. */
export function goQuantity(text: string): Rendered {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?([a-zA-Z]*)([-+]?\d*)$/.exec(String(text)) ?? [];
  const [, sign = '', int = '0', frac = '', suffix = '', exp = ''] = m;
  let value = BigInt(`${sign}${int || '0'}${frac}`);
  let scale = -frac.length;
  let format = 'DecimalSI';
  if (suffix in binary) {
    value *= 1024n ** BigInt(binary[suffix]!);
    format = 'BinarySI';
  } else if (suffix === 'e' || suffix === 'E') {
    scale += Number(exp);
    format = 'DecimalExponent';
  } else scale += decimal[suffix] ?? 0;
  return new Rendered(
    `resource.Quantity{i:resource.int64Amount{value:${value}, scale:${scale}}, d:resource.infDecAmount{Dec:(*inf.Dec)(nil)}, s:${goQuote('')}, Format:${goQuote(format)}}`,
  );
}

/** ValidateNonnegativeQuantity. */
export function validateNonnegativeQuantity(value: Quantity, fld: FieldPath): FieldError[] {
  return value.sign() < 0 ? [fe.invalid(fld, value.toString(), IS_NEGATIVE)] : [];
}

/** ValidatePositiveQuantityValue. */
export function validatePositiveQuantityValue(value: Quantity, fld: FieldPath): FieldError[] {
  return value.sign() <= 0 ? [fe.invalid(fld, value.toString(), 'must be greater than zero')] : [];
}

/** ValidateResourceQuantityValue: non-negative, and whole for integer resources. */
export function validateResourceQuantityValue(resource: string, text: string, fld: FieldPath): FieldError[] {
  const q = quantityOf(text);
  if (!q) return [];
  const errs = validateNonnegativeQuantity(q, fld);
  if (isIntegerResourceName(resource) && q.milliValue() % 1000n !== 0n) errs.push(fe.invalid(fld, goQuantity(text), 'must be an integer'));
  return errs;
}
