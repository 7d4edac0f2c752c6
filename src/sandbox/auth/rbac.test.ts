import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KubeObject } from '../../apimachinery/object.ts';
import { rbacPolicy } from '../bootstrap/rbac-policy.ts';
import { seededIds } from '../ids.ts';
import type { UserInfo } from '../registry/types.ts';
import { ObjectStore, type StoredObjectDraft } from '../storage/object-store.ts';
import { authorizeWithRBAC } from './rbac.ts';
import { CLUSTER_ROLE_BINDINGS, ROLE_BINDINGS, ROLES } from './rbac-snapshot.ts';
import { ANONYMOUS, type AuthorizationAttributes } from './types.ts';

const ADMIN: UserInfo = { username: 'kubernetes-admin', groups: ['kubeadm:cluster-admins', 'system:authenticated'] };
const APP: UserInfo = { username: 'system:serviceaccount:dev:app', groups: ['system:serviceaccounts', 'system:serviceaccounts:dev', 'system:authenticated'] };

function freshStore(): ObjectStore {
  const store = new ObjectStore();
  const ctx = { record: { id: 'c1', createdAt: 0, adminToken: '', tokenKey: '', nodes: 1 }, ids: seededIds('rbac'), timestamp: '2024-01-01T00:00:00Z', caPem: '' };
  store.write(rbacPolicy(ctx).map((o) => ({ type: 'create' as const, resource: o.resource, object: o.object as StoredObjectDraft })));
  return store;
}

function put(store: ObjectStore, resource: string, obj: KubeObject): void {
  const ns = obj.metadata?.namespace;
  const type = store.get(resource, ns, obj.metadata!.name!) ? 'update' : 'create';
  store.write([{ type, resource, object: { ...obj, metadata: { uid: 'x', ...obj.metadata } } as StoredObjectDraft }]);
}

function attrs(user: UserInfo, verb: string, resource: string, namespace = '', extra: Partial<AuthorizationAttributes> = {}): AuthorizationAttributes {
  return { user, verb, resourceRequest: true, apiGroup: '', apiVersion: 'v1', resource, subresource: '', namespace, name: '', path: '', ...extra };
}

function path(user: UserInfo, p: string): AuthorizationAttributes {
  return { user, verb: 'get', resourceRequest: false, apiGroup: '', apiVersion: '', resource: '', subresource: '', namespace: '', name: '', path: p };
}

const reader = (ns: string) => ({
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'Role',
  metadata: { name: 'reader', namespace: ns },
  rules: [{ apiGroups: [''], resources: ['pods', 'pods/log'], verbs: ['get', 'list'] }],
});

const binding = (ns: string, roleKind: string, role: string, subjects: object[]) => ({
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'RoleBinding',
  metadata: { name: 'read', namespace: ns },
  roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: roleKind, name: role },
  subjects,
});

describe('RBAC authorizer', () => {
  it('allows the kubeconfig user through kubeadm:cluster-admins, saying so', () => {
    const store = freshStore();
    assert.deepEqual(authorizeWithRBAC(store, attrs(ADMIN, 'delete', 'nodes')), {
      decision: 'allow',
      reason: 'RBAC: allowed by ClusterRoleBinding "kubeadm:cluster-admins" of ClusterRole "cluster-admin" to Group "kubeadm:cluster-admins"',
    });
  });

  it('allows system:masters without a reason, as the privileged-group authorizer does', () => {
    assert.deepEqual(authorizeWithRBAC(new ObjectStore(), attrs({ username: 'x', groups: ['system:masters'] }, 'get', 'secrets')), { decision: 'allow', reason: '' });
  });

  it('gives ServiceAccounts only discovery and self-review until a binding grants more', () => {
    const store = freshStore();
    assert.deepEqual(authorizeWithRBAC(store, attrs(APP, 'list', 'pods', 'dev')), { decision: 'no-opinion', reason: '' });
    assert.equal(authorizeWithRBAC(store, path(APP, '/apis/apps/v1')).decision, 'allow');
    assert.equal(
      authorizeWithRBAC(store, attrs(APP, 'create', 'selfsubjectaccessreviews', '', { apiGroup: 'authorization.k8s.io' })).reason,
      'RBAC: allowed by ClusterRoleBinding "system:basic-user" of ClusterRole "system:basic-user" to Group "system:authenticated"',
    );

    put(store, ROLES, reader('dev'));
    put(store, ROLE_BINDINGS, binding('dev', 'Role', 'reader', [{ kind: 'ServiceAccount', name: 'app' }]));
    assert.deepEqual(authorizeWithRBAC(store, attrs(APP, 'list', 'pods', 'dev')), {
      decision: 'allow',
      reason: 'RBAC: allowed by RoleBinding "read/dev" of Role "reader" to ServiceAccount "app/dev"',
    });
    assert.equal(authorizeWithRBAC(store, attrs(APP, 'get', 'pods', 'dev', { subresource: 'log', name: 'web' })).decision, 'allow');
    assert.equal(authorizeWithRBAC(store, attrs(APP, 'delete', 'pods', 'dev')).decision, 'no-opinion');
    assert.equal(authorizeWithRBAC(store, attrs(APP, 'list', 'pods', 'default')).decision, 'no-opinion');
    assert.equal(authorizeWithRBAC(store, attrs(APP, 'list', 'pods')).decision, 'no-opinion', 'a RoleBinding grants nothing cluster-wide');
  });

  it('sees a deleted binding at once (the cached index follows the store)', () => {
    const store = freshStore();
    put(store, ROLES, reader('dev'));
    put(store, ROLE_BINDINGS, binding('dev', 'Role', 'reader', [{ kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: 'system:serviceaccounts:dev' }]));
    assert.equal(authorizeWithRBAC(store, attrs(APP, 'get', 'pods', 'dev')).decision, 'allow');
    store.write([{ type: 'delete', resource: ROLE_BINDINGS, namespace: 'dev', name: 'read' }]);
    assert.equal(authorizeWithRBAC(store, attrs(APP, 'get', 'pods', 'dev')).decision, 'no-opinion');
  });

  it('reports bindings whose role is missing as the reason of a denial', () => {
    const store = freshStore();
    put(store, ROLE_BINDINGS, binding('dev', 'Role', 'nope', [{ kind: 'ServiceAccount', name: 'app', namespace: 'dev' }]));
    assert.deepEqual(authorizeWithRBAC(store, attrs(APP, 'get', 'pods', 'dev')), {
      decision: 'no-opinion',
      reason: 'RBAC: role.rbac.authorization.k8s.io "nope" not found',
    });
    put(store, CLUSTER_ROLE_BINDINGS, {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: 'gone' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'gone' },
      subjects: [{ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: APP.username }],
    } as KubeObject);
    assert.equal(
      authorizeWithRBAC(store, attrs(APP, 'get', 'pods', 'dev')).reason,
      'RBAC: [clusterrole.rbac.authorization.k8s.io "gone" not found, role.rbac.authorization.k8s.io "nope" not found]',
    );
  });

  it('lets anonymous requests read only the public health and version endpoints', () => {
    const store = freshStore();
    assert.equal(authorizeWithRBAC(store, path(ANONYMOUS, '/healthz')).decision, 'allow');
    assert.equal(authorizeWithRBAC(store, path(ANONYMOUS, '/version')).decision, 'allow');
    assert.equal(authorizeWithRBAC(store, path(ANONYMOUS, '/api')).decision, 'no-opinion');
  });
});
