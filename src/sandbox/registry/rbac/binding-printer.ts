// The table of RoleBindings and ClusterRoleBindings (pkg/printers/internalversion
// printRoleBinding, printClusterRoleBinding): NAME ROLE AGE, and with -o wide the subjects.
import type { StoredObject } from '../../../apimachinery/object.ts';
import type * as rbacv1 from '../../../generated/k8s/rbac/v1.ts';
import { age, ageColumn, column, nameColumn } from '../printers/format.ts';
import type { TablePrinter } from '../types.ts';

type Binding = StoredObject & { roleRef: rbacv1.RoleRef; subjects?: rbacv1.Subject[] };

/** rbacv1helpers.SubjectsStrings: users, groups and `namespace/name` ServiceAccounts. */
export function subjectsStrings(subjects: readonly rbacv1.Subject[] | undefined): { users: string[]; groups: string[]; serviceAccounts: string[] } {
  const users: string[] = [];
  const groups: string[] = [];
  const serviceAccounts: string[] = [];
  for (const s of subjects ?? []) {
    if (s.kind === 'ServiceAccount') serviceAccounts.push(`${s.namespace ?? ''}/${s.name}`);
    else if (s.kind === 'User') users.push(s.name);
    else if (s.kind === 'Group') groups.push(s.name);
  }
  return { users, groups, serviceAccounts };
}

export function bindingPrinter(kind: 'roleBinding' | 'clusterRoleBinding', roleRefDoc: string): TablePrinter<Binding> {
  return {
    columns: [
      nameColumn,
      column('Role', 'string', roleRefDoc),
      ageColumn,
      column('Users', 'string', `Users in the ${kind}`, 1),
      column('Groups', 'string', `Groups in the ${kind}`, 1),
      column('ServiceAccounts', 'string', `ServiceAccounts in the ${kind}`, 1),
    ],
    cells(b, ctx) {
      const { users, groups, serviceAccounts } = subjectsStrings(b.subjects);
      return [
        b.metadata.name,
        `${b.roleRef?.kind ?? ''}/${b.roleRef?.name ?? ''}`,
        age(b.metadata.creationTimestamp, ctx.now),
        users.join(', '),
        groups.join(', '),
        serviceAccounts.join(', '),
      ];
    },
  };
}
