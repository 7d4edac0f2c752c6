// The request path: cluster routing (/clusters/<id>/...), limits, authentication,
// impersonation, throttling, authorization, then discovery, OpenAPI, health or a resource
// handler. Errors leave as `Status` objects with upstream codes and wording.
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { stringify as toYaml } from 'yaml';
import {
  badRequest,
  forbidden,
  forbiddenMessage,
  internalError,
  isStatusError,
  notAcceptable,
  pageNotFound,
  requestEntityTooLarge,
  StatusError,
  tooManyRequests,
  unauthorized,
} from '../../apimachinery/errors.ts';
import type { Cluster } from '../cluster.ts';
import { ADMIN_USER } from '../cluster.ts';
import type { Sandbox } from '../sandbox.ts';
import type { UserInfo } from '../registry/types.ts';
import { ANONYMOUS, type AuthorizationAttributes } from '../auth/types.ts';
import { handleAdmin } from './admin-api.ts';
import { type ApiRequest, handleResource, listOptionsOf } from './api-handler.ts';
import { aggregatedDiscovery, apiGroup, apiGroupList, apiResourceList, apiVersions } from './discovery.ts';
import { negotiateDiscovery, negotiateObject, NotAcceptableError, type ObjectFormat } from './negotiation.ts';
import { serveOpenAPI } from './openapi.ts';
import { parseRequestInfo, type RequestInfo, type ResourceRequestInfo } from './request-info.ts';
import { serveWatch } from './watch.ts';
import { servePodLog } from './pod-log.ts';
import { METRICS_GROUP, serveMetrics, withMetricsAPI } from './metrics-api.ts';
import { VERSION_INFO } from './version.ts';
import { authenticateToken } from '../auth/authenticator.ts';
import { impersonate } from '../auth/impersonation.ts';

export const MAX_BODY_BYTES = 3 * 1024 * 1024;


function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > MAX_BODY_BYTES) {
      reject(requestEntityTooLarge(`limit is ${MAX_BODY_BYTES}`));
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (c: Buffer) => {
      if (failed) return;
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        failed = true;
        reject(requestEntityTooLarge(`limit is ${MAX_BODY_BYTES}`));
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => {
      if (!failed) resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}

export function sendJSON(res: ServerResponse, status: number, body: unknown, contentType = 'application/json', extraHeaders: Record<string, string | string[]> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': contentType, 'Cache-Control': 'no-cache, private', ...extraHeaders });
  res.end(text);
}

function sendObject(res: ServerResponse, status: number, body: unknown, format: ObjectFormat, warnings: string[]): void {
  const headers: Record<string, string | string[]> = {};
  if (warnings.length) headers.Warning = [...new Set(warnings)].map((w) => `299 - ${JSON.stringify(w)}`);
  if (format.kind === 'yaml') {
    res.writeHead(status, { 'Content-Type': 'application/yaml', 'Cache-Control': 'no-cache, private', ...headers });
    res.end(toYaml(body));
    return;
  }
  const ct =
    format.kind === 'table'
      ? `application/json;as=Table;v=${format.version};g=meta.k8s.io`
      : format.kind === 'metadata'
        ? `application/json;as=PartialObjectMetadata;v=${format.version};g=meta.k8s.io`
        : 'application/json';
  sendJSON(res, status, body, ct, headers);
}

export function sendError(res: ServerResponse, err: unknown): void {
  const e = isStatusError(err) ? err : internalError(err instanceof Error ? err.message : String(err));
  if (!isStatusError(err)) console.error('kubecamp sandbox: internal error:', err);
  if (res.headersSent) {
    res.end();
    return;
  }
  sendJSON(res, e.code, e.toStatus(), 'application/json', e.headers ?? {});
}

/** Forbidden message as upstream's authorization filter words it. */
export function forbiddenError(attrs: AuthorizationAttributes, reason: string): StatusError {
  const who = attrs.user.username;
  if (!attrs.resourceRequest) {
    return forbiddenMessage(`forbidden: User ${JSON.stringify(who)} cannot ${attrs.verb} path ${JSON.stringify(attrs.path)}${reason ? `: ${reason}` : ''}`);
  }
  const resource = attrs.subresource ? `${attrs.resource}/${attrs.subresource}` : attrs.resource;
  const scope = attrs.namespace ? `in the namespace ${JSON.stringify(attrs.namespace)}` : 'at the cluster scope';
  const msg = `User ${JSON.stringify(who)} cannot ${attrs.verb} resource ${JSON.stringify(resource)} in API group ${JSON.stringify(attrs.apiGroup)} ${scope}${reason ? `: ${reason}` : ''}`;
  return forbidden({ group: attrs.apiGroup, resource: attrs.resource }, attrs.name, msg);
}

function attributesOf(user: UserInfo, info: RequestInfo): AuthorizationAttributes {
  if (!info.isResourceRequest) {
    return { user, verb: info.verb, resourceRequest: false, apiGroup: '', apiVersion: '', resource: '', subresource: '', namespace: '', name: '', path: info.path };
  }
  return {
    user,
    verb: info.verb,
    resourceRequest: true,
    apiGroup: info.apiGroup,
    apiVersion: info.apiVersion,
    resource: info.resource,
    subresource: info.subresource,
    namespace: info.namespace,
    name: info.name,
    path: info.path,
  };
}

function bearerToken(req: IncomingMessage): string | undefined {
  const h = req.headers.authorization;
  if (!h) return undefined;
  const m = /^Bearer\s+(.+)$/i.exec(h);
  return m ? m[1]!.trim() : '';
}

export function createRequestHandler(sandbox: Sandbox): RequestListener {
  return (req, res) => {
    handle(sandbox, req, res).catch((err) => sendError(res, err));
  };
}

export interface AdmittedRequest {
  cluster: Cluster;
  user: UserInfo;
  info: RequestInfo;
}

/**
 * Cluster routing, authentication, impersonation, throttling and authorization of a request
 * (plain or an upgrade). Connect subresources (pods/exec, attach, portforward) need `create`
 * whichever method opens them, as upstream's WebSocket upgrade check.
 */
export async function admitRequest(sandbox: Sandbox, req: IncomingMessage, url: URL): Promise<AdmittedRequest> {
  const pathname = url.pathname;
  const m = /^\/clusters\/([^/]+)(\/.*)?$/.exec(pathname);
  const token = bearerToken(req);
  // Paths without the /clusters/<id> prefix (kubectl get --raw /api/..., which drops the
  // kubeconfig's server path) are routed by the credential: each token belongs to one cluster.
  const clusterId = m ? decodeURIComponent(m[1]!) : token ? clusterOfToken(sandbox, token) : undefined;
  if (clusterId === undefined && !m) throw pageNotFound();
  const rest = m ? (m[2] ?? '/') : pathname;
  const cluster = clusterId === undefined ? undefined : sandbox.getCluster(clusterId);
  // Authentication first: a credential of another cluster (or no cluster) is simply invalid.
  let user: UserInfo;
  if (token === undefined) user = ANONYMOUS;
  else {
    const u = cluster ? await authenticateToken(cluster, token) : undefined;
    if (!u) throw unauthorized();
    user = u;
  }
  if (!cluster) throw pageNotFound();
  if (Object.keys(req.headers).some((h) => h.startsWith('impersonate-'))) user = impersonate(cluster.authorizer, user, req.headersDistinct);

  const wait = sandbox.bucketFor(cluster.id).take();
  if (wait > 0) throw tooManyRequests(wait);

  const info = parseRequestInfo(req.method ?? 'GET', rest, url.searchParams);
  if (info.isResourceRequest && isConnectSubresource(info)) info.verb = 'create';
  const attrs = attributesOf(user, info);
  const decision = cluster.authorizer.authorize(attrs);
  if (decision.decision !== 'allow') {
    if (user === ANONYMOUS && info.isResourceRequest === false && !isPublicPath(info.path)) throw forbiddenError(attrs, decision.reason);
    throw forbiddenError(attrs, decision.reason);
  }

  return { cluster, user, info };
}

const CONNECT_SUBRESOURCES = new Set(['exec', 'attach', 'portforward']);

function isConnectSubresource(info: ResourceRequestInfo): boolean {
  return info.apiGroup === '' && info.resource === 'pods' && CONNECT_SUBRESOURCES.has(info.subresource) && !!info.name;
}

async function handle(sandbox: Sandbox, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://sandbox');
  const pathname = url.pathname;
  if (pathname === '/healthz' || pathname === '/livez' || pathname === '/readyz') {
    res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('ok');
    return;
  }
  if (pathname.startsWith('/admin/')) {
    const body = await readBody(req);
    return handleAdmin(sandbox, req, res, url, body);
  }
  const { cluster, user, info } = await admitRequest(sandbox, req, url);

  if (!info.isResourceRequest) return handleNonResource(cluster, req, res, info.path, url);
  if (info.apiGroup === METRICS_GROUP) return serveMetrics(cluster, info, url.searchParams, res);
  const def = resolveResource(cluster, info);
  if (!def) throw pageNotFound();
  if (def.group === '' && def.resource === 'pods' && info.name && info.namespace) {
    if (info.subresource === 'log' && info.verb === 'get') return servePodLog(cluster, info.namespace, info.name, url.searchParams, req, res);
    // exec, attach and portforward are streams: only an upgraded connection (connect-upgrade.ts) serves them.
    if (CONNECT_SUBRESOURCES.has(info.subresource)) throw badRequest('Upgrade request required');
  }
  if (info.verb === 'watch') {
    let format: ObjectFormat;
    try {
      format = negotiateObject(req.headers.accept, true);
    } catch (e) {
      if (e instanceof NotAcceptableError) throw notAcceptable(e.message);
      throw e;
    }
    const q = url.searchParams;
    const options = listOptionsOf(q, def);
    const rv = q.get('resourceVersion') ?? undefined;
    const sie = q.get('sendInitialEvents');
    const timeout = q.get('timeoutSeconds');
    serveWatch(
      {
        cluster,
        def,
        namespace: def.namespaced ? info.namespace || undefined : undefined,
        name: info.name || undefined,
        resourceVersion: rv,
        options,
        allowBookmarks: q.get('allowWatchBookmarks') === 'true',
        sendInitialEvents: sie === null ? undefined : sie === 'true',
        timeoutSeconds: timeout !== null ? Math.max(0, Number(timeout) || 0) : undefined,
        format,
        includeObject: (q.get('includeObject') as 'None' | 'Object' | 'Metadata' | null) ?? 'Metadata',
      },
      res,
    );
    return;
  }
  const body = await readBody(req);
  const apiReq: ApiRequest = { cluster, user, info, query: url.searchParams, headers: req.headers, body };
  const out = await handleResource(apiReq, def);
  sendObject(res, out.status, out.body, out.format, out.warnings);
}

/** The cluster a bearer token was issued by: an admin token, or a ServiceAccount JWT's key id. */
function clusterOfToken(sandbox: Sandbox, token: string): string | undefined {
  const parts = token.split('.');
  if (parts.length === 3) {
    try {
      const header = JSON.parse(Buffer.from(parts[0]!, 'base64url').toString('utf8')) as { kid?: unknown };
      return typeof header.kid === 'string' ? header.kid : undefined;
    } catch {
      return undefined;
    }
  }
  for (const c of sandbox.clusters.values()) if (c.record.adminToken === token) return c.id;
  return undefined;
}

function isPublicPath(path: string): boolean {
  return ['/healthz', '/livez', '/readyz', '/version', '/version/'].includes(path);
}

function resolveResource(cluster: Cluster, info: ResourceRequestInfo) {
  return cluster.resources.byResource(info.apiGroup, info.resource, info.apiVersion);
}

function handleNonResource(cluster: Cluster, req: IncomingMessage, res: ServerResponse, path: string, url: URL): void {
  const p = path.replace(/\/+$/, '') || '/';
  if (req.method !== 'GET' && req.method !== 'HEAD') throw pageNotFound();
  if (p === '/healthz' || p === '/livez' || p === '/readyz') {
    res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('ok');
    return;
  }
  if (p === '/version') return sendJSON(res, 200, VERSION_INFO);
  const resources = withMetricsAPI(cluster.resources);
  if (p === '/api' || p === '/apis') {
    const disc = negotiateDiscovery(req.headers.accept);
    if (disc !== 'legacy') {
      const version = disc === 'aggregated-v2' ? 'v2' : 'v2beta1';
      return sendJSON(res, 200, aggregatedDiscovery(resources, p === '/api' ? 'api' : 'apis', version), `application/json;g=apidiscovery.k8s.io;v=${version};as=APIGroupDiscoveryList`, { Vary: 'Accept' });
    }
    return sendJSON(res, 200, p === '/api' ? apiVersions() : apiGroupList(resources), 'application/json', { Vary: 'Accept' });
  }
  let m = /^\/api\/([^/]+)$/.exec(p);
  if (m) {
    const list = apiResourceList(resources, '', m[1]!);
    if (!list) throw pageNotFound();
    return sendJSON(res, 200, list);
  }
  m = /^\/apis\/([^/]+)$/.exec(p);
  if (m) {
    const g = apiGroup(resources, m[1]!);
    if (!g) throw pageNotFound();
    return sendJSON(res, 200, g);
  }
  m = /^\/apis\/([^/]+)\/([^/]+)$/.exec(p);
  if (m) {
    const list = apiResourceList(resources, m[1]!, m[2]!);
    if (!list) throw pageNotFound();
    return sendJSON(res, 200, list);
  }
  if (serveOpenAPI(cluster.resources, req, res, p, url)) return;
  throw pageNotFound();
}

export { ADMIN_USER };
