// OpenAPI documents generated from the Kubernetes spec (spec/kubernetes/swagger.json),
// restricted to what a cluster serves: /openapi/v3 (index and one document per group-version,
// used by `kubectl explain` and by kubectl to detect server-side field validation) and
// /openapi/v2 as JSON. Documents are built once per set of served resources and cached.
import { createHash } from 'node:crypto';
import { builtinSchema, type RawSchema } from '../../apimachinery/openapi/schema-model.ts';
import type { ResourceDef, ResourceLookup } from '../registry/types.ts';
import { VERSION_INFO } from './version.ts';

interface V3Doc {
  text: string;
  hash: string;
}

type Json = Record<string, unknown>;

function gvPath(group: string, version: string): string {
  return group ? `apis/${group}/${version}` : `api/${version}`;
}

/** Rewrites v2 refs to v3 component refs, wrapping described refs in allOf as upstream does. */
function toV3Schema(s: unknown): unknown {
  if (Array.isArray(s)) return s.map(toV3Schema);
  if (typeof s !== 'object' || s === null) return s;
  const o = s as Json;
  const out: Json = {};
  for (const [k, v] of Object.entries(o)) {
    if (k === '$ref' && typeof v === 'string') out.$ref = v.replace('#/definitions/', '#/components/schemas/');
    else out[k] = toV3Schema(v);
  }
  if (typeof out.$ref === 'string' && Object.keys(out).length > 1) {
    const ref = out.$ref;
    delete out.$ref;
    out.allOf = [{ $ref: ref }];
    if (out.default === undefined) out.default = {};
  }
  return out;
}

function collectRefs(value: unknown, defs: Record<string, RawSchema>, into: Set<string>): void {
  const stack = [value];
  while (stack.length) {
    const v = stack.pop();
    if (Array.isArray(v)) stack.push(...v);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v as Json)) {
        if (k === '$ref' && typeof x === 'string') {
          const name = x.replace('#/definitions/', '').replace('#/components/schemas/', '');
          if (!into.has(name) && defs[name]) {
            into.add(name);
            stack.push(defs[name]);
          }
        } else stack.push(x);
      }
    }
  }
}

function resolveParam(p: Json, params: Record<string, unknown>): Json {
  if (typeof p.$ref === 'string') return (params[p.$ref.replace('#/parameters/', '')] ?? {}) as Json;
  return p;
}

/** Converts one v2 operation to v3 (body parameter → requestBody, response schemas → content). */
function toV3Operation(op: Json, params: Record<string, unknown>, pathParams: Json[]): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(op)) {
    if (k === 'parameters' || k === 'responses' || k === 'consumes' || k === 'produces' || k === 'schemes') continue;
    out[k] = v;
  }
  const consumes = (op.consumes as string[] | undefined) ?? ['*/*'];
  const produces = (op.produces as string[] | undefined) ?? ['application/json'];
  const parameters: Json[] = [];
  for (const raw of [...pathParams, ...((op.parameters as Json[] | undefined) ?? [])]) {
    const p = resolveParam(raw, params);
    if (p.in === 'body') {
      const schema = toV3Schema(p.schema);
      out.requestBody = { content: Object.fromEntries(consumes.map((c) => [c, { schema }])), required: p.required ?? false };
      continue;
    }
    const { type, uniqueItems, ...rest } = p as Json & { type?: string; uniqueItems?: boolean };
    parameters.push({ ...rest, schema: { type, ...(uniqueItems ? { uniqueItems } : {}) } });
  }
  if (parameters.length) out.parameters = parameters;
  const responses: Json = {};
  for (const [code, r] of Object.entries((op.responses as Json | undefined) ?? {})) {
    const resp = r as Json;
    const entry: Json = { description: resp.description ?? '' };
    if (resp.schema) entry.content = Object.fromEntries(produces.map((p) => [p, { schema: toV3Schema(resp.schema) }]));
    responses[code] = entry;
  }
  out.responses = responses;
  return out;
}

function pathsFor(group: string, version: string, defs: readonly ResourceDef[]): Array<[string, Json]> {
  const swagger = builtinSchema().swagger;
  const prefix = group ? `/apis/${group}/${version}/` : `/api/${version}/`;
  const served = new Set(defs.map((d) => d.resource));
  const out: Array<[string, Json]> = [];
  for (const [p, item] of Object.entries(swagger.paths)) {
    if (!p.startsWith(prefix)) continue;
    const rest = p.slice(prefix.length).split('/').filter((s) => !s.startsWith('{'));
    const resource = rest[0] === 'namespaces' && rest.length > 1 ? rest[1]! : rest[0] === 'watch' ? (rest[1] === 'namespaces' && rest.length > 2 ? rest[2]! : rest[1]!) : rest[0]!;
    if (!served.has(resource) && !(rest[0] === 'namespaces' && rest.length === 1 && served.has('namespaces'))) continue;
    out.push([p, item as Json]);
  }
  return out;
}

const v3Cache = new Map<string, V3Doc>();

function buildV3(group: string, version: string, defs: readonly ResourceDef[]): V3Doc {
  const swagger = builtinSchema().swagger;
  const params = (swagger.parameters ?? {}) as Record<string, unknown>;
  const paths: Json = {};
  const refs = new Set<string>();
  for (const [p, item] of pathsFor(group, version, defs)) {
    const pathParams = ((item.parameters as Json[] | undefined) ?? []).map((x) => resolveParam(x, params));
    const converted: Json = {};
    for (const [method, op] of Object.entries(item)) {
      if (method === 'parameters') continue;
      converted[method] = toV3Operation(op as Json, params, pathParams);
    }
    collectRefs(item, swagger.definitions, refs);
    for (const pp of pathParams) collectRefs(pp, swagger.definitions, refs);
    paths[p] = converted;
  }
  for (const d of defs) if (d.definition) {
    refs.add(d.definition);
    collectRefs(swagger.definitions[d.definition], swagger.definitions, refs);
  }
  const schemas: Json = {};
  for (const name of [...refs].sort()) schemas[name] = toV3Schema(swagger.definitions[name]);
  const doc = {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: VERSION_INFO.gitVersion },
    paths,
    components: { schemas, securitySchemes: { BearerToken: { type: 'apiKey', description: 'Bearer Token authentication', name: 'authorization', in: 'header' } } },
  };
  const text = JSON.stringify(doc);
  return { text, hash: createHash('sha512').update(text).digest('hex').slice(0, 128).toUpperCase() };
}

function servedGroupVersions(lookup: ResourceLookup): Map<string, ResourceDef[]> {
  const out = new Map<string, ResourceDef[]>();
  for (const d of lookup.all()) {
    if (!d.definition) continue;
    const key = gvPath(d.group, d.version);
    const list = out.get(key) ?? [];
    list.push(d);
    out.set(key, list);
  }
  return out;
}

function v3For(lookup: ResourceLookup, key: string): V3Doc | undefined {
  const defs = servedGroupVersions(lookup).get(key);
  if (!defs) return undefined;
  const cacheKey = `${key}|${defs.map((d) => d.resource).sort().join(',')}`;
  let doc = v3Cache.get(cacheKey);
  if (!doc) {
    const [, a, b] = key.split('/');
    const group = key.startsWith('apis/') ? a! : '';
    const version = key.startsWith('apis/') ? b! : a!;
    doc = buildV3(group, version, defs);
    v3Cache.set(cacheKey, doc);
  }
  return doc;
}

/** Custom documents (CRD group-versions) a cluster adds; set by the CRD support. */
export type CustomV3Provider = (lookup: ResourceLookup) => Map<string, V3Doc>;
let customProvider: CustomV3Provider | undefined;
export function setCustomOpenAPIProvider(p: CustomV3Provider): void {
  customProvider = p;
}

export function openapiV3Index(lookup: ResourceLookup): object {
  const paths: Json = {};
  for (const key of [...servedGroupVersions(lookup).keys()].sort()) {
    const doc = v3For(lookup, key)!;
    paths[key] = { serverRelativeURL: `/openapi/v3/${key}?hash=${doc.hash}` };
  }
  for (const [key, doc] of customProvider?.(lookup) ?? []) paths[key] = { serverRelativeURL: `/openapi/v3/${key}?hash=${doc.hash}` };
  return { paths };
}

export function openapiV3Document(lookup: ResourceLookup, key: string): V3Doc | undefined {
  return v3For(lookup, key) ?? customProvider?.(lookup).get(key);
}

let v2Cache: { key: string; doc: object } | undefined;

/** /openapi/v2 as JSON: the spec's definitions and the paths of served resources. */
export function openapiV2(lookup: ResourceLookup): object {
  const swagger = builtinSchema().swagger;
  const gvs = servedGroupVersions(lookup);
  const key = [...gvs.entries()].map(([k, d]) => `${k}:${d.map((x) => x.resource).join(',')}`).join('|');
  if (v2Cache?.key === key) return v2Cache.doc;
  const paths: Json = {};
  for (const [k, defs] of gvs) {
    const [, a, b] = k.split('/');
    const group = k.startsWith('apis/') ? a! : '';
    const version = k.startsWith('apis/') ? b! : a!;
    for (const [p, item] of pathsFor(group, version, defs)) paths[p] = item;
  }
  const doc = {
    swagger: '2.0',
    info: { title: 'Kubernetes', version: VERSION_INFO.gitVersion },
    paths,
    definitions: swagger.definitions,
    parameters: swagger.parameters,
    securityDefinitions: { BearerToken: { type: 'apiKey', description: 'Bearer Token authentication', name: 'authorization', in: 'header' } },
    security: [{ BearerToken: [] }],
  };
  v2Cache = { key, doc };
  return doc;
}
