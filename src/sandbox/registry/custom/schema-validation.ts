// Validation of a custom resource against its CRD version's openAPIV3Schema, as upstream's
// kube-openapi SchemaValidator does it (validator order, "<path> in body ..." messages), turned
// into field errors the way apiextensions' kubeOpenAPIResultToFieldErrors does:
//   spec.replicas: Invalid value: "string": spec.replicas in body must be of type integer: "string"
import { fieldErrors as fe, type FieldError } from '../../../apimachinery/field-errors.ts';
import { goQuote } from '../../../apimachinery/go-format.ts';
import { deepEqual, isPlainObject } from '../../../apimachinery/object.ts';
import { isSupportedFormat, matchesFormat } from './formats.ts';
import { goFloat, goNumber } from './go-value.ts';
import { additionalOf, itemsOf, jsonType, type JSONSchemaProps } from './schema-props.ts';

const IN = 'body';

/** One kube-openapi error, before conversion to a field error. */
interface OpenAPIError {
  kind: 'type' | 'required' | 'enum' | 'tooLong' | 'tooMany' | 'invalid' | 'composite';
  /** kube-openapi's path name (`spec.replicas`, `spec.items[0]`, leading dot possible). */
  name: string;
  value?: unknown;
  message: string;
  /** Enum values; maximum for tooLong / tooMany. */
  values?: readonly unknown[];
  limit?: number;
}

const patterns = new Map<string, RegExp | null>();

function compile(pattern: string): RegExp | null {
  let re = patterns.get(pattern);
  if (re === undefined) {
    try {
      re = new RegExp(pattern, 'u');
    } catch {
      try {
        re = new RegExp(pattern);
      } catch {
        re = null;
      }
    }
    patterns.set(pattern, re);
  }
  return re;
}

/**
 * Validates `value` against `schema`; returns field errors worded as upstream. `base` is the
 * field path errors are reported under (empty for a custom resource, `...default` for a default).
 */
export function validateCustomResource(schema: JSONSchemaProps, value: unknown, base = ''): FieldError[] {
  const errs: OpenAPIError[] = [];
  validateNode(schema, value, '', errs);
  return errs.map((e) => toFieldError(e, base));
}

function toFieldError(e: OpenAPIError, base: string): FieldError {
  const name = e.name.replace(/^\./, '');
  const path = name === '' || name === '.' ? base : base ? `${base}.${name}` : name;
  const value = e.value === undefined ? '' : e.value;
  switch (e.kind) {
    case 'required':
      return fe.required(path);
    case 'enum':
      // A nil value prints as the string "null", as upstream's field.Error does.
      return fe.notSupported(
        path,
        e.value === undefined || e.value === null ? 'null' : e.value,
        (e.values ?? []).map((v) => (typeof v === 'string' ? v : JSON.stringify(v))),
      );
    case 'tooLong':
      return fe.tooLongMaxLength(path, value, e.limit ?? -1);
    case 'tooMany':
      return fe.tooMany(path, typeof e.value === 'number' ? e.value : -1, e.limit ?? -1);
    case 'type':
      return fe.typeInvalid(path, value, e.message);
    case 'composite':
      return fe.invalid(base, '', e.message);
    default:
      return fe.invalid(path, value, e.message);
  }
}

function typesOf(s: JSONSchemaProps): string[] {
  if (s['x-kubernetes-int-or-string']) return ['integer', 'string'];
  return s.type ? [s.type] : [];
}

function invalidType(path: string, typeName: string, value: unknown): OpenAPIError {
  const message = typeof value === 'string' ? `${path} in ${IN} must be of type ${typeName}: ${goQuote(value)}` : `${path} in ${IN} must be of type ${typeName}`;
  return { kind: 'type', name: path, value, message };
}

function validateNode(s: JSONSchemaProps, data: unknown, path: string, errs: OpenAPIError[]): void {
  const types = typesOf(s);
  const format = s.format && isSupportedFormat(s.format) ? s.format : '';
  if (data === null || data === undefined) {
    if (types.length > 0 && !types.includes('null') && !s.nullable) errs.push(invalidType(path, types.join(','), 'null'));
    checkEnum(s, null, path, errs);
    return;
  }
  const dataType = jsonType(data);
  // typeValidator
  if (types.length > 0 || format) {
    const numeric = types.includes('number') || types.includes('integer');
    const stringLike = dataType === 'string' || dataType === 'array';
    if (!(!numeric && format && stringLike)) {
      const ok = types.length === 0 || types.includes(dataType) || (dataType === 'integer' && types.includes('number'));
      if (!ok) errs.push(invalidType(path, types.join(','), dataType));
    }
  }
  validateJunctors(s, data, path, errs);
  if (typeof data === 'string') validateString(s, data, format, path, errs);
  if (typeof data === 'number') validateNumber(s, data, path, errs);
  if (Array.isArray(data)) validateSlice(s, data, path, errs);
  checkEnum(s, data, path, errs);
  if (isPlainObject(data)) validateObject(s, data, path, errs);
}

function validateJunctors(s: JSONSchemaProps, data: unknown, path: string, errs: OpenAPIError[]): void {
  const sub = (schema: JSONSchemaProps): OpenAPIError[] => {
    const out: OpenAPIError[] = [];
    validateNode(schema, data, path, out);
    return out;
  };
  if (s.anyOf?.length) {
    let firstFailure: OpenAPIError[] | undefined;
    let ok = false;
    for (const alt of s.anyOf) {
      const r = sub(alt);
      if (r.length === 0) {
        ok = true;
        break;
      }
      firstFailure ??= r;
    }
    if (!ok) {
      errs.push({ kind: 'composite', name: path, message: `${goQuote(path)} must validate at least one schema (anyOf)` });
      errs.push(...(firstFailure ?? []));
    }
  }
  if (s.oneOf?.length) {
    const results = s.oneOf.map(sub);
    const valid = results.filter((r) => r.length === 0).length;
    if (valid !== 1) {
      const more = valid === 0 ? 'Found none valid' : `Found ${valid} valid alternatives`;
      errs.push({ kind: 'composite', name: path, message: `${goQuote(path)} must validate one and only one schema (oneOf). ${more}` });
      if (valid === 0) errs.push(...results[0]!);
    }
  }
  if (s.allOf?.length) {
    let valid = 0;
    for (const part of s.allOf) {
      const r = sub(part);
      if (r.length === 0) valid++;
      errs.push(...r);
    }
    if (valid !== s.allOf.length) {
      errs.push({ kind: 'composite', name: path, message: `${goQuote(path)} must validate all the schemas (allOf)${valid === 0 ? '. None validated' : ''}` });
    }
  }
  if (s.not && sub(s.not).length === 0) {
    errs.push({ kind: 'composite', name: path, message: `${goQuote(path)} must not validate the schema (not)` });
  }
}

function validateString(s: JSONSchemaProps, data: string, format: string, path: string, errs: OpenAPIError[]): void {
  const length = [...data].length;
  if (s.maxLength !== undefined && length > s.maxLength) {
    errs.push({ kind: 'tooLong', name: path, value: data, limit: s.maxLength, message: `${path} in ${IN} should be at most ${s.maxLength} chars long` });
  } else if (s.minLength !== undefined && length < s.minLength) {
    errs.push({ kind: 'invalid', name: path, value: data, message: `${path} in ${IN} should be at least ${s.minLength} chars long` });
  } else if (s.pattern) {
    const re = compile(s.pattern);
    if (re && !re.test(data)) errs.push({ kind: 'invalid', name: path, value: data, message: `${path} in ${IN} should match '${s.pattern}'` });
  }
  if (format && !matchesFormat(format, data)) errs.push(invalidType(path, format, data));
}

function validateNumber(s: JSONSchemaProps, data: number, path: string, errs: OpenAPIError[]): void {
  const isInt = Number.isInteger(data);
  const limit = (n: number) => (isInt ? goNumber(Math.trunc(n)) : goFloat(n));
  if (s.multipleOf !== undefined && s.multipleOf > 0) {
    const factor = isInt ? Math.trunc(s.multipleOf) : s.multipleOf;
    const mult = data / factor;
    if (factor !== 0 && mult !== Math.trunc(mult)) {
      errs.push({ kind: 'invalid', name: path, value: data, message: `${path} in ${IN} should be a multiple of ${limit(s.multipleOf)}` });
    }
  }
  if (s.maximum !== undefined) {
    const max = isInt ? Math.trunc(s.maximum) : s.maximum;
    if (s.exclusiveMaximum ? data >= max : data > max) {
      errs.push({ kind: 'invalid', name: path, value: data, message: `${path} in ${IN} should be less than ${s.exclusiveMaximum ? '' : 'or equal to '}${limit(s.maximum)}` });
    }
  }
  if (s.minimum !== undefined) {
    const min = isInt ? Math.trunc(s.minimum) : s.minimum;
    if (s.exclusiveMinimum ? data <= min : data < min) {
      errs.push({ kind: 'invalid', name: path, value: data, message: `${path} in ${IN} should be greater than ${s.exclusiveMinimum ? '' : 'or equal to '}${limit(s.minimum)}` });
    }
  }
}

function validateSlice(s: JSONSchemaProps, data: unknown[], path: string, errs: OpenAPIError[]): void {
  const items = itemsOf(s);
  if (items) data.forEach((v, i) => validateNode(items, v, `${path}[${i}]`, errs));
  if (s.minItems !== undefined && data.length < s.minItems) {
    errs.push({ kind: 'invalid', name: path, value: data.length, message: `${path} in ${IN} should have at least ${s.minItems} items` });
  }
  if (s.maxItems !== undefined && data.length > s.maxItems) {
    errs.push({ kind: 'tooMany', name: path, value: data.length, limit: s.maxItems, message: `${path} in ${IN} should have at most ${s.maxItems} items` });
  }
  if (s.uniqueItems && data.some((v, i) => data.findIndex((w) => deepEqual(v, w)) !== i)) {
    errs.push({ kind: 'invalid', name: path, message: `${path} in ${IN} shouldn't contain duplicates` });
  }
}

function checkEnum(s: JSONSchemaProps, data: unknown, path: string, errs: OpenAPIError[]): void {
  if (!s.enum?.length) return;
  if (data !== null && s.enum.some((v) => v !== null && deepEqual(v, data))) return;
  errs.push({ kind: 'enum', name: path, value: data, values: s.enum, message: `${path} in ${IN} should be one of ${JSON.stringify(s.enum)}` });
}

function validateObject(s: JSONSchemaProps, data: Record<string, unknown>, path: string, errs: OpenAPIError[]): void {
  const keys = Object.keys(data);
  if (s.minProperties !== undefined && keys.length < s.minProperties) {
    errs.push({ kind: 'invalid', name: path, value: s.minProperties, message: `${path} in ${IN} should have at least ${s.minProperties} properties` });
    return;
  }
  if (s.maxProperties !== undefined && keys.length > s.maxProperties) {
    errs.push({ kind: 'tooMany', name: path, value: keys.length, limit: s.maxProperties, message: `${path} in ${IN} should have at most ${s.maxProperties} properties` });
    return;
  }
  const props = s.properties ?? {};
  const additional = additionalOf(s);
  if (additional === false) {
    for (const k of keys) {
      if (!Object.prototype.hasOwnProperty.call(props, k) && k !== '$schema' && k !== 'id') {
        errs.push({ kind: 'invalid', name: path, value: k, message: `${path}.${k} in ${IN} is a forbidden property` });
      }
    }
  } else if (typeof additional === 'object') {
    for (const k of keys) {
      if (!Object.prototype.hasOwnProperty.call(props, k)) validateNode(additional, data[k], `${path}.${k}`, errs);
    }
  }
  for (const [name, prop] of Object.entries(props)) {
    if (Object.prototype.hasOwnProperty.call(data, name)) validateNode(prop, data[name], path ? `${path}.${name}` : name, errs);
  }
  for (const k of s.required ?? []) {
    if (!Object.prototype.hasOwnProperty.call(data, k)) errs.push({ kind: 'required', name: `${path}.${k}`, message: `${path}.${k} in ${IN} is required` });
  }
}
