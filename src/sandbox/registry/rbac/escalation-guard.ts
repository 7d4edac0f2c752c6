// The policy-based storage of RBAC kinds (pkg/registry/rbac/{role,clusterrole,rolebinding,
// clusterrolebinding}/policybased): before a role or binding is created or changed, refuse what
// would grant the requester permissions they do not hold. Runs first in the strategy, so it
// answers before validation, as upstream's storage wrapper does.
import { forbidden, notFound, StatusError } from '../../../apimachinery/errors.ts';
import type { KubeObject } from '../../../apimachinery/object.ts';
import type * as rbacv1 from '../../../generated/k8s/rbac/v1.ts';
import {
  bindingAuthorized,
  confirmNoEscalation,
  escalationAllowed,
  isOnlyMutatingGCFields,
  roleEscalationAuthorized,
  roleRefRules,
} from '../../auth/escalation.ts';
import type { PolicyRule } from '../../auth/policy-rule.ts';
import type { StrategyContext } from '../types.ts';
import { RBAC_GROUP } from './validation.ts';

type RoleLike = KubeObject & { rules?: rbacv1.PolicyRule[] | null; aggregationRule?: rbacv1.AggregationRule };
type BindingLike = KubeObject & { roleRef: rbacv1.RoleRef };

/** What a ClusterRole with an aggregationRule may gather: everything. */
const FULL_AUTHORITY: readonly PolicyRule[] = [
  { apiGroups: ['*'], resources: ['*'], verbs: ['*'] },
  { nonResourceURLs: ['*'], verbs: ['*'] },
];

/**
 * Roles and ClusterRoles: the requester holds `escalate` on them, or every rule they grant.
 * `old` is the stored object on update; on create the request names no object.
 */
export function guardRoleWrite(resource: 'roles' | 'clusterroles', obj: RoleLike, old: RoleLike | undefined, ctx: StrategyContext): void {
  const { user, cluster } = ctx;
  const namespace = obj.metadata?.namespace ?? '';
  const name = obj.metadata?.name ?? '';
  if (escalationAllowed(user) || roleEscalationAuthorized(cluster, user, resource, namespace, old ? name : '')) return;
  if (old && isOnlyMutatingGCFields(obj, old)) return;
  const gr = { group: RBAC_GROUP, resource };
  const missing = confirmNoEscalation(cluster, user, namespace, obj.rules ?? []);
  if (missing) throw forbidden(gr, name, missing);
  if (resource === 'clusterroles' && (obj.aggregationRule || old?.aggregationRule)) {
    if (confirmNoEscalation(cluster, user, '', FULL_AUTHORITY)) {
      throw forbidden(gr, name, 'must have cluster-admin privileges to use the aggregationRule');
    }
  }
}

/** Bindings: the requester holds `bind` on the role, or every permission the role grants. */
export function guardBindingWrite(resource: 'rolebindings' | 'clusterrolebindings', obj: BindingLike, old: BindingLike | undefined, ctx: StrategyContext): void {
  const { user, cluster } = ctx;
  if (escalationAllowed(user)) return;
  if (old && isOnlyMutatingGCFields(obj, old)) return;
  const namespace = obj.metadata?.namespace ?? '';
  const roleRef = obj.roleRef ?? { apiGroup: '', kind: '', name: '' };
  if (bindingAuthorized(cluster, user, roleRef, namespace)) return;
  const resolved = roleRefRules(cluster, roleRef, namespace);
  if ('notFound' in resolved) throw notFound({ group: RBAC_GROUP, resource: resolved.notFound.resource }, resolved.notFound.name);
  if ('unsupported' in resolved) throw new StatusError(500, '', resolved.unsupported);
  const missing = confirmNoEscalation(cluster, user, namespace, resolved.rules);
  if (missing) throw forbidden({ group: RBAC_GROUP, resource }, obj.metadata?.name ?? '', missing);
}
