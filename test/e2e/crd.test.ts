// CustomResourceDefinitions through the real kubectl: establishment (kubectl wait, a watch),
// custom resources served in that cluster only, printer columns, schema validation with
// upstream's messages, kubectl's default strict field validation, subresources, explain, and
// deletion of the CRD taking its custom resources with it.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { cleanStderr, startSandbox, type TestCluster } from '../helpers/sandbox.ts';

const CRD = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: crontabs.stable.example.com
spec:
  group: stable.example.com
  scope: Namespaced
  names:
    plural: crontabs
    singular: crontab
    kind: CronTab
    shortNames: [ct]
    categories: [all]
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        description: CronTab runs an image on a schedule.
        properties:
          spec:
            type: object
            required: [cronSpec]
            properties:
              cronSpec:
                type: string
                description: The schedule, in cron format.
                pattern: '^(\\d+|\\*)(/\\d+)?(\\s+(\\d+|\\*)(/\\d+)?){4}$'
              image:
                type: string
              replicas:
                type: integer
                minimum: 1
                maximum: 10
                default: 1
          status:
            type: object
            properties:
              replicas:
                type: integer
    subresources:
      status: {}
      scale:
        specReplicasPath: .spec.replicas
        statusReplicasPath: .status.replicas
    additionalPrinterColumns:
    - name: Spec
      type: string
      jsonPath: .spec.cronSpec
    - name: Replicas
      type: integer
      jsonPath: .spec.replicas
    - name: Image
      type: string
      priority: 1
      jsonPath: .spec.image
    - name: Age
      type: date
      jsonPath: .metadata.creationTimestamp
`;

function cronTab(name: string, spec: string): string {
  return `apiVersion: stable.example.com/v1\nkind: CronTab\nmetadata:\n  name: ${name}\nspec:\n${spec}`;
}

function columns(line: string): string[] {
  return line.trim().split(/\s{2,}/);
}

describe('CustomResourceDefinitions', () => {
  let t: TestCluster;
  let other: string;

  before(async () => {
    t = await startSandbox({ clusters: 2 });
    other = `kubecamp-${[...t.sandbox.clusters.keys()][1]}`;
  });
  after(() => t.stop());

  it('creates a CRD that becomes established (kubectl wait watches for it)', async () => {
    const r = await t.kubectl('apply -f -', { input: CRD });
    assert.equal(r.stdout.trim(), 'customresourcedefinition.apiextensions.k8s.io/crontabs.stable.example.com created', r.stderr);
    const w = await t.kubectl('wait --for condition=established --timeout=30s crd/crontabs.stable.example.com');
    assert.equal(w.stdout.trim(), 'customresourcedefinition.apiextensions.k8s.io/crontabs.stable.example.com condition met', w.stderr);
    const crds = (await t.kubectl('get crd')).stdout.trim().split('\n');
    assert.deepEqual(columns(crds[0]!), ['NAME', 'CREATED AT']);
    assert.match(crds[1]!, /^crontabs\.stable\.example\.com\s+\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  });

  it('reports accepted names, conditions and stored versions', async () => {
    const r = await t.kubectl(['get', 'crd', 'crontabs.stable.example.com', '-o', 'jsonpath={.status.acceptedNames.kind} {.status.acceptedNames.shortNames} {.status.storedVersions}{"\\n"}{range .status.conditions[*]}{.type}={.status} {.reason}: {.message}{"\\n"}{end}']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(
      r.stdout,
      'CronTab ["ct"] ["v1"]\nNamesAccepted=True NoConflicts: no conflicts found\nEstablished=True InitialNamesAccepted: the initial names have been accepted\n',
    );
  });

  it('creates, lists and gets custom resources with printer columns and defaults', async () => {
    const r = await t.kubectl('apply -f -', { input: cronTab('nightly', '  cronSpec: "0 3 * * *"\n  image: backup:1\n') });
    assert.equal(r.stdout.trim(), 'crontab.stable.example.com/nightly created', r.stderr);
    const list = (await t.kubectl('get crontabs')).stdout.trim().split('\n');
    assert.deepEqual(columns(list[0]!), ['NAME', 'SPEC', 'REPLICAS', 'AGE']);
    const row = columns(list[1]!);
    assert.deepEqual(row.slice(0, 3), ['nightly', '0 3 * * *', '1']);
    assert.match(row[3]!, /^\d+s$/, 'date columns print as ages');
    const wide = (await t.kubectl('get ct -o wide')).stdout.trim().split('\n');
    assert.deepEqual(columns(wide[0]!), ['NAME', 'SPEC', 'REPLICAS', 'IMAGE', 'AGE']);
    assert.deepEqual(columns(wide[1]!).slice(0, 4), ['nightly', '0 3 * * *', '1', 'backup:1']);
    const one = await t.kubectl(['get', 'crontab', 'nightly', '-o', 'jsonpath={.apiVersion}/{.kind} {.spec.replicas} {.metadata.generation}']);
    assert.equal(one.stdout, 'stable.example.com/v1/CronTab 1 1');
  });

  it('lists custom resources in the "all" category', async () => {
    const r = await t.kubectl('get all');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^crontab\.stable\.example\.com\/nightly\s+0 3 \* \* \*\s+1\s+\d+s$/m);
  });

  it('rejects invalid custom resources with upstream messages', async () => {
    const r = await t.kubectl('apply -f -', { input: cronTab('bad', '  cronSpec: "every day"\n  replicas: "three"\n') });
    assert.equal(r.code, 1);
    const err = cleanStderr(r.stderr);
    assert.match(err, /The CronTab "bad" is invalid: /);
    assert.ok(err.includes('spec.replicas: Invalid value: "string": spec.replicas in body must be of type integer: "string"'), err);
    assert.ok(err.includes(`spec.cronSpec: Invalid value: "every day": spec.cronSpec in body should match '^(\\d+|\\*)(/\\d+)?(\\s+(\\d+|\\*)(/\\d+)?){4}$'`), err);
    const high = await t.kubectl('apply -f -', { input: cronTab('bad', '  cronSpec: "* * * * *"\n  replicas: 11\n') });
    assert.equal(cleanStderr(high.stderr).trim(), 'The CronTab "bad" is invalid: spec.replicas: Invalid value: 11: spec.replicas in body should be less than or equal to 10');
    const missing = await t.kubectl('create -f -', { input: cronTab('bad', '  image: x\n') });
    assert.equal(cleanStderr(missing.stderr).trim(), 'The CronTab "bad" is invalid: spec.cronSpec: Required value');
  });

  it('rejects unknown fields through kubectl\'s default strict field validation', async () => {
    const r = await t.kubectl('apply -f - -v=6', { input: cronTab('typo', '  cronSpec: "* * * * *"\n  imagee: x\n') });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /POST https:\/\/\S+\/crontabs\?fieldManager=kubectl-client-side-apply&fieldValidation=Strict/);
    assert.match(r.stderr, /Error from server \(BadRequest\): error when creating "STDIN": CronTab in version "v1" cannot be handled as a CronTab: strict decoding error: unknown field "spec.imagee"/);
    const lax = await t.kubectl('apply --validate=false -f -', { input: cronTab('typo', '  cronSpec: "* * * * *"\n  imagee: x\n') });
    assert.equal(lax.code, 0, lax.stderr);
    const stored = await t.kubectl('get ct typo -o jsonpath={.spec}');
    assert.equal(stored.stdout, '{"cronSpec":"* * * * *","replicas":1}', 'unknown fields are pruned');
  });

  it('bumps the generation only for spec changes, serving status and scale subresources', async () => {
    const spec = await t.kubectl(['patch', 'ct', 'nightly', '--type=merge', '-p', '{"spec":{"image":"backup:2"},"status":{"replicas":9}}']);
    assert.equal(spec.code, 0, spec.stderr);
    let r = await t.kubectl('get ct nightly -o jsonpath={.metadata.generation}/{.status.replicas}');
    assert.equal(r.stdout, '2/', 'status is ignored on the main resource');
    const status = await t.kubectl(['patch', 'ct', 'nightly', '--subresource=status', '--type=merge', '-p', '{"status":{"replicas":1}}']);
    assert.equal(status.code, 0, status.stderr);
    r = await t.kubectl('get ct nightly -o jsonpath={.metadata.generation}/{.status.replicas}');
    assert.equal(r.stdout, '2/1');
    const scaled = await t.kubectl('scale crontab nightly --replicas=3');
    assert.equal(scaled.stdout.trim(), 'crontab.stable.example.com/nightly scaled', scaled.stderr);
    r = await t.kubectl('get ct nightly -o jsonpath={.spec.replicas}/{.metadata.generation}');
    assert.equal(r.stdout, '3/3');
  });

  it('refuses strategic merge patches on custom resources, as upstream', async () => {
    const r = await t.kubectl(['patch', 'ct', 'nightly', '--type=strategic', '-p', '{"spec":{"image":"backup:3"}}']);
    assert.equal(r.code, 1);
    assert.match(
      cleanStderr(r.stderr),
      /the body of the request was in an unknown format - accepted media types include: application\/json-patch\+json, application\/merge-patch\+json, application\/apply-patch\+yaml/,
    );
  });

  it('explains the custom resource from its schema', async () => {
    const r = await t.kubectl('explain crontabs.spec');
    assert.equal(r.code, 0, r.stderr);
    assert.equal(
      r.stdout,
      [
        'GROUP:      stable.example.com',
        'KIND:       CronTab',
        'VERSION:    v1',
        '',
        'FIELD: spec <Object>',
        '',
        '',
        'DESCRIPTION:',
        '    <empty>',
        'FIELDS:',
        '  cronSpec\t<string> -required-',
        '    The schedule, in cron format.',
        '',
        '  image\t<string>',
        '    <no description>',
        '',
        '  replicas\t<integer>',
        '    <no description>',
        '',
        '',
        '',
      ].join('\n'),
    );
    const root = await t.kubectl('explain ct');
    assert.match(root.stdout, /DESCRIPTION:\n {4}CronTab runs an image on a schedule\.\n/);
    assert.match(root.stdout, /\n {2}metadata\t<ObjectMeta>\n/);
  });

  it('serves the CRD in its own cluster only', async () => {
    const r = await t.kubectl('get crontabs', { context: other });
    assert.equal(r.code, 1);
    assert.match(cleanStderr(r.stderr), /error: the server doesn't have a resource type "crontabs"/);
    const crds = await t.kubectl('get crd', { context: other });
    assert.equal(crds.stdout.trim(), '');
    assert.match(crds.stderr, /No resources found/);
  });

  it('deletes the custom resources when the CRD is deleted', async () => {
    const d = await t.kubectl('delete crd crontabs.stable.example.com');
    assert.equal(d.stdout.trim(), 'customresourcedefinition.apiextensions.k8s.io "crontabs.stable.example.com" deleted', d.stderr);
    const gone = await t.kubectl('get crd crontabs.stable.example.com');
    assert.match(gone.stderr, /NotFound/);
    // The same CRD again starts empty: the instances went with the old one.
    await t.kubectl('apply -f -', { input: CRD });
    await t.kubectl('wait --for condition=established --timeout=30s crd/crontabs.stable.example.com');
    const r = await t.kubectl('get crontabs -A');
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.trim(), '');
    assert.match(r.stderr, /No resources found/);
  });
});

describe('CustomResourceDefinitions after a restart', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kubecamp-crd-'));
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('serves the custom resources of recovered CRDs', async () => {
    const first = await startSandbox({ dataDir });
    try {
      await first.kubectl('apply -f -', { input: CRD });
      const w = await first.kubectl('wait --for condition=established --timeout=30s crd/crontabs.stable.example.com');
      assert.equal(w.code, 0, w.stderr);
      const c = await first.kubectl('apply -f -', { input: cronTab('kept', '  cronSpec: "* * * * *"\n') });
      assert.equal(c.code, 0, c.stderr);
    } finally {
      await first.stop();
    }
    const second = await startSandbox({ dataDir });
    try {
      const r = await second.kubectl('get ct kept -o jsonpath={.metadata.name}/{.spec.replicas}');
      assert.equal(r.stdout, 'kept/1', r.stderr);
    } finally {
      await second.stop();
    }
  });
});
