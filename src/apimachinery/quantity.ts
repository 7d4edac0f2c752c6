// resource.Quantity (k8s.io/apimachinery/pkg/api/resource): parsing, exact arithmetic and the
// canonical form the API server stores (`0.5` → `500m`, `1.5Gi` → `1536Mi`, `2000` → `2k`).
// Values are exact decimals (BigInt mantissa × 10^exponent), rounded up to nano units as upstream.

export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

export const QUANTITY_REGEX_MESSAGE = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

export class QuantityParseError extends Error {}

const decimalSuffixes: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const binarySuffixes: Record<string, number> = { Ki: 1, Mi: 2, Gi: 3, Ti: 4, Pi: 5, Ei: 6 };
const decimalByExp = new Map(Object.entries(decimalSuffixes).map(([s, e]) => [e, s]));
const binaryByExp = new Map(Object.entries(binarySuffixes).map(([s, e]) => [e, s]));

const pow10 = (n: number): bigint => 10n ** BigInt(n);

export class Quantity {
  /** value = mantissa × 10^exponent */
  private constructor(
    readonly mantissa: bigint,
    readonly exponent: number,
    readonly format: QuantityFormat,
  ) {}

  static parse(input: string | number): Quantity {
    const s = typeof input === 'number' ? String(input) : input.trim();
    const m = /^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$/.exec(s);
    if (!m || s.length === 0) throw new QuantityParseError(QUANTITY_REGEX_MESSAGE);
    const num = m[1]!;
    const suffix = m[2]!;
    if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(num)) throw new QuantityParseError(QUANTITY_REGEX_MESSAGE);
    let format: QuantityFormat;
    let exp10 = 0;
    let exp1024 = 0;
    if (suffix in decimalSuffixes) {
      format = 'DecimalSI';
      exp10 = decimalSuffixes[suffix]!;
    } else if (suffix in binarySuffixes) {
      format = 'BinarySI';
      exp1024 = binarySuffixes[suffix]!;
    } else if (/^[eE][-+]?\d+$/.test(suffix)) {
      format = 'DecimalExponent';
      exp10 = Number(suffix.slice(1));
    } else {
      throw new QuantityParseError('unable to parse quantity\'s suffix');
    }
    const negative = num.startsWith('-');
    const digits = num.replace(/^[+-]/, '');
    const [intPart, fracPart = ''] = digits.split('.');
    let mantissa = BigInt((intPart || '0') + fracPart);
    let exponent = exp10 - fracPart.length;
    if (exp1024) mantissa *= 1024n ** BigInt(exp1024);
    if (negative) mantissa = -mantissa;
    // Round up (away from zero for positives, as upstream) to nano precision.
    if (exponent < -9) {
      const div = pow10(-9 - exponent);
      const q = mantissa / div;
      const r = mantissa % div;
      mantissa = r === 0n ? q : mantissa > 0n ? q + 1n : q;
      exponent = -9;
    }
    return new Quantity(mantissa, exponent, format).normalized();
  }

  static isValid(input: string): boolean {
    try {
      Quantity.parse(input);
      return true;
    } catch {
      return false;
    }
  }

  static fromMilli(milli: bigint | number, format: QuantityFormat = 'DecimalSI'): Quantity {
    return new Quantity(BigInt(milli), -3, format).normalized();
  }

  static fromInt(value: bigint | number, format: QuantityFormat = 'DecimalSI'): Quantity {
    return new Quantity(BigInt(value), 0, format).normalized();
  }

  private normalized(): Quantity {
    let m = this.mantissa;
    let e = this.exponent;
    if (m === 0n) return new Quantity(0n, 0, this.format);
    while (m % 10n === 0n) {
      m /= 10n;
      e++;
    }
    return new Quantity(m, e, this.format);
  }

  isZero(): boolean {
    return this.mantissa === 0n;
  }

  sign(): number {
    return this.mantissa > 0n ? 1 : this.mantissa < 0n ? -1 : 0;
  }

  /** -1, 0, 1 */
  cmp(other: Quantity): number {
    const e = Math.min(this.exponent, other.exponent);
    const a = this.mantissa * pow10(this.exponent - e);
    const b = other.mantissa * pow10(other.exponent - e);
    return a < b ? -1 : a > b ? 1 : 0;
  }

  add(other: Quantity): Quantity {
    const e = Math.min(this.exponent, other.exponent);
    return new Quantity(this.mantissa * pow10(this.exponent - e) + other.mantissa * pow10(other.exponent - e), e, this.format).normalized();
  }

  sub(other: Quantity): Quantity {
    return this.add(other.neg());
  }

  neg(): Quantity {
    return new Quantity(-this.mantissa, this.exponent, this.format);
  }

  mul(n: bigint | number): Quantity {
    return new Quantity(this.mantissa * BigInt(n), this.exponent, this.format).normalized();
  }

  /** Value rounded up to an integer (upstream Quantity.Value()). */
  value(): bigint {
    return this.scaledCeil(0);
  }

  /** Value in thousandths, rounded up (upstream Quantity.MilliValue()). */
  milliValue(): bigint {
    return this.scaledCeil(-3);
  }

  private scaledCeil(scale: number): bigint {
    if (this.exponent >= scale) return this.mantissa * pow10(this.exponent - scale);
    const div = pow10(scale - this.exponent);
    const q = this.mantissa / div;
    const r = this.mantissa % div;
    return r > 0n ? q + 1n : q;
  }

  /** A float approximation, for ratios and printing only. */
  toNumber(): number {
    return Number(this.mantissa) * 10 ** this.exponent;
  }

  /** The canonical string, as the API server stores and returns it. */
  toString(): string {
    if (this.mantissa === 0n) return '0';
    let format = this.format;
    if (format === 'BinarySI') {
      const v = this.exponent >= 0 ? this.mantissa * pow10(this.exponent) : undefined;
      const abs = v !== undefined ? (v < 0n ? -v : v) : undefined;
      if (abs === undefined || abs < 1024n) format = 'DecimalSI';
      else {
        let k = 0;
        let n = v!;
        while (k < 6 && n % 1024n === 0n) {
          n /= 1024n;
          k++;
        }
        return `${n}${binaryByExp.get(k) ?? ''}`;
      }
    }
    // Decimal: integer mantissa, exponent lowered to a multiple of 3.
    let m = this.mantissa;
    let e = this.exponent;
    while (((e % 3) + 3) % 3 !== 0) {
      m *= 10n;
      e--;
    }
    if (format === 'DecimalExponent') return e === 0 ? `${m}` : `${m}e${e}`;
    const suffix = decimalByExp.get(e);
    if (suffix !== undefined) return `${m}${suffix}`;
    if (e > 18) return `${m * pow10(e - 18)}E`;
    return `${m}e${e}`;
  }
}

/** Canonicalizes a quantity string, throwing QuantityParseError with upstream wording. */
export function canonicalQuantity(input: string | number): string {
  return Quantity.parse(input).toString();
}
