// Answers an HTTP request from a catalogue HttpService: the first matching route, a static site
// served from the container's files as nginx or Apache would, or the fallback. Returns the response
// and the lines the server logs for it (access log, nginx's error log for a missing file).
import type { FileSystem } from '../../fs/types.ts';
import type { HttpResponse } from '../../shell/types.ts';
import { APACHE_ERROR_PAGE, APACHE_MESSAGES, NGINX_ERROR_LOG, NGINX_ERROR_PAGE, NGINX_STATUS_TEXT } from '../catalogue/server-pages.ts';
import type { HttpAnswer, HttpService, StaticSite, Stream } from '../catalogue/types.ts';
import { holds } from './conditions.ts';
import { renderTemplate, type TemplateScope } from './template.ts';
import type { IncomingHttpRequest } from './types.ts';

export interface HttpResult {
  response: HttpResponse;
  logs: { stream: Stream; text: string }[];
}

export interface HttpContext {
  fs: FileSystem;
  scope: TemplateScope;
  hasStdin: boolean;
}

const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  204: 'No Content',
  301: 'Moved Permanently',
  302: 'Found',
  304: 'Not Modified',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

const MIME: Record<string, string> = {
  html: 'text/html',
  htm: 'text/html',
  css: 'text/css',
  js: 'application/javascript',
  json: 'application/json',
  txt: 'text/plain',
  xml: 'text/xml',
  svg: 'image/svg+xml',
  png: 'image/png',
  jpg: 'image/jpeg',
  ico: 'image/x-icon',
};

/** `connection` numbers requests as nginx numbers connections in its error log (`*1`, `*2`). */
export function answerHttp(service: HttpService, req: IncomingHttpRequest, ctx: HttpContext, connection = 1): HttpResult {
  const path = req.path.split('?')[0] || '/';
  const baseReq: Record<string, string> = {
    method: req.method,
    path,
    uri: req.path,
    ip: req.clientIp,
    proto: 'HTTP/1.1',
    host: header(req, 'host') ?? '',
    ua: header(req, 'user-agent') ?? '-',
    referer: header(req, 'referer') ?? '-',
    xff: header(req, 'x-forwarded-for') ?? '-',
    query: req.path.includes('?') ? req.path.slice(req.path.indexOf('?') + 1) : '',
    connection: String(connection),
  };
  const scope: TemplateScope = { ...ctx.scope, req: baseReq };
  const route = service.routes.find(
    (r) =>
      matchesPath(r.path, path) &&
      (!r.methods || r.methods.includes(req.method)) &&
      (!r.when || holds(r.when, { scope, fs: ctx.fs, hasStdin: ctx.hasStdin })),
  );
  const answer = route?.answer ?? service.fallback;
  const result = 'static' in answer ? serveStatic(answer.static, req, path, scope, ctx.fs) : fixed(answer, scope);

  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(service.headers ?? {})) headers[k] = renderTemplate(v, scope);
  headers.Date = new Date(scope.now()).toUTCString();
  Object.assign(headers, result.response.headers);
  const response: HttpResponse = { ...result.response, headers };
  if (req.method === 'HEAD') response.body = '';

  const resScope: TemplateScope = {
    ...scope,
    res: { status: String(response.status), bytes: String(Buffer.byteLength(result.response.body)) },
  };
  const logs = result.logs.map((l) => ({ stream: l.stream, text: renderTemplate(l.text, resScope) }));
  if (service.accessLog) logs.push({ stream: service.accessLog.stream ?? 'stdout', text: renderTemplate(service.accessLog.line, resScope) });
  return { response, logs };
}

function header(req: IncomingHttpRequest, name: string): string | undefined {
  const key = Object.keys(req.headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : req.headers[key];
}

function matchesPath(pattern: string, path: string): boolean {
  return pattern.endsWith('*') ? path.startsWith(pattern.slice(0, -1)) : pattern === path;
}

function fixed(answer: Exclude<HttpAnswer, { static: StaticSite }>, scope: TemplateScope): HttpResult {
  const body = renderTemplate(answer.body, scope);
  const headers: Record<string, string> = {};
  if (answer.contentType) headers['Content-Type'] = answer.contentType;
  headers['Content-Length'] = String(Buffer.byteLength(body));
  for (const [k, v] of Object.entries(answer.headers ?? {})) headers[k] = renderTemplate(v, scope);
  const logs = answer.log ? [{ stream: answer.log.stream ?? 'stdout', text: answer.log.line }] : [];
  return { response: { status: answer.status, statusText: STATUS_TEXT[answer.status] ?? '', headers, body }, logs };
}

/** Serves `path` from the document root as nginx (or Apache) does with its default configuration. */
function serveStatic(site: StaticSite, req: IncomingHttpRequest, path: string, scope: TemplateScope, fs: FileSystem): HttpResult {
  const root = renderTemplate(site.root, scope).replace(/\/$/, '');
  const logs: HttpResult['logs'] = [];
  const fail = (status: number, extra: Record<string, string> = {}, log?: string): HttpResult => {
    if (log && site.server === 'nginx') logs.push({ stream: 'stderr', text: log });
    return { response: errorPage(site.server, status, scope, extra), logs };
  };
  const nginxError = (detail: string) => renderTemplate(NGINX_ERROR_LOG, { ...scope, file: detail });

  if (req.method !== 'GET' && req.method !== 'HEAD') return fail(405);
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return fail(400);
  }
  const full = root + decoded;
  if (decoded.endsWith('/')) {
    for (const index of site.index) {
      const file = full + index;
      if (isFile(fs, file)) return serveFile(site, fs, file);
    }
    if (isDir(fs, full)) return fail(403, {}, nginxError(`directory index of "${full}" is forbidden`));
    return fail(404, {}, nginxError(`"${full}${site.index[0]}" is not found (2: No such file or directory)`));
  }
  if (isFile(fs, full)) return serveFile(site, fs, full);
  if (isDir(fs, full)) {
    const host = scope.req?.host ?? '';
    return fail(301, { Location: `http://${host}${decoded}/` });
  }
  return fail(404, {}, nginxError(`open() "${full}" failed (2: No such file or directory)`));
}

function serveFile(site: StaticSite, fs: FileSystem, file: string): HttpResult {
  let body: string;
  let st;
  try {
    st = fs.stat(file);
    body = fs.readFile(file);
  } catch {
    return { response: { status: 403, statusText: 'Forbidden', headers: {}, body: '' }, logs: [] };
  }
  const ext = file.slice(file.lastIndexOf('.') + 1).toLowerCase();
  const size = Buffer.byteLength(body);
  const mtime = new Date(st.mtime).toUTCString();
  const headers: Record<string, string> =
    site.server === 'nginx'
      ? {
          'Content-Type': MIME[ext] ?? 'application/octet-stream',
          'Content-Length': String(size),
          'Last-Modified': mtime,
          Connection: 'keep-alive',
          ETag: `"${Math.floor(st.mtime / 1000).toString(16)}-${size.toString(16)}"`,
          'Accept-Ranges': 'bytes',
        }
      : {
          'Last-Modified': mtime,
          ETag: `"${size.toString(16)}-${(st.mtime * 1000).toString(16)}"`,
          'Accept-Ranges': 'bytes',
          'Content-Length': String(size),
          'Content-Type': MIME[ext] ?? 'text/plain',
        };
  return { response: { status: 200, statusText: 'OK', headers, body }, logs: [] };
}

function errorPage(server: StaticSite['server'], status: number, scope: TemplateScope, extra: Record<string, string>): HttpResponse {
  if (server === 'nginx') {
    const text = NGINX_STATUS_TEXT[status] ?? STATUS_TEXT[status] ?? '';
    const body = renderTemplate(NGINX_ERROR_PAGE, { ...scope, res: { status: String(status), text } });
    return {
      status,
      statusText: text,
      headers: { 'Content-Type': 'text/html', 'Content-Length': String(Buffer.byteLength(body)), ...extra, Connection: 'keep-alive' },
      body,
    };
  }
  const text = STATUS_TEXT[status] ?? '';
  const res = { status: String(status), text, h1: text, location: extra.Location ?? '', apacheMessage: '' };
  res.apacheMessage = renderTemplate(APACHE_MESSAGES[status] ?? '', { ...scope, res });
  const body = renderTemplate(APACHE_ERROR_PAGE, { ...scope, res });
  return {
    status,
    statusText: text,
    headers: { ...extra, 'Content-Length': String(Buffer.byteLength(body)), 'Content-Type': 'text/html; charset=iso-8859-1' },
    body,
  };
}

function isFile(fs: FileSystem, path: string): boolean {
  try {
    return fs.stat(path).type === 'file';
  } catch {
    return false;
  }
}

function isDir(fs: FileSystem, path: string): boolean {
  try {
    return fs.stat(path).type === 'dir';
  } catch {
    return false;
  }
}
