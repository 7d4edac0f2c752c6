import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { candidates, lookup } from './dns.ts';
import { endpoint, service, slice } from './testing.ts';
import { sourceOf } from './view.ts';

const src = sourceOf([
  service('kubernetes', { clusterIP: '10.96.0.1' }),
  service('web', { clusterIP: '10.96.20.30', selector: { app: 'web' } }),
  service('db', { clusterIP: 'None', selector: { app: 'db' } }),
  slice('db', [endpoint('10.244.2.7', true, 'db-1'), endpoint('10.244.1.6', true, 'db-0'), endpoint('10.244.1.9', false, 'db-2')], [{ name: '', port: 5432, protocol: 'TCP' }]),
  service('cache', { clusterIP: '10.96.40.40' }, { namespace: 'shop' }),
  service('alias', { type: 'ExternalName', externalName: 'cache.shop.svc.cluster.local' }),
  service('google', { type: 'ExternalName', externalName: 'www.google.com' }),
  service('empty', { clusterIP: 'None', selector: { app: 'none' } }),
]);

describe('cluster DNS', () => {
  it('tries the search path first below ndots:5, the name first at or above it', () => {
    assert.deepEqual(candidates('web', 'default'), ['web.default.svc.cluster.local', 'web.svc.cluster.local', 'web.cluster.local', 'web']);
    assert.deepEqual(candidates('a.b.c.d.e.f', 'default')[0], 'a.b.c.d.e.f');
    assert.deepEqual(candidates('web.default.svc.cluster.local.', 'x'), ['web.default.svc.cluster.local']);
  });

  it('answers a Service by every short form with its ClusterIP and the fully qualified name', () => {
    for (const name of ['web', 'web.default', 'web.default.svc', 'web.default.svc.cluster.local']) {
      assert.deepEqual(lookup(src, name, 'default'), { name: 'web.default.svc.cluster.local', addresses: ['10.96.20.30'] }, name);
    }
    assert.equal(lookup(src, 'web', 'shop'), undefined);
    assert.deepEqual(lookup(src, 'cache.shop', 'default')?.addresses, ['10.96.40.40']);
    assert.deepEqual(lookup(src, 'kubernetes.default', 'shop'), { name: 'kubernetes.default.svc.cluster.local', addresses: ['10.96.0.1'] });
  });

  it('answers a headless Service with its ready endpoints and StatefulSet pods by hostname', () => {
    assert.deepEqual(lookup(src, 'db', 'default')?.addresses, ['10.244.1.6', '10.244.2.7']);
    assert.deepEqual(lookup(src, 'db-1.db', 'default'), { name: 'db-1.db.default.svc.cluster.local', addresses: ['10.244.2.7'] });
    assert.deepEqual(lookup(src, 'db-0.db.default.svc.cluster.local', 'shop')?.addresses, ['10.244.1.6']);
    assert.equal(lookup(src, 'db-2.db', 'default'), undefined, 'an unready pod has no record');
    assert.equal(lookup(src, 'empty', 'default'), undefined);
  });

  it('answers pod A records and follows ExternalName CNAMEs only inside the cluster', () => {
    assert.deepEqual(lookup(src, '10-244-1-5.default.pod.cluster.local', 'default')?.addresses, ['10.244.1.5']);
    assert.deepEqual(lookup(src, 'alias', 'default')?.addresses, ['10.96.40.40']);
    assert.equal(lookup(src, 'google', 'default'), undefined);
    assert.equal(lookup(src, 'example.com', 'default'), undefined);
    assert.equal(lookup(src, 'nope', 'default'), undefined);
  });
});

describe('cluster DNS for hand-written Endpoints', () => {
  it('answers a headless Service without selector from its Endpoints', () => {
    const ep = { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'ext', namespace: 'default', uid: 'u', resourceVersion: '1' }, subsets: [{ addresses: [{ ip: '192.168.1.10' }], ports: [{ port: 5432 }] }] };
    const s = sourceOf([service('ext', { clusterIP: 'None' }), ep], (o) => (o.kind === 'Endpoints' ? 'endpoints' : o.kind === 'Service' ? 'services' : ''));
    assert.deepEqual(lookup(s, 'ext', 'default')?.addresses, ['192.168.1.10']);
  });
});
