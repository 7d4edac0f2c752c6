// Decoding a JSON object into a typed API object, as the API server's Go decoder would:
// unknown fields are reported (strict / warn) and dropped, wrong JSON types are rejected with
// Go's `json: cannot unmarshal ...` wording, quantities and timestamps are canonicalized.
import { isPlainObject } from '../object.ts';
import { canonicalQuantity, QuantityParseError } from '../quantity.ts';
import type { SchemaNode } from './schema-model.ts';

export interface DecodeResult {
  /** Paths of unknown fields (`spec.template.spec.containers[0].imagePullPolcy`), in document order. */
  unknownFields: string[];
  /** Fatal type errors; the first is what upstream reports. */
  errors: string[];
}

function jsonTypeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  switch (typeof v) {
    case 'string':
      return 'string';
    case 'number':
      return 'number';
    case 'boolean':
      return 'bool';
    default:
      return 'object';
  }
}

const INT32 = [-2147483648, 2147483647] as const;

/**
 * Walks `value` along `node`, mutating it in place: unknown fields are deleted (unless the node
 * preserves them), nulls in struct fields are dropped, quantities and times are canonicalized.
 */
export function decodeInto(node: SchemaNode, value: Record<string, unknown>, rootGoName: string): DecodeResult {
  const result: DecodeResult = { unknownFields: [], errors: [] };
  walkObject(node, value, '', '', rootGoName, result);
  return result;
}

function typeError(result: DecodeResult, got: unknown, structName: string, dotted: string, goType: string): void {
  let what = jsonTypeName(got);
  if (what === 'number' && typeof got === 'number' && !Number.isInteger(got)) what = `number ${got}`;
  result.errors.push(`json: cannot unmarshal ${what} into Go struct field ${structName}.${dotted} of type ${goType}`);
}

function walkObject(
  node: SchemaNode,
  value: Record<string, unknown>,
  path: string,
  dotted: string,
  structName: string,
  result: DecodeResult,
): void {
  if (node.kind !== 'object') return;
  for (const key of Object.keys(value)) {
    const field = node.fields.get(key);
    const fieldPath = path ? `${path}.${key}` : key;
    const fieldDotted = dotted ? `${dotted}.${key}` : key;
    if (!field) {
      if (!node.preserveUnknown) {
        result.unknownFields.push(fieldPath);
        delete value[key];
      }
      continue;
    }
    const v = value[key];
    if (v === null) {
      delete value[key];
      continue;
    }
    const replaced = walkValue(field.schema, v, fieldPath, fieldDotted, node.goName, result);
    if (replaced !== undefined) value[key] = replaced;
  }
}

/** Returns a replacement value when canonicalization changed it. */
function walkValue(
  node: SchemaNode,
  v: unknown,
  path: string,
  dotted: string,
  structName: string,
  result: DecodeResult,
): unknown {
  switch (node.kind) {
    case 'any':
      return undefined;
    case 'object':
      if (!isPlainObject(v)) {
        typeError(result, v, structName, dotted, node.goType);
        return undefined;
      }
      walkObject(node, v, path, dotted, node.goName, result);
      return undefined;
    case 'map':
      if (!isPlainObject(v)) {
        typeError(result, v, structName, dotted, node.goType);
        return undefined;
      }
      for (const k of Object.keys(v)) {
        const item = v[k];
        if (item === null) {
          if (node.values.kind === 'scalar' && node.values.type === 'string') v[k] = '';
          continue;
        }
        const r = walkValue(node.values, item, `${path}[${k}]`, dotted, structName, result);
        if (r !== undefined) v[k] = r;
      }
      return undefined;
    case 'array':
      if (!Array.isArray(v)) {
        typeError(result, v, structName, dotted, node.goType);
        return undefined;
      }
      for (let i = 0; i < v.length; i++) {
        if (v[i] === null) continue;
        const r = walkValue(node.items, v[i], `${path}[${i}]`, dotted, structName, result);
        if (r !== undefined) v[i] = r;
      }
      return undefined;
    case 'scalar':
      return walkScalar(node.type, node.goType, node.format, v, dotted, structName, result);
  }
}

function walkScalar(
  type: string,
  goType: string,
  format: string | undefined,
  v: unknown,
  dotted: string,
  structName: string,
  result: DecodeResult,
): unknown {
  if (goType === 'resource.Quantity') {
    if (typeof v !== 'string' && typeof v !== 'number') {
      typeError(result, v, structName, dotted, goType);
      return undefined;
    }
    try {
      const c = canonicalQuantity(v);
      return c === v ? undefined : c;
    } catch (e) {
      if (e instanceof QuantityParseError) result.errors.push(e.message);
      return undefined;
    }
  }
  switch (type) {
    case 'int-or-string':
      if (typeof v !== 'string' && !(typeof v === 'number' && Number.isInteger(v))) typeError(result, v, structName, dotted, goType);
      return undefined;
    case 'string':
      if (typeof v !== 'string') {
        typeError(result, v, structName, dotted, goType);
        return undefined;
      }
      if (format === 'date-time' && goType === 'v1.Time') return canonicalTime(v, result, false);
      if (format === 'date-time' && goType === 'v1.MicroTime') return canonicalTime(v, result, true);
      return undefined;
    case 'integer': {
      if (typeof v !== 'number' || !Number.isInteger(v)) {
        typeError(result, v, structName, dotted, goType);
        return undefined;
      }
      if (goType === 'int32' && (v < INT32[0] || v > INT32[1])) {
        result.errors.push(`json: cannot unmarshal number ${v} into Go struct field ${structName}.${dotted} of type int32`);
      }
      return undefined;
    }
    case 'number':
      if (typeof v !== 'number') typeError(result, v, structName, dotted, goType);
      return undefined;
    case 'boolean':
      if (typeof v !== 'boolean') typeError(result, v, structName, dotted, goType);
      return undefined;
  }
  return undefined;
}

function canonicalTime(v: string, result: DecodeResult, micro: boolean): string | undefined {
  if (v === '') return undefined;
  const ms = Date.parse(v);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(v) || Number.isNaN(ms)) {
    result.errors.push(`parsing time ${JSON.stringify(v)} as "2006-01-02T15:04:05Z07:00": cannot parse ${JSON.stringify(v)} as "2006"`);
    return undefined;
  }
  const iso = new Date(ms).toISOString();
  const out = micro ? `${iso.slice(0, 19)}.${(v.match(/\.(\d+)/)?.[1] ?? '0').padEnd(6, '0').slice(0, 6)}Z` : `${iso.slice(0, 19)}Z`;
  return out === v ? undefined : out;
}
