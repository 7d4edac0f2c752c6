// Role (rbac.authorization.k8s.io/v1): registered; upstream's strategy, validation and printer to come.
import type * as api from '../../../../generated/k8s/rbac/v1.ts';
import { defineResource } from '../../define.ts';

type Role = api.Role & { metadata: NonNullable<api.Role['metadata']> };

export const roleResource = defineResource<Role>({
  group: 'rbac.authorization.k8s.io',
  version: 'v1',
  kind: 'Role',
  resource: 'roles',
  namespaced: true,
});
