// A CRD version's openAPIV3Schema (apiextensions.k8s.io/v1 JSONSchemaProps) and the accessors the
// structural algorithms (pruning, defaulting, validation) share. `items` and
// `additionalProperties` are typed loosely by the spec (schema-or-array, schema-or-bool); these
// helpers give them their structural meaning.
import type { JSONSchemaProps } from '../../../generated/k8s/apiextensions/v1.ts';
import { isPlainObject } from '../../../apimachinery/object.ts';

export type { JSONSchemaProps };

/** The items schema of an array (a single schema; the array form is not allowed in CRDs). */
export function itemsOf(s: JSONSchemaProps | undefined): JSONSchemaProps | undefined {
  const items = s?.items;
  return isPlainObject(items) ? (items as JSONSchemaProps) : undefined;
}

/** `additionalProperties`: a schema, `true`/`false`, or undefined when absent. */
export function additionalOf(s: JSONSchemaProps | undefined): JSONSchemaProps | boolean | undefined {
  const ap = s?.additionalProperties;
  if (typeof ap === 'boolean') return ap;
  return isPlainObject(ap) ? (ap as JSONSchemaProps) : undefined;
}

/** The schema that applies to map values (additionalProperties given as a schema). */
export function additionalSchemaOf(s: JSONSchemaProps | undefined): JSONSchemaProps | undefined {
  const ap = additionalOf(s);
  return typeof ap === 'object' ? ap : undefined;
}

export function propertyOf(s: JSONSchemaProps | undefined, name: string): JSONSchemaProps | undefined {
  const props = s?.properties;
  return props && Object.prototype.hasOwnProperty.call(props, name) ? props[name] : undefined;
}

export function preservesUnknown(s: JSONSchemaProps | undefined): boolean {
  return s?.['x-kubernetes-preserve-unknown-fields'] === true;
}

export function isEmbedded(s: JSONSchemaProps | undefined): boolean {
  return s?.['x-kubernetes-embedded-resource'] === true;
}

export function hasDefault(s: JSONSchemaProps | undefined): s is JSONSchemaProps & { default: unknown } {
  return s !== undefined && s.default !== undefined && s.default !== null;
}

/** The JSON type of a decoded value, as kube-openapi names it. */
export function jsonType(v: unknown): 'null' | 'boolean' | 'integer' | 'number' | 'string' | 'array' | 'object' {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'array';
  switch (typeof v) {
    case 'boolean':
      return 'boolean';
    case 'number':
      return Number.isInteger(v) ? 'integer' : 'number';
    case 'string':
      return 'string';
    default:
      return 'object';
  }
}

/** Visits a schema and every schema nested in it (properties, items, maps, junctors). */
export function someSchema(s: JSONSchemaProps | undefined, pred: (s: JSONSchemaProps) => boolean): boolean {
  if (!s) return false;
  if (pred(s)) return true;
  const nested: Array<JSONSchemaProps | undefined> = [itemsOf(s), additionalSchemaOf(s), s.not, ...(s.allOf ?? []), ...(s.anyOf ?? []), ...(s.oneOf ?? [])];
  for (const p of Object.values(s.properties ?? {})) nested.push(p);
  return nested.some((n) => someSchema(n, pred));
}
