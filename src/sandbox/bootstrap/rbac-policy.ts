// The default ClusterRoles and ClusterRoleBindings (upstream bootstrap policy). (To be filled in.)
import type { BootstrapContext, BootstrapObject } from './types.ts';

export function rbacPolicy(_ctx: BootstrapContext): BootstrapObject[] {
  return [];
}
