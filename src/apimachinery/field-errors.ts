// Field-level validation errors, worded exactly as upstream
// (k8s.io/apimachinery/pkg/util/validation/field), so kubectl prints what a real cluster prints.
import { goQuote, goValue } from './go-format.ts';

export type FieldErrorType =
  | 'FieldValueNotFound'
  | 'FieldValueRequired'
  | 'FieldValueDuplicate'
  | 'FieldValueInvalid'
  | 'FieldValueNotSupported'
  | 'FieldValueForbidden'
  | 'FieldValueTooLong'
  | 'FieldValueTooMany'
  | 'InternalError'
  | 'FieldValueTypeInvalid';

const typeText: Record<FieldErrorType, string> = {
  FieldValueNotFound: 'Not found',
  FieldValueRequired: 'Required value',
  FieldValueDuplicate: 'Duplicate value',
  FieldValueInvalid: 'Invalid value',
  FieldValueNotSupported: 'Unsupported value',
  FieldValueForbidden: 'Forbidden',
  FieldValueTooLong: 'Too long',
  FieldValueTooMany: 'Too many',
  InternalError: 'Internal error',
  FieldValueTypeInvalid: 'Invalid value',
};

/** Marks a value that must not be printed (upstream `omitValue`). */
export const OMIT = Symbol('omit');

/** A value printed verbatim in the message (for Go types whose printing we emulate by hand). */
export class Rendered {
  constructor(readonly text: string) {}
}

export class FieldPath {
  private constructor(
    private readonly parent: FieldPath | undefined,
    private readonly segment: string,
    private readonly kind: 'root' | 'child' | 'index' | 'key',
  ) {}

  static root(name: string, ...more: string[]): FieldPath {
    let p = new FieldPath(undefined, name, 'root');
    for (const m of more) p = p.child(m);
    return p;
  }

  child(name: string, ...more: string[]): FieldPath {
    let p = new FieldPath(this, name, 'child');
    for (const m of more) p = new FieldPath(p, m, 'child');
    return p;
  }

  index(i: number): FieldPath {
    return new FieldPath(this, String(i), 'index');
  }

  key(k: string): FieldPath {
    return new FieldPath(this, k, 'key');
  }

  toString(): string {
    const chain: FieldPath[] = [];
    for (let p: FieldPath | undefined = this; p; p = p.parent) chain.push(p);
    let out = '';
    for (const p of chain.reverse()) {
      if (p.kind === 'root') out += p.segment;
      else if (p.kind === 'child') out += out ? `.${p.segment}` : p.segment;
      else out += `[${p.segment}]`;
    }
    return out;
  }
}

export function path(name: string, ...more: string[]): FieldPath {
  return FieldPath.root(name, ...more);
}

export class FieldError {
  constructor(
    readonly type: FieldErrorType,
    readonly field: string,
    readonly badValue: unknown,
    readonly detail: string,
  ) {}

  errorBody(): string {
    let s: string;
    if (
      this.type === 'FieldValueRequired' ||
      this.type === 'FieldValueForbidden' ||
      this.type === 'FieldValueTooLong' ||
      this.type === 'InternalError' ||
      this.badValue === OMIT
    ) {
      s = typeText[this.type];
    } else if (this.badValue instanceof Rendered) {
      s = `${typeText[this.type]}: ${this.badValue.text}`;
    } else if (typeof this.badValue === 'string') {
      s = `${typeText[this.type]}: ${goQuote(this.badValue)}`;
    } else {
      s = `${typeText[this.type]}: ${goValue(this.badValue)}`;
    }
    if (this.detail) s += `: ${this.detail}`;
    return s;
  }

  toString(): string {
    return `${this.field}: ${this.errorBody()}`;
  }
}

type P = FieldPath | string;
const str = (p: P) => (typeof p === 'string' ? p : p.toString());

export const fieldErrors = {
  required: (p: P, detail = '') => new FieldError('FieldValueRequired', str(p), '', detail),
  invalid: (p: P, value: unknown, detail: string) => new FieldError('FieldValueInvalid', str(p), value, detail),
  notFound: (p: P, value: unknown) => new FieldError('FieldValueNotFound', str(p), value, ''),
  duplicate: (p: P, value: unknown) => new FieldError('FieldValueDuplicate', str(p), value, ''),
  forbidden: (p: P, detail: string) => new FieldError('FieldValueForbidden', str(p), '', detail),
  notSupported: (p: P, value: unknown, valid: readonly string[]) =>
    new FieldError(
      'FieldValueNotSupported',
      str(p),
      value,
      valid.length ? `supported values: ${valid.map((v) => goQuote(v)).join(', ')}` : '',
    ),
  tooLong: (p: P, value: unknown, max: number) =>
    new FieldError('FieldValueTooLong', str(p), value, `must have at most ${max} bytes`),
  tooLongMaxLength: (p: P, value: unknown, max: number) =>
    new FieldError('FieldValueTooLong', str(p), value, max >= 0 ? `may not be longer than ${max}` : 'value is too long'),
  tooMany: (p: P, actual: number, max: number) =>
    new FieldError(
      'FieldValueTooMany',
      str(p),
      actual >= 0 ? actual : OMIT,
      max >= 0 ? `must have at most ${max} items` : 'has too many items',
    ),
  typeInvalid: (p: P, value: unknown, detail: string) => new FieldError('FieldValueTypeInvalid', str(p), value, detail),
  internal: (p: P, err: Error) => new FieldError('InternalError', str(p), null, err.message),
};

/** Upstream ErrorList.ToAggregate().Error(): duplicates dropped, one error bare, several in brackets. */
export function aggregateMessage(errors: readonly FieldError[]): string {
  return aggregateStrings(errors.map((e) => e.toString()));
}

export function aggregateStrings(messages: readonly string[]): string {
  const seen: string[] = [];
  for (const m of messages) if (!seen.includes(m)) seen.push(m);
  if (seen.length === 1) return seen[0]!;
  return `[${seen.join(', ')}]`;
}
