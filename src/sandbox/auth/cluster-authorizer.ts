// The authorizer of the cluster a strategy or review runs in: the cluster's own (the one every
// request passed) when it has one, else RBAC over its store.
import type { ClusterServices } from '../registry/types.ts';
import { rbacAuthorizer } from './rbac.ts';
import type { Authorizer } from './types.ts';

function hasAuthorizer(c: ClusterServices): c is ClusterServices & { readonly authorizer: Authorizer } {
  return 'authorizer' in c && typeof (c as { authorizer?: unknown }).authorizer === 'object';
}

export function authorizerOf(cluster: ClusterServices): Authorizer {
  return hasAuthorizer(cluster) ? cluster.authorizer : rbacAuthorizer(cluster);
}
