// Role (pkg/registry/rbac/role): path-segment names, rules validated as namespaced rules, and
// privilege-escalation prevention. Printed with the default table (NAME, CREATED AT).
import type * as api from '../../../../generated/k8s/rbac/v1.ts';
import { defineResource } from '../../define.ts';
import { guardRoleWrite } from '../escalation-guard.ts';
import { validateRules } from '../validation.ts';

type Role = api.Role & { metadata: NonNullable<api.Role['metadata']> };

export const roleResource = defineResource<Role>({
  group: 'rbac.authorization.k8s.io',
  version: 'v1',
  kind: 'Role',
  resource: 'roles',
  namespaced: true,
  nameValidation: 'path-segment',
  strategy: {
    prepareForCreate: (role, ctx) => guardRoleWrite('roles', role, undefined, ctx),
    prepareForUpdate: (role, old, ctx) => guardRoleWrite('roles', role, old, ctx),
    validate: (role) => validateRules(role.rules, true),
    validateUpdate: (role) => validateRules(role.rules, true),
  },
});
