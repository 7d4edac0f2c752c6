// ClusterRoleBinding (pkg/registry/rbac/clusterrolebinding): a ClusterRole granted to subjects
// cluster-wide. roleRef is immutable; creating or changing one requires `bind` on the role or
// holding its permissions.
import type * as api from '../../../../generated/k8s/rbac/v1.ts';
import { defineResource } from '../../define.ts';
import { bindingPrinter } from '../binding-printer.ts';
import { guardBindingWrite } from '../escalation-guard.ts';
import { defaultBinding, validateRoleRef, validateRoleRefUnchanged, validateSubjects } from '../validation.ts';

type ClusterRoleBinding = api.ClusterRoleBinding & { metadata: NonNullable<api.ClusterRoleBinding['metadata']> };

function validate(crb: ClusterRoleBinding) {
  return [...validateRoleRef(crb.roleRef, ['ClusterRole']), ...validateSubjects(crb.subjects, false)];
}

export const clusterRoleBindingResource = defineResource<ClusterRoleBinding>({
  group: 'rbac.authorization.k8s.io',
  version: 'v1',
  kind: 'ClusterRoleBinding',
  resource: 'clusterrolebindings',
  namespaced: false,
  nameValidation: 'path-segment',
  defaults: defaultBinding,
  strategy: {
    prepareForCreate: (crb, ctx) => guardBindingWrite('clusterrolebindings', crb, undefined, ctx),
    prepareForUpdate: (crb, old, ctx) => guardBindingWrite('clusterrolebindings', crb, old, ctx),
    validate,
    validateUpdate: (crb, old) => [...validate(crb), ...validateRoleRefUnchanged(crb.roleRef, old.roleRef)],
  },
  printer: bindingPrinter(
    'clusterRoleBinding',
    'RoleRef can only reference a ClusterRole in the global namespace. If the RoleRef cannot be resolved, the Authorizer must return an error.',
  ),
});
