// A compact way to declare a built-in resource: everything discovery needs, with upstream's
// defaults (all verbs, the schema from the OpenAPI definition for the group/version/kind).
import type { KubeObject } from '../../apimachinery/object.ts';
import { builtinSchema } from '../../apimachinery/openapi/schema-model.ts';
import type { ResourceDef, Strategy, Verb } from './types.ts';
import { ALL_VERBS } from './types.ts';

export interface ResourceSpec<T extends KubeObject> extends Partial<Omit<ResourceDef<T>, 'schema' | 'strategy'>> {
  group: string;
  version: string;
  kind: string;
  resource: string;
  namespaced: boolean;
  strategy?: Strategy<T>;
}

export function defineResource<T extends KubeObject = KubeObject>(spec: ResourceSpec<T>): ResourceDef<T> {
  const definition = spec.definition ?? builtinSchema().definitionFor(spec.group, spec.version, spec.kind);
  if (!definition) throw new Error(`no OpenAPI definition for ${spec.group}/${spec.version} ${spec.kind}`);
  let schemaNode: ReturnType<ResourceDef['schema']> | undefined;
  return {
    listKind: `${spec.kind}List`,
    singular: spec.kind.toLowerCase(),
    shortNames: [],
    categories: [],
    verbs: ALL_VERBS as Verb[],
    strategy: {},
    ...spec,
    definition,
    schema: () => (schemaNode ??= builtinSchema().node(definition)),
  } as ResourceDef<T>;
}

/** Verbs of a create-only review resource. */
export const CREATE_ONLY: readonly Verb[] = ['create'];
