// @kubernetes/client-node as a second real client: its KubeConfig built from the sandbox's
// kubeconfig (TLS verified with the sandbox CA, bearer token), typed list calls, a raw watch,
// and an informer followed through create/update/delete and a server restart on the same data
// dir (the informer resumes from the resourceVersion it last saw and gets what it missed).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CoreV1Api, KubeConfig, makeInformer, type V1ConfigMap, Watch } from '@kubernetes/client-node';
import { Sandbox } from '../../src/sandbox/sandbox.ts';
import { loadOrCreateCA } from '../../src/sandbox/server/tls.ts';

/** Resolves when `test` holds for what was recorded so far (checked on every record). */
class Recorder<T> {
  readonly items: T[] = [];
  private waiters: Array<{ test: (items: T[]) => boolean; resolve: () => void }> = [];

  push(item: T): void {
    this.items.push(item);
    this.waiters = this.waiters.filter((w) => (w.test(this.items) ? (w.resolve(), false) : true));
  }

  until(test: (items: T[]) => boolean): Promise<void> {
    if (test(this.items)) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ test, resolve }));
  }
}

function configMap(name: string, data: Record<string, string>, resourceVersion?: string): V1ConfigMap {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, ...(resourceVersion ? { resourceVersion } : {}) }, data };
}

describe('@kubernetes/client-node against the sandbox', () => {
  let dir: string;
  let sandbox: Sandbox;
  let kc: KubeConfig;
  let core: CoreV1Api;

  const connect = () => {
    kc = new KubeConfig();
    kc.loadFromString(sandbox.kubeconfig(['c1']));
    core = kc.makeApiClient(CoreV1Api);
  };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kubecamp-client-node-'));
    sandbox = await Sandbox.start({ port: 0, dataDir: dir });
    await sandbox.createCluster('c1');
    connect();
  });
  after(async () => {
    await sandbox.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('verifies the server with the CA from the kubeconfig', () => {
    const cluster = kc.getCurrentCluster()!;
    assert.equal(cluster.server, `${sandbox.url}/clusters/c1`);
    assert.equal(cluster.skipTLSVerify, false);
    assert.match(Buffer.from(cluster.caData!, 'base64').toString(), /BEGIN CERTIFICATE/);
  });

  it('lists namespaces and configmaps', async () => {
    const namespaces = await core.listNamespace();
    assert.deepEqual(namespaces.items.map((n) => n.metadata?.name), ['default', 'kube-node-lease', 'kube-public', 'kube-system']);
    assert.ok(Number(namespaces.metadata?.resourceVersion) > 0);
    const cms = await core.listNamespacedConfigMap({ namespace: 'default' });
    assert.deepEqual(cms.items.map((c) => c.metadata?.name), ['kube-root-ca.crt']);
    assert.equal(cms.items[0]!.data?.['ca.crt'], sandbox.caPem);
  });

  it('rejects a server whose certificate the CA did not sign', async () => {
    const other = new KubeConfig();
    other.loadFromString(sandbox.kubeconfig(['c1']));
    // A CA of its own, valid but not the sandbox's.
    const foreignCA = Buffer.from((await loadOrCreateCA(join(dir, 'foreign-pki'))).certPem).toString('base64');
    other.clusters = other.clusters.map((c) => ({ ...c, caData: foreignCA }));
    await assert.rejects(other.makeApiClient(CoreV1Api).listNamespace(), /self[- ]signed|unable to verify|certificate/i);
  });

  it('watches configmaps: ADDED, MODIFIED, DELETED', async () => {
    const list = await core.listNamespacedConfigMap({ namespace: 'default' });
    const events = new Recorder<{ type: string; name: string; data: Record<string, string> | undefined }>();
    const watch = new Watch(kc);
    const ended = new Recorder<unknown>();
    const req = await watch.watch(
      '/api/v1/namespaces/default/configmaps',
      { resourceVersion: list.metadata?.resourceVersion },
      (type: string, obj: V1ConfigMap) => events.push({ type, name: obj.metadata?.name ?? '', data: obj.data }),
      (err: unknown) => ended.push(err),
    );
    try {
      const created = await core.createNamespacedConfigMap({ namespace: 'default', body: configMap('watched', { v: '1' }) });
      await core.replaceNamespacedConfigMap({ name: 'watched', namespace: 'default', body: configMap('watched', { v: '2' }, created.metadata?.resourceVersion) });
      await core.deleteNamespacedConfigMap({ name: 'watched', namespace: 'default' });
      await events.until((e) => e.length >= 3);
      assert.deepEqual(events.items, [
        { type: 'ADDED', name: 'watched', data: { v: '1' } },
        { type: 'MODIFIED', name: 'watched', data: { v: '2' } },
        { type: 'DELETED', name: 'watched', data: { v: '2' } },
      ]);
      assert.deepEqual(ended.items, [], 'the watch stays open');
    } finally {
      req.abort();
    }
  });

  it('runs an informer through create, update, delete and a server restart', async () => {
    const path = '/api/v1/namespaces/default/configmaps';
    const informer = makeInformer<V1ConfigMap>(kc, path, () => core.listNamespacedConfigMap({ namespace: 'default' }));
    const seen = new Recorder<string>();
    const errors = new Recorder<unknown>();
    let lastRV = 0;
    const record = (what: string, o: V1ConfigMap) => {
      lastRV = Math.max(lastRV, Number(o.metadata?.resourceVersion));
      seen.push(what === 'delete' ? `delete ${o.metadata?.name}` : `${what} ${o.metadata?.name} ${JSON.stringify(o.data)}`);
    };
    informer.on('add', (o) => record('add', o));
    informer.on('update', (o) => record('update', o));
    informer.on('delete', (o) => record('delete', o));
    informer.on('error', (e) => errors.push(e));
    await informer.start();
    try {
      await seen.until((s) => s.includes('add kube-root-ca.crt ' + JSON.stringify({ 'ca.crt': sandbox.caPem })));

      const a = await core.createNamespacedConfigMap({ namespace: 'default', body: configMap('a', { v: '1' }) });
      await core.createNamespacedConfigMap({ namespace: 'default', body: configMap('b', { v: '1' }) });
      await core.replaceNamespacedConfigMap({ name: 'a', namespace: 'default', body: configMap('a', { v: '2' }, a.metadata?.resourceVersion) });
      await core.deleteNamespacedConfigMap({ name: 'b', namespace: 'default' });
      await seen.until((s) => s.includes('delete b'));
      assert.deepEqual(seen.items.slice(1), ['add a {"v":"1"}', 'add b {"v":"1"}', 'update a {"v":"2"}', 'delete b']);
      assert.deepEqual(informer.list('default').map((o) => o.metadata?.name).sort(), ['a', 'kube-root-ca.crt']);

      // Restart on the same data dir and port. While the server is down the informer's watch
      // fails and it reports an error; after the restart it is started again (what an
      // application's error handler does) and resumes from the version it last saw.
      const port = sandbox.port;
      await sandbox.stop();
      await errors.until((e) => e.length > 0);
      sandbox = await Sandbox.start({ port, dataDir: dir });
      connect();
      const c = await core.createNamespacedConfigMap({ namespace: 'default', body: configMap('c', { v: '1' }) });
      await core.deleteNamespacedConfigMap({ name: 'a', namespace: 'default' });
      assert.ok(Number(c.metadata?.resourceVersion) > lastRV, 'resourceVersions keep increasing after the restart');

      const before = seen.items.length;
      await informer.start();
      await seen.until((s) => s.includes('delete a'));
      // In write order: a relist would report the deletion first.
      assert.deepEqual(seen.items.slice(before), ['add c {"v":"1"}', 'delete a'], 'exactly the missed events, no relist');
      assert.deepEqual(informer.list('default').map((o) => o.metadata?.name).sort(), ['c', 'kube-root-ca.crt']);
      assert.equal(informer.get('c', 'default')?.metadata?.uid, c.metadata?.uid);
    } finally {
      await informer.stop();
    }
  });
});
