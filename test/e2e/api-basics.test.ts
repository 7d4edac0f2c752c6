// The API machinery every kind relies on, through the real kubectl and raw HTTPS: isolation
// between clusters, authentication, bad input, dry run, selectors, paging, watch and the
// sandbox admin API.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { cleanStderr, startSandbox, type TestCluster } from '../helpers/sandbox.ts';
import { raw, tokenOf } from '../helpers/http.ts';
import { nodePower } from '../../src/sandbox/node/node-power.ts';

const cm = (name: string, labels: Record<string, string> = {}) =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  labels: ${JSON.stringify(labels)}\ndata:\n  k: v\n`;

describe('API machinery', () => {
  let t: TestCluster;
  before(async () => {
    t = await startSandbox({ clusters: 2 });
  });
  after(() => t.stop());

  describe('multi-tenancy', () => {
    it('rejects a credential of one cluster on every other cluster with 401', async () => {
      const a = tokenOf(t.sandbox, 'c1');
      for (const path of ['/clusters/c2/api/v1/namespaces', '/clusters/c2/version', '/clusters/c2/apis', '/clusters/nope/api/v1/pods']) {
        const r = await raw(t.sandbox, 'GET', path, { token: a });
        assert.equal(r.status, 401, path);
        assert.deepEqual(r.json(), { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401 });
      }
      assert.equal((await raw(t.sandbox, 'GET', '/clusters/c1/api/v1/namespaces', { token: a })).status, 200);
    });

    it('keeps objects and resourceVersions per cluster', async () => {
      const rv = (id: string) =>
        raw(t.sandbox, 'GET', `/clusters/${id}/api/v1/configmaps`, { token: tokenOf(t.sandbox, id) }).then(
          (r) => Number(r.json<{ metadata: { resourceVersion: string } }>().metadata.resourceVersion),
        );
      // c2's kubelets renew their node Leases every 10 s; stop them so that only a leak from c1
      // could move c2's sequence.
      const power = nodePower(t.sandbox.getCluster('c2')!);
      const nodes = t.sandbox.getCluster('c2')!.store.list('nodes').map((n) => n.metadata.name);
      for (const n of nodes) power.set(n, true);
      const [before1, before2] = [await rv('c1'), await rv('c2')];
      await t.kubectl('apply -f -', { input: cm('only-in-one') });
      const other = await t.kubectl('get cm only-in-one', { context: 'kubecamp-c2' });
      assert.equal(other.code, 1);
      assert.match(other.stderr, /configmaps "only-in-one" not found/);
      assert.ok((await rv('c1')) > before1, 'c1 advanced its sequence');
      assert.equal(await rv('c2'), before2, 'c2 did not move');
      for (const n of nodes) power.set(n, false);
    });

    it('tells kubectl it is not logged in with a wrong token', async () => {
      const r = await t.kubectl('get pods --token=not-a-token');
      assert.equal(r.code, 1);
      assert.match(cleanStderr(r.stderr), /error: You must be logged in to the server \(Unauthorized\)/);
    });

    it('serves /version anonymously but nothing else', async () => {
      const v = await raw(t.sandbox, 'GET', '/clusters/c1/version', { token: null });
      assert.equal(v.status, 200);
      assert.equal(v.json().gitVersion, 'v1.36.0');
      const r = await raw(t.sandbox, 'GET', '/clusters/c1/api/v1/namespaces', { token: null });
      assert.equal(r.status, 403);
      assert.equal(r.json().message, 'namespaces is forbidden: User "system:anonymous" cannot list resource "namespaces" in API group "" at the cluster scope');
    });
  });

  describe('bad input', () => {
    const post = (body: string | Buffer, headers: Record<string, string> = { 'Content-Type': 'application/json' }, path = '/clusters/c1/api/v1/namespaces/default/configmaps') =>
      raw(t.sandbox, 'POST', path, { token: tokenOf(t.sandbox, 'c1'), body, headers });

    it('answers malformed JSON with 400 and a Status', async () => {
      const r = await post('{"apiVersion": "v1", "kind": ');
      assert.equal(r.status, 400);
      assert.equal(r.json().kind, 'Status');
      assert.match(String(r.json().message), /^couldn't get version\/kind; json parse error: /);
    });

    it('answers malformed YAML with 400', async () => {
      const r = await post('kind: ConfigMap\n  bad: [indent', { 'Content-Type': 'application/yaml' });
      assert.equal(r.status, 400);
      assert.match(String(r.json().message), /^error converting YAML to JSON: /);
    });

    it('rejects a body for another apiVersion or kind', async () => {
      const wrongVersion = await post(JSON.stringify({ apiVersion: 'v2', kind: 'ConfigMap', metadata: { name: 'x' } }));
      assert.equal(wrongVersion.status, 400);
      assert.equal(wrongVersion.json().message, 'the API version in the data (v2) does not match the expected API version (v1)');
      const wrongKind = await post(JSON.stringify({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'x' } }));
      assert.equal(wrongKind.status, 400);
    });

    it('refuses bodies over 3 MiB with 413', async () => {
      const big = JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'big' }, data: { k: 'x'.repeat(3 * 1024 * 1024 + 10) } });
      const r = await post(big);
      assert.equal(r.status, 413);
      assert.equal(r.json().reason, 'RequestEntityTooLarge');
    });

    it('refuses absurdly nested documents', async () => {
      const deep = `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"deep"},"x":${'['.repeat(5000)}${']'.repeat(5000)}}`;
      const r = await post(deep);
      assert.equal(r.status, 400);
      assert.match(String(r.json().message), /nested too deeply/);
    });

    it('answers an unsupported media type with 415 and an unknown resource with 404', async () => {
      const r = await post('<xml/>', { 'Content-Type': 'text/xml' });
      assert.equal(r.status, 415);
      assert.equal(r.json().reason, 'UnsupportedMediaType');
      const nf = await raw(t.sandbox, 'GET', '/clusters/c1/api/v1/namespaces/default/widgets', { token: tokenOf(t.sandbox, 'c1') });
      assert.equal(nf.status, 404);
      assert.equal(nf.json().message, 'the server could not find the requested resource');
    });

    it('rejects an invalid label selector with 400', async () => {
      const r = await t.kubectl(['get', 'cm', '-l', 'app in x']);
      assert.equal(r.code, 1);
      assert.match(cleanStderr(r.stderr), /unable to parse requirement/);
    });

    it('stays healthy after all of it', async () => {
      assert.equal((await t.kubectl('get ns default -o name')).stdout.trim(), 'namespace/default');
    });
  });

  describe('dry run', () => {
    it('runs defaults and validation but stores nothing', async () => {
      const r = await t.kubectl('create -f - --dry-run=server -o jsonpath={.metadata.uid}', { input: cm('dry') });
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /^[0-9a-f-]{36}$/);
      assert.equal((await t.kubectl('get cm dry')).code, 1);
      const bad = await t.kubectl('create -f - --dry-run=server', { input: cm('Bad_Name') });
      assert.equal(bad.code, 1);
      assert.match(bad.stderr, /ConfigMap "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name"/);
    });
  });

  describe('lists', () => {
    before(async () => {
      for (let i = 0; i < 7; i++) await t.kubectl('apply -f -', { input: cm(`page-${i}`, { tier: i % 2 ? 'odd' : 'even', paged: 'yes' }) });
    });

    it('pages with limit and continue', async () => {
      const r = await t.kubectl('get cm -l paged=yes --chunk-size=2 -o name');
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(r.stdout.trim().split('\n'), [0, 1, 2, 3, 4, 5, 6].map((i) => `configmap/page-${i}`));
    });

    it('filters with every label selector operator', async () => {
      const names = async (sel: string) => (await t.kubectl(['get', 'cm', '-l', sel, '-o', 'name'])).stdout.trim().split('\n').filter(Boolean);
      assert.equal((await names('tier=odd')).length, 3);
      assert.equal((await names('tier!=odd,paged')).length, 4);
      assert.equal((await names('tier in (odd,even)')).length, 7);
      assert.equal((await names('tier notin (odd),paged=yes')).length, 4);
      assert.deepEqual(await names('!paged,tier'), []);
    });

    it('filters with field selectors and names unsupported ones', async () => {
      const r = await t.kubectl('get cm --field-selector metadata.name=page-3 -o name');
      assert.equal(r.stdout.trim(), 'configmap/page-3');
      const bad = await t.kubectl('get cm --field-selector spec.nope=1');
      assert.equal(bad.code, 1);
      assert.match(cleanStderr(bad.stderr), /field label not supported: spec.nope/);
    });

    it('deletes a collection by label', async () => {
      const r = await t.kubectl('delete cm -l tier=odd');
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(r.stdout.trim().split('\n').sort(), ['configmap "page-1" deleted', 'configmap "page-3" deleted', 'configmap "page-5" deleted']);
    });
  });

  describe('watch', () => {
    it('streams changes to kubectl get -w and kubectl wait --for=delete', async () => {
      await t.kubectl('apply -f -', { input: cm('watched') });
      const waiting = t.kubectl('wait --for=delete configmap/watched --timeout=20s');
      await new Promise((r) => setTimeout(r, 300));
      await t.kubectl('delete cm watched');
      const r = await waiting;
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout.trim(), 'configmap/watched condition met');
    });

    it('answers a watch from before the retained window with 410 Expired', async () => {
      for (let i = 0; i < 1005; i++) {
        await t.sandbox.getCluster('c2')!.api.create(
          t.sandbox.getCluster('c2')!.context({ username: 'test', groups: ['system:masters'] }),
          t.sandbox.getCluster('c2')!.resources.byResource('', 'configmaps')!,
          'default',
          { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `flood-${i}` } },
          { fieldManager: 'test' },
        );
      }
      const r = await raw(t.sandbox, 'GET', '/clusters/c2/api/v1/configmaps?watch=true&resourceVersion=1&timeoutSeconds=1', { token: tokenOf(t.sandbox, 'c2') });
      assert.equal(r.status, 200);
      const ev = JSON.parse(r.body.trim().split('\n')[0]!);
      assert.equal(ev.type, 'ERROR');
      assert.equal(ev.object.code, 410);
      assert.equal(ev.object.reason, 'Expired');
      assert.match(ev.object.message, /^too old resource version: 1 \(\d+\)$/);
    });
  });

  describe('admin API', () => {
    const admin = (method: string, path: string, body?: unknown, token: string | null = t.sandbox.adminToken) =>
      raw(t.sandbox, method, path, { token, body: body === undefined ? undefined : JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });

    it('creates, describes, lists and deletes clusters', async () => {
      const created = await admin('POST', '/admin/v1/clusters', { id: 'team-7' });
      assert.equal(created.status, 201);
      const info = created.json<{ id: string; server: string; token: string; kubeconfig: string }>();
      assert.equal(info.id, 'team-7');
      assert.match(info.server, /\/clusters\/team-7$/);
      assert.match(info.kubeconfig, /certificate-authority-data/);
      const ns = await raw(t.sandbox, 'GET', '/clusters/team-7/api/v1/namespaces', { token: info.token });
      assert.equal(ns.status, 200);
      assert.equal((await admin('POST', '/admin/v1/clusters', { id: 'team-7' })).status, 409);
      const list = (await admin('GET', '/admin/v1/clusters')).json<{ items: Array<{ id: string }> }>();
      assert.ok(list.items.some((c) => c.id === 'team-7'));
      assert.equal((await admin('DELETE', '/admin/v1/clusters/team-7')).status, 200);
      assert.equal((await raw(t.sandbox, 'GET', '/clusters/team-7/api/v1/namespaces', { token: info.token })).status, 401);
    });

    it('needs the admin token and says what is wrong', async () => {
      const r = await admin('GET', '/admin/v1/clusters', undefined, tokenOf(t.sandbox, 'c1'));
      assert.equal(r.status, 401);
      assert.deepEqual(r.json(), { error: { code: 'unauthorized', message: 'a valid sandbox admin token is required' } });
      const bad = await admin('POST', '/admin/v1/clusters', { id: 'Not Valid' });
      assert.equal(bad.status, 400);
    });
  });
});

describe('kubectl get --raw', () => {
  let t: TestCluster;
  before(async () => {
    t = await startSandbox({ clusters: 2 });
  });
  after(() => t.stop());

  it('reaches the right cluster without the /clusters/<id> prefix (routed by the token)', async () => {
    await t.kubectl('create namespace only-in-c2', { context: 'kubecamp-c2' });
    const r = await t.kubectl('get --raw /api/v1/namespaces/only-in-c2', { context: 'kubecamp-c2' });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).metadata.name, 'only-in-c2');
    const other = await t.kubectl('get --raw /api/v1/namespaces/only-in-c2', { context: 'kubecamp-c1' });
    assert.equal(other.code, 1);
    assert.match(other.stderr, /namespaces "only-in-c2" not found/);
  });
});
