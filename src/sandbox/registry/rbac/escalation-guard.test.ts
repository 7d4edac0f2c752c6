import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { StatusError } from '../../../apimachinery/errors.ts';
import { deepClone, type KubeObject } from '../../../apimachinery/object.ts';
import { ADMIN_USER, type Cluster } from '../../cluster.ts';
import { Sandbox } from '../../sandbox.ts';
import type { UserInfo } from '../types.ts';

const RBAC = 'rbac.authorization.k8s.io';
const APP: UserInfo = { username: 'system:serviceaccount:dev:app', groups: ['system:serviceaccounts', 'system:serviceaccounts:dev', 'system:authenticated'] };

const role = (name: string, rules: object[], ns = 'dev'): KubeObject => ({ apiVersion: `${RBAC}/v1`, kind: 'Role', metadata: { name, namespace: ns }, rules }) as KubeObject;
const rb = (name: string, kind: string, roleName: string, ns = 'dev'): KubeObject =>
  ({
    apiVersion: `${RBAC}/v1`,
    kind: 'RoleBinding',
    metadata: { name, namespace: ns },
    roleRef: { apiGroup: RBAC, kind, name: roleName },
    subjects: [{ kind: 'ServiceAccount', name: 'app', namespace: 'dev' }],
  }) as KubeObject;

describe('RBAC privilege-escalation prevention', () => {
  let sandbox: Sandbox;
  let cluster: Cluster;
  const def = (resource: string) => cluster.resources.byResource(RBAC, resource)!;
  const create = (user: UserInfo, resource: string, obj: KubeObject) =>
    cluster.api.create(cluster.context(user), def(resource), obj.metadata?.namespace, obj, { fieldManager: 'test' });
  async function rejection(write: () => Promise<unknown>): Promise<StatusError> {
    try {
      await write();
    } catch (e) {
      if (e instanceof StatusError) return e;
      throw e;
    }
    assert.fail('expected the write to be refused');
  }

  before(async () => {
    sandbox = await Sandbox.start({ port: 0 });
    cluster = await sandbox.createCluster('esc');
    await cluster.api.create(cluster.context(ADMIN_USER), cluster.resources.byResource('', 'namespaces')!, undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dev' } }, { fieldManager: 'test' });
    // The app may manage roles and bindings in dev, and read pods there.
    await create(ADMIN_USER, 'roles', role('rbac-manager', [
      { apiGroups: [RBAC], resources: ['roles', 'rolebindings'], verbs: ['create', 'update', 'get'] },
      { apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] },
    ]));
    await create(ADMIN_USER, 'rolebindings', rb('app-rbac', 'Role', 'rbac-manager'));
  });
  after(() => sandbox.stop());

  it('lets a user create a role granting only what they hold', async () => {
    await create(APP, 'roles', role('pod-reader', [{ apiGroups: [''], resources: ['pods'], verbs: ['list'] }]));
  });

  it('refuses a role granting more, listing what is missing', async () => {
    const e = await rejection(() => create(APP, 'roles', role('secret-reader', [{ apiGroups: [''], resources: ['secrets', 'pods'], verbs: ['get', 'list', 'delete'] }])));
    assert.equal(e.code, 403);
    assert.equal(
      e.message,
      'roles.rbac.authorization.k8s.io "secret-reader" is forbidden: user "system:serviceaccount:dev:app" (groups=["system:serviceaccounts" "system:serviceaccounts:dev" "system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n' +
        '{APIGroups:[""], Resources:["pods"], Verbs:["delete"]}\n' +
        '{APIGroups:[""], Resources:["secrets"], Verbs:["get" "list" "delete"]}',
    );
  });

  it('refuses binding a role with more permissions, unless the user may bind it', async () => {
    const e = await rejection(() => create(APP, 'rolebindings', rb('app-edit', 'ClusterRole', 'edit')));
    assert.equal(e.code, 403);
    assert.match(e.message, /^rolebindings\.rbac\.authorization\.k8s\.io "app-edit" is forbidden: user "system:serviceaccount:dev:app" \(groups=\[.*\]\) is attempting to grant RBAC permissions not currently held:\n/);
    await create(ADMIN_USER, 'roles', role('binder', [{ apiGroups: [RBAC], resources: ['clusterroles'], resourceNames: ['edit'], verbs: ['bind'] }]));
    await create(ADMIN_USER, 'rolebindings', { ...rb('app-binder', 'Role', 'binder'), metadata: { name: 'app-binder', namespace: 'dev' } } as KubeObject);
    await create(APP, 'rolebindings', rb('app-edit', 'ClusterRole', 'edit'));
  });

  it('answers NotFound for a binding to a missing role the user may not bind', async () => {
    const e = await rejection(() => create(APP, 'rolebindings', rb('ghost', 'Role', 'nope')));
    assert.equal(e.code, 404);
    assert.equal(e.message, 'roles.rbac.authorization.k8s.io "nope" not found');
  });

  it('lets holders of escalate create any role, and reserves aggregationRule to cluster admins', async () => {
    await create(ADMIN_USER, 'roles', role('escalator', [{ apiGroups: [RBAC], resources: ['roles'], verbs: ['escalate'] }]));
    await create(ADMIN_USER, 'rolebindings', { ...rb('app-escalate', 'Role', 'escalator') } as KubeObject);
    await create(APP, 'roles', role('secrets', [{ apiGroups: [''], resources: ['secrets'], verbs: ['*'] }]));
    const agg = { apiVersion: `${RBAC}/v1`, kind: 'ClusterRole', metadata: { name: 'agg' }, aggregationRule: { clusterRoleSelectors: [{ matchLabels: { a: 'b' } }] } } as KubeObject;
    const e = await rejection(() => create(APP, 'clusterroles', agg));
    assert.equal(e.message, 'clusterroles.rbac.authorization.k8s.io "agg" is forbidden: must have cluster-admin privileges to use the aggregationRule');
    await create(ADMIN_USER, 'clusterroles', agg);
  });

  it('keeps roleRef immutable', async () => {
    const existing = cluster.store.get(`rolebindings.${RBAC}`, 'dev', 'app-rbac')!;
    const changed = { ...deepClone(existing), roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: 'view' } } as KubeObject;
    const e = await rejection(() => cluster.api.update(cluster.context(ADMIN_USER), def('rolebindings'), 'dev', 'app-rbac', changed, { fieldManager: 'test' }));
    assert.equal(e.code, 422);
    assert.equal(
      e.message,
      'RoleBinding.rbac.authorization.k8s.io "app-rbac" is invalid: roleRef: Invalid value: rbac.RoleRef{APIGroup:"rbac.authorization.k8s.io", Kind:"ClusterRole", Name:"view"}: cannot change roleRef',
    );
  });
});
