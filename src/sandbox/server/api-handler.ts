// Resource requests: maps a parsed request (verb, resource, name, subresource) onto the generic
// store and shapes the answer (object, list, Table, Status) as upstream's REST handlers do.
import { parse as parseYaml } from 'yaml';
import {
  badRequest,
  methodNotSupported,
  notAcceptable,
  notFound,
  pageNotFound,
  StatusError,
  unsupportedMediaType,
} from '../../apimachinery/errors.ts';
import { FieldSelectorParseError, parseFieldSelector } from '../../apimachinery/fields.ts';
import { parseSelector, SelectorParseError } from '../../apimachinery/labels.ts';
import { deepClone, isPlainObject, type KubeObject, type StoredObject } from '../../apimachinery/object.ts';
import { decodeProtobufObject, ProtobufBodyError } from '../../apimachinery/protobuf/envelope.ts';
import type { Cluster } from '../cluster.ts';
import type { ListOptions, PatchType, WriteOptions } from '../registry/generic-store.ts';
import { fieldsForSelector } from '../registry/generic-store.ts';
import type { DeleteOptions, ResourceDef, StrategyContext, UserInfo } from '../registry/types.ts';
import { groupVersion } from '../registry/types.ts';
import { decodeObject } from '../registry/decode.ts';
import { handleScale } from './scale.ts';
import { bodyFormat, negotiateObject, NotAcceptableError, type ObjectFormat, SUPPORTED_BODY_TYPES, SUPPORTED_PATCH_TYPES } from './negotiation.ts';
import type { ResourceRequestInfo } from './request-info.ts';
import { buildTable, type IncludeObject, partialObjectMetadata } from './table.ts';

export interface ApiRequest {
  cluster: Cluster;
  user: UserInfo;
  info: ResourceRequestInfo;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export interface ApiResponse {
  status: number;
  body: unknown;
  format: ObjectFormat;
  warnings: string[];
}

const MAX_DEPTH = 256;

/** Rejects pathologically nested documents without recursion. */
export function checkDepth(value: unknown): void {
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (d > MAX_DEPTH) throw badRequest(`the object is nested too deeply (more than ${MAX_DEPTH} levels)`);
    if (Array.isArray(v)) for (const x of v) stack.push([x, d + 1]);
    else if (isPlainObject(v)) for (const k in v) stack.push([v[k], d + 1]);
  }
}

export function parseBody(body: Buffer, contentType: string | undefined, allowPatch: boolean): { value: unknown; format: string } {
  const format = bodyFormat(contentType);
  const patchFormats = ['json-patch', 'merge-patch', 'strategic-merge-patch', 'apply-patch'];
  if (!format || (!allowPatch && patchFormats.includes(format)) || (allowPatch && !patchFormats.includes(format))) {
    throw unsupportedMediaType(contentType ?? '', allowPatch ? SUPPORTED_PATCH_TYPES : SUPPORTED_BODY_TYPES);
  }
  if (format === 'protobuf') {
    if (body.length === 0) throw badRequest('the body of the request was empty');
    let value: unknown;
    try {
      value = decodeProtobufObject(body).object;
    } catch (e) {
      if (e instanceof ProtobufBodyError) throw badRequest(e.message);
      throw e;
    }
    checkDepth(value);
    return { value, format };
  }
  const text = body.toString('utf8');
  if (text.trim() === '') throw badRequest('the body of the request was empty');
  let value: unknown;
  try {
    if (format === 'yaml' || format === 'apply-patch') value = parseYaml(text, { maxAliasCount: 100, uniqueKeys: true, strict: true });
    else value = JSON.parse(text);
  } catch (e) {
    const msg = (e as Error).message.split('\n')[0];
    throw badRequest(
      format === 'yaml' || format === 'apply-patch'
        ? `error converting YAML to JSON: ${msg}`
        : `couldn't get version/kind; json parse error: ${msg}`,
    );
  }
  checkDepth(value);
  return { value, format };
}

function queryBool(q: URLSearchParams, name: string): boolean {
  const v = q.get(name);
  return v === 'true' || v === '1';
}

export function dryRunOf(q: URLSearchParams): boolean {
  const values = q.getAll('dryRun');
  for (const v of values) if (v !== 'All') throw badRequest(`Invalid dry run value: ${JSON.stringify(v)}: supported values: "All"`);
  return values.length > 0;
}

export function fieldValidationOf(q: URLSearchParams): 'Strict' | 'Warn' | 'Ignore' {
  const v = q.get('fieldValidation');
  if (v === null || v === '') return 'Warn';
  if (v === 'Strict' || v === 'Warn' || v === 'Ignore') return v;
  throw badRequest(`fieldValidation parameter unsupported: ${v}`);
}

export function listOptionsOf(q: URLSearchParams, def: ResourceDef): ListOptions {
  const opts: ListOptions = {};
  const ls = q.get('labelSelector');
  if (ls) {
    try {
      opts.labelSelector = parseSelector(ls);
    } catch (e) {
      if (e instanceof SelectorParseError) throw badRequest(e.message);
      throw e;
    }
  }
  const fs = q.get('fieldSelector');
  if (fs) {
    try {
      opts.fieldSelector = parseFieldSelector(fs);
    } catch (e) {
      if (e instanceof FieldSelectorParseError) throw badRequest(e.message);
      throw e;
    }
    const supported = new Set(['metadata.name', 'metadata.namespace']);
    const probe = def.fieldLabels ? Object.keys(def.fieldLabels({ metadata: { name: '', uid: '', resourceVersion: '' } } as StoredObject)) : [];
    for (const f of probe) supported.add(f);
    for (const r of opts.fieldSelector.requirements) {
      if (!supported.has(r.field)) throw badRequest(`field label not supported: ${r.field}`);
    }
  }
  const limit = q.get('limit');
  if (limit) opts.limit = Math.max(0, Number.parseInt(limit, 10) || 0);
  const cont = q.get('continue');
  if (cont) opts.continue = cont;
  return opts;
}

function deleteOptionsOf(q: URLSearchParams, body: unknown): DeleteOptions {
  const o: DeleteOptions = isPlainObject(body) ? (deepClone(body) as DeleteOptions) : {};
  const grace = q.get('gracePeriodSeconds');
  if (grace !== null) o.gracePeriodSeconds = Number(grace);
  const pp = q.get('propagationPolicy');
  if (pp) {
    if (pp !== 'Orphan' && pp !== 'Background' && pp !== 'Foreground') {
      throw badRequest(`propagationPolicy: Unsupported value: "${pp}": supported values: "Foreground", "Background", "Orphan"`);
    }
    o.propagationPolicy = pp;
  }
  if (q.get('orphanDependents') !== null) o.orphanDependents = queryBool(q, 'orphanDependents');
  return o;
}

function userAgentManager(headers: ApiRequest['headers']): string {
  const ua = String(headers['user-agent'] ?? '');
  const prefix = ua.split('/')[0] ?? '';
  return prefix.slice(0, 128) || 'unknown';
}

function writeOptions(req: ApiRequest, subresource: '' | 'status'): WriteOptions {
  const manager = req.query.get('fieldManager');
  if (manager !== null && manager.length > 128) throw badRequest(`fieldManager: Too long: may not be more than 128 bytes`);
  return { fieldManager: manager || userAgentManager(req.headers), subresource, force: queryBool(req.query, 'force') };
}

function includeObjectOf(q: URLSearchParams): IncludeObject {
  const v = q.get('includeObject');
  if (v === 'None' || v === 'Object') return v;
  return 'Metadata';
}

function checkBodyType(def: ResourceDef, obj: unknown): KubeObject {
  if (!isPlainObject(obj)) throw badRequest('the body of the request must be an object');
  const o = obj as KubeObject;
  const gv = groupVersion(def);
  if (o.apiVersion !== undefined && o.apiVersion !== gv) {
    throw badRequest(`the API version in the data (${o.apiVersion}) does not match the expected API version (${gv})`);
  }
  if (o.kind !== undefined && o.kind !== def.kind) {
    throw badRequest(`the kind in the data (${o.kind}) does not match the expected kind (${def.kind})`);
  }
  return o;
}

function respondObject(obj: unknown, status: number, format: ObjectFormat, ctx: StrategyContext, def: ResourceDef): ApiResponse {
  if (format.kind === 'table' && isPlainObject(obj) && (obj as KubeObject).kind !== 'Status') {
    return {
      status,
      body: buildTable(def, [obj as unknown as StoredObject], { now: ctx.now, cluster: ctx.cluster }, { include: 'Metadata', version: format.version }),
      format,
      warnings: ctx.warnings,
    };
  }
  if (format.kind === 'metadata' && isPlainObject(obj) && (obj as KubeObject).kind !== 'Status') {
    return { status, body: partialObjectMetadata(obj as unknown as StoredObject, format.version), format, warnings: ctx.warnings };
  }
  return { status, body: obj, format, warnings: ctx.warnings };
}

/** Handles every resource verb except watch (which streams). */
export { writeOptions };

export async function handleResource(req: ApiRequest, def: ResourceDef): Promise<ApiResponse> {
  const { info, query, cluster } = req;
  let format: ObjectFormat;
  try {
    format = negotiateObject(req.headers.accept as string | undefined, info.verb === 'get' || info.verb === 'list');
  } catch (e) {
    if (e instanceof NotAcceptableError) throw notAcceptable(e.message);
    throw e;
  }
  const mutating = info.verb !== 'get' && info.verb !== 'list';
  const ctx = cluster.context(req.user, {
    dryRun: mutating ? dryRunOf(query) : false,
    fieldValidation: mutating ? fieldValidationOf(query) : undefined,
  });
  if (def.deprecationWarning) ctx.warnings.push(def.deprecationWarning);
  const ns = def.namespaced ? info.namespace || undefined : undefined;
  if (def.namespaced && !ns && info.verb !== 'list' && info.verb !== 'deletecollection') {
    // Namespaced resources addressed without a namespace (e.g. POST /api/v1/pods).
    if (info.verb === 'create') throw badRequest('the server could not find the requested resource');
    throw pageNotFound();
  }
  if (!def.verbs.includes(info.verb)) throw methodNotSupported({ group: def.group, resource: def.resource }, info.verb);
  const api = cluster.api;
  const sub = info.subresource;

  if (sub && sub !== 'status' && sub !== 'scale') {
    const handler = def.subresources?.[sub];
    if (!handler) throw pageNotFound();
    const verb = info.verb;
    if (!handler.verbs.includes(verb)) throw methodNotSupported({ group: def.group, resource: `${def.resource}/${sub}` }, verb);
    const body = req.body.length ? (parseBody(req.body, req.headers['content-type'] as string | undefined, false).value as KubeObject) : undefined;
    const out = await handler.handle({ method: verb, namespace: ns, name: info.name, body, query, ctx });
    return { status: verb === 'create' ? 201 : 200, body: out, format: { kind: 'json' }, warnings: ctx.warnings };
  }
  if (sub === 'status' && !def.statusStrategy) throw pageNotFound();
  if (sub === 'scale') {
    if (!def.scale) throw pageNotFound();
    return handleScale(req, def, ctx, ns, format);
  }
  const subresource = sub === 'status' ? 'status' : '';

  switch (info.verb) {
    case 'get': {
      const obj = api.get(ctx, def, ns, info.name);
      return respondObject(obj, 200, format, ctx, def);
    }
    case 'list': {
      const opts = listOptionsOf(query, def);
      if (info.name) {
        // GET on a name with a field selector is not a list; keep for completeness.
        throw notFound({ group: def.group, resource: def.resource }, info.name);
      }
      const result = api.list(ctx, def, ns, opts);
      if (format.kind === 'table') {
        return {
          status: 200,
          body: buildTable(def, result.items, { now: ctx.now, cluster }, { include: includeObjectOf(query), version: format.version }, result),
          format,
          warnings: ctx.warnings,
        };
      }
      const listMeta: Record<string, unknown> = { resourceVersion: result.resourceVersion };
      if (result.continue) listMeta.continue = result.continue;
      if (result.remainingItemCount !== undefined) listMeta.remainingItemCount = result.remainingItemCount;
      if (format.kind === 'metadata') {
        return {
          status: 200,
          body: {
            kind: 'PartialObjectMetadataList',
            apiVersion: `meta.k8s.io/${format.version}`,
            metadata: listMeta,
            items: result.items.map((o) => partialObjectMetadata(o, format.version)),
          },
          format,
          warnings: ctx.warnings,
        };
      }
      return {
        status: 200,
        body: { kind: def.listKind, apiVersion: groupVersion(def), metadata: listMeta, items: result.items },
        format,
        warnings: ctx.warnings,
      };
    }
    case 'create': {
      if (def.virtual) {
        const body = checkBodyType(def, parseBody(req.body, req.headers['content-type'] as string | undefined, false).value);
        const review = decodeObject(def, body, ctx);
        // A namespaced review (LocalSubjectAccessReview) takes the request's namespace.
        if (ns && review.metadata?.namespace && review.metadata.namespace !== ns) throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
        if (ns) review.metadata = { ...review.metadata, namespace: ns };
        return respondObject(await def.virtual(review, ctx), 201, format, ctx, def);
      }
      const body = checkBodyType(def, parseBody(req.body, req.headers['content-type'] as string | undefined, false).value);
      const obj = decodeObject(def, body, ctx);
      if (info.name) throw methodNotSupported({ group: def.group, resource: def.resource }, 'create');
      const r = await api.create(ctx, def, ns, obj, writeOptions(req, ''));
      return respondObject(r.object, r.code, format, ctx, def);
    }
    case 'update': {
      const body = checkBodyType(def, parseBody(req.body, req.headers['content-type'] as string | undefined, false).value);
      const obj = decodeObject(def, body, ctx);
      const r = await api.update(ctx, def, ns, info.name, obj, writeOptions(req, subresource));
      return respondObject(r.object, r.code, format, ctx, def);
    }
    case 'patch': {
      const { value, format: bf } = parseBody(req.body, req.headers['content-type'] as string | undefined, true);
      const type: PatchType = bf === 'json-patch' ? 'json' : bf === 'merge-patch' ? 'merge' : bf === 'strategic-merge-patch' ? 'strategic' : 'apply';
      // Custom resources have no patch strategies: upstream refuses strategic merge patches.
      if (type === 'strategic' && !def.definition) {
        throw unsupportedMediaType('application/strategic-merge-patch+json', SUPPORTED_PATCH_TYPES.filter((t) => !t.startsWith('application/strategic')));
      }
      const opts = writeOptions(req, subresource);
      if (type === 'apply') {
        if (!query.get('fieldManager')) throw badRequest('PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch');
        checkBodyType(def, value);
        if (!isPlainObject(value)) throw badRequest('the body of the request must be an object');
      } else if (query.get('force') !== null) {
        throw badRequest('PatchOptions.meta.k8s.io "" is invalid: force: Forbidden: may not be specified for non-apply patch');
      }
      const r = await api.patch(ctx, def, ns, info.name, type, value, opts);
      return respondObject(r.object, r.code, format, ctx, def);
    }
    case 'delete': {
      const body = req.body.length ? parseBody(req.body, req.headers['content-type'] as string | undefined, false).value : undefined;
      const opts = deleteOptionsOf(query, body);
      const r = await api.delete(ctx, def, ns, info.name, opts);
      return respondObject(r.object, r.code, format, ctx, def);
    }
    case 'deletecollection': {
      const body = req.body.length ? parseBody(req.body, req.headers['content-type'] as string | undefined, false).value : undefined;
      const opts = deleteOptionsOf(query, body);
      const r = await api.deleteCollection(ctx, def, ns, listOptionsOf(query, def), opts);
      return {
        status: 200,
        body: { kind: def.listKind, apiVersion: groupVersion(def), metadata: { resourceVersion: r.resourceVersion }, items: r.items },
        format: { kind: 'json' },
        warnings: ctx.warnings,
      };
    }
    default:
      throw new StatusError(405, 'MethodNotAllowed', `verb ${info.verb} is not supported`);
  }
}

export { fieldsForSelector };
