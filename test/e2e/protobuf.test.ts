// Black-box: kubectl's typed clients send protobuf request bodies (create configmap, secret,
// deployment, role, ..., auth can-i, create token). The sandbox must store what a real cluster
// stores for them: the fields kubectl set, and none of the zero values protobuf carries for the
// fields it did not set.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { after, before, describe, it } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { MessageEncoder } from '../../src/apimachinery/protobuf/encode.ts';
import { cleanStderr, startSandbox, type TestCluster } from '../helpers/sandbox.ts';

type Json = Record<string, unknown>;

interface Kubeconfig {
  clusters: Array<{ cluster: { server: string; 'certificate-authority-data': string } }>;
  users: Array<{ user: { token: string } }>;
}

describe('protobuf request bodies (kubectl typed clients)', () => {
  let t: TestCluster;
  before(async () => {
    t = await startSandbox();
  });
  after(() => t.stop());

  async function ok(args: string[]): Promise<string> {
    const r = await t.kubectl(args);
    assert.equal(r.code, 0, `kubectl ${args.join(' ')}: ${cleanStderr(r.stderr)}`);
    return r.stdout;
  }

  async function getJson(args: string[]): Promise<Json> {
    return JSON.parse(await ok(['get', ...args, '-o', 'json'])) as Json;
  }

  const meta = (o: Json) => o.metadata as Json;

  /** Sends raw bytes to the first cluster, as a client library would. */
  async function send(method: string, path: string, contentType: string, body: Uint8Array): Promise<{ status: number; body: Json }> {
    const kc = parseYaml(readFileSync(t.kubeconfig, 'utf8')) as Kubeconfig;
    const url = new URL(kc.clusters[0]!.cluster.server + path);
    return new Promise((resolve, reject) => {
      const req = request(
        url,
        {
          method,
          ca: Buffer.from(kc.clusters[0]!.cluster['certificate-authority-data'], 'base64'),
          headers: {
            authorization: `Bearer ${kc.users[0]!.user.token}`,
            'content-type': contentType,
            accept: 'application/vnd.kubernetes.protobuf, application/json',
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Json }));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  it('stores a configmap with exactly the fields a real cluster stores', async () => {
    await ok(['create', 'configmap', 'x', '--from-literal=a=b', '--from-literal=c=d']);
    const cm = await getJson(['configmap', 'x']);
    assert.deepEqual(Object.keys(cm).sort(), ['apiVersion', 'data', 'kind', 'metadata']);
    assert.deepEqual(cm.data, { a: 'b', c: 'd' });
    assert.deepEqual(Object.keys(meta(cm)).sort(), ['creationTimestamp', 'name', 'namespace', 'resourceVersion', 'uid']);
    assert.equal(meta(cm).name, 'x');
    assert.equal(meta(cm).namespace, 'default');
    assert.match(String(meta(cm).creationTimestamp), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it('stores a namespace without zero-valued metadata', async () => {
    await ok(['create', 'namespace', 'proto-ns']);
    const ns = await getJson(['namespace', 'proto-ns']);
    assert.equal(meta(ns).name, 'proto-ns');
    for (const k of ['generateName', 'namespace', 'selfLink', 'generation', 'deletionGracePeriodSeconds']) assert.equal(k in meta(ns), false, k);
  });

  it('stores secret data as base64, as sent', async () => {
    await ok(['create', 'secret', 'generic', 's', '--from-literal=k=v', '--from-literal=bin=\u00ff']);
    const s = await getJson(['secret', 's']);
    assert.deepEqual(s.data, { bin: Buffer.from('\u00ff').toString('base64'), k: 'dg==' });
    assert.equal('immutable' in s, false);
    // kubectl leaves type empty; upstream defaults it to Opaque, and never stores "".
    assert.notEqual(s.type, '');
  });

  it('keeps replicas: 0 of a deployment and drops the container zero values', async () => {
    await ok(['create', 'deployment', 'web', '--image=nginx', '--replicas=0']);
    const d = await getJson(['deployment', 'web']);
    const spec = d.spec as Json;
    assert.equal(spec.replicas, 0);
    assert.deepEqual(spec.selector, { matchLabels: { app: 'web' } });
    const template = spec.template as Json;
    assert.deepEqual(meta(template).labels, { app: 'web' });
    assert.equal('creationTimestamp' in meta(template), false);
    const c = ((template.spec as Json).containers as Json[])[0]!;
    assert.equal(c.name, 'nginx');
    assert.equal(c.image, 'nginx');
    assert.deepEqual(c.resources, {});
    for (const k of ['stdin', 'stdinOnce', 'tty', 'workingDir', 'ports', 'command', 'args']) assert.equal(k in c, false, k);
    assert.equal('paused' in spec, false);
    assert.equal('minReadySeconds' in spec, false);
  });

  it('stores RBAC objects with empty-string list items and required empty fields kept', async () => {
    await ok(['create', 'serviceaccount', 'robot']);
    const sa = await getJson(['serviceaccount', 'robot']);
    assert.equal(meta(sa).name, 'robot');
    assert.equal('automountServiceAccountToken' in sa, false);
    await ok(['create', 'role', 'reader', '--verb=get,list', '--resource=pods']);
    const role = await getJson(['role', 'reader']);
    // The core group is the empty string: an element of a repeated field, kept.
    assert.deepEqual(role.rules, [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] }]);
    await ok(['create', 'rolebinding', 'reader', '--role=reader', '--user=alice', '--serviceaccount=default:robot']);
    const rb = await getJson(['rolebinding', 'reader']);
    assert.deepEqual(rb.roleRef, { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'reader' });
    assert.deepEqual(rb.subjects, [
      { apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'alice' },
      { kind: 'ServiceAccount', name: 'robot', namespace: 'default' },
    ]);
    await ok(['create', 'clusterrole', 'node-reader', '--verb=get', '--resource=nodes']);
    const cr = await getJson(['clusterrole', 'node-reader']);
    assert.deepEqual(cr.rules, [{ apiGroups: [''], resources: ['nodes'], verbs: ['get'] }]);
    await ok(['create', 'clusterrolebinding', 'node-reader', '--clusterrole=node-reader', '--group=devs']);
    const crb = await getJson(['clusterrolebinding', 'node-reader']);
    assert.deepEqual(crb.subjects, [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'devs' }]);
  });

  it('keeps the zero values kubectl means: priority value 0, minAvailable 0', async () => {
    await ok(['create', 'priorityclass', 'zero', '--value=0']);
    const pc = await getJson(['priorityclass', 'zero']);
    assert.equal(pc.value, 0);
    assert.equal('globalDefault' in pc, false);
    assert.equal('description' in pc, false);
    await ok(['create', 'poddisruptionbudget', 'pdb', '--selector=app=web', '--min-available=0']);
    const pdb = await getJson(['poddisruptionbudget', 'pdb']);
    assert.deepEqual(pdb.spec, { minAvailable: 0, selector: { matchLabels: { app: 'web' } } });
  });

  it('stores services, quotas, ingresses and jobs as kubectl built them', async () => {
    await ok(['create', 'service', 'clusterip', 'svc', '--tcp=80:8080']);
    const svc = await getJson(['service', 'svc']);
    assert.deepEqual((svc.spec as Json).ports, [{ name: '80-8080', port: 80, protocol: 'TCP', targetPort: 8080 }]);
    await ok(['create', 'quota', 'q', '--hard=pods=10,cpu=2']);
    const q = await getJson(['resourcequota', 'q']);
    assert.deepEqual((q.spec as Json).hard, { cpu: '2', pods: '10' });
    await ok(['create', 'ingress', 'ing', '--rule=foo.com/bar=svc:80']);
    const ing = await getJson(['ingress', 'ing']);
    assert.deepEqual((ing.spec as Json).rules, [
      { host: 'foo.com', http: { paths: [{ backend: { service: { name: 'svc', port: { number: 80 } } }, path: '/bar', pathType: 'Exact' }] } },
    ]);
    await ok(['create', 'job', 'once', '--image=busybox', '--', 'echo', 'hi']);
    const job = await getJson(['job', 'once']);
    const c = ((((job.spec as Json).template as Json).spec as Json).containers as Json[])[0]!;
    assert.deepEqual(c.command, ['echo', 'hi']);
    await ok(['create', 'cronjob', 'tick', '--image=busybox', '--schedule=*/5 * * * *']);
    const cj = await getJson(['cronjob', 'tick']);
    assert.equal((cj.spec as Json).schedule, '*/5 * * * *');
  });

  it('answers review requests and subresources sent as protobuf', async () => {
    assert.match((await ok(['auth', 'can-i', 'get', 'pods'])).trim(), /^(yes|no)$/);
    assert.match(await ok(['auth', 'whoami']), /Username/);
    await ok(['create', 'serviceaccount', 'tokens']);
    const token = (await ok(['create', 'token', 'tokens', '--duration=10m'])).trim();
    assert.match(token, /^[\w-]+\.[\w-]+\.[\w-]+$/);
  });

  it('rejects a malformed protobuf body with 400 BadRequest, and protobuf patches with 415', async () => {
    const path = '/api/v1/namespaces/default/configmaps';
    const noMagic = await send('POST', path, 'application/vnd.kubernetes.protobuf', Buffer.from('not protobuf'));
    assert.equal(noMagic.status, 400);
    assert.equal(noMagic.body.reason, 'BadRequest');
    assert.match(String(noMagic.body.message), /does not appear to be a protobuf message, expected prefix \[107 56 115 0\]/);

    const encoder = new MessageEncoder();
    const good = encoder.encodeObject({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'raw' }, data: { a: 'b' } });
    const truncated = await send('POST', path, 'application/vnd.kubernetes.protobuf', good.subarray(0, good.length - 8));
    assert.equal(truncated.status, 400);
    assert.match(String(truncated.body.message), /^the object provided is unrecognized: unexpected EOF \(6b387300/);

    // A well-formed envelope around a ConfigMap whose metadata field has the wrong wire type.
    const badRaw = encoder.encode('k8s.io.apimachinery.pkg.runtime.Unknown', {
      typeMeta: { apiVersion: 'v1', kind: 'ConfigMap' },
      raw: Buffer.from([0x08, 0x01]).toString('base64'),
    });
    const wrongType = await send('POST', path, 'application/vnd.kubernetes.protobuf', Buffer.concat([Buffer.from('k8s\0'), badRaw]));
    assert.equal(wrongType.status, 400);
    assert.equal(wrongType.body.message, 'ConfigMap in version "v1" cannot be handled as a ConfigMap: proto: wrong wireType = 0 for field Metadata');

    const created = await send('POST', path, 'application/vnd.kubernetes.protobuf', good);
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.deepEqual(created.body.data, { a: 'b' });

    const unknownKind = Buffer.from(encoder.encodeObject({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'k' } }));
    unknownKind[unknownKind.indexOf('ConfigMap')] = 0x44; // "DonfigMap"
    const notRegistered = await send('POST', path, 'application/vnd.kubernetes.protobuf', unknownKind);
    assert.equal(notRegistered.status, 400);
    assert.match(String(notRegistered.body.message), /no kind "DonfigMap" is registered for version "v1"/);

    const patch = await send('PATCH', `${path}/raw`, 'application/vnd.kubernetes.protobuf', good);
    assert.equal(patch.status, 415);
    assert.equal(patch.body.reason, 'UnsupportedMediaType');
  });
});
