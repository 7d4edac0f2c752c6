// Impersonation (`kubectl --as`, `--as-group`, `--as-uid`), as upstream's filter
// (k8s.io/apiserver/pkg/endpoints/filters/impersonation.go): the requesting user must hold the
// `impersonate` verb on each user or ServiceAccount, group, extra value and uid it asks for,
// checked in that order; the first refusal answers 403. Headers arrive as Node's
// `headersDistinct` (one entry per header line, as Go's http.Header keeps them).
import { badRequest } from '../../apimachinery/errors.ts';
import { isDNS1123Label, isDNS1123Subdomain } from '../../apimachinery/validation/names.ts';
import type { UserInfo } from '../registry/types.ts';
import { forbiddenFor } from './forbidden.ts';
import type { AuthorizationAttributes, Authorizer } from './types.ts';

export type RequestHeaders = Readonly<Record<string, readonly string[] | undefined>>;

const SA_PREFIX = 'system:serviceaccount:';
const EXTRA_PREFIX = 'impersonate-extra-';

/** What one impersonation header asks for (upstream builds ObjectReferences). */
interface ImpersonationRequest {
  kind: 'ServiceAccount' | 'User' | 'Group' | 'UserExtra' | 'UID';
  namespace: string;
  name: string;
  apiVersion: string;
  fieldPath: string;
}

/** serviceaccount.SplitUsername. */
export function splitServiceAccountUsername(username: string): { namespace: string; name: string } | undefined {
  if (!username.startsWith(SA_PREFIX)) return undefined;
  const parts = username.slice(SA_PREFIX.length).split(':');
  if (parts.length !== 2) return undefined;
  const [namespace, name] = parts as [string, string];
  if (isDNS1123Label(namespace).length || isDNS1123Subdomain(name).length) return undefined;
  return { namespace, name };
}

function unescapeExtraKey(key: string): string {
  try {
    return decodeURIComponent(key);
  } catch {
    return key;
  }
}

/** Go's %v of a []v1.ObjectReference, as the "without impersonating a user" error prints it. */
function formatRequests(reqs: readonly ImpersonationRequest[]): string {
  return `[${reqs.map((r) => `{${[r.kind, r.namespace, r.name, '', r.apiVersion, '', r.fieldPath].join(' ')}}`).join(' ')}]`;
}

function buildRequests(headers: RequestHeaders): ImpersonationRequest[] {
  const reqs: ImpersonationRequest[] = [];
  const user = headers['impersonate-user']?.[0] ?? '';
  if (user) {
    const sa = splitServiceAccountUsername(user);
    if (sa) reqs.push({ kind: 'ServiceAccount', namespace: sa.namespace, name: sa.name, apiVersion: '', fieldPath: '' });
    else reqs.push({ kind: 'User', namespace: '', name: user, apiVersion: '', fieldPath: '' });
  }
  const groups = headers['impersonate-group'] ?? [];
  for (const g of groups) reqs.push({ kind: 'Group', namespace: '', name: g, apiVersion: '', fieldPath: '' });
  let hasExtra = false;
  for (const [h, values] of Object.entries(headers)) {
    if (!h.startsWith(EXTRA_PREFIX) || !values) continue;
    hasExtra = true;
    const key = unescapeExtraKey(h.slice(EXTRA_PREFIX.length).toLowerCase());
    for (const v of values) reqs.push({ kind: 'UserExtra', namespace: '', name: v, apiVersion: 'authentication.k8s.io/v1', fieldPath: key });
  }
  const uid = headers['impersonate-uid']?.[0] ?? '';
  if (uid) reqs.push({ kind: 'UID', namespace: '', name: uid, apiVersion: 'authentication.k8s.io/v1', fieldPath: '' });
  if ((groups.length > 0 || hasExtra || uid) && !user) {
    throw badRequest(`requested ${formatRequests(reqs)} without impersonating a user`);
  }
  return reqs;
}

/** The user a request acts as: `user` itself, or whom it may impersonate. */
export function impersonate(authorizer: Authorizer, user: UserInfo, headers: RequestHeaders): UserInfo {
  const reqs = buildRequests(headers);
  if (reqs.length === 0) return user;
  const groupsSpecified = (headers['impersonate-group'] ?? []).length > 0;
  let username = '';
  let groups: string[] = [];
  let uid = '';
  const extra: Record<string, string[]> = {};
  for (const r of reqs) {
    const attrs: AuthorizationAttributes = {
      user,
      verb: 'impersonate',
      resourceRequest: true,
      apiGroup: r.apiVersion.includes('/') ? r.apiVersion.split('/')[0]! : '',
      apiVersion: r.apiVersion.includes('/') ? r.apiVersion.split('/')[1]! : '',
      resource: '',
      subresource: '',
      namespace: r.namespace,
      name: r.name,
      path: '',
    };
    switch (r.kind) {
      case 'ServiceAccount':
        attrs.resource = 'serviceaccounts';
        username = `${SA_PREFIX}${r.namespace}:${r.name}`;
        if (!groupsSpecified) groups = ['system:serviceaccounts', `system:serviceaccounts:${r.namespace}`];
        break;
      case 'User':
        attrs.resource = 'users';
        username = r.name;
        break;
      case 'Group':
        attrs.resource = 'groups';
        groups.push(r.name);
        break;
      case 'UserExtra':
        attrs.resource = 'userextras';
        attrs.subresource = r.fieldPath;
        (extra[r.fieldPath] ??= []).push(r.name);
        break;
      case 'UID':
        attrs.resource = 'uids';
        uid = r.name;
        break;
    }
    const d = authorizer.authorize(attrs);
    if (d.decision !== 'allow') throw forbiddenFor(attrs, d.reason);
  }
  if (username !== 'system:anonymous') {
    if (!groups.includes('system:authenticated') && !groups.includes('system:unauthenticated')) groups.push('system:authenticated');
  } else if (!groups.includes('system:unauthenticated')) {
    groups.push('system:unauthenticated');
  }
  const out: UserInfo = { username, groups };
  if (uid) out.uid = uid;
  if (Object.keys(extra).length) out.extra = extra;
  return out;
}
