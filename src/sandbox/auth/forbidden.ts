// The 403 an authorization failure answers with, worded as upstream's
// responsewriters.Forbidden (k8s.io/apiserver/pkg/endpoints/handlers/responsewriters/errors.go).
import { forbidden, forbiddenMessage, type StatusError } from '../../apimachinery/errors.ts';
import { goQuote } from '../../apimachinery/go-format.ts';
import type { AuthorizationAttributes } from './types.ts';

export function forbiddenMessageFor(a: AuthorizationAttributes): string {
  const who = goQuote(a.user.username);
  if (!a.resourceRequest) return `User ${who} cannot ${a.verb} path ${goQuote(a.path)}`;
  const resource = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  const scope = a.namespace ? `in the namespace ${goQuote(a.namespace)}` : 'at the cluster scope';
  return `User ${who} cannot ${a.verb} resource ${goQuote(resource)} in API group ${goQuote(a.apiGroup)} ${scope}`;
}

export function forbiddenFor(a: AuthorizationAttributes, reason: string): StatusError {
  const msg = reason ? `${forbiddenMessageFor(a)}: ${reason}` : forbiddenMessageFor(a);
  if (!a.resourceRequest || (!a.resource && !a.apiGroup)) return forbiddenMessage(`forbidden: ${msg}`);
  return forbidden({ group: a.apiGroup, resource: a.resource }, a.name, msg);
}
