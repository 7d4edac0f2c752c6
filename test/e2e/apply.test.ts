// kubectl's write paths against the sandbox: client-side and server-side apply, diff, edit,
// replace, patch (strategic, merge, JSON), label, annotate and set image, and the managedFields
// each leaves behind. These assert the patch engines and the field manager; Deployment defaults
// and validation belong to other tests.
import assert from 'node:assert/strict';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { cleanStderr, type KubectlResult, startSandbox, type TestCluster } from '../helpers/sandbox.ts';

interface ManagedEntry {
  manager: string;
  operation: string;
  apiVersion: string;
  time?: string;
  fieldsType: string;
  fieldsV1: Record<string, unknown>;
  subresource?: string;
}

interface Obj {
  metadata: { annotations?: Record<string, string>; labels?: Record<string, string>; managedFields?: ManagedEntry[] };
  data?: Record<string, string>;
  spec?: {
    replicas?: number;
    template: { spec: { containers: Array<{ name: string; image: string; env?: Array<{ name: string; value?: string }>; ports?: Array<{ containerPort: number }> }> } };
  };
}

function deployment(name: string, opts: { image?: string; env?: Record<string, string>; port?: number; replicas?: number; sidecar?: boolean } = {}): string {
  const env = Object.entries(opts.env ?? { A: '1', B: '2' })
    .map(([k, v]) => `        - name: ${k}\n          value: "${v}"`)
    .join('\n');
  const sidecar = opts.sidecar === false ? '' : `      - name: sidecar\n        image: busybox:1.36\n        command: ["sleep", "3600"]\n`;
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  labels: {app: ${name}}
spec:
  replicas: ${opts.replicas ?? 2}
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      containers:
      - name: nginx
        image: ${opts.image ?? 'nginx:1.25'}
        env:
${env}
        ports:
        - containerPort: ${opts.port ?? 80}
${sidecar}`;
}

function configMap(name: string, data: Record<string, string>): string {
  return `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n${Object.entries(data)
    .map(([k, v]) => `  ${k}: "${v}"`)
    .join('\n')}\n`;
}

function managerOf(obj: Obj, manager: string): ManagedEntry | undefined {
  return obj.metadata.managedFields?.find((e) => e.manager === manager);
}

/** Follows a path of FieldsV1 keys; undefined when a step is missing. */
function fieldsAt(fields: Record<string, unknown> | undefined, ...keys: string[]): Record<string, unknown> | undefined {
  let cur: unknown = fields;
  for (const k of keys) {
    if (typeof cur !== 'object' || cur === null || !(k in cur)) return undefined;
    cur = (cur as Record<string, unknown>)[k];
  }
  return cur as Record<string, unknown>;
}

const CONTAINER = ['f:spec', 'f:template', 'f:spec', 'f:containers', 'k:{"name":"nginx"}'];

describe('kubectl apply, patch and field management', () => {
  let t: TestCluster;

  before(async () => {
    t = await startSandbox();
  });
  after(() => t.stop());

  async function kubectl(args: string | string[], input?: string, env?: Record<string, string>): Promise<KubectlResult> {
    const r = await t.kubectl(args, { input, env });
    return { ...r, stderr: cleanStderr(r.stderr).trim(), stdout: r.stdout.trim() };
  }

  async function ok(args: string | string[], input?: string, env?: Record<string, string>): Promise<string> {
    const r = await kubectl(args, input, env);
    assert.equal(r.code, 0, `kubectl ${String(args)} failed: ${r.stderr}`);
    return r.stdout;
  }

  async function get(resource: string, name: string): Promise<Obj> {
    return JSON.parse(await ok(['get', resource, name, '-o', 'json', '--show-managed-fields'])) as Obj;
  }

  it('client-side apply reports created, unchanged and configured as lists of containers, env and ports change', async () => {
    assert.equal(await ok('apply -f -', deployment('csa')), 'deployment.apps/csa created');
    assert.equal(await ok('apply -f -', deployment('csa')), 'deployment.apps/csa unchanged');
    const changed = deployment('csa', { image: 'nginx:1.26', env: { A: '1', C: '3' }, port: 8080 });
    assert.equal(await ok('apply -f -', changed), 'deployment.apps/csa configured');
    assert.equal(await ok('apply -f -', changed), 'deployment.apps/csa unchanged');

    const obj = await get('deployment', 'csa');
    const [nginx, sidecar] = obj.spec!.template.spec.containers;
    assert.equal(nginx!.image, 'nginx:1.26');
    assert.deepEqual(nginx!.env, [
      { name: 'A', value: '1' },
      { name: 'C', value: '3' },
    ]);
    assert.deepEqual(
      nginx!.ports!.map((p) => p.containerPort),
      [8080],
    );
    assert.equal(sidecar!.name, 'sidecar');

    const entry = managerOf(obj, 'kubectl-client-side-apply')!;
    assert.equal(entry.operation, 'Update');
    assert.equal(entry.apiVersion, 'apps/v1');
    assert.match(entry.time ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.ok(fieldsAt(entry.fieldsV1, ...CONTAINER, 'f:env', 'k:{"name":"C"}', 'f:value'));
    assert.equal(fieldsAt(entry.fieldsV1, ...CONTAINER, 'f:env', 'k:{"name":"B"}'), undefined);
    assert.ok(fieldsAt(entry.fieldsV1, ...CONTAINER, 'f:ports', 'k:{"containerPort":8080,"protocol":"TCP"}'));
    assert.ok(fieldsAt(entry.fieldsV1, 'f:metadata', 'f:annotations', 'f:kubectl.kubernetes.io/last-applied-configuration'));
  });

  it('client-side apply removes what a manifest no longer sets, and keeps what others added', async () => {
    await ok('apply -f -', configMap('csa-prune', { a: '1', b: '2' }));
    await ok(['patch', 'configmap', 'csa-prune', '-p', '{"data":{"extra":"x"}}']);
    assert.equal(await ok('apply -f -', configMap('csa-prune', { a: '1' })), 'configmap/csa-prune configured');
    assert.deepEqual((await get('configmap', 'csa-prune')).data, { a: '1', extra: 'x' });
  });

  it('server-side apply creates, reports conflicts with exit code 1, and takes fields with --force-conflicts', async () => {
    assert.equal(await ok('apply --server-side -f -', configMap('ssa', { color: 'blue', size: 'large' })), 'configmap/ssa serverside-applied');
    let obj = await get('configmap', 'ssa');
    assert.deepEqual(
      obj.metadata.managedFields!.map((e) => [e.manager, e.operation, e.fieldsV1]),
      [['kubectl', 'Apply', { 'f:data': { 'f:color': {}, 'f:size': {} } }]],
    );

    await ok(['patch', 'configmap', 'ssa', '-p', '{"data":{"color":"green"}}']);
    const conflict = await kubectl('apply --server-side -f -', configMap('ssa', { color: 'red', size: 'large' }));
    assert.equal(conflict.code, 1);
    assert.match(conflict.stderr, /^error: Apply failed with 1 conflict: conflict with "kubectl-patch" using v1: \.data\.color\n/);
    assert.match(conflict.stderr, /--force-conflicts/);
    assert.equal((await get('configmap', 'ssa')).data!.color, 'green');

    assert.equal(await ok('apply --server-side --force-conflicts -f -', configMap('ssa', { color: 'red', size: 'large' })), 'configmap/ssa serverside-applied');
    obj = await get('configmap', 'ssa');
    assert.equal(obj.data!.color, 'red');
    assert.equal(managerOf(obj, 'kubectl-patch'), undefined, 'kubectl-patch owned only .data.color');
    assert.deepEqual(managerOf(obj, 'kubectl')!.fieldsV1, { 'f:data': { 'f:color': {}, 'f:size': {} } });

    // Dropping a field from the applied configuration deletes it: nobody else owns it.
    await ok('apply --server-side -f -', configMap('ssa', { color: 'red' }));
    assert.deepEqual((await get('configmap', 'ssa')).data, { color: 'red' });
  });

  it('server-side apply takes over from client-side apply without conflicts on the fields it recorded', async () => {
    await ok('apply -f -', deployment('upgrade', { replicas: 2 }));
    assert.equal(await ok('apply --server-side -f -', deployment('upgrade', { replicas: 3 })), 'deployment.apps/upgrade serverside-applied');
    const obj = await get('deployment', 'upgrade');
    assert.equal(obj.spec!.replicas, 3);
    assert.ok(fieldsAt(managerOf(obj, 'kubectl')?.fieldsV1, 'f:spec', 'f:replicas'));
    const lastApplied = JSON.parse(obj.metadata.annotations!['kubectl.kubernetes.io/last-applied-configuration']!) as { spec: { replicas: number } };
    assert.equal(lastApplied.spec.replicas, 3, 'the annotation follows the server-side apply');
  });

  it('kubectl diff exits 1 with a diff and 0 without', async () => {
    await ok('apply -f -', configMap('diffed', { a: '1' }));
    const same = await kubectl('diff -f -', configMap('diffed', { a: '1' }));
    assert.equal(same.code, 0, same.stderr);
    assert.equal(same.stdout, '');
    const changed = await kubectl('diff -f -', configMap('diffed', { a: '2' }));
    assert.equal(changed.code, 1, changed.stderr);
    assert.match(changed.stdout, /^-\s+a: "1"$/m);
    assert.match(changed.stdout, /^\+\s+a: "2"$/m);
    const ssa = await kubectl('diff --server-side -f -', configMap('diffed', { a: '3' }));
    assert.equal(ssa.code, 1, ssa.stderr);
    assert.match(ssa.stdout, /^\+\s+a: "3"$/m);
    assert.equal((await get('configmap', 'diffed')).data!.a, '1', 'diff changes nothing');
  });

  it('kubectl edit saves what the editor changed and records kubectl-edit', async () => {
    await ok('create configmap edited --from-literal=size=large --from-literal=color=blue');
    const editor = join(t.dir, 'editor.sh');
    writeFileSync(editor, '#!/bin/sh\nsed -i "s/size: large/size: small/" "$1"\n');
    chmodSync(editor, 0o755);
    assert.equal(await ok('edit configmap edited', undefined, { KUBE_EDITOR: editor }), 'configmap/edited edited');
    const obj = await get('configmap', 'edited');
    assert.deepEqual(obj.data, { color: 'blue', size: 'small' });
    assert.deepEqual(managerOf(obj, 'kubectl-edit')?.fieldsV1, { 'f:data': { 'f:size': {} } });
    assert.deepEqual(managerOf(obj, 'kubectl-create')?.fieldsV1, { 'f:data': { '.': {}, 'f:color': {} } });
  });

  it('kubectl replace -f writes the file and records kubectl-replace', async () => {
    await ok('create -f -', configMap('replaced', { a: '1', b: '2' }));
    assert.equal(await ok('replace -f -', configMap('replaced', { a: '1', c: '3' })), 'configmap/replaced replaced');
    const obj = await get('configmap', 'replaced');
    assert.deepEqual(obj.data, { a: '1', c: '3' });
    assert.deepEqual(managerOf(obj, 'kubectl-replace')?.fieldsV1, { 'f:data': { 'f:c': {} } });
    assert.deepEqual(managerOf(obj, 'kubectl-create')?.fieldsV1, { 'f:data': { '.': {}, 'f:a': {} } });
  });

  it('kubectl patch applies strategic (with $patch: delete), merge and JSON patches', async () => {
    await ok('apply -f -', deployment('patched'));
    assert.equal(
      await ok(['patch', 'deployment', 'patched', '--type', 'strategic', '-p', '{"spec":{"template":{"spec":{"containers":[{"name":"sidecar","$patch":"delete"}]}}}}']),
      'deployment.apps/patched patched',
    );
    let obj = await get('deployment', 'patched');
    assert.deepEqual(
      obj.spec!.template.spec.containers.map((c) => c.name),
      ['nginx'],
    );
    await ok(['patch', 'deployment', 'patched', '-p', '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","env":[{"name":"A","$patch":"delete"},{"name":"Z","value":"26"}]}]}}}}']);
    obj = await get('deployment', 'patched');
    assert.deepEqual(
      obj.spec!.template.spec.containers[0]!.env!.map((e) => e.name).sort(),
      ['B', 'Z'],
    );
    await ok(['patch', 'deployment', 'patched', '--type', 'merge', '-p', '{"metadata":{"labels":{"tier":"front"}}}']);
    await ok(['patch', 'deployment', 'patched', '--type', 'json', '-p', '[{"op":"replace","path":"/spec/replicas","value":4}]']);
    obj = await get('deployment', 'patched');
    assert.equal(obj.metadata.labels!.tier, 'front');
    assert.equal(obj.spec!.replicas, 4);
    const patchEntry = managerOf(obj, 'kubectl-patch')!;
    assert.ok(fieldsAt(patchEntry.fieldsV1, 'f:spec', 'f:replicas'));
    assert.ok(fieldsAt(patchEntry.fieldsV1, 'f:metadata', 'f:labels', 'f:tier'));
    assert.equal(fieldsAt(managerOf(obj, 'kubectl-client-side-apply')!.fieldsV1, 'f:spec', 'f:replicas'), undefined);
  });

  it('kubectl patch reports errors as upstream does', async () => {
    await ok('apply -f -', deployment('patch-errors', { sidecar: false }));
    const noKey = await kubectl(['patch', 'deployment', 'patch-errors', '-p', '{"spec":{"template":{"spec":{"containers":[{"image":"nginx:1.27"}]}}}}']);
    assert.equal(noKey.code, 1);
    assert.equal(noKey.stderr, 'Error from server: map: map[image:nginx:1.27] does not contain declared merge key: name');
    const missing = await kubectl(['patch', 'deployment', 'patch-errors', '--type', 'json', '-p', '[{"op":"remove","path":"/spec/nothere"}]']);
    assert.equal(missing.code, 1);
    assert.equal(missing.stderr, 'The request is invalid: the server rejected our request due to an error in our request');
  });

  it('kubectl label and annotate add, refuse to overwrite without --overwrite, and record their managers', async () => {
    await ok('create configmap tagged --from-literal=a=1');
    assert.equal(await ok('label configmap tagged tier=front'), 'configmap/tagged labeled');
    const relabel = await kubectl('label configmap tagged tier=back');
    assert.equal(relabel.code, 1);
    assert.match(relabel.stderr, /'tier' already has a value \(front\), and --overwrite is false/);
    await ok('label configmap tagged tier=back --overwrite');
    assert.equal(await ok('annotate configmap tagged note=hi'), 'configmap/tagged annotated');
    const reannotate = await kubectl('annotate configmap tagged note=bye');
    assert.equal(reannotate.code, 1);
    assert.match(reannotate.stderr, /--overwrite is false/);
    const obj = await get('configmap', 'tagged');
    assert.equal(obj.metadata.labels!.tier, 'back');
    assert.deepEqual(managerOf(obj, 'kubectl-label')?.fieldsV1, { 'f:metadata': { 'f:labels': { '.': {}, 'f:tier': {} } } });
    assert.deepEqual(managerOf(obj, 'kubectl-annotate')?.fieldsV1, { 'f:metadata': { 'f:annotations': { '.': {}, 'f:note': {} } } });
  });

  it('kubectl set image changes the container image and records kubectl-set', async () => {
    await ok('apply -f -', deployment('imaged'));
    assert.equal(await ok('set image deployment/imaged nginx=nginx:1.27'), 'deployment.apps/imaged image updated');
    const obj = await get('deployment', 'imaged');
    assert.equal(obj.spec!.template.spec.containers[0]!.image, 'nginx:1.27');
    assert.deepEqual(fieldsAt(managerOf(obj, 'kubectl-set')?.fieldsV1, ...CONTAINER), { 'f:image': {} });
  });

  it('kubectl get --show-managed-fields shows what kubectl create recorded, and plain get hides it', async () => {
    await ok('create configmap shown --from-literal=k=v');
    const yaml = await ok('get configmap shown -o yaml --show-managed-fields');
    assert.match(yaml, /managedFields:\n  - apiVersion: v1\n    fieldsType: FieldsV1\n    fieldsV1:\n      f:data:\n        \.: \{\}\n        f:k: \{\}\n    manager: kubectl-create\n    operation: Update\n    time: "\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"\n/);
    assert.doesNotMatch(await ok('get configmap shown -o yaml'), /managedFields/);
  });
});
