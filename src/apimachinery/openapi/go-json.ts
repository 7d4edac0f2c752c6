// What the API server's Go JSON round trip does to a built-in object: a field tagged `omitempty`
// disappears when it holds its zero value ("", 0, false, an empty list or map), unless its Go type
// is a pointer (then `replicas: 0` or `automountServiceAccountToken: false` stays). Applying this
// to every stored object keeps `kubectl get -o yaml` exactly as on a real cluster (no `env: []`,
// no `hostPort: 0`) whether the object came from kubectl or from an in-process controller.
// Pointer and non-omitempty facts come from spec/kubernetes/protobuf/go-fields.json (read from
// kubectl's own compiled descriptors); OpenAPI `required` fields are never omitempty.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isPlainObject } from '../object.ts';
import type { ObjectNode, SchemaNode } from './schema-model.ts';

interface GoFields {
  pointers: string[];
  keepZero: string[];
}

let facts: { pointers: Set<string>; keepZero: Set<string> } | undefined;

/** `k8s.io.api.apps.v1.DeploymentSpec.replicas` → `io.k8s.api.apps.v1.DeploymentSpec.replicas` */
function toDefinitionName(proto: string): string {
  return `io.${proto.replace(/^k8s\.io\./, 'k8s.').replace('apiextensions_apiserver', 'apiextensions-apiserver')}`;
}

function load(): { pointers: Set<string>; keepZero: Set<string> } {
  if (!facts) {
    const file = fileURLToPath(new URL('../../../spec/kubernetes/protobuf/go-fields.json', import.meta.url));
    const raw = JSON.parse(readFileSync(file, 'utf8')) as GoFields;
    facts = { pointers: new Set(raw.pointers.map(toDefinitionName)), keepZero: new Set(raw.keepZero.map(toDefinitionName)) };
  }
  return facts;
}

// Per schema node, the fields Go always encodes (pointers, fields without omitempty, required
// ones): looked up on every field of every write, so computed once per type.
const alwaysKept = new WeakMap<ObjectNode, Set<string>>();

function keptFields(node: ObjectNode): Set<string> {
  let kept = alwaysKept.get(node);
  if (!kept) {
    const f = load();
    kept = new Set(node.required);
    for (const field of node.fields.keys()) {
      const key = `${node.definition}.${field}`;
      if (f.pointers.has(key) || f.keepZero.has(key)) kept.add(field);
    }
    alwaysKept.set(node, kept);
  }
  return kept;
}

/** Whether a field of a built-in type is dropped by Go's encoder when it holds `value`. */
function omitted(node: ObjectNode, field: string, schema: SchemaNode, value: unknown): boolean {
  if (keptFields(node).has(field)) return false;
  switch (schema.kind) {
    case 'array':
      return Array.isArray(value) && value.length === 0;
    case 'map':
      return isPlainObject(value) && Object.keys(value).length === 0;
    case 'scalar':
      // IntOrString and Quantity are structs in Go: omitempty never drops them.
      if (schema.type === 'int-or-string' || schema.goType === 'resource.Quantity') return false;
      return value === '' || value === 0 || value === false;
    default:
      return false;
  }
}

function walk(node: SchemaNode, value: unknown, stored?: Record<string, unknown>): void {
  switch (node.kind) {
    case 'object': {
      // Only Go-backed built-in types; custom resources keep what their schema allows.
      if (!node.definition?.startsWith('io.k8s.') || !isPlainObject(value)) return;
      for (const key of Object.keys(value)) {
        const field = node.fields.get(key);
        if (!field) continue;
        const v = value[key];
        if (v === null || v === undefined) {
          delete value[key];
          continue;
        }
        // The stored object's own subtree (an update keeps it): normalized when it was stored.
        if (stored !== undefined && typeof v === 'object' && v === stored[key]) continue;
        walk(field.schema, v, stored !== undefined && isPlainObject(stored[key]) ? stored[key] : undefined);
        if (omitted(node, key, field.schema, v)) delete value[key];
      }
      return;
    }
    case 'array':
      if (Array.isArray(value)) for (const item of value) walk(node.items, item);
      return;
    case 'map':
      if (isPlainObject(value)) for (const k of Object.keys(value)) walk(node.values, value[k]);
      return;
    default:
      return;
  }
}

/**
 * Normalizes a built-in object in place as Go's decode/encode round trip would. With `stored`
 * (the stored object an update replaces), subtrees `obj` shares with it by identity are skipped:
 * stored objects are normalized and never mutated.
 */
export function goJsonRoundTrip(schema: SchemaNode, obj: unknown, stored?: unknown): void {
  walk(schema, obj, isPlainObject(stored) ? stored : undefined);
}
