// RBAC authorization. Placeholder until the full evaluator lands: cluster admins may do
// everything, anyone may read the public info endpoints, everything else is denied.
import type { Cluster } from '../cluster.ts';
import type { AuthorizationAttributes, AuthorizationResult, Authorizer } from './types.ts';

const PUBLIC = new Set(['/healthz', '/livez', '/readyz', '/version', '/version/']);
const DISCOVERY = /^\/(api|apis|openapi)(\/|$)/;

export function rbacAuthorizer(_cluster: Cluster): Authorizer {
  return {
    authorize(a: AuthorizationAttributes): AuthorizationResult {
      if (a.user.groups.includes('system:masters') || a.user.groups.includes('kubeadm:cluster-admins')) {
        return { decision: 'allow', reason: '' };
      }
      if (!a.resourceRequest && PUBLIC.has(a.path)) return { decision: 'allow', reason: '' };
      if (!a.resourceRequest && DISCOVERY.test(a.path) && a.user.groups.includes('system:authenticated')) return { decision: 'allow', reason: '' };
      return { decision: 'no-opinion', reason: '' };
    },
  };
}
