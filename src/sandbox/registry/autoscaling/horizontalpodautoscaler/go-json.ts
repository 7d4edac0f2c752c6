// Reading JSON the way Go's encoding/json fills a typed struct: keys match case-insensitively,
// null leaves a field unset, and a value of the wrong type fails the whole decode (upstream then
// ignores the annotation it was reading).
import { isPlainObject } from '../../../../apimachinery/object.ts';
import { canonicalQuantity } from '../../../../apimachinery/quantity.ts';

export class GoDecodeError extends Error {}

export type JsonObject = Record<string, unknown>;

function fail(): never {
  throw new GoDecodeError('cannot unmarshal');
}

/** A struct field: exact key first, then a case-insensitive match. */
export function field(o: JsonObject, name: string): unknown {
  if (name in o) return o[name];
  const lower = name.toLowerCase();
  for (const k of Object.keys(o)) if (k.toLowerCase() === lower) return o[k];
  return undefined;
}

export const str = (v: unknown): string | undefined => (v === undefined || v === null ? undefined : typeof v === 'string' ? v : fail());

export const int = (v: unknown): number | undefined =>
  v === undefined || v === null ? undefined : typeof v === 'number' && Number.isInteger(v) && Math.abs(v) <= 2147483647 ? v : fail();

export const obj = (v: unknown): JsonObject | undefined => (v === undefined || v === null ? undefined : isPlainObject(v) ? v : fail());

export const arr = (v: unknown): unknown[] | undefined => (v === undefined || v === null ? undefined : Array.isArray(v) ? v : fail());

/** resource.Quantity's UnmarshalJSON: a string or a number, canonicalized. */
export function qty(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string' && typeof v !== 'number') fail();
  try {
    return canonicalQuantity(typeof v === 'string' ? v.trim() : v);
  } catch {
    return fail();
  }
}

/** Parses an annotation and reads it with `read`; undefined when either fails. */
export function decodeAnnotation<T>(raw: string | undefined, read: (v: unknown) => T): T | undefined {
  if (raw === undefined) return undefined;
  try {
    return read(JSON.parse(raw) as unknown);
  } catch (e) {
    if (e instanceof GoDecodeError || e instanceof SyntaxError) return undefined;
    throw e;
  }
}
