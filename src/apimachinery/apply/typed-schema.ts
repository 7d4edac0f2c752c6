// How structured-merge-diff sees a schema node: a scalar, a map (a struct with named fields, or a
// map of values, atomic or granular) or a list (atomic, or associative: a set of scalars or a
// map keyed by some of its items' fields), and how a list item becomes a path element.
// Untyped nodes (`any`: RawExtension, preserve-unknown-fields) are "deduced" as upstream: maps are
// granular, lists atomic, everything else a scalar.
import { isPlainObject, type JsonValue } from '../object.ts';
import type { AnyNode, ArrayNode, SchemaNode } from '../openapi/schema-model.ts';
import { indexElement, keyElement, valueElement } from './path-element.ts';

export const DEDUCED: AnyNode = { kind: 'any', goType: 'interface {}' };

export type Shape = 'scalar' | 'map' | 'list';

/** The shape a node takes for `value` (only untyped nodes depend on the value). */
export function shapeOf(node: SchemaNode, value: unknown): Shape {
  switch (node.kind) {
    case 'object':
    case 'map':
      return 'map';
    case 'array':
      return 'list';
    case 'scalar':
      return 'scalar';
    case 'any':
      return isPlainObject(value) ? 'map' : Array.isArray(value) ? 'list' : 'scalar';
  }
}

/** Map-shaped nodes replaced whole by apply and owned as one leaf (untyped maps are granular). */
export function isAtomicMap(node: SchemaNode): boolean {
  return node.kind === 'object' || node.kind === 'map' ? node.atomic : false;
}

/** List-shaped nodes replaced whole (untyped lists and lists without x-kubernetes-list-type). */
export function isAtomicList(node: SchemaNode): boolean {
  return node.kind !== 'array' || node.listType === 'atomic';
}

/** The schema of `key` inside a map-shaped node, or undefined when the struct does not declare it. */
export function childSchema(node: SchemaNode, key: string): SchemaNode | undefined {
  switch (node.kind) {
    case 'object': {
      const f = node.fields.get(key);
      if (f) return f.schema;
      return node.preserveUnknown ? DEDUCED : undefined;
    }
    case 'map':
      return node.values;
    case 'any':
      return DEDUCED;
    default:
      return undefined;
  }
}

/** A declared struct field (as opposed to a map entry or a preserved unknown field). */
export function isNamedField(node: SchemaNode, key: string): boolean {
  return node.kind === 'object' && node.fields.has(key);
}

export function itemSchema(node: SchemaNode): SchemaNode {
  return node.kind === 'array' ? node.items : DEDUCED;
}

/**
 * Defaults of associative-list keys, which the built-in schema carries as `+default` markers
 * that the published OpenAPI v2 document omits: an item without them still has a key.
 */
const KEY_DEFAULTS: Record<string, Record<string, JsonValue>> = {
  'io.k8s.api.core.v1.ContainerPort': { protocol: 'TCP' },
  'io.k8s.api.core.v1.ServicePort': { protocol: 'TCP' },
  'io.k8s.api.core.v1.LocalObjectReference': { name: '' },
};

/** A value the schema cannot index (an associative list item without its keys). */
export class TypedValueError extends Error {}

export type ListElement = { ok: true; key: string } | { ok: false; error: string };

/** listItemToPathElement: the path element of an item of an associative (or granular) list. */
export function listItemElement(node: ArrayNode, item: unknown, index: number): ListElement {
  if (node.listType === 'atomic') return { ok: true, key: indexElement(index) };
  if (node.listType === 'map' && node.mapKeys.length > 0) {
    if (item === null) return { ok: false, error: 'associative list with keys may not have a null element' };
    if (!isPlainObject(item)) return { ok: false, error: 'associative list with keys may not have non-map elements' };
    const defaults = node.items.kind === 'object' && node.items.definition ? KEY_DEFAULTS[node.items.definition] : undefined;
    const fields: Array<readonly [string, JsonValue]> = [];
    for (const k of node.mapKeys) {
      if (k in item && item[k] !== undefined) fields.push([k, item[k] as JsonValue]);
      else if (defaults && k in defaults) fields.push([k, defaults[k]!]);
      else return { ok: false, error: `associative list with keys has an element that omits key field ${JSON.stringify(k)} (and doesn't have default value)` };
    }
    return { ok: true, key: keyElement(fields) };
  }
  if (isPlainObject(item)) return { ok: false, error: "associative list without keys has an element that's a map type" };
  if (Array.isArray(item)) return { ok: false, error: 'not supported: associative list with lists as elements' };
  if (item === null) return { ok: false, error: "associative list without keys has an element that's an explicit null" };
  return { ok: true, key: valueElement(item as JsonValue) };
}

/**
 * Struct fields present in the Go zero value of a built-in type (upstream compares a create
 * against `&Kind{}`): fields without omitempty (required), and non-pointer structs, which
 * encoding/json never omits. The OpenAPI document does not say which structs are pointers; these
 * are the optional ones that are not.
 */
const NON_POINTER_STRUCTS: Record<string, readonly string[]> = {
  'io.k8s.api.apps.v1.DeploymentSpec': ['strategy', 'template'],
  'io.k8s.api.apps.v1.StatefulSetSpec': ['updateStrategy', 'template'],
  'io.k8s.api.apps.v1.DaemonSetSpec': ['updateStrategy', 'template'],
  'io.k8s.api.apps.v1.ReplicaSetSpec': ['template'],
  'io.k8s.api.batch.v1.JobSpec': ['template'],
  'io.k8s.api.batch.v1.CronJobSpec': ['jobTemplate'],
  'io.k8s.api.core.v1.PodTemplate': ['template'],
  'io.k8s.api.core.v1.PersistentVolumeClaimSpec': ['resources'],
  'io.k8s.api.core.v1.ServiceStatus': ['loadBalancer'],
  'io.k8s.api.networking.v1.NetworkPolicySpec': ['podSelector'],
};

const ALWAYS_PRESENT = new Set(['metadata', 'spec', 'status']);

/** Whether `key` of built-in struct `parent` exists (possibly null or empty) in its Go zero value. */
export function inZeroValue(parent: SchemaNode, key: string): boolean {
  if (parent.kind !== 'object' || !parent.definition) return false;
  const field = parent.fields.get(key);
  if (!field) return false;
  if (parent.required.includes(key)) return true;
  if (field.schema.kind !== 'object') return false;
  return ALWAYS_PRESENT.has(key) || (NON_POINTER_STRUCTS[parent.definition]?.includes(key) ?? false);
}

/** The zero value a present field holds: empty structs, null lists and maps, zero scalars. */
export function zeroValue(node: SchemaNode): unknown {
  switch (node.kind) {
    case 'object':
      return {};
    case 'scalar':
      switch (node.type) {
        case 'string':
          return node.goType === 'v1.Time' || node.goType === 'v1.MicroTime' ? null : '';
        case 'boolean':
          return false;
        default:
          return 0;
      }
    default:
      return null;
  }
}
