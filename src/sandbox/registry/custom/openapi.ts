// The OpenAPI (v2 form) of one custom resource version, as upstream's CRD OpenAPI builder
// publishes it: the schema named after the reversed group (`com.example.stable.v1.CronTab`) with
// apiVersion, kind and an ObjectMeta reference added, its List, and the REST paths of the
// resource (collection, item, /status, /scale) with the parameters built-in kinds have. The
// server converts it to the OpenAPI v3 documents kubectl explain and field validation read.
import { deepClone, isPlainObject } from '../../../apimachinery/object.ts';
import { builtinSchema, type RawSchema } from '../../../apimachinery/openapi/schema-model.ts';
import type { JSONSchemaProps } from './schema-props.ts';
import type { CustomResourceVersion } from './version.ts';

type Json = Record<string, unknown>;

export interface SwaggerFragment {
  paths: Record<string, Json>;
  definitions: Record<string, RawSchema>;
}

const TEMPLATE_KIND = 'io.k8s.api.apps.v1.Deployment';
const TEMPLATE_LIST = 'io.k8s.api.apps.v1.DeploymentList';
const OBJECT_META = '#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';
const LIST_META = '#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta';
const METADATA_DESCRIPTION = "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata";
const LIST_METADATA_DESCRIPTION = 'Standard list metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds';
const PRODUCES = ['application/json', 'application/yaml'];
const PRODUCES_LIST = ['application/json', 'application/yaml', 'application/json;stream=watch'];

/** `stable.example.com`, `v1`, `CronTab` → `com.example.stable.v1.CronTab` (ToRESTFriendlyName). */
export function definitionName(group: string, version: string, kind: string): string {
  return [...group.split('.').reverse(), version, kind].filter(Boolean).join('.');
}

function camel(group: string): string {
  return group
    .split(/[.-]/)
    .filter(Boolean)
    .map((p) => p[0]!.toUpperCase() + p.slice(1))
    .join('');
}

function typeMetaDescriptions(): { apiVersion: RawSchema; kind: RawSchema } {
  const props = builtinSchema().swagger.definitions[TEMPLATE_KIND]!.properties!;
  return { apiVersion: deepClone(props.apiVersion!), kind: deepClone(props.kind!) };
}

/** Adds apiVersion, kind and metadata to the resource root and every embedded resource. */
function withTypeMeta(s: JSONSchemaProps, gvk: { group: string; version: string; kind: string } | undefined): RawSchema {
  const out = deepClone(s) as RawSchema;
  const visit = (node: RawSchema, root: boolean) => {
    if (root || node['x-kubernetes-embedded-resource'] === true) {
      const tm = typeMetaDescriptions();
      node.type ??= 'object';
      node.properties = { ...(node.properties ?? {}), apiVersion: tm.apiVersion, kind: tm.kind, metadata: { $ref: OBJECT_META, description: METADATA_DESCRIPTION } };
    }
    for (const [k, p] of Object.entries(node.properties ?? {})) if (!(root && (k === 'metadata' || k === 'apiVersion' || k === 'kind'))) visit(p, false);
    if (isPlainObject(node.items)) visit(node.items as RawSchema, false);
    if (isPlainObject(node.additionalProperties)) visit(node.additionalProperties as RawSchema, false);
  };
  visit(out, true);
  if (gvk) out['x-kubernetes-group-version-kind'] = [gvk];
  return out;
}

/** Points the template's Deployment references at the custom resource's definitions. */
function rewrite(value: unknown, kindDef: string, listDef: string): unknown {
  if (Array.isArray(value)) return value.map((x) => rewrite(x, kindDef, listDef));
  if (typeof value === 'string') {
    if (value === `#/definitions/${TEMPLATE_KIND}`) return `#/definitions/${kindDef}`;
    if (value === `#/definitions/${TEMPLATE_LIST}`) return `#/definitions/${listDef}`;
    return value;
  }
  if (!isPlainObject(value)) return value;
  const out: Json = {};
  for (const [k, x] of Object.entries(value)) out[k] = rewrite(x, kindDef, listDef);
  return out;
}

function operation(op: Json, v: CustomResourceVersion, kindDef: string, listDef: string, namespaced: boolean): Json {
  const out = rewrite(op, kindDef, listDef) as Json;
  const gv = `${camel(v.group)}${camel(v.version)}`;
  let id = String(out.operationId ?? '').replace('AppsV1', gv).replace('Deployment', v.kind);
  if (!namespaced) id = id.replace('Namespaced', '');
  out.operationId = id;
  out.description = String(out.description ?? '').replace('Deployment', v.kind);
  out.tags = [`${camel(v.group).replace(/^./, (c) => c.toLowerCase())}_${v.version}`];
  const gvk = out['x-kubernetes-group-version-kind'] as { kind?: string } | undefined;
  const isScale = gvk?.kind === 'Scale';
  if (!isScale) out['x-kubernetes-group-version-kind'] = { group: v.group, kind: v.kind, version: v.version };
  if (Array.isArray(out.consumes)) out.consumes = (out.consumes as string[]).filter((c) => c !== 'application/strategic-merge-patch+json' || isScale);
  if (!isScale) out.produces = out['x-kubernetes-action'] === 'list' ? PRODUCES_LIST : PRODUCES;
  if (!namespaced && Array.isArray(out.parameters)) {
    out.parameters = (out.parameters as Json[]).filter((p) => !(typeof p.$ref === 'string' && p.$ref.startsWith('#/parameters/namespace-')));
  }
  return out;
}

function pathItem(template: Json, v: CustomResourceVersion, kindDef: string, listDef: string, namespaced: boolean): Json {
  const out: Json = {};
  for (const [method, op] of Object.entries(template)) {
    if (method === 'parameters') {
      out.parameters = (op as Json[])
        .filter((p) => namespaced || !(typeof p.$ref === 'string' && p.$ref.startsWith('#/parameters/namespace-')))
        .map((p) => (p.in === 'path' && p.name === 'name' && typeof p.description === 'string' && p.description.endsWith('Deployment') ? { ...p, description: `name of the ${v.kind}` } : p));
      continue;
    }
    out[method] = operation(op as Json, v, kindDef, listDef, namespaced);
  }
  return out;
}

/** Paths and definitions of one served custom resource version. */
export function customResourceSwagger(v: CustomResourceVersion): SwaggerFragment {
  const swagger = builtinSchema().swagger;
  const kindDef = definitionName(v.group, v.version, v.kind);
  const listDef = definitionName(v.group, v.version, v.listKind);
  const base = `/apis/${v.group}/${v.version}`;
  const coll = v.namespaced ? `${base}/namespaces/{namespace}/${v.plural}` : `${base}/${v.plural}`;
  const tpl = (p: string) => swagger.paths[`/apis/apps/v1${p}`] as Json;
  const paths: Record<string, Json> = {};
  if (v.namespaced) paths[`${base}/${v.plural}`] = pathItem(tpl('/deployments'), v, kindDef, listDef, true);
  paths[coll] = pathItem(tpl('/namespaces/{namespace}/deployments'), v, kindDef, listDef, v.namespaced);
  paths[`${coll}/{name}`] = pathItem(tpl('/namespaces/{namespace}/deployments/{name}'), v, kindDef, listDef, v.namespaced);
  if (v.status) paths[`${coll}/{name}/status`] = pathItem(tpl('/namespaces/{namespace}/deployments/{name}/status'), v, kindDef, listDef, v.namespaced);
  if (v.scale) paths[`${coll}/{name}/scale`] = pathItem(tpl('/namespaces/{namespace}/deployments/{name}/scale'), v, kindDef, listDef, v.namespaced);
  const tm = typeMetaDescriptions();
  const definitions: Record<string, RawSchema> = {
    [kindDef]: withTypeMeta(v.schema ?? { type: 'object', 'x-kubernetes-preserve-unknown-fields': true }, { group: v.group, version: v.version, kind: v.kind }),
    [listDef]: {
      description: `${v.listKind} is a list of ${v.kind}`,
      properties: {
        apiVersion: tm.apiVersion,
        items: { description: `List of ${v.plural}. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md`, items: { $ref: `#/definitions/${kindDef}` }, type: 'array' },
        kind: tm.kind,
        metadata: { $ref: LIST_META, description: LIST_METADATA_DESCRIPTION },
      },
      required: ['items'],
      type: 'object',
      'x-kubernetes-group-version-kind': [{ group: v.group, kind: v.listKind, version: v.version }],
    },
  };
  return { paths, definitions };
}
