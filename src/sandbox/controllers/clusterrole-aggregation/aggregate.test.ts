import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { KubeObject, StoredObject } from '../../../apimachinery/object.ts';
import { ADMIN_USER, type Cluster } from '../../cluster.ts';
import { Sandbox } from '../../sandbox.ts';
import { aggregateAll, aggregatedRules, type ClusterRoleLike } from './aggregate.ts';

const sel = (label: string) => ({ clusterRoleSelectors: [{ matchLabels: { [label]: 'true' } }] });
const rule = (resource: string, verbs = ['get']) => ({ apiGroups: [''], resources: [resource], verbs });

describe('ClusterRole aggregation (planning)', () => {
  it('gathers the rules of matching roles by name, once each, never its own', () => {
    const target: ClusterRoleLike = { metadata: { name: 'view', labels: { 'agg/view': 'true' } }, aggregationRule: sel('agg/view'), rules: [rule('old')] };
    const all: ClusterRoleLike[] = [
      target,
      { metadata: { name: 'z-extra', labels: { 'agg/view': 'true' } }, rules: [rule('secrets'), rule('pods')] },
      { metadata: { name: 'a-base', labels: { 'agg/view': 'true' } }, rules: [rule('pods')] },
      { metadata: { name: 'other', labels: { 'agg/edit': 'true' } }, rules: [rule('nodes')] },
    ];
    assert.deepEqual(aggregatedRules(target, all), [rule('pods'), rule('secrets')]);
  });

  it('reaches the fixed point through chained aggregations (view into edit into admin)', () => {
    const roles: ClusterRoleLike[] = [
      { metadata: { name: 'admin' }, aggregationRule: sel('to-admin') },
      { metadata: { name: 'edit', labels: { 'to-admin': 'true' } }, aggregationRule: sel('to-edit') },
      { metadata: { name: 'view', labels: { 'to-edit': 'true' } }, aggregationRule: sel('to-view') },
      { metadata: { name: 'v', labels: { 'to-view': 'true' } }, rules: [rule('pods')] },
      { metadata: { name: 'e', labels: { 'to-edit': 'true' } }, rules: [rule('pods', ['create'])] },
    ];
    const out = aggregateAll(roles);
    assert.deepEqual(out.get('view'), [rule('pods')]);
    assert.deepEqual(out.get('edit'), [rule('pods', ['create']), rule('pods')]);
    assert.deepEqual(out.get('admin'), [rule('pods', ['create']), rule('pods')]);
  });
});

describe('ClusterRole aggregation controller', () => {
  let sandbox: Sandbox;
  let cluster: Cluster;
  const CR = 'clusterroles.rbac.authorization.k8s.io';
  const rulesOf = (name: string) => (cluster.store.get(CR, undefined, name) as StoredObject & { rules?: unknown[] }).rules ?? [];

  before(async () => {
    sandbox = await Sandbox.start({ port: 0 });
    cluster = await sandbox.createCluster('agg');
  });
  after(() => sandbox.stop());

  it('extends view, edit and admin with a role labelled aggregate-to-view, and shrinks them when it goes', async () => {
    const viewBefore = rulesOf('view').length;
    assert.ok(viewBefore > 0, 'view starts aggregated');
    const def = cluster.resources.byResource('rbac.authorization.k8s.io', 'clusterroles')!;
    const crontabs = {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: 'crontab-reader', labels: { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' } },
      rules: [{ apiGroups: ['stable.example.com'], resources: ['crontabs'], verbs: ['get', 'list', 'watch'] }],
    } as KubeObject;
    await cluster.api.create(cluster.context(ADMIN_USER), def, undefined, crontabs, { fieldManager: 'test' });
    await cluster.settle();
    for (const name of ['view', 'edit', 'admin']) {
      assert.ok(
        rulesOf(name).some((r) => JSON.stringify(r) === JSON.stringify({ apiGroups: ['stable.example.com'], resources: ['crontabs'], verbs: ['get', 'list', 'watch'] })),
        `${name} has the crontab rule`,
      );
    }
    const view = cluster.store.get(CR, undefined, 'view')!;
    assert.ok(view.metadata.managedFields?.some((m) => m.manager === 'clusterrole-aggregation-controller' && m.operation === 'Apply'));
    await cluster.api.delete(cluster.context(ADMIN_USER), def, undefined, 'crontab-reader', {});
    await cluster.settle();
    assert.equal(rulesOf('view').length, viewBefore);
  });
});
