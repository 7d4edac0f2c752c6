// The x-kubernetes-list-type invariants of a custom resource (upstream structurallisttype
// ValidateListSetsAndMaps): items of a `set` are unique, keys of a `map` list are unique.
import { fieldErrors as fe, type FieldError, type FieldPath, path as root, Rendered } from '../../../apimachinery/field-errors.ts';
import { goQuote } from '../../../apimachinery/go-format.ts';
import { deepEqual, isPlainObject } from '../../../apimachinery/object.ts';
import { goNumber } from './go-value.ts';
import { additionalSchemaOf, itemsOf, type JSONSchemaProps, propertyOf } from './schema-props.ts';

/** %#v of a value held in an interface{} (map keys of a list map). */
function goSharp(v: unknown): string {
  if (v === null || v === undefined) return 'interface {}(nil)';
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'number') return Number.isInteger(v) ? goNumber(v) : String(v);
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[]interface {}{${v.map(goSharp).join(', ')}}`;
  const entries = Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `map[string]interface {}{${entries.map(([k, x]) => `${goQuote(k)}:${goSharp(x)}`).join(', ')}}`;
}

export function validateListTypes(schema: JSONSchemaProps | undefined, obj: unknown): FieldError[] {
  const errs: FieldError[] = [];
  walk(schema, obj, undefined, errs);
  return errs;
}

function walk(s: JSONSchemaProps | undefined, x: unknown, p: FieldPath | undefined, errs: FieldError[]): void {
  if (!s) return;
  if (Array.isArray(x)) {
    const fld = p ?? root('');
    const listType = s['x-kubernetes-list-type'];
    if (listType === 'set') {
      x.forEach((v, i) => {
        if (x.findIndex((w) => deepEqual(v, w)) !== i) errs.push(fe.duplicate(fld.index(i), v));
      });
    } else if (listType === 'map') {
      const keys = s['x-kubernetes-list-map-keys'] ?? [];
      const items = itemsOf(s);
      const seen: Array<Record<string, unknown>> = [];
      x.forEach((v, i) => {
        if (!isPlainObject(v)) return;
        const key: Record<string, unknown> = {};
        for (const k of keys) {
          const d = propertyOf(items, k)?.default;
          key[k] = v[k] ?? d ?? null;
        }
        if (seen.some((o) => deepEqual(o, key))) errs.push(fe.duplicate(fld.index(i), new Rendered(goSharp(key))));
        seen.push(key);
      });
    }
    const items = itemsOf(s);
    x.forEach((v, i) => walk(items, v, fld.index(i), errs));
    return;
  }
  if (isPlainObject(x)) {
    const additional = additionalSchemaOf(s);
    for (const [k, v] of Object.entries(x)) {
      const prop = propertyOf(s, k) ?? additional;
      walk(prop, v, p ? p.child(k) : root(k), errs);
    }
  }
}
