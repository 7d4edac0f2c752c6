// Pruning of unknown fields by a structural schema (upstream apiextensions
// pkg/apiserver/schema/pruning): fields the schema does not specify are dropped unless
// x-kubernetes-preserve-unknown-fields keeps them; apiVersion, kind and metadata of the resource
// root and of embedded resources are kept (metadata is checked against ObjectMeta separately).
// Returns the paths of the pruned fields (`spec.foo`, `spec.items[0].bar`) for strict decoding.
import { isPlainObject } from '../../../apimachinery/object.ts';
import { additionalOf, isEmbedded, itemsOf, type JSONSchemaProps, preservesUnknown, propertyOf } from './schema-props.ts';

function child(parent: string, key: string): string {
  return parent ? `${parent}.${key}` : key;
}

function isMetaField(key: string, value: unknown): boolean {
  if (key === 'apiVersion' || key === 'kind') return typeof value === 'string';
  return key === 'metadata' && isPlainObject(value);
}

/** Prunes `obj` in place; `isResourceRoot` keeps the root's type and object metadata. */
export function pruneUnknown(obj: unknown, schema: JSONSchemaProps | undefined, isResourceRoot: boolean): string[] {
  const pruned: string[] = [];
  let s = schema;
  if (isResourceRoot) s = { ...(schema ?? {}), 'x-kubernetes-embedded-resource': true };
  prune(obj, s, '', pruned);
  return pruned;
}

function prune(x: unknown, s: JSONSchemaProps | undefined, path: string, pruned: string[]): void {
  if (s && preservesUnknown(s)) {
    skipPrune(x, s, path, pruned);
    return;
  }
  if (isPlainObject(x)) {
    if (!s) {
      for (const k of Object.keys(x)) {
        pruned.push(child(path, k));
        delete x[k];
      }
      return;
    }
    const additional = additionalOf(s);
    for (const k of Object.keys(x)) {
      const v = x[k];
      if (isEmbedded(s) && isMetaField(k, v)) continue;
      const prop = propertyOf(s, k);
      if (prop) prune(v, prop, child(path, k), pruned);
      else if (additional !== undefined) prune(v, typeof additional === 'object' ? additional : undefined, child(path, k), pruned);
      else {
        pruned.push(child(path, k));
        delete x[k];
      }
    }
    return;
  }
  if (Array.isArray(x)) {
    const items = s ? itemsOf(s) : undefined;
    x.forEach((v, i) => prune(v, items, `${path}[${i}]`, pruned));
  }
}

/** Under x-kubernetes-preserve-unknown-fields only the specified parts are pruned. */
function skipPrune(x: unknown, s: JSONSchemaProps | undefined, path: string, pruned: string[]): void {
  if (!s) return;
  if (isPlainObject(x)) {
    const additional = additionalOf(s);
    for (const k of Object.keys(x)) {
      const v = x[k];
      if (isEmbedded(s) && isMetaField(k, v)) continue;
      const prop = propertyOf(s, k);
      if (prop) prune(v, prop, child(path, k), pruned);
      else if (typeof additional === 'object') prune(v, additional, child(path, k), pruned);
    }
    return;
  }
  if (Array.isArray(x)) {
    const items = itemsOf(s);
    x.forEach((v, i) => skipPrune(v, items, `${path}[${i}]`, pruned));
  }
}
