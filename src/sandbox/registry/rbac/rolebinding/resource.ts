// RoleBinding (rbac.authorization.k8s.io/v1): registered; upstream's strategy, validation and printer to come.
import type * as api from '../../../../generated/k8s/rbac/v1.ts';
import { defineResource } from '../../define.ts';

type RoleBinding = api.RoleBinding & { metadata: NonNullable<api.RoleBinding['metadata']> };

export const roleBindingResource = defineResource<RoleBinding>({
  group: 'rbac.authorization.k8s.io',
  version: 'v1',
  kind: 'RoleBinding',
  resource: 'rolebindings',
  namespaced: true,
});
