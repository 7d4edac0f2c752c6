// Structural defaulting (upstream apiextensions pkg/apiserver/schema/defaulting): a property
// missing from an object, or null where the schema does not allow null, takes the schema's
// default; defaults apply inside defaulted values too. Non-nullable nulls without a default are
// dropped first (PruneNonNullableNullsWithoutDefaults), as the API server does when decoding.
import { deepClone, isPlainObject } from '../../../apimachinery/object.ts';
import { additionalSchemaOf, hasDefault, itemsOf, type JSONSchemaProps, propertyOf } from './schema-props.ts';

function isNonNullableNull(v: unknown, s: JSONSchemaProps | undefined): boolean {
  return v === null && s !== undefined && !s.nullable;
}

function fieldSchema(s: JSONSchemaProps | undefined, key: string): JSONSchemaProps | undefined {
  return propertyOf(s, key) ?? additionalSchemaOf(s);
}

/** Removes null values the schema neither allows nor defaults. */
export function pruneNonNullableNulls(x: unknown, s: JSONSchemaProps | undefined): void {
  if (isPlainObject(x)) {
    for (const k of Object.keys(x)) {
      const schema = fieldSchema(s, k);
      if (isNonNullableNull(x[k], schema) && !hasDefault(schema)) delete x[k];
      else pruneNonNullableNulls(x[k], schema);
    }
  } else if (Array.isArray(x)) {
    const items = itemsOf(s);
    for (const v of x) pruneNonNullableNulls(v, items);
  }
}

/** Applies the schema's defaults to `x` in place. */
export function applyDefaults(x: unknown, s: JSONSchemaProps | undefined): void {
  if (!s) return;
  if (isPlainObject(x)) {
    for (const [k, prop] of Object.entries(s.properties ?? {})) {
      if (!hasDefault(prop)) continue;
      if (!Object.prototype.hasOwnProperty.call(x, k) || isNonNullableNull(x[k], prop)) x[k] = deepClone(prop.default);
    }
    const additional = additionalSchemaOf(s);
    for (const k of Object.keys(x)) {
      const prop = propertyOf(s, k);
      if (prop) applyDefaults(x[k], prop);
      else if (additional) {
        if (isNonNullableNull(x[k], additional) && hasDefault(additional)) x[k] = deepClone(additional.default);
        applyDefaults(x[k], additional);
      }
    }
  } else if (Array.isArray(x)) {
    const items = itemsOf(s);
    for (let i = 0; i < x.length; i++) {
      if (items && isNonNullableNull(x[i], items) && hasDefault(items)) x[i] = deepClone(items.default);
      applyDefaults(x[i], items);
    }
  }
}
