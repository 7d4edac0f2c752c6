// ClusterRole (rbac.authorization.k8s.io/v1): registered; upstream's strategy, validation and printer to come.
import type * as api from '../../../../generated/k8s/rbac/v1.ts';
import { defineResource } from '../../define.ts';

type ClusterRole = api.ClusterRole & { metadata: NonNullable<api.ClusterRole['metadata']> };

export const clusterRoleResource = defineResource<ClusterRole>({
  group: 'rbac.authorization.k8s.io',
  version: 'v1',
  kind: 'ClusterRole',
  resource: 'clusterroles',
  namespaced: false,
});
