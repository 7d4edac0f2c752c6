// The schema model (SchemaNode) of a custom resource, built from its CRD version's structural
// schema: what the field manager and the patch engines read for list types, map types and
// preserved fields. apiVersion, kind and metadata come from the built-in ObjectMeta definition,
// as upstream's CRD handler merges them into every CR schema.
import { type AnyNode, builtinSchema, type FieldNode, type ObjectNode, type SchemaNode } from '../../../apimachinery/openapi/schema-model.ts';
import { additionalSchemaOf, isEmbedded, itemsOf, type JSONSchemaProps, preservesUnknown } from './schema-props.ts';

const OBJECT_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';
const ANY: AnyNode = { kind: 'any', goType: 'interface {}' };

function typeMeta(fields: Map<string, FieldNode>): void {
  fields.set('apiVersion', { name: 'apiVersion', schema: { kind: 'scalar', type: 'string', goType: 'string' } });
  fields.set('kind', { name: 'kind', schema: { kind: 'scalar', type: 'string', goType: 'string' } });
  fields.set('metadata', { name: 'metadata', schema: builtinSchema().node(OBJECT_META) });
}

function objectNode(s: JSONSchemaProps, name: string, resource: boolean): ObjectNode {
  const fields = new Map<string, FieldNode>();
  for (const [k, prop] of Object.entries(s.properties ?? {})) {
    fields.set(k, { name: k, schema: nodeFor(prop, name), description: prop.description });
  }
  if (resource) typeMeta(fields);
  return {
    kind: 'object',
    goName: name,
    goType: name,
    fields,
    required: s.required ?? [],
    atomic: s['x-kubernetes-map-type'] === 'atomic',
    preserveUnknown: preservesUnknown(s),
  };
}

function nodeFor(s: JSONSchemaProps, name: string): SchemaNode {
  if (s['x-kubernetes-int-or-string']) return { kind: 'scalar', type: 'int-or-string', goType: 'intstr.IntOrString' };
  switch (s.type) {
    case 'string':
      return { kind: 'scalar', type: 'string', format: s.format, goType: 'string', enum: s.enum };
    case 'integer':
      return { kind: 'scalar', type: 'integer', format: s.format, goType: 'int64', enum: s.enum };
    case 'number':
      return { kind: 'scalar', type: 'number', format: s.format, goType: 'float64', enum: s.enum };
    case 'boolean':
      return { kind: 'scalar', type: 'boolean', goType: 'bool' };
    case 'array': {
      const items = itemsOf(s);
      const listType = s['x-kubernetes-list-type'];
      return {
        kind: 'array',
        items: items ? nodeFor(items, name) : ANY,
        listType: listType === 'set' || listType === 'map' ? listType : 'atomic',
        mapKeys: s['x-kubernetes-list-map-keys'] ?? [],
        patchStrategies: [],
        goType: '[]interface {}',
      };
    }
    case 'object': {
      if (s.properties || isEmbedded(s)) return objectNode(s, name, isEmbedded(s));
      const values = additionalSchemaOf(s);
      if (values) return { kind: 'map', values: nodeFor(values, name), atomic: s['x-kubernetes-map-type'] === 'atomic', goType: 'map[string]interface {}' };
      return { ...ANY, goType: 'map[string]interface {}' };
    }
    default:
      return ANY;
  }
}

/** The root node of a custom resource of `kind` with `schema` (undefined: anything goes). */
export function customResourceNode(schema: JSONSchemaProps | undefined, kind: string): ObjectNode {
  return objectNode({ ...(schema ?? {}), 'x-kubernetes-preserve-unknown-fields': schema ? preservesUnknown(schema) : true }, kind, true);
}
