import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { aggregateMessage } from '../../../apimachinery/field-errors.ts';
import { subjectsStrings } from './binding-printer.ts';
import { defaultBinding, validateAggregationRule, validateRoleRef, validateRoleRefUnchanged, validateRules, validateSubjects } from './validation.ts';

const msg = (errs: Parameters<typeof aggregateMessage>[0]) => aggregateMessage(errs);

describe('RBAC validation (upstream messages)', () => {
  it('requires verbs, groups and resources, and keeps URLs to cluster roles', () => {
    assert.equal(
      msg(validateRules([{ verbs: [] }], true)),
      '[rules[0].verbs: Required value: verbs must contain at least one value, rules[0].apiGroups: Required value: resource rules must supply at least one api group, rules[0].resources: Required value: resource rules must supply at least one resource]',
    );
    assert.equal(
      msg(validateRules([{ nonResourceURLs: ['/healthz'], verbs: ['get'] }], true)),
      'rules[0].nonResourceURLs: Invalid value: []string{"/healthz"}: namespaced rules cannot apply to non-resource URLs',
    );
    assert.equal(
      msg(validateRules([{ nonResourceURLs: ['/x'], resources: ['pods'], verbs: ['get'] }], false)),
      'rules[0].nonResourceURLs: Invalid value: []string{"/x"}: rules cannot apply to both regular resources and non-resource URLs',
    );
    assert.equal(
      msg(validateRules([{ apiGroups: [''], resources: ['a', 'b'], resourceNames: ['n'], verbs: ['get'] }], true)),
      'rules[0].resourceNames: Required value: resource names cannot apply to multiple resources',
    );
    assert.deepEqual(validateRules([{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }], true), []);
  });

  it('validates role references and binding subjects', () => {
    assert.equal(
      msg(validateRoleRef({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'x' }, ['ClusterRole'])),
      'roleRef.kind: Unsupported value: "Role": supported values: "ClusterRole"',
    );
    assert.equal(msg(validateRoleRef({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: '' }, ['Role', 'ClusterRole'])), 'roleRef.name: Required value');
    assert.equal(
      msg(validateSubjects([{ kind: 'Robot', name: 'r2' }], true)),
      'subjects[0].kind: Unsupported value: "Robot": supported values: "ServiceAccount", "User", "Group"',
    );
    assert.equal(msg(validateSubjects([{ kind: 'ServiceAccount', name: 'app' }], false)), 'subjects[0].namespace: Required value');
    assert.deepEqual(validateSubjects([{ kind: 'ServiceAccount', name: 'app' }], true), []);
    assert.equal(
      msg(validateSubjects([{ kind: 'User', name: 'jane', apiGroup: 'v1' }], true)),
      'subjects[0].apiGroup: Unsupported value: "v1": supported values: "rbac.authorization.k8s.io"',
    );
  });

  it('refuses a changed roleRef, printing it as upstream', () => {
    const a = { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'edit' };
    assert.deepEqual(validateRoleRefUnchanged(a, { ...a }), []);
    assert.equal(
      msg(validateRoleRefUnchanged(a, { ...a, name: 'view' })),
      'roleRef: Invalid value: rbac.RoleRef{APIGroup:"rbac.authorization.k8s.io", Kind:"ClusterRole", Name:"edit"}: cannot change roleRef',
    );
  });

  it('validates aggregation rules', () => {
    assert.equal(
      msg(validateAggregationRule({ clusterRoleSelectors: [] })),
      'aggregationRule.clusterRoleSelectors: Required value: at least one clusterRoleSelector required if aggregationRule is non-nil',
    );
    assert.deepEqual(validateAggregationRule({ clusterRoleSelectors: [{ matchLabels: { 'example.com/aggregate-to-monitoring': 'true' } }] }), []);
  });

  it('defaults the API group of roleRef, users and groups', () => {
    const b: { roleRef: { apiGroup?: string; kind: string; name: string }; subjects: Array<{ kind: string; name: string; apiGroup?: string }> } = { roleRef: { kind: 'Role', name: 'r' }, subjects: [{ kind: 'User', name: 'u' }, { kind: 'ServiceAccount', name: 's' }] };
    defaultBinding(b);
    assert.equal(b.roleRef.apiGroup, 'rbac.authorization.k8s.io');
    assert.deepEqual(b.subjects, [{ kind: 'User', name: 'u', apiGroup: 'rbac.authorization.k8s.io' }, { kind: 'ServiceAccount', name: 's' }]);
  });

  it('splits subjects for the wide binding columns', () => {
    assert.deepEqual(
      subjectsStrings([
        { kind: 'User', name: 'jane' },
        { kind: 'Group', name: 'ops' },
        { kind: 'ServiceAccount', name: 'app', namespace: 'dev' },
        { kind: 'ServiceAccount', name: 'bare' },
      ]),
      { users: ['jane'], groups: ['ops'], serviceAccounts: ['dev/app', '/bare'] },
    );
  });
});
