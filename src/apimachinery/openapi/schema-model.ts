// A compact, resolved model of the Kubernetes OpenAPI schema: what every field is, and how lists
// and maps merge (x-kubernetes-list-type / list-map-keys / map-type / patch-merge-key /
// patch-strategy). The decoder, the patch engines, server-side apply and the OpenAPI documents
// all read types through this model; nothing hand-copies a schema.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface RawSchema {
  type?: string;
  format?: string;
  description?: string;
  $ref?: string;
  items?: RawSchema;
  properties?: Record<string, RawSchema>;
  additionalProperties?: RawSchema | boolean;
  required?: string[];
  enum?: unknown[];
  default?: unknown;
  allOf?: RawSchema[];
  'x-kubernetes-list-type'?: 'atomic' | 'set' | 'map';
  'x-kubernetes-list-map-keys'?: string[];
  'x-kubernetes-map-type'?: 'atomic' | 'granular';
  'x-kubernetes-patch-merge-key'?: string;
  'x-kubernetes-patch-strategy'?: string;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-int-or-string'?: boolean;
  'x-kubernetes-embedded-resource'?: boolean;
  'x-kubernetes-group-version-kind'?: Array<{ group: string; version: string; kind: string }>;
  [ext: string]: unknown;
}

export interface Swagger {
  definitions: Record<string, RawSchema>;
  paths: Record<string, Record<string, unknown>>;
  parameters?: Record<string, unknown>;
}

export type ScalarType = 'string' | 'integer' | 'number' | 'boolean' | 'int-or-string';

export type SchemaNode = ObjectNode | MapNode | ArrayNode | ScalarNode | AnyNode;

export interface ObjectNode {
  kind: 'object';
  /** Go type name for decode errors, e.g. `DeploymentSpec`. */
  goName: string;
  /** Go package-qualified name, e.g. `v1.DeploymentSpec`. */
  goType: string;
  fields: Map<string, FieldNode>;
  required: readonly string[];
  /** x-kubernetes-map-type: atomic on a struct: replaced whole by apply. */
  atomic: boolean;
  /** Unknown fields are kept (x-kubernetes-preserve-unknown-fields). */
  preserveUnknown: boolean;
  definition?: string;
}

export interface FieldNode {
  name: string;
  schema: SchemaNode;
  description?: string;
}

export interface MapNode {
  kind: 'map';
  values: SchemaNode;
  atomic: boolean;
  goType: string;
}

export interface ArrayNode {
  kind: 'array';
  items: SchemaNode;
  listType: 'atomic' | 'set' | 'map';
  mapKeys: readonly string[];
  /** Strategic merge patch metadata. */
  patchMergeKey?: string;
  patchStrategies: readonly string[];
  goType: string;
}

export interface ScalarNode {
  kind: 'scalar';
  type: ScalarType;
  format?: string;
  goType: string;
  enum?: readonly unknown[];
}

/** Anything goes: RawExtension, JSON, preserve-unknown-fields without properties. */
export interface AnyNode {
  kind: 'any';
  goType: string;
}

const ANY: AnyNode = { kind: 'any', goType: 'interface {}' };

function goPackage(definition: string): string {
  // io.k8s.api.apps.v1.Deployment -> v1; io.k8s.apimachinery.pkg.api.resource.Quantity -> resource
  const parts = definition.split('.');
  return parts[parts.length - 2]!;
}

function scalarGoType(s: RawSchema): string {
  switch (s.type) {
    case 'integer':
      return s.format === 'int64' ? 'int64' : 'int32';
    case 'number':
      return 'float64';
    case 'boolean':
      return 'bool';
    default:
      return 'string';
  }
}

export class SchemaModel {
  private readonly byDefinition = new Map<string, SchemaNode>();
  private readonly gvkIndex = new Map<string, string>();

  constructor(readonly swagger: Swagger) {
    for (const [name, def] of Object.entries(swagger.definitions)) {
      for (const gvk of def['x-kubernetes-group-version-kind'] ?? []) {
        const key = `${gvk.group}/${gvk.version}/${gvk.kind}`;
        // Prefer the definition from the group itself over shared meta types (DeleteOptions, WatchEvent).
        if (!this.gvkIndex.has(key) || !name.startsWith('io.k8s.apimachinery')) this.gvkIndex.set(key, name);
      }
    }
  }

  definitionFor(group: string, version: string, kind: string): string | undefined {
    return this.gvkIndex.get(`${group}/${version}/${kind}`);
  }

  /** The resolved node for a definition name (`io.k8s.api.core.v1.Pod`). */
  node(definition: string): SchemaNode {
    const cached = this.byDefinition.get(definition);
    if (cached) return cached;
    const raw = this.swagger.definitions[definition];
    if (!raw) throw new Error(`unknown OpenAPI definition ${definition}`);
    const shortName = definition.slice(definition.lastIndexOf('.') + 1);
    const goType = `${goPackage(definition)}.${shortName}`;
    if (raw.properties) {
      const node: ObjectNode = {
        kind: 'object',
        goName: shortName,
        goType,
        fields: new Map(),
        required: raw.required ?? [],
        atomic: raw['x-kubernetes-map-type'] === 'atomic',
        preserveUnknown: raw['x-kubernetes-preserve-unknown-fields'] === true,
        definition,
      };
      this.byDefinition.set(definition, node);
      for (const [name, prop] of Object.entries(raw.properties)) {
        node.fields.set(name, { name, schema: this.build(prop, `${shortName}`), description: prop.description });
      }
      return node;
    }
    // Definitions without properties: Quantity, IntOrString, Time, RawExtension, JSON, ...
    const node = this.build(raw, shortName, goType);
    this.byDefinition.set(definition, node);
    return node;
  }

  /** Builds a node for an inline schema (a property, array items, map values). */
  build(s: RawSchema, context: string, goTypeHint?: string): SchemaNode {
    if (s.allOf && s.allOf.length === 1) s = { ...s.allOf[0], ...s, allOf: undefined };
    if (s.$ref) return this.node(s.$ref.replace('#/definitions/', ''));
    if (s.format === 'int-or-string' || s['x-kubernetes-int-or-string']) {
      return { kind: 'scalar', type: 'int-or-string', goType: goTypeHint ?? 'intstr.IntOrString' };
    }
    switch (s.type) {
      case 'string':
      case 'integer':
      case 'number':
      case 'boolean':
        return { kind: 'scalar', type: s.type, format: s.format, goType: goTypeHint ?? scalarGoType(s), enum: s.enum };
      case 'array': {
        const items = this.build(s.items ?? {}, context);
        const strategies = (s['x-kubernetes-patch-strategy'] ?? '').split(',').filter(Boolean);
        let listType = s['x-kubernetes-list-type'];
        if (!listType) listType = s['x-kubernetes-patch-merge-key'] ? 'map' : 'atomic';
        const mapKeys = s['x-kubernetes-list-map-keys'] ?? (s['x-kubernetes-patch-merge-key'] ? [s['x-kubernetes-patch-merge-key']] : []);
        return {
          kind: 'array',
          items,
          listType,
          mapKeys,
          patchMergeKey: s['x-kubernetes-patch-merge-key'],
          patchStrategies: strategies,
          goType: `[]${goTypeOf(items)}`,
        };
      }
      case 'object': {
        if (s.properties) {
          const node: ObjectNode = {
            kind: 'object',
            goName: context,
            goType: context,
            fields: new Map(),
            required: s.required ?? [],
            atomic: s['x-kubernetes-map-type'] === 'atomic',
            preserveUnknown: s['x-kubernetes-preserve-unknown-fields'] === true,
          };
          for (const [name, prop] of Object.entries(s.properties)) {
            node.fields.set(name, { name, schema: this.build(prop, context), description: prop.description });
          }
          return node;
        }
        if (s.additionalProperties && typeof s.additionalProperties === 'object') {
          const values = this.build(s.additionalProperties, context);
          return { kind: 'map', values, atomic: s['x-kubernetes-map-type'] === 'atomic', goType: `map[string]${goTypeOf(values)}` };
        }
        return { ...ANY, goType: goTypeHint ?? 'map[string]interface {}' };
      }
      default:
        return { ...ANY, goType: goTypeHint ?? 'interface {}' };
    }
  }
}

export function goTypeOf(n: SchemaNode): string {
  return n.goType;
}

let shared: SchemaModel | undefined;

/** The built-in Kubernetes schema (spec/kubernetes/swagger.json), loaded once per process. */
export function builtinSchema(): SchemaModel {
  if (!shared) {
    const file = fileURLToPath(new URL('../../../spec/kubernetes/swagger.json', import.meta.url));
    shared = new SchemaModel(JSON.parse(readFileSync(file, 'utf8')) as Swagger);
  }
  return shared;
}
