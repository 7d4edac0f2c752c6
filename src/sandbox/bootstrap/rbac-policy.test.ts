import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KubeObject } from '../../apimachinery/object.ts';
import { seededIds } from '../ids.ts';
import { rbacPolicy } from './rbac-policy.ts';
import type { BootstrapContext } from './types.ts';

type Obj = KubeObject & { rules?: Array<{ resources?: string[] }> | null; roleRef?: { name: string }; subjects?: Array<{ kind: string; name: string }> };

const ctx = (seed: string): BootstrapContext => ({
  record: { id: seed, createdAt: 0, adminToken: '', tokenKey: '', nodes: 1 },
  ids: seededIds(seed),
  timestamp: '2024-01-01T00:00:00Z',
  caPem: '',
});

function find(objs: ReturnType<typeof rbacPolicy>, resource: string, name: string, namespace?: string): Obj {
  const o = objs.find((b) => b.resource === resource && b.object.metadata?.name === name && b.object.metadata?.namespace === namespace);
  assert.ok(o, `${resource} ${name}`);
  return o.object as Obj;
}

describe('bootstrap RBAC policy', () => {
  const a = rbacPolicy(ctx('a'));
  const b = rbacPolicy(ctx('b'));
  const CR = 'clusterroles.rbac.authorization.k8s.io';
  const CRB = 'clusterrolebindings.rbac.authorization.k8s.io';

  it('has upstream default roles with their labels, and kubeadm binding of the admin group', () => {
    const admin = find(a, CR, 'cluster-admin');
    assert.deepEqual(admin.metadata?.labels, { 'kubernetes.io/bootstrapping': 'rbac-defaults' });
    assert.deepEqual(admin.metadata?.annotations, { 'rbac.authorization.kubernetes.io/autoupdate': 'true' });
    const kubeadm = find(a, CRB, 'kubeadm:cluster-admins');
    assert.equal(kubeadm.roleRef?.name, 'cluster-admin');
    assert.deepEqual(kubeadm.subjects, [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'kubeadm:cluster-admins' }]);
    assert.equal(kubeadm.metadata?.labels, undefined);
    assert.deepEqual(find(a, CRB, 'system:controller:deployment-controller').subjects, [{ kind: 'ServiceAccount', name: 'deployment-controller', namespace: 'kube-system' }]);
    find(a, 'rolebindings.rbac.authorization.k8s.io', 'system::leader-locking-kube-scheduler', 'kube-system');
  });

  it('emits view, edit and admin already aggregated', () => {
    const resources = (name: string) => (find(a, CR, name).rules ?? []).flatMap((r) => r.resources ?? []);
    assert.ok(resources('view').includes('pods/log'));
    assert.ok(!resources('view').includes('secrets'));
    assert.ok(resources('edit').includes('secrets') && resources('edit').includes('pods/log'));
    assert.ok(resources('admin').includes('rolebindings') && resources('admin').includes('deployments/scale'));
  });

  it('gives each cluster its own metadata but shares the immutable parts', () => {
    const va = find(a, CR, 'view');
    const vb = find(b, CR, 'view');
    assert.notEqual(va.metadata, vb.metadata);
    assert.notEqual(va.metadata?.uid, vb.metadata?.uid);
    assert.equal(va.rules, vb.rules);
    assert.equal(va.metadata?.labels, vb.metadata?.labels);
    assert.ok(Object.isFrozen(va.rules));
  });
});
