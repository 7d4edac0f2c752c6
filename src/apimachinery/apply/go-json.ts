// Go's encoding/json output for values the field manager serializes (path element keys, manager
// identifiers, the last-applied-configuration annotation): HTML-safe escaping and, for maps,
// keys in byte order, so the strings match upstream's byte for byte.
import { isPlainObject } from '../object.ts';

const UNSAFE = /[<>&\u2028\u2029]/g;

const HAS_UNSAFE = /[<>&\u2028\u2029]/;

function escapeUnsafe(s: string): string {
  if (!HAS_UNSAFE.test(s)) return s;
  return s.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** json.Marshal of a decoded JSON value; `sortKeys` false keeps insertion order (Go structs). */
export function goJson(v: unknown, sortKeys = true): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return escapeUnsafe(JSON.stringify(v));
  if (typeof v === 'number' || typeof v === 'boolean') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map((x) => goJson(x, sortKeys)).join(',')}]`;
  if (isPlainObject(v)) {
    const keys = Object.keys(v).filter((k) => v[k] !== undefined);
    if (sortKeys) keys.sort(byteOrder);
    return `{${keys.map((k) => `${escapeUnsafe(JSON.stringify(k))}:${goJson(v[k], sortKeys)}`).join(',')}}`;
  }
  return JSON.stringify(v);
}
