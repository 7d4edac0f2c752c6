// Where strategic merge patch learns how to merge a field (upstream's LookupPatchMeta): the
// x-kubernetes-patch-strategy and x-kubernetes-patch-merge-key of the schema. Lists carry them
// in the resolved schema model; object-valued fields (DeploymentSpec.strategy: retainKeys,
// PodDisruptionBudgetSpec.selector: replace) carry them on the property of the built-in
// definition. A field the schema does not describe has no metadata: maps merge, lists replace.
import { builtinSchema, type SchemaNode } from '../openapi/schema-model.ts';

export interface PatchMeta {
  strategies: readonly string[];
  mergeKey: string;
}

const NONE: PatchMeta = { strategies: [], mergeKey: '' };

function objectFieldStrategies(definition: string | undefined, key: string): readonly string[] {
  if (!definition) return [];
  const prop = builtinSchema().swagger.definitions[definition]?.properties?.[key];
  const s = prop?.['x-kubernetes-patch-strategy'];
  return typeof s === 'string' && s ? s.split(',') : [];
}

/** Patch metadata of one level of the schema (undefined: nothing known below here). */
export class SchemaPatchMeta {
  constructor(readonly node: SchemaNode | undefined) {}

  /** The Go type name used in error messages. */
  name(): string {
    const n = this.node;
    if (!n) return '';
    return n.kind === 'object' ? n.goName : n.goType;
  }

  private child(key: string): { node: SchemaNode | undefined; meta: PatchMeta } {
    const n = this.node;
    if (!n) return { node: undefined, meta: NONE };
    if (n.kind === 'map') return { node: n.values, meta: NONE };
    if (n.kind !== 'object') return { node: undefined, meta: NONE };
    const field = n.fields.get(key);
    if (!field) return { node: undefined, meta: NONE };
    const s = field.schema;
    if (s.kind === 'array') return { node: s, meta: { strategies: s.patchStrategies, mergeKey: s.patchMergeKey ?? '' } };
    return { node: s, meta: { strategies: objectFieldStrategies(n.definition, key), mergeKey: '' } };
  }

  /** LookupPatchMetadataForStruct: the schema and metadata of map-valued field `key`. */
  forStruct(key: string): { schema: SchemaPatchMeta; meta: PatchMeta } {
    const { node, meta } = this.child(key);
    return { schema: new SchemaPatchMeta(node), meta };
  }

  /** LookupPatchMetadataForSlice: the schema of the items of list-valued field `key`, and its metadata. */
  forSlice(key: string): { schema: SchemaPatchMeta; meta: PatchMeta } {
    const { node, meta } = this.child(key);
    return { schema: new SchemaPatchMeta(node?.kind === 'array' ? node.items : undefined), meta };
  }
}
