// ClusterRoleBinding (rbac.authorization.k8s.io/v1): registered; upstream's strategy, validation and printer to come.
import type * as api from '../../../../generated/k8s/rbac/v1.ts';
import { defineResource } from '../../define.ts';

type ClusterRoleBinding = api.ClusterRoleBinding & { metadata: NonNullable<api.ClusterRoleBinding['metadata']> };

export const clusterRoleBindingResource = defineResource<ClusterRoleBinding>({
  group: 'rbac.authorization.k8s.io',
  version: 'v1',
  kind: 'ClusterRoleBinding',
  resource: 'clusterrolebindings',
  namespaced: false,
});
