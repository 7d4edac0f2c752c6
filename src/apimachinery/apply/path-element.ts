// One step of a field path, as sigs.k8s.io/structured-merge-diff's fieldpath.PathElement: a struct
// field or map key (`f:name`), an associative list item by its keys (`k:{"name":"nginx"}`), a set
// item by its value (`v:"a"`) or an item of a granular non-associative list (`i:0`).
//
// A path element is carried around as its canonical FieldsV1 key string: two elements are equal
// exactly when their keys are, so sets can use plain Maps. Parsing back is needed only to order
// elements for serialization and to print conflicts.
import { goQuote } from '../go-format.ts';
import { isPlainObject, type JsonValue } from '../object.ts';
import { goJson } from './go-json.ts';

export type PathElement =
  | { kind: 'field'; name: string }
  | { kind: 'key'; fields: ReadonlyArray<readonly [string, JsonValue]> }
  | { kind: 'value'; value: JsonValue }
  | { kind: 'index'; index: number };

export class PathElementError extends Error {}

/** An element with a prefix this version does not know; FieldsV1 decoding skips these. */
export class UnknownPathElementError extends PathElementError {}

// Walks build an element for every field they visit; field names repeat, so the strings are kept.
const fieldElements = new Map<string, string>();
const FIELD_CACHE_LIMIT = 10_000;

export function fieldElement(name: string): string {
  let pe = fieldElements.get(name);
  if (pe === undefined) {
    pe = `f:${name}`;
    if (fieldElements.size >= FIELD_CACHE_LIMIT) fieldElements.clear();
    fieldElements.set(name, pe);
  }
  return pe;
}

/** Associative list item: `fields` need not be sorted. */
export function keyElement(fields: ReadonlyArray<readonly [string, JsonValue]>): string {
  if (fields.length === 1) return `k:{${goJson(fields[0]![0])}:${goJson(fields[0]![1])}}`;
  const sorted = [...fields].sort(([a], [b]) => byteOrder(a, b));
  let out = 'k:{';
  for (let i = 0; i < sorted.length; i++) out += `${i ? ',' : ''}${goJson(sorted[i]![0])}:${goJson(sorted[i]![1])}`;
  return `${out}}`;
}

export function valueElement(value: JsonValue): string {
  return `v:${goJson(value)}`;
}

export function indexElement(index: number): string {
  return `i:${index}`;
}

function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const parsed = new Map<string, PathElement>();
const PARSE_CACHE_LIMIT = 50_000;

/** Parses a FieldsV1 key; throws PathElementError (UnknownPathElementError for other prefixes). */
export function parsePathElement(key: string): PathElement {
  const hit = parsed.get(key);
  if (hit) return hit;
  const pe = parseUncached(key);
  if (parsed.size >= PARSE_CACHE_LIMIT) parsed.clear();
  parsed.set(key, pe);
  return pe;
}

function parseJson(s: string): JsonValue {
  try {
    return JSON.parse(s) as JsonValue;
  } catch (e) {
    throw new PathElementError(`parsing JSON: ${(e as Error).message}`);
  }
}

function parseUncached(key: string): PathElement {
  if (key.length < 2 || key[1] !== ':') throw new UnknownPathElementError(`unknown path element type: ${key}`);
  const body = key.slice(2);
  switch (key[0]) {
    case 'f':
      return { kind: 'field', name: body };
    case 'k': {
      const v = parseJson(body);
      if (!isPlainObject(v)) throw new PathElementError(`expected key value pairs but got ${body}`);
      const fields = Object.entries(v as Record<string, JsonValue>).sort(([a], [b]) => byteOrder(a, b));
      return { kind: 'key', fields };
    }
    case 'v':
      return { kind: 'value', value: parseJson(body) };
    case 'i': {
      if (!/^-?\d+$/.test(body)) throw new PathElementError(`parsing index: ${body}`);
      return { kind: 'index', index: Number(body) };
    }
    default:
      throw new UnknownPathElementError(`unknown path element type: ${key}`);
  }
}

/** The canonical key for a parsed element (FieldsV1 written by other clients may differ in form). */
export function canonicalKey(key: string): string {
  if (key.startsWith('f:')) return key;
  const pe = parsePathElement(key);
  switch (pe.kind) {
    case 'field':
      return fieldElement(pe.name);
    case 'key':
      return keyElement(pe.fields);
    case 'value':
      return valueElement(pe.value);
    case 'index':
      return indexElement(pe.index);
  }
}

const KIND_RANK = { field: 0, key: 1, value: 2, index: 3 } as const;
const F = 'f'.charCodeAt(0);
const PREFIX_RANK = new Map<number, number>([...'fkvi'].map((c, i) => [c.charCodeAt(0), i]));

function valueRank(v: JsonValue): number {
  if (typeof v === 'number') return 0;
  if (typeof v === 'string') return 1;
  if (typeof v === 'boolean') return 2;
  if (Array.isArray(v)) return 3;
  if (v !== null && typeof v === 'object') return 4;
  return 5;
}

/** value.Compare: numbers, then strings, booleans, lists, maps, null. */
export function compareValues(a: JsonValue, b: JsonValue): number {
  const ra = valueRank(a);
  const rb = valueRank(b);
  if (ra !== rb) return ra < rb ? -1 : 1;
  switch (ra) {
    case 0:
      return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
    case 1:
      return byteOrder(a as string, b as string);
    case 2:
      return a === b ? 0 : a === false ? -1 : 1;
    case 3: {
      const la = a as JsonValue[];
      const lb = b as JsonValue[];
      for (let i = 0; i < Math.min(la.length, lb.length); i++) {
        const c = compareValues(la[i]!, lb[i]!);
        if (c !== 0) return c;
      }
      return la.length === lb.length ? 0 : la.length < lb.length ? -1 : 1;
    }
    case 4: {
      const ea = Object.entries(a as Record<string, JsonValue>).sort(([x], [y]) => byteOrder(x, y));
      const eb = Object.entries(b as Record<string, JsonValue>).sort(([x], [y]) => byteOrder(x, y));
      return compareFieldLists(ea, eb);
    }
    default:
      return 0;
  }
}

function compareFieldLists(a: ReadonlyArray<readonly [string, JsonValue]>, b: ReadonlyArray<readonly [string, JsonValue]>): number {
  for (let i = 0; ; i++) {
    if (i >= a.length && i >= b.length) return 0;
    if (i >= a.length) return -1;
    if (i >= b.length) return 1;
    const c = byteOrder(a[i]![0], b[i]![0]);
    if (c !== 0) return c;
    const d = compareValues(a[i]![1], b[i]![1]);
    if (d !== 0) return d;
  }
}

/** PathElement.Compare: fields, then keys, values and indexes. */
export function comparePathElements(ka: string, kb: string): number {
  if (ka === kb) return 0;
  const pa = ka.charCodeAt(0);
  const pb = kb.charCodeAt(0);
  // Field names order as strings; different kinds by kind; only keys and values need parsing.
  if (pa === F && pb === F) return byteOrder(ka, kb);
  if (pa !== pb && PREFIX_RANK.has(pa) && PREFIX_RANK.has(pb)) return PREFIX_RANK.get(pa)! < PREFIX_RANK.get(pb)! ? -1 : 1;
  const a = parsePathElement(ka);
  const b = parsePathElement(kb);
  if (a.kind !== b.kind) return KIND_RANK[a.kind] < KIND_RANK[b.kind] ? -1 : 1;
  switch (a.kind) {
    case 'field':
      return byteOrder(a.name, (b as typeof a).name);
    case 'key':
      return compareFieldLists(a.fields, (b as typeof a).fields);
    case 'value':
      return compareValues(a.value, (b as typeof a).value);
    case 'index':
      return a.index - (b as typeof a).index;
  }
}

/** value.ToString, as conflict paths print list keys and set values. */
function valueString(v: JsonValue): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(valueString).join(',')}]`;
  return Object.entries(v)
    .map(([k, x]) => `${k}=${valueString(x)}`)
    .join('');
}

/** PathElement.String: `.name`, `[name="nginx"]`, `[="a"]`, `[0]`. */
export function pathElementString(key: string): string {
  const pe = parsePathElement(key);
  switch (pe.kind) {
    case 'field':
      return `.${pe.name}`;
    case 'key':
      return `[${pe.fields.map(([n, v]) => `${n}=${valueString(v)}`).join(',')}]`;
    case 'value':
      return `[=${valueString(pe.value)}]`;
    case 'index':
      return `[${pe.index}]`;
  }
}

/** Path.String: the concatenation of its elements, e.g. `.spec.containers[name="nginx"].image`. */
export function pathString(path: readonly string[]): string {
  return path.map(pathElementString).join('');
}
