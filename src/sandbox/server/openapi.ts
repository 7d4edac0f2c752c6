// OpenAPI documents of what a cluster serves, generated from the Kubernetes spec
// (spec/kubernetes/swagger.json) and the cluster's CRDs:
//
// - /openapi/v3 (index) and /openapi/v3/<group-version>: what `kubectl explain` reads, and what
//   kubectl checks before sending fieldValidation=Strict (a PATCH operation for the kind that
//   lists the `fieldValidation` parameter; QueryParamVerifierV3). Documents are shaped as
//   upstream's: path-level parameters on the path item, query parameters on each operation,
//   bodies as requestBody, described references wrapped in allOf, x-kubernetes-* kept. They are
//   immutable per content: `?hash=` is their SHA-512, answers carry an ETag, a stale hash is
//   redirected (301) to the current one, and only JSON is offered (406 otherwise).
// - /openapi/v2: the Swagger 2.0 document of the same resources, as JSON or in the protobuf
//   encoding kubectl asks for (application/com.github.proto-openapi.spec.v2@v1.0+protobuf). kubectl
//   uses it where v3 does not answer: client-side validation of `kind: List` files and of kinds
//   without server-side field validation, and strategic merge patch metadata as a fallback.
//
// Documents are built once per set of served resources and cached; the index costs a map lookup.
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { deepClone } from '../../apimachinery/object.ts';
import { builtinSchema, type RawSchema } from '../../apimachinery/openapi/schema-model.ts';
import { customResourceSwagger, type SwaggerFragment } from '../registry/custom/openapi.ts';
import { customVersionOf } from '../registry/custom/resource-def.ts';
import type { ResourceDef, ResourceLookup } from '../registry/types.ts';
import { encodeOpenAPIV2 } from './openapi-v2-protobuf.ts';
import { VERSION_INFO } from './version.ts';

export interface V3Doc {
  text: string;
  /** Upper-case hex SHA-512 of `text` (the `hash` of the index and the ETag). */
  hash: string;
}

type Json = Record<string, unknown>;

const SECURITY_SCHEMES = { BearerToken: { type: 'apiKey', description: 'Bearer Token authentication', name: 'authorization', in: 'header' } };
const PROTOBUF_V2 = 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf';
const PROTOBUF_V2_LEGACY = 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf';

function gvPath(group: string, version: string): string {
  return group ? `apis/${group}/${version}` : `api/${version}`;
}

function hashOf(text: string): string {
  return createHash('sha512').update(text).digest('hex').toUpperCase();
}

// ---- schema conversion (v2 definitions → v3 components) ------------------------------------

const ZERO: Record<string, unknown> = { string: '', integer: 0, number: 0, boolean: false };
/** Fields that are non-pointer structs in every built-in kind (upstream gives them `default: {}`). */
const STRUCT_FIELDS = new Set(['metadata', 'spec', 'status']);

function refName(ref: string): string {
  return ref.replace('#/definitions/', '').replace('#/components/schemas/', '');
}

function v3Ref(ref: string): string {
  return `#/components/schemas/${refName(ref)}`;
}

function isStruct(ref: string, defs: Record<string, RawSchema>): boolean {
  return defs[refName(ref)]?.properties !== undefined;
}

/**
 * Converts a v2 schema to v3. For built-in definitions, upstream's zero-value defaults are
 * approximated (the v2 spec has lost them): required scalars and array items of scalar type get
 * the zero value, references to structs in required, metadata/spec/status fields and array items
 * get `{}`. Custom resource schemas keep exactly their own defaults.
 */
function convert(s: unknown, defs: Record<string, RawSchema>, builtin: boolean, opts: { defaultObject?: boolean; zero?: boolean } = {}): unknown {
  if (Array.isArray(s)) return s.map((x) => convert(x, defs, builtin));
  if (typeof s !== 'object' || s === null) return s;
  const o = s as RawSchema;
  const out: Json = {};
  const required = new Set(o.required ?? []);
  for (const [k, v] of Object.entries(o)) {
    if (k === '$ref' && typeof v === 'string') out.$ref = v3Ref(v);
    else if (k === 'properties' && v && typeof v === 'object') {
      const props: Json = {};
      for (const [name, p] of Object.entries(v as Record<string, RawSchema>)) {
        const isRequired = required.has(name);
        props[name] = convert(p, defs, builtin, { defaultObject: builtin && (isRequired || STRUCT_FIELDS.has(name)), zero: builtin && isRequired });
      }
      out.properties = props;
    } else if (k === 'items' && v && typeof v === 'object' && !Array.isArray(v)) {
      const items = v as RawSchema;
      out.items = convert(items, defs, builtin, { defaultObject: builtin && typeof items.$ref === 'string' && isStruct(items.$ref, defs), zero: builtin });
    } else out[k] = convert(v, defs, builtin);
  }
  if (typeof out.$ref === 'string') {
    const withDefault = opts.defaultObject && out.default === undefined;
    if (Object.keys(out).length > 1 || withDefault) {
      const ref = out.$ref;
      delete out.$ref;
      out.allOf = [{ $ref: ref }];
      if (withDefault) out.default = {};
    }
  } else if (opts.zero && out.default === undefined && typeof out.type === 'string' && out.type in ZERO && out.enum === undefined && out.format !== 'int-or-string') {
    out.default = ZERO[out.type];
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
          const name = refName(x);
          if (!into.has(name) && defs[name]) {
            into.add(name);
            stack.push(defs[name]);
          }
        } else stack.push(x);
      }
    }
  }
}

// ---- path conversion -----------------------------------------------------------------------

function resolveParam(p: Json, params: Record<string, unknown>): Json {
  if (typeof p.$ref === 'string') return (params[p.$ref.replace('#/parameters/', '')] ?? {}) as Json;
  return p;
}

function v3Parameter(p: Json): Json {
  const { type, uniqueItems, ...rest } = p as Json & { type?: string; uniqueItems?: boolean };
  return { ...rest, schema: { type, ...(uniqueItems ? { uniqueItems } : {}) } };
}

/** One v2 operation as v3: body parameter → requestBody, response schemas → content per type. */
function v3Operation(op: Json, params: Record<string, unknown>, defs: Record<string, RawSchema>): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(op)) {
    if (k === 'parameters' || k === 'responses' || k === 'consumes' || k === 'produces' || k === 'schemes') continue;
    out[k] = v;
  }
  const consumes = (op.consumes as string[] | undefined) ?? ['*/*'];
  const produces = (op.produces as string[] | undefined) ?? ['application/json'];
  const parameters: Json[] = [];
  for (const raw of (op.parameters as Json[] | undefined) ?? []) {
    const p = resolveParam(raw, params);
    if (p.in === 'body') {
      const schema = convert(p.schema, defs, false);
      out.requestBody = { content: Object.fromEntries(consumes.map((c) => [c, { schema }])) };
      continue;
    }
    parameters.push(v3Parameter(p));
  }
  if (parameters.length) out.parameters = parameters;
  const responses: Json = {};
  for (const [code, r] of Object.entries((op.responses as Json | undefined) ?? {})) {
    const resp = r as Json;
    const entry: Json = {};
    if (resp.schema) entry.content = Object.fromEntries(produces.map((p) => [p, { schema: convert(resp.schema, defs, false) }]));
    entry.description = resp.description ?? '';
    responses[code] = entry;
  }
  out.responses = responses;
  return out;
}

function v3PathItem(item: Json, params: Record<string, unknown>, defs: Record<string, RawSchema>): Json {
  const out: Json = {};
  for (const [method, op] of Object.entries(item)) {
    if (method === 'parameters') out.parameters = ((op as Json[]) ?? []).map((p) => v3Parameter(resolveParam(p, params)));
    else out[method] = v3Operation(op as Json, params, defs);
  }
  return out;
}

// ---- what a cluster serves -----------------------------------------------------------------

interface GroupVersion {
  group: string;
  version: string;
  builtin: ResourceDef[];
  custom: ResourceDef[];
}

function servedGroupVersions(lookup: ResourceLookup): Map<string, GroupVersion> {
  const out = new Map<string, GroupVersion>();
  for (const d of lookup.all()) {
    const isCustom = customVersionOf(d) !== undefined;
    if (!d.definition && !isCustom) continue;
    const key = gvPath(d.group, d.version);
    let gv = out.get(key);
    if (!gv) out.set(key, (gv = { group: d.group, version: d.version, builtin: [], custom: [] }));
    (isCustom ? gv.custom : gv.builtin).push(d);
  }
  return out;
}

/** Paths of the spec that belong to the served built-in resources of a group-version. */
function builtinPaths(group: string, version: string, defs: readonly ResourceDef[]): Array<[string, Json]> {
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

const fragments = new WeakMap<ResourceDef, { key: string; fragment: SwaggerFragment }>();

function fragmentOf(def: ResourceDef): { key: string; fragment: SwaggerFragment } {
  let f = fragments.get(def);
  if (!f) {
    const v = customVersionOf(def)!;
    f = { key: JSON.stringify(v), fragment: customResourceSwagger(v) };
    fragments.set(def, f);
  }
  return f;
}

function buildV3(gv: GroupVersion): V3Doc {
  const swagger = builtinSchema().swagger;
  const params = (swagger.parameters ?? {}) as Record<string, unknown>;
  const customDefs: Record<string, RawSchema> = {};
  const items: Array<[string, Json]> = builtinPaths(gv.group, gv.version, gv.builtin);
  for (const d of gv.custom) {
    const { fragment } = fragmentOf(d);
    Object.assign(customDefs, fragment.definitions);
    items.push(...Object.entries(fragment.paths));
  }
  const defs = Object.keys(customDefs).length ? { ...swagger.definitions, ...customDefs } : swagger.definitions;
  const paths: Json = {};
  const refs = new Set<string>();
  for (const [p, item] of items.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const resolved = { ...item, ...(item.parameters ? { parameters: (item.parameters as Json[]).map((x) => resolveParam(x, params)) } : {}) };
    collectRefs(resolved, defs, refs);
    for (const op of Object.values(item)) if (op && typeof op === 'object' && !Array.isArray(op)) collectRefs(((op as Json).parameters as Json[] | undefined)?.map((x) => resolveParam(x, params)), defs, refs);
    paths[p] = v3PathItem(item, params, defs);
  }
  for (const d of gv.builtin) {
    refs.add(d.definition!);
    collectRefs(swagger.definitions[d.definition!], defs, refs);
  }
  for (const name of Object.keys(customDefs)) {
    refs.add(name);
    collectRefs(customDefs[name], defs, refs);
  }
  const schemas: Json = {};
  for (const name of [...refs].sort()) schemas[name] = convert(defs[name], defs, !customDefs[name]);
  const doc = {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: VERSION_INFO.gitVersion },
    paths,
    components: { schemas, securitySchemes: SECURITY_SCHEMES },
  };
  const text = JSON.stringify(doc);
  return { text, hash: hashOf(text) };
}

const v3Cache = new Map<string, V3Doc>();
const MAX_CACHED = 512;

function v3For(gv: GroupVersion): V3Doc {
  const key = `${gvPath(gv.group, gv.version)}|${gv.builtin.map((d) => d.resource).sort().join(',')}|${gv.custom.map((d) => fragmentOf(d).key).join('\n')}`;
  let doc = v3Cache.get(key);
  if (!doc) {
    doc = buildV3(gv);
    if (v3Cache.size >= MAX_CACHED) v3Cache.delete(v3Cache.keys().next().value!);
    v3Cache.set(key, doc);
  }
  return doc;
}

/** The documents a cluster serves, memoized per catalog generation. */
const perLookup = new WeakMap<ResourceLookup, { generation: unknown; docs: Map<string, V3Doc> }>();

function documents(lookup: ResourceLookup): Map<string, V3Doc> {
  const generation = (lookup as { generation?: unknown }).generation;
  const cached = perLookup.get(lookup);
  if (cached && generation !== undefined && cached.generation === generation) return cached.docs;
  const docs = new Map<string, V3Doc>();
  const gvs = servedGroupVersions(lookup);
  for (const key of [...gvs.keys()].sort()) docs.set(key, v3For(gvs.get(key)!));
  perLookup.set(lookup, { generation, docs });
  return docs;
}

export function openapiV3Index(lookup: ResourceLookup): object {
  const paths: Json = {};
  for (const [key, doc] of documents(lookup)) paths[key] = { serverRelativeURL: `/openapi/v3/${key}?hash=${doc.hash}` };
  return { paths };
}

export function openapiV3Document(lookup: ResourceLookup, key: string): V3Doc | undefined {
  return documents(lookup).get(key);
}

interface V2Doc {
  key: string;
  doc: object;
  json?: { text: string; etag: string };
  protobuf?: { bytes: Buffer; etag: string };
}

/** A few recent v2 documents (clusters with different CRDs serve different ones). */
const v2Cache = new Map<string, V2Doc>();
const MAX_V2 = 8;

function v2Doc(lookup: ResourceLookup): V2Doc {
  const swagger = builtinSchema().swagger;
  const gvs = servedGroupVersions(lookup);
  const key = [...gvs.entries()].map(([k, gv]) => `${k}:${gv.builtin.map((x) => x.resource).join(',')}:${gv.custom.map((d) => fragmentOf(d).key).join('\n')}`).join('|');
  const hit = v2Cache.get(key);
  if (hit) return hit;
  const paths: Json = {};
  let definitions: Record<string, RawSchema> = swagger.definitions;
  for (const gv of gvs.values()) {
    for (const [p, item] of builtinPaths(gv.group, gv.version, gv.builtin)) paths[p] = item;
    for (const d of gv.custom) {
      const { fragment } = fragmentOf(d);
      Object.assign(paths, deepClone(fragment.paths));
      definitions = { ...definitions, ...fragment.definitions };
    }
  }
  const doc = {
    swagger: '2.0',
    info: { title: 'Kubernetes', version: VERSION_INFO.gitVersion },
    paths,
    definitions,
    parameters: swagger.parameters,
    securityDefinitions: SECURITY_SCHEMES,
    security: [{ BearerToken: [] }],
  };
  const entry: V2Doc = { key, doc };
  if (v2Cache.size >= MAX_V2) v2Cache.delete(v2Cache.keys().next().value!);
  v2Cache.set(key, entry);
  return entry;
}

/** /openapi/v2: the spec's definitions and the paths of served resources, CRDs included. */
export function openapiV2(lookup: ResourceLookup): object {
  return v2Doc(lookup).doc;
}

/** /openapi/v2 in gnostic's protobuf encoding. */
export function openapiV2Protobuf(lookup: ResourceLookup): Buffer {
  const d = v2Doc(lookup);
  d.protobuf ??= (() => {
    const bytes = encodeOpenAPIV2(d.doc as Json);
    return { bytes, etag: createHash('sha512').update(bytes).digest('hex').toUpperCase() };
  })();
  return d.protobuf.bytes;
}

// ---- HTTP ----------------------------------------------------------------------------------

/** The first media type of an Accept header (in order of preference) that is one of `offered`. */
function negotiate(accept: string | undefined, offered: readonly string[]): string | undefined {
  if (!accept || accept.trim() === '') return offered[0];
  const clauses = accept
    .split(',')
    .map((part, i) => {
      const [type, ...params] = part.trim().split(';');
      const q = params.map((x) => x.trim()).find((x) => x.startsWith('q='));
      return { type: (type ?? '').trim().toLowerCase(), q: q ? Number(q.slice(2)) : 1, i };
    })
    .filter((c) => c.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const c of clauses) {
    if (c.type === '*/*' || c.type === 'application/*') return offered[0];
    const hit = offered.find((o) => o === c.type);
    if (hit) return hit;
  }
  return undefined;
}

function notAcceptable(res: ServerResponse): void {
  res.writeHead(406, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end();
}

/**
 * Answers /openapi/v2, /openapi/v3 and /openapi/v3/<group-version> (GET/HEAD); returns false
 * for other paths.
 */
export function serveOpenAPI(lookup: ResourceLookup, req: IncomingMessage, res: ServerResponse, path: string, url: URL): boolean {
  const accept = req.headers.accept;
  if (path === '/openapi/v2') {
    const type = negotiate(accept, ['application/json', PROTOBUF_V2, PROTOBUF_V2_LEGACY]);
    if (!type) {
      notAcceptable(res);
      return true;
    }
    let body: Buffer | string;
    let etag: string;
    if (type === 'application/json') {
      const d = v2Doc(lookup);
      d.json ??= (() => {
        const text = JSON.stringify(d.doc);
        return { text, etag: hashOf(text) };
      })();
      body = d.json.text;
      etag = d.json.etag;
    } else {
      body = openapiV2Protobuf(lookup);
      etag = v2Doc(lookup).protobuf!.etag;
    }
    // kube-openapi answers protobuf with the dotted media type: '@' is not a token character and
    // Go's mime.ParseMediaType (which client-go applies to Content-Type) rejects it.
    const headers = { 'Content-Type': type === 'application/json' ? type : PROTOBUF_V2_LEGACY, ETag: `"${etag}"`, Vary: 'Accept' };
    if (req.headers['if-none-match'] === `"${etag}"`) {
      res.writeHead(304, headers);
      res.end();
      return true;
    }
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
    return true;
  }
  if (path === '/openapi/v3') {
    const text = JSON.stringify(openapiV3Index(lookup));
    res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private' });
    res.end(req.method === 'HEAD' ? undefined : text);
    return true;
  }
  const m = /^\/openapi\/v3\/(.+)$/.exec(path);
  if (!m) return false;
  const key = m[1]!;
  const doc = openapiV3Document(lookup, key);
  if (!doc) return false;
  if (!negotiate(accept, ['application/json'])) {
    notAcceptable(res);
    return true;
  }
  const etag = `"${doc.hash}"`;
  const headers: Record<string, string> = { 'Content-Type': 'application/json', ETag: etag, Vary: 'Accept' };
  const hash = url.searchParams.get('hash');
  if (hash) {
    if (hash !== doc.hash) {
      // Relative, so that the redirect stays under the cluster's /clusters/<id> prefix.
      const last = key.slice(key.lastIndexOf('/') + 1);
      res.writeHead(301, { Location: `${last}?hash=${doc.hash}`, 'Cache-Control': 'no-cache', ETag: etag });
      res.end();
      return true;
    }
    headers['Cache-Control'] = 'public, immutable';
    headers.Expires = new Date(Date.now() + 365 * 24 * 3600 * 1000).toUTCString();
  }
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, headers);
    res.end();
    return true;
  }
  res.writeHead(200, headers);
  res.end(req.method === 'HEAD' ? undefined : doc.text);
  return true;
}
