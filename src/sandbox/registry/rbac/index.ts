// The rbac group's resources, in discovery order.
import type { ResourceDef } from '../types.ts';
import { roleResource } from './role/resource.ts';
import { clusterRoleResource } from './clusterrole/resource.ts';
import { roleBindingResource } from './rolebinding/resource.ts';
import { clusterRoleBindingResource } from './clusterrolebinding/resource.ts';

export const rbacResources = [roleResource, clusterRoleResource, roleBindingResource, clusterRoleBindingResource] as unknown as ResourceDef[];
