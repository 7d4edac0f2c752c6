// Authentication and authorization contracts (k8s.io/apiserver/pkg/authorization/authorizer).
import type { UserInfo } from '../registry/types.ts';

export interface AuthorizationAttributes {
  user: UserInfo;
  verb: string;
  resourceRequest: boolean;
  apiGroup: string;
  apiVersion: string;
  resource: string;
  subresource: string;
  namespace: string;
  name: string;
  /** Request path for non-resource requests (`/healthz`). */
  path: string;
}

export type Decision = 'allow' | 'deny' | 'no-opinion';

export interface AuthorizationResult {
  decision: Decision;
  /** Why, as upstream words it: `RBAC: allowed by ClusterRoleBinding "x" of ClusterRole "y" to User "z"`. */
  reason: string;
}

export interface Authorizer {
  authorize(attrs: AuthorizationAttributes): AuthorizationResult;
}

export const ANONYMOUS: UserInfo = { username: 'system:anonymous', groups: ['system:unauthenticated'] };
