// The cluster's authorizer, as kube-apiserver with `--authorization-mode=Node,RBAC` answers for
// users: members of system:masters are allowed everything (the privileged-group authorizer that
// precedes the others), everyone else gets what RBAC grants (plugin/pkg/auth/authorizer/rbac),
// with upstream's reasons: `RBAC: allowed by ...` or the role-resolution errors on a denial.
import { aggregateStrings } from '../../apimachinery/field-errors.ts';
import type { ObjectStore } from '../storage/object-store.ts';
import { ruleAllows } from './policy-rule.ts';
import { describeSource, rbacSnapshot } from './rbac-snapshot.ts';
import type { AuthorizationAttributes, AuthorizationResult, Authorizer } from './types.ts';

export const SYSTEM_PRIVILEGED_GROUP = 'system:masters';

export function authorizeWithRBAC(store: ObjectStore, a: AuthorizationAttributes): AuthorizationResult {
  if (a.user.groups.includes(SYSTEM_PRIVILEGED_GROUP)) return { decision: 'allow', reason: '' };
  let reason: string | undefined;
  const errors: string[] = [];
  rbacSnapshot(store).visitRulesFor(
    a.user,
    a.namespace,
    (applicable, rule) => {
      if (!ruleAllows(a, rule)) return true;
      applicable.described ??= describeSource(applicable.source, applicable.subject);
      reason = `RBAC: allowed by ${applicable.described}`;
      return false;
    },
    (e) => errors.push(e),
  );
  if (reason !== undefined) return { decision: 'allow', reason };
  return { decision: 'no-opinion', reason: errors.length ? `RBAC: ${aggregateStrings(errors)}` : '' };
}

export function rbacAuthorizer(cluster: { readonly store: ObjectStore }): Authorizer {
  return { authorize: (a) => authorizeWithRBAC(cluster.store, a) };
}
