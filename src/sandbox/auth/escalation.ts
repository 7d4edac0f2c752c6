// Privilege-escalation prevention for RBAC writes (pkg/registry/rbac/escalation_check.go and
// pkg/registry/rbac/validation ConfirmNoEscalation): a user may only create or change a role
// granting what they already hold (or holding `escalate` on it), and only bind a role whose
// permissions they hold (or holding `bind` on it). system:masters is exempt.
import { aggregateStrings } from '../../apimachinery/field-errors.ts';
import { goQuote } from '../../apimachinery/go-format.ts';
import { deepEqual, type KubeObject } from '../../apimachinery/object.ts';
import type * as rbacv1 from '../../generated/k8s/rbac/v1.ts';
import type { ClusterServices, UserInfo } from '../registry/types.ts';
import { authorizerOf } from './cluster-authorizer.ts';
import { compactRules, uncoveredRules } from './covers.ts';
import { compactString, goQuotedList, type PolicyRule } from './policy-rule.ts';
import { SYSTEM_PRIVILEGED_GROUP } from './rbac.ts';
import { CLUSTER_ROLES, rbacSnapshot, ROLES } from './rbac-snapshot.ts';

const RBAC_GROUP = 'rbac.authorization.k8s.io';

/** EscalationAllowed: the privileged loopback group may do anything. */
export function escalationAllowed(user: UserInfo): boolean {
  return user.groups.includes(SYSTEM_PRIVILEGED_GROUP);
}

/** RoleEscalationAuthorized: the user holds `escalate` on the roles or clusterroles addressed. */
export function roleEscalationAuthorized(
  cluster: ClusterServices,
  user: UserInfo,
  resource: 'roles' | 'clusterroles',
  namespace: string,
  name: string,
): boolean {
  return (
    authorizerOf(cluster).authorize({
      user,
      verb: 'escalate',
      resourceRequest: true,
      apiGroup: RBAC_GROUP,
      apiVersion: '*',
      resource,
      subresource: '',
      namespace,
      name,
      path: '',
    }).decision === 'allow'
  );
}

/** BindingAuthorized: the user holds `bind` on the referenced role, in the binding's namespace. */
export function bindingAuthorized(cluster: ClusterServices, user: UserInfo, roleRef: rbacv1.RoleRef, bindingNamespace: string): boolean {
  if (roleRef.kind !== 'ClusterRole' && roleRef.kind !== 'Role') return false;
  return (
    authorizerOf(cluster).authorize({
      user,
      verb: 'bind',
      resourceRequest: true,
      apiGroup: roleRef.apiGroup ?? '',
      apiVersion: '',
      resource: roleRef.kind === 'ClusterRole' ? 'clusterroles' : 'roles',
      subresource: '',
      namespace: bindingNamespace,
      name: roleRef.name,
      path: '',
    }).decision === 'allow'
  );
}

/**
 * ConfirmNoEscalation: undefined when the user's rules in `namespace` ('' for cluster scope)
 * cover `rules`, else upstream's message listing what is missing.
 */
export function confirmNoEscalation(cluster: ClusterServices, user: UserInfo, namespace: string, rules: readonly PolicyRule[]): string | undefined {
  const owned = rbacSnapshot(cluster.store).rulesFor(user, namespace);
  const missing = uncoveredRules(owned.rules, rules);
  if (missing.length === 0) return undefined;
  const lines = [...new Set(compactRules(missing).map(compactString))].sort();
  let msg = `user ${goQuote(user.username)} (groups=${goQuotedList(user.groups)}) is attempting to grant RBAC permissions not currently held:\n${lines.join('\n')}`;
  if (owned.errors.length) msg += `; resolution errors: [${aggregateStrings(owned.errors)}]`;
  return msg;
}

export type RoleRefRules = { rules: readonly PolicyRule[] } | { notFound: { resource: 'roles' | 'clusterroles'; name: string } } | { unsupported: string };

/** GetRoleReferenceRules as the registry resolves it (NotFound from the role's storage). */
export function roleRefRules(cluster: ClusterServices, roleRef: rbacv1.RoleRef, bindingNamespace: string): RoleRefRules {
  if (roleRef.kind === 'ClusterRole') {
    const role = cluster.store.get(CLUSTER_ROLES, undefined, roleRef.name) as (KubeObject & { rules?: PolicyRule[] | null }) | undefined;
    return role ? { rules: role.rules ?? [] } : { notFound: { resource: 'clusterroles', name: roleRef.name } };
  }
  if (roleRef.kind === 'Role') {
    const role = cluster.store.get(ROLES, bindingNamespace || undefined, roleRef.name) as (KubeObject & { rules?: PolicyRule[] | null }) | undefined;
    return role ? { rules: role.rules ?? [] } : { notFound: { resource: 'roles', name: roleRef.name } };
  }
  return { unsupported: `unsupported role reference kind: ${goQuote(roleRef.kind)}` };
}

/** IsOnlyMutatingGCFields: an update that touches only what the garbage collector changes. */
export function isOnlyMutatingGCFields(obj: KubeObject, old: KubeObject): boolean {
  const strip = (o: KubeObject) => {
    const { ownerReferences: _o, finalizers: _f, deletionTimestamp: _d, deletionGracePeriodSeconds: _g, managedFields: _m, resourceVersion: _r, ...meta } = o.metadata ?? {};
    return { ...o, metadata: meta };
  };
  return deepEqual(strip(obj), strip(old));
}
