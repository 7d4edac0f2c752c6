// kubectl explain against the sandbox's OpenAPI documents, for built-in kinds: resources, field
// paths, --recursive, --api-version and unknown fields from v3; the v2 (protobuf) document
// kubectl falls back to for `--output=plaintext-openapiv2` and for validating `kind: List` files.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { cleanStderr, startSandbox, type TestCluster } from '../helpers/sandbox.ts';

describe('kubectl explain', () => {
  let t: TestCluster;
  before(async () => {
    t = await startSandbox();
  });
  after(() => t.stop());

  it('explains a resource with its description and fields', async () => {
    const r = await t.kubectl('explain pods');
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.split('\n');
    assert.deepEqual(lines.slice(0, 6), [
      'KIND:       Pod',
      'VERSION:    v1',
      '',
      'DESCRIPTION:',
      '    Pod is a collection of containers that can run on a host. This resource is',
      '    created by clients and scheduled onto hosts.',
    ]);
    const fields = lines.filter((l) => /^ {2}\S+\t</.test(l));
    assert.deepEqual(fields, ['  apiVersion\t<string>', '  kind\t<string>', '  metadata\t<ObjectMeta>', '  spec\t<PodSpec>', '  status\t<PodStatus>']);
  });

  // The spec the sandbox serves carries no enum values, so the `enum:` lines a cluster whose
  // OpenAPI has them prints under `type` are absent here.
  it('explains a field path of a grouped resource', async () => {
    const r = await t.kubectl('explain deployment.spec.strategy');
    assert.equal(r.code, 0, r.stderr);
    assert.equal(
      r.stdout,
      [
        'GROUP:      apps',
        'KIND:       Deployment',
        'VERSION:    v1',
        '',
        'FIELD: strategy <DeploymentStrategy>',
        '',
        '',
        'DESCRIPTION:',
        '    The deployment strategy to use to replace existing pods with new ones.',
        '    DeploymentStrategy describes how to replace existing pods with new ones.',
        '    ',
        'FIELDS:',
        '  rollingUpdate\t<RollingUpdateDeployment>',
        '    Rolling update config params. Present only if DeploymentStrategyType =',
        '    RollingUpdate.',
        '',
        '  type\t<string>',
        '    Type of deployment. Can be "Recreate" or "RollingUpdate". Default is',
        '    RollingUpdate.',
        '',
        '',
        '',
      ].join('\n'),
    );
  });

  it('marks required fields and shows list and map types', async () => {
    const r = await t.kubectl('explain pod.spec.containers');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^FIELD: containers <\[\]Container>$/m);
    assert.match(r.stdout, /^ {2}name\t<string> -required-$/m);
    assert.match(r.stdout, /^ {2}ports\t<\[\]ContainerPort>$/m);
    const labels = await t.kubectl('explain pod.metadata.labels');
    assert.match(labels.stdout, /^FIELD: labels <map\[string\]string>$/m);
  });

  it('explains recursively', async () => {
    const r = await t.kubectl('explain deployments --recursive');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /\n {4}strategy\t<DeploymentStrategy>\n {6}rollingUpdate\t<RollingUpdateDeployment>\n {8}maxSurge\t<string>\n {8}maxUnavailable\t<string>\n {6}type\t<string>\n/);
    assert.match(r.stdout, /\n {4}template\t<PodTemplateSpec> -required-\n/);
  });

  it('explains a chosen API version', async () => {
    const r = await t.kubectl('explain horizontalpodautoscalers.spec.metrics --api-version=autoscaling/v2');
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.stdout.split('\n').slice(0, 5), ['GROUP:      autoscaling', 'KIND:       HorizontalPodAutoscaler', 'VERSION:    v2', '', 'FIELD: metrics <[]MetricSpec>']);
  });

  it('reports a field that does not exist', async () => {
    const r = await t.kubectl('explain pods.spec.nope');
    assert.equal(r.code, 1);
    assert.equal(cleanStderr(r.stderr).trim(), 'error: field "nope" does not exist');
  });

  it('reports an unknown resource', async () => {
    const r = await t.kubectl('explain widgets');
    assert.equal(r.code, 1);
    assert.equal(cleanStderr(r.stderr).trim(), `the server doesn't have a resource type "widgets"`);
  });

  it('explains from OpenAPI v2 when asked to', async () => {
    const r = await t.kubectl('explain deployments.spec.replicas --output=plaintext-openapiv2');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^KIND: {5}Deployment\nVERSION: {2}apps\/v1\n\nFIELD: {4}replicas <integer>\n/);
  });

  it('validates kind: List files client-side from OpenAPI v2, as against a real cluster', async () => {
    const list = (extra: string) => `apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: listed\n${extra}`;
    const bad = await t.kubectl('apply -f -', { input: list('  dataa:\n    a: b\n') });
    assert.equal(bad.code, 1);
    assert.equal(
      cleanStderr(bad.stderr).trim(),
      'error: error validating "STDIN": error validating data: ValidationError(ConfigMap): unknown field "dataa" in io.k8s.api.core.v1.ConfigMap; if you choose to ignore these errors, turn validation off with --validate=false',
    );
    const good = await t.kubectl('apply -f -', { input: list('  data:\n    a: b\n') });
    assert.equal(good.stdout.trim(), 'configmap/listed created', good.stderr);
  });
});
