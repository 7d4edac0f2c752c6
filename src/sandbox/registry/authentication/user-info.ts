// authentication.k8s.io UserInfo of an authenticated user (empty fields omitted, as Go's
// omitempty drops them).
import type * as api from '../../../generated/k8s/authentication/v1.ts';
import type { UserInfo } from '../types.ts';

export function userInfoOf(user: UserInfo): api.UserInfo {
  const out: api.UserInfo = {};
  if (user.username) out.username = user.username;
  if (user.uid) out.uid = user.uid;
  if (user.groups.length) out.groups = [...user.groups];
  if (user.extra && Object.keys(user.extra).length) out.extra = { ...user.extra };
  return out;
}
