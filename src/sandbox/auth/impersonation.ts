// Impersonation (`kubectl --as`, `--as-group`): the requesting user must be allowed the
// `impersonate` verb on each impersonated user, group, uid and extra, as upstream's filter.
import type { IncomingHttpHeaders } from 'node:http';
import { forbidden } from '../../apimachinery/errors.ts';
import type { Cluster } from '../cluster.ts';
import type { UserInfo } from '../registry/types.ts';
import type { AuthorizationAttributes } from './types.ts';

function headerValues(headers: IncomingHttpHeaders, name: string): string[] {
  const v = headers[name];
  if (v === undefined) return [];
  return (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter((s) => s !== '');
}

export function impersonate(cluster: Cluster, user: UserInfo, headers: IncomingHttpHeaders): UserInfo {
  const asUser = headerValues(headers, 'impersonate-user')[0];
  const asGroups = headerValues(headers, 'impersonate-group');
  const asUid = headerValues(headers, 'impersonate-uid')[0];
  const extras: Record<string, string[]> = {};
  for (const [h, v] of Object.entries(headers)) {
    if (h.startsWith('impersonate-extra-') && v !== undefined) {
      extras[decodeURIComponent(h.slice('impersonate-extra-'.length))] = Array.isArray(v) ? v : [v];
    }
  }
  if (!asUser && asGroups.length === 0 && !asUid && Object.keys(extras).length === 0) return user;
  if (!asUser) {
    throw forbidden({ group: '', resource: '' }, '', 'requested impersonations without a user: Impersonate-User header is required');
  }
  const check = (resource: string, name: string, apiGroup = '', namespace = '') => {
    const attrs: AuthorizationAttributes = {
      user,
      verb: 'impersonate',
      resourceRequest: true,
      apiGroup,
      apiVersion: '',
      resource,
      subresource: '',
      namespace,
      name,
      path: '',
    };
    const d = cluster.authorizer.authorize(attrs);
    if (d.decision !== 'allow') {
      const scope = namespace ? `in the namespace ${JSON.stringify(namespace)}` : 'at the cluster scope';
      throw forbidden(
        { group: apiGroup, resource },
        name,
        `User ${JSON.stringify(user.username)} cannot impersonate resource ${JSON.stringify(resource)} in API group ${JSON.stringify(apiGroup)} ${scope}`,
      );
    }
  };
  const sa = /^system:serviceaccount:([^:]+):([^:]+)$/.exec(asUser);
  if (sa) check('serviceaccounts', sa[2]!, '', sa[1]!);
  else check('users', asUser);
  for (const g of asGroups) check('groups', g);
  if (asUid) check('uids', asUid, 'authentication.k8s.io');
  for (const k of Object.keys(extras)) for (const v of extras[k]!) check(`userextras/${k}`, v, 'authentication.k8s.io');
  const groups = [...asGroups];
  if (sa) {
    for (const g of ['system:serviceaccounts', `system:serviceaccounts:${sa[1]}`]) if (!groups.includes(g)) groups.push(g);
  }
  if (asUser !== 'system:anonymous' && !groups.includes('system:authenticated')) groups.push('system:authenticated');
  const out: UserInfo = { username: asUser, groups };
  if (asUid) out.uid = asUid;
  if (Object.keys(extras).length) out.extra = extras;
  return out;
}
