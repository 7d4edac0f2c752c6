// ClusterRole (pkg/registry/rbac/clusterrole): path-segment names, rules (non-resource URLs
// allowed), aggregation rules, and privilege-escalation prevention. Printed with the default
// table (NAME, CREATED AT).
import type * as api from '../../../../generated/k8s/rbac/v1.ts';
import { defineResource } from '../../define.ts';
import { guardRoleWrite } from '../escalation-guard.ts';
import { validateAggregationRule, validateRules } from '../validation.ts';

type ClusterRole = api.ClusterRole & { metadata: NonNullable<api.ClusterRole['metadata']> };

function validate(role: ClusterRole) {
  return [...validateRules(role.rules, false), ...validateAggregationRule(role.aggregationRule)];
}

export const clusterRoleResource = defineResource<ClusterRole>({
  group: 'rbac.authorization.k8s.io',
  version: 'v1',
  kind: 'ClusterRole',
  resource: 'clusterroles',
  namespaced: false,
  nameValidation: 'path-segment',
  strategy: {
    prepareForCreate: (role, ctx) => guardRoleWrite('clusterroles', role, undefined, ctx),
    prepareForUpdate: (role, old, ctx) => guardRoleWrite('clusterroles', role, old, ctx),
    validate,
    validateUpdate: validate,
  },
});
