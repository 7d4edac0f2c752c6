// RoleBinding (pkg/registry/rbac/rolebinding): a Role or ClusterRole granted to subjects in one
// namespace. roleRef is immutable; creating or changing one requires `bind` on the role or
// holding its permissions.
import type * as api from '../../../../generated/k8s/rbac/v1.ts';
import { defineResource } from '../../define.ts';
import { bindingPrinter } from '../binding-printer.ts';
import { guardBindingWrite } from '../escalation-guard.ts';
import { defaultBinding, validateRoleRef, validateRoleRefUnchanged, validateSubjects } from '../validation.ts';

type RoleBinding = api.RoleBinding & { metadata: NonNullable<api.RoleBinding['metadata']> };

function validate(rb: RoleBinding) {
  return [...validateRoleRef(rb.roleRef, ['Role', 'ClusterRole']), ...validateSubjects(rb.subjects, true)];
}

export const roleBindingResource = defineResource<RoleBinding>({
  group: 'rbac.authorization.k8s.io',
  version: 'v1',
  kind: 'RoleBinding',
  resource: 'rolebindings',
  namespaced: true,
  nameValidation: 'path-segment',
  defaults: defaultBinding,
  strategy: {
    prepareForCreate: (rb, ctx) => guardBindingWrite('rolebindings', rb, undefined, ctx),
    prepareForUpdate: (rb, old, ctx) => guardBindingWrite('rolebindings', rb, old, ctx),
    validate,
    validateUpdate: (rb, old) => [...validate(rb), ...validateRoleRefUnchanged(rb.roleRef, old.roleRef)],
  },
  printer: bindingPrinter(
    'roleBinding',
    'RoleRef can reference a Role in the current namespace or a ClusterRole in the global namespace. If the RoleRef cannot be resolved, the Authorizer must return an error.',
  ),
});
