// Ingress, IngressClass, NetworkPolicy, StorageClass and Lease through kubectl: defaults,
// validation messages and the tables a real cluster prints.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { cleanStderr, startSandbox, type TestCluster } from '../helpers/sandbox.ts';

const rows = (out: string) => out.trimEnd().split('\n').map((l) => l.split(/\s{2,}/).map((c) => c.trim()));

describe('networking, storage and coordination kinds with kubectl', () => {
  let t: TestCluster;
  before(async () => {
    t = await startSandbox();
  });
  after(() => t.stop());

  it('ships the default StorageClass standard, as kind does', async () => {
    const r = await t.kubectl('get sc');
    assert.equal(r.code, 0, r.stderr);
    const [header, row, ...rest] = r.stdout.trimEnd().split('\n');
    assert.match(header!, /^NAME\s+PROVISIONER\s+RECLAIMPOLICY\s+VOLUMEBINDINGMODE\s+ALLOWVOLUMEEXPANSION\s+AGE$/);
    assert.match(row!, /^standard \(default\)\s+rancher\.io\/local-path\s+Delete\s+WaitForFirstConsumer\s+false\s+\d+s$/);
    assert.deepEqual(rest, []);
  });

  it('keeps StorageClass parameters and provisioner immutable', async () => {
    const sc = (params: string) =>
      `apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: fast\nprovisioner: example.com/fast\nparameters:\n  type: ${params}\n`;
    assert.equal((await t.kubectl('apply -f -', { input: sc('ssd') })).code, 0);
    const yaml = await t.kubectl('get sc fast -o jsonpath={.reclaimPolicy}/{.volumeBindingMode}');
    assert.equal(yaml.stdout, 'Delete/Immediate');
    const r = await t.kubectl('apply -f -', { input: sc('nvme') });
    assert.equal(r.code, 1);
    assert.match(cleanStderr(r.stderr), /The StorageClass "fast" is invalid: parameters: Forbidden: updates to parameters are forbidden\./);
  });

  it('creates an Ingress and prints NAME CLASS HOSTS ADDRESS PORTS AGE', async () => {
    const c = await t.kubectl(['create', 'ingress', 'web', '--class=nginx', '--rule=shop.example.com/*=web:80', '--rule=api.example.com/v1=api:http,tls=api-cert']);
    assert.equal(c.stdout.trim(), 'ingress.networking.k8s.io/web created', c.stderr);
    const r = await t.kubectl('get ingress');
    assert.deepEqual(rows(r.stdout)[0], ['NAME', 'CLASS', 'HOSTS', 'ADDRESS', 'PORTS', 'AGE']);
    // The sandbox's ingress-nginx serves class nginx and publishes its address (controllers may not have run yet).
    assert.deepEqual(rows(r.stdout)[1]!.slice(0, 3), ['web', 'nginx', 'shop.example.com,api.example.com']);
    assert.match(rows(r.stdout)[1]!.slice(3).join(' '), /^(172\.18\.255\.200 )?80, 443 /);
    const pathType = await t.kubectl('get ingress web -o jsonpath={.spec.rules[*].http.paths[*].pathType}');
    assert.equal(pathType.stdout, 'Prefix Exact');
    assert.equal((await t.kubectl('get ingress web -o jsonpath={.metadata.generation}')).stdout, '1');
  });

  it('refuses an Ingress path without pathType or with a relative path, as upstream words it', async () => {
    const bad =
      'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: bad\nspec:\n  rules:\n  - http:\n      paths:\n      - path: /\n        backend:\n          service:\n            name: web\n            port:\n              number: 80\n      - path: api\n        pathType: Prefix\n        backend:\n          service:\n            name: web\n            port:\n              number: 80\n';
    const r = await t.kubectl('apply -f -', { input: bad });
    assert.equal(r.code, 1);
    assert.equal(
      cleanStderr(r.stderr).trim(),
      'The Ingress "bad" is invalid: \n* spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified\n* spec.rules[0].http.paths[1].path: Invalid value: "api": must be an absolute path',
    );
  });

  it('serves IngressClasses with an immutable controller', async () => {
    const ic = (controller: string) => `apiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata:\n  name: nginx\nspec:\n  controller: ${controller}\n`;
    assert.equal((await t.kubectl('apply -f -', { input: ic('k8s.io/ingress-nginx') })).code, 0);
    const r = await t.kubectl('get ingressclass');
    assert.deepEqual(rows(r.stdout)[0], ['NAME', 'CONTROLLER', 'PARAMETERS', 'AGE']);
    assert.deepEqual(rows(r.stdout)[1]!.slice(0, 3), ['nginx', 'k8s.io/ingress-nginx', '<none>']);
    const change = await t.kubectl('apply -f -', { input: ic('example.com/other') });
    assert.equal(change.code, 1);
    assert.match(cleanStderr(change.stderr), /The IngressClass "nginx" is invalid: spec\.controller: Invalid value: "example\.com\/other": field is immutable/);
  });

  it('defaults NetworkPolicy policyTypes and prints NAME POD-SELECTOR AGE', async () => {
    const policies =
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: deny-all\nspec:\n  podSelector: {}\n---\n' +
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: db\nspec:\n  podSelector:\n    matchLabels:\n      app: db\n  ingress:\n  - from:\n    - podSelector:\n        matchLabels:\n          app: web\n    ports:\n    - port: 5432\n  egress:\n  - to:\n    - ipBlock:\n        cidr: 10.0.0.0/8\n';
    const a = await t.kubectl('apply -f -', { input: policies });
    assert.equal(a.code, 0, a.stderr);
    const r = await t.kubectl('get netpol');
    assert.deepEqual(rows(r.stdout).map((x) => x.slice(0, 2)), [['NAME', 'POD-SELECTOR'], ['db', 'app=db'], ['deny-all', '<none>']]);
    assert.equal((await t.kubectl('get netpol db -o jsonpath={.spec.policyTypes}')).stdout, '["Ingress","Egress"]');
    assert.equal((await t.kubectl('get netpol db -o jsonpath={.spec.ingress[0].ports[0].protocol}')).stdout, 'TCP');
    const bad = await t.kubectl('apply -f -', {
      input: 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: bad\nspec:\n  podSelector: {}\n  ingress:\n  - from:\n    - {}\n',
    });
    assert.equal(bad.code, 1);
    assert.match(cleanStderr(bad.stderr), /The NetworkPolicy "bad" is invalid: spec\.ingress\[0\]\.from\[0\]: Required value: must specify a peer/);
  });

  it('serves Leases with their holder', async () => {
    const lease =
      'apiVersion: coordination.k8s.io/v1\nkind: Lease\nmetadata:\n  name: my-lock\nspec:\n  holderIdentity: worker-1\n  leaseDurationSeconds: 15\n';
    assert.equal((await t.kubectl('apply -f -', { input: lease })).code, 0);
    const r = await t.kubectl('get leases');
    assert.deepEqual(rows(r.stdout).map((x) => x.slice(0, 2)), [['NAME', 'HOLDER'], ['my-lock', 'worker-1']]);
    const bad = await t.kubectl('apply -f -', { input: lease.replace('15', '0') });
    assert.equal(bad.code, 1);
    assert.match(cleanStderr(bad.stderr), /The Lease "my-lock" is invalid: spec\.leaseDurationSeconds: Invalid value: 0: must be greater than 0/);
  });
});
