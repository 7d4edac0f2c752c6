// Parses a request path into what it addresses, as upstream's RequestInfoFactory
// (k8s.io/apiserver/pkg/endpoints/request/requestinfo.go): the verb, API group and version,
// namespace, resource, name and subresource, or a non-resource path.

export interface ResourceRequestInfo {
  isResourceRequest: true;
  verb: 'get' | 'list' | 'watch' | 'create' | 'update' | 'patch' | 'delete' | 'deletecollection';
  apiPrefix: 'api' | 'apis';
  apiGroup: string;
  apiVersion: string;
  namespace: string;
  resource: string;
  subresource: string;
  name: string;
  parts: string[];
  path: string;
}

export interface NonResourceRequestInfo {
  isResourceRequest: false;
  /** get, post, put, patch, delete: the lower-cased method. */
  verb: string;
  path: string;
}

export type RequestInfo = ResourceRequestInfo | NonResourceRequestInfo;

const methodVerbs: Record<string, ResourceRequestInfo['verb']> = {
  POST: 'create',
  GET: 'get',
  HEAD: 'get',
  PUT: 'update',
  PATCH: 'patch',
  DELETE: 'delete',
};

/** `path` is relative to the cluster prefix and already percent-decoded per segment. */
export function parseRequestInfo(method: string, path: string, query: URLSearchParams): RequestInfo {
  const nonResource: NonResourceRequestInfo = { isResourceRequest: false, verb: method.toLowerCase(), path };
  const trimmed = path.replace(/^\/+/, '').replace(/\/+$/, '');
  const parts = trimmed === '' ? [] : trimmed.split('/').map((p) => safeDecode(p));
  if (parts.length === 0) return nonResource;
  const prefix = parts[0];
  if (prefix !== 'api' && prefix !== 'apis') return nonResource;
  let rest = parts.slice(1);
  let apiGroup = '';
  if (prefix === 'apis') {
    if (rest.length < 3) return nonResource; // /apis, /apis/g, /apis/g/v are discovery
    apiGroup = rest[0]!;
    rest = rest.slice(1);
  } else if (rest.length < 2) {
    return nonResource; // /api, /api/v1
  }
  const apiVersion = rest[0]!;
  rest = rest.slice(1);
  let verb = methodVerbs[method.toUpperCase()];
  if (!verb) return nonResource;
  // Legacy /watch/ prefix.
  if (rest[0] === 'watch') {
    verb = 'watch';
    rest = rest.slice(1);
  }
  let namespace = '';
  if (rest[0] === 'namespaces') {
    if (rest.length > 1) {
      namespace = rest[1]!;
      // /namespaces/{ns} and /namespaces/{ns}/{status|finalize} address the Namespace itself.
      if (rest.length > 2 && rest[2] !== 'status' && rest[2] !== 'finalize') rest = rest.slice(2);
    }
  }
  const info: ResourceRequestInfo = {
    isResourceRequest: true,
    verb,
    apiPrefix: prefix,
    apiGroup,
    apiVersion,
    namespace,
    resource: '',
    subresource: '',
    name: '',
    parts: rest,
    path,
  };
  if (rest[0] === 'namespaces' && namespace && rest.length <= 3) {
    // Namespace object: /namespaces/{name}[/{subresource}]
    info.resource = 'namespaces';
    info.name = rest[1] ?? '';
    info.subresource = rest[2] ?? '';
  } else {
    info.resource = rest[0] ?? '';
    info.name = rest[1] ?? '';
    info.subresource = rest[2] ?? '';
  }
  if (rest.length > 3) return { ...nonResource };
  const watchParam = query.get('watch');
  const isWatch = watchParam === 'true' || watchParam === '1';
  if (info.verb === 'get' && !info.name) info.verb = isWatch ? 'watch' : 'list';
  else if (info.verb === 'get' && isWatch) info.verb = 'watch';
  if (info.verb === 'delete' && !info.name) info.verb = 'deletecollection';
  // A watch on a single name is a list/watch with a field selector; keep name for filtering.
  return info;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
