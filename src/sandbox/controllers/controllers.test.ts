import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { deepClone, type KubeObject, type StoredObject } from '../../apimachinery/object.ts';
import { ADMIN_USER, type Cluster } from '../cluster.ts';
import { Sandbox } from '../sandbox.ts';

function cm(name: string, namespace: string, extra: Partial<StoredObject['metadata']> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace, ...extra } };
}

describe('in-process controllers', () => {
  let sandbox: Sandbox;
  let cluster: Cluster;
  const def = (resource: string) => cluster.resources.byResource('', resource)!;
  const create = (resource: string, ns: string | undefined, obj: KubeObject) =>
    cluster.api.create(cluster.context(ADMIN_USER), def(resource), ns, obj, { fieldManager: 'test' });
  const get = (resource: string, ns: string | undefined, name: string) => cluster.store.get(resource, ns, name);

  before(async () => {
    sandbox = await Sandbox.start({ port: 0 });
    cluster = await sandbox.createCluster('t1');
  });
  after(() => sandbox.stop());

  it('gives a new namespace its default ServiceAccount and kube-root-ca.crt', async () => {
    await create('namespaces', undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } });
    await cluster.settle();
    assert.ok(get('serviceaccounts', 'team-a', 'default'), 'default ServiceAccount');
    const ca = get('configmaps', 'team-a', 'kube-root-ca.crt') as StoredObject & { data: Record<string, string> };
    assert.match(ca.data['ca.crt']!, /BEGIN CERTIFICATE/);
  });

  it('restores a deleted default ServiceAccount and a tampered root CA ConfigMap', async () => {
    await cluster.api.delete(cluster.context(ADMIN_USER), def('serviceaccounts'), 'team-a', 'default', {});
    const ca = get('configmaps', 'team-a', 'kube-root-ca.crt')!;
    await cluster.api.update(cluster.context(ADMIN_USER), def('configmaps'), 'team-a', 'kube-root-ca.crt', { ...deepClone(ca), data: { 'ca.crt': 'x' } } as KubeObject, {
      fieldManager: 'test',
    });
    await cluster.settle();
    assert.ok(get('serviceaccounts', 'team-a', 'default'));
    assert.match((get('configmaps', 'team-a', 'kube-root-ca.crt') as unknown as { data: Record<string, string> }).data['ca.crt']!, /BEGIN CERTIFICATE/);
  });

  it('empties a deleted namespace, then removes it', async () => {
    await create('namespaces', undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'doomed' } });
    await create('configmaps', 'doomed', cm('one', 'doomed'));
    await cluster.settle();
    const r = await cluster.api.delete(cluster.context(ADMIN_USER), def('namespaces'), undefined, 'doomed', {});
    assert.equal(r.code, 202);
    assert.equal((r.object as { status?: { phase?: string } }).status?.phase, 'Terminating');
    await cluster.settle();
    assert.equal(get('configmaps', 'doomed', 'one'), undefined);
    assert.equal(get('namespaces', undefined, 'doomed'), undefined);
  });

  it('keeps a terminating namespace while content with finalizers remains, and says why', async () => {
    await create('namespaces', undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'stuck' } });
    await create('configmaps', 'stuck', cm('held', 'stuck', { finalizers: ['example.com/hold'] }));
    await cluster.api.delete(cluster.context(ADMIN_USER), def('namespaces'), undefined, 'stuck', {});
    await cluster.settle();
    const ns = get('namespaces', undefined, 'stuck') as StoredObject & { status: { conditions: Array<{ type: string; status: string; message: string }> } };
    assert.ok(ns, 'namespace still there');
    const remaining = ns.status.conditions.find((c) => c.type === 'NamespaceContentRemaining')!;
    assert.equal(remaining.status, 'True');
    assert.equal(remaining.message, 'Some resources are remaining: configmaps. has 1 resource instances');
    const fin = ns.status.conditions.find((c) => c.type === 'NamespaceFinalizersRemaining')!;
    assert.equal(fin.message, 'Some content in the namespace has finalizers remaining: example.com/hold in 1 resource instances');
    const held = get('configmaps', 'stuck', 'held')!;
    await cluster.api.update(cluster.context(ADMIN_USER), def('configmaps'), 'stuck', 'held', { ...deepClone(held), metadata: { ...deepClone(held.metadata), finalizers: [] } } as KubeObject, {
      fieldManager: 'test',
    });
    await cluster.settle();
    assert.equal(get('namespaces', undefined, 'stuck'), undefined);
  });

  describe('garbage collector', () => {
    async function ownerWithDependent(owner: string, dependent: string, block = false) {
      const o = (await create('configmaps', 'default', cm(owner, 'default'))).object as StoredObject;
      await create(
        'configmaps',
        'default',
        cm(dependent, 'default', {
          ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: owner, uid: o.metadata.uid, blockOwnerDeletion: block }],
        }),
      );
      await cluster.settle();
      return o;
    }

    it('deletes dependents of a deleted owner (background)', async () => {
      await ownerWithDependent('owner-bg', 'dep-bg');
      await cluster.api.delete(cluster.context(ADMIN_USER), def('configmaps'), 'default', 'owner-bg', {});
      await cluster.settle();
      assert.equal(get('configmaps', 'default', 'dep-bg'), undefined);
    });

    it('keeps a foreground-deleted owner until its blocking dependents are gone', async () => {
      await ownerWithDependent('owner-fg', 'dep-fg', true);
      const r = await cluster.api.delete(cluster.context(ADMIN_USER), def('configmaps'), 'default', 'owner-fg', { propagationPolicy: 'Foreground' });
      assert.equal(r.code, 202);
      assert.deepEqual((r.object as StoredObject).metadata.finalizers, ['foregroundDeletion']);
      await cluster.settle();
      assert.equal(get('configmaps', 'default', 'dep-fg'), undefined);
      assert.equal(get('configmaps', 'default', 'owner-fg'), undefined);
    });

    it('orphans dependents when asked to', async () => {
      await ownerWithDependent('owner-or', 'dep-or');
      await cluster.api.delete(cluster.context(ADMIN_USER), def('configmaps'), 'default', 'owner-or', { propagationPolicy: 'Orphan' });
      await cluster.settle();
      assert.equal(get('configmaps', 'default', 'owner-or'), undefined);
      const dep = get('configmaps', 'default', 'dep-or');
      assert.ok(dep, 'dependent kept');
      assert.equal(dep.metadata.ownerReferences, undefined);
    });

    it('collects an object whose owner never existed', async () => {
      await create(
        'configmaps',
        'default',
        cm('orphan-at-birth', 'default', { ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'ghost', uid: '00000000-0000-4000-8000-000000000000' }] }),
      );
      await cluster.settle();
      assert.equal(get('configmaps', 'default', 'orphan-at-birth'), undefined);
    });

    it('removes only the dangling reference when another owner lives', async () => {
      const a = (await create('configmaps', 'default', cm('owner-a', 'default'))).object as StoredObject;
      const b = (await create('configmaps', 'default', cm('owner-b', 'default'))).object as StoredObject;
      await create(
        'configmaps',
        'default',
        cm('two-owners', 'default', {
          ownerReferences: [
            { apiVersion: 'v1', kind: 'ConfigMap', name: 'owner-a', uid: a.metadata.uid },
            { apiVersion: 'v1', kind: 'ConfigMap', name: 'owner-b', uid: b.metadata.uid },
          ],
        }),
      );
      await cluster.api.delete(cluster.context(ADMIN_USER), def('configmaps'), 'default', 'owner-a', {});
      await cluster.settle();
      const dep = get('configmaps', 'default', 'two-owners');
      assert.ok(dep);
      assert.deepEqual(dep.metadata.ownerReferences?.map((o) => o.name), ['owner-b']);
    });
  });
});
