import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isStatusError } from '../errors.ts';
import { deepClone, type KubeObject, type ManagedFieldsEntry } from '../object.ts';
import { builtinSchema } from '../openapi/schema-model.ts';
import { ApplyConflictError, type ManagedContext } from './field-manager.ts';
import { LAST_APPLIED_ANNOTATION } from './last-applied.ts';
import { structuredFieldManager as fm } from './structured-field-manager.ts';

const deploymentSchema = builtinSchema().node('io.k8s.api.apps.v1.Deployment');
const configMapSchema = builtinSchema().node('io.k8s.api.core.v1.ConfigMap');

const T1 = '2024-05-01T10:00:00Z';
const T2 = '2024-05-01T11:00:00Z';
const T3 = '2024-05-01T12:00:00Z';

const dctx = (time: string, extra: Partial<ManagedContext> = {}): ManagedContext => ({
  schema: deploymentSchema,
  apiVersion: 'apps/v1',
  subresource: '',
  time,
  resetFields: ['status'],
  ...extra,
});
const cctx = (time: string): ManagedContext => ({ schema: configMapSchema, apiVersion: 'v1', subresource: '', time, resetFields: [] });

function deployment(image = 'nginx:1', replicas = 1): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'web' } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'nginx', image, ports: [{ containerPort: 80, protocol: 'TCP' }], resources: {} }], securityContext: {} },
      },
    },
  } as KubeObject;
}

function configMap(data: Record<string, string>): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm', namespace: 'default' }, data } as KubeObject;
}

function entries(obj: KubeObject): ManagedFieldsEntry[] {
  return obj.metadata?.managedFields ?? [];
}

function entry(obj: KubeObject, manager: string): ManagedFieldsEntry | undefined {
  return entries(obj).find((e) => e.manager === manager);
}

/** A stored object: what the generic store keeps after a write. */
function created(obj: KubeObject, manager: string, time = T1): KubeObject {
  const o = deepClone(obj);
  fm.update(dctxFor(o, time), undefined, o, manager);
  return o;
}

function dctxFor(obj: KubeObject, time: string): ManagedContext {
  return obj.kind === 'ConfigMap' ? cctx(time) : dctx(time);
}

function updated(live: KubeObject, next: KubeObject, manager: string, time: string): KubeObject {
  const o = deepClone(next);
  fm.update(dctxFor(o, time), live, o, manager);
  return o;
}

function applied(live: KubeObject | undefined, config: KubeObject, manager: string, time: string, force = false): KubeObject {
  return fm.apply(dctxFor(config, time), live && deepClone(live), deepClone(config), manager, force);
}

describe('field manager: updates', () => {
  it('records a create as the Update of its manager, with "." for nodes the zero value lacks', () => {
    const obj = created(deployment(), 'kubectl-create');
    assert.deepEqual(entries(obj), [
      {
        manager: 'kubectl-create',
        operation: 'Update',
        apiVersion: 'apps/v1',
        time: T1,
        fieldsType: 'FieldsV1',
        fieldsV1: {
          'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
          'f:spec': {
            'f:replicas': {},
            'f:selector': {},
            'f:strategy': { 'f:rollingUpdate': { '.': {}, 'f:maxSurge': {}, 'f:maxUnavailable': {} }, 'f:type': {} },
            'f:template': {
              'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
              'f:spec': {
                'f:containers': {
                  'k:{"name":"nginx"}': {
                    '.': {},
                    'f:image': {},
                    'f:name': {},
                    'f:ports': { '.': {}, 'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {}, 'f:protocol': {} } },
                    'f:resources': {},
                  },
                },
                'f:securityContext': {},
              },
            },
          },
        },
      },
    ]);
  });

  it('moves changed fields to the updating manager and stamps only its entry', () => {
    const live = created(deployment(), 'kubectl-create');
    const next = updated(live, deployment('nginx:2', 3), 'kubectl-edit', T2);
    assert.equal(entry(next, 'kubectl-create')!.time, T1);
    assert.equal(entry(next, 'kubectl-edit')!.time, T2);
    assert.deepEqual(entry(next, 'kubectl-edit')!.fieldsV1, {
      'f:spec': { 'f:replicas': {}, 'f:template': { 'f:spec': { 'f:containers': { 'k:{"name":"nginx"}': { 'f:image': {} } } } } },
    });
    const createSpec = entry(next, 'kubectl-create')!.fieldsV1!['f:spec'] as Record<string, unknown>;
    assert.ok(!('f:replicas' in createSpec), 'kubectl-create lost .spec.replicas');
  });

  it('adds no entry, and keeps the recorded entries, when an update changes nothing', () => {
    const live = created(deployment(), 'kubectl-create');
    const next = updated(live, live, 'kubectl-replace', T2);
    assert.deepEqual(entries(next), entries(live));
  });

  it('merges a manager\'s later updates into its entry and moves its time', () => {
    const live = created(configMap({ a: '1' }), 'kubectl-create');
    const one = updated(live, configMap({ a: '1', b: '2' }), 'kubectl-edit', T2);
    const two = updated(one, configMap({ a: '1', b: '2', c: '3' }), 'kubectl-edit', T3);
    assert.deepEqual(entry(two, 'kubectl-edit'), {
      manager: 'kubectl-edit',
      operation: 'Update',
      apiVersion: 'v1',
      time: T3,
      fieldsType: 'FieldsV1',
      fieldsV1: { 'f:data': { 'f:b': {}, 'f:c': {} } },
    });
  });

  it('drops removed fields from their owners', () => {
    const live = created(configMap({ a: '1', b: '2' }), 'kubectl-create');
    const next = updated(live, configMap({ a: '1' }), 'kubectl-edit', T2);
    assert.deepEqual(entries(next).map((e) => [e.manager, e.fieldsV1]), [['kubectl-create', { 'f:data': { '.': {}, 'f:a': {} } }]]);
  });

  it('leaves an untracked object untracked', () => {
    const live = configMap({ a: '1' });
    const next = updated(live, configMap({ a: '2' }), 'kubectl-edit', T2);
    assert.equal(next.metadata?.managedFields, undefined);
  });

  it('resets managedFields when a request sends an empty list', () => {
    const live = created(configMap({ a: '1' }), 'kubectl-create');
    const next = deepClone(live);
    next.metadata!.managedFields = [];
    fm.update(cctx(T2), live, next, 'kubectl-edit');
    assert.equal(next.metadata?.managedFields, undefined);
  });

  it('keeps the live managedFields on a subresource write and never records reset fields', () => {
    const live = created(deployment(), 'kubectl-create');
    const next = deepClone(live) as KubeObject & { status?: unknown };
    next.status = { replicas: 1 };
    next.metadata!.managedFields = [];
    fm.update(dctx(T2, { subresource: 'status', resetFields: ['spec'] }), live, next, 'controller');
    assert.deepEqual(entry(next, 'controller'), {
      manager: 'controller',
      operation: 'Update',
      apiVersion: 'apps/v1',
      time: T2,
      fieldsType: 'FieldsV1',
      // status is a struct every Deployment has (the Go zero value), so it is not itself added.
      fieldsV1: { 'f:status': { 'f:replicas': {} } },
      subresource: 'status',
    });
    assert.ok(entry(next, 'kubectl-create'), 'the live entries stay');

    const main = deepClone(live) as KubeObject & { status?: unknown };
    main.status = { replicas: 1 };
    const out = updated(live, main, 'kubectl-edit', T2);
    assert.equal(entry(out, 'kubectl-edit'), undefined, 'status is not owned through the main resource');
  });

  it('folds the oldest of more than ten Update managers into ancient-changes', () => {
    let obj = created(configMap({ k0: 'v' }), 'm0', '2024-05-01T00:00:00Z');
    for (let i = 1; i <= 10; i++) {
      const data: Record<string, string> = {};
      for (let j = 0; j <= i; j++) data[`k${j}`] = 'v';
      obj = updated(obj, configMap(data), `m${i}`, `2024-05-01T00:00:${String(i).padStart(2, '0')}Z`);
    }
    const managers = entries(obj).map((e) => e.manager);
    assert.equal(managers.length, 10);
    assert.ok(managers.includes('ancient-changes'));
    assert.ok(!managers.includes('m0') && !managers.includes('m1'));
  });
});

describe('field manager: server-side apply', () => {
  const cfg = (data: Record<string, string>) => configMap(data);

  it('creates with an Apply entry for exactly the applied fields', () => {
    const obj = applied(undefined, cfg({ a: '1' }), 'kubectl', T1);
    assert.deepEqual(entries(obj), [{ manager: 'kubectl', operation: 'Apply', apiVersion: 'v1', time: T1, fieldsType: 'FieldsV1', fieldsV1: { 'f:data': { 'f:a': {} } } }]);
    assert.deepEqual((obj as { data?: unknown }).data, { a: '1' });
  });

  it('removes a field the manager no longer applies, unless another manager owns it', () => {
    const one = applied(undefined, cfg({ a: '1', b: '2', c: '3' }), 'kubectl', T1);
    const edited = updated(one, { ...one, data: { a: '1', b: '2', c: 'edited' } } as KubeObject, 'kubectl-edit', T2);
    const two = applied(edited, cfg({ a: '1' }), 'kubectl', T3);
    assert.deepEqual((two as { data?: unknown }).data, { a: '1', c: 'edited' });
    assert.deepEqual(entry(two, 'kubectl')!.fieldsV1, { 'f:data': { 'f:a': {} } });
  });

  it('reports a changed field another manager owns as a conflict, as upstream words it', () => {
    const live = created(deployment('nginx:1', 2), 'kubectl-client-side-apply');
    const config = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' }, spec: { replicas: 3 } } as KubeObject;
    assert.throws(
      () => applied(live, config, 'other', T2),
      (e: unknown) =>
        e instanceof ApplyConflictError &&
        e.message === 'Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas' &&
        e.conflicts.length === 1 &&
        e.conflicts[0]!.field === '.spec.replicas' &&
        e.conflicts[0]!.manager === '"kubectl-client-side-apply" using apps/v1',
    );
  });

  it('lists several conflicts by manager', () => {
    const live = created(deployment('nginx:1', 2), 'kubectl-create');
    const config = deployment('nginx:2', 3);
    assert.throws(
      () => applied(live, config, 'other', T2),
      (e: unknown) =>
        e instanceof ApplyConflictError &&
        e.message ===
          'Apply failed with 2 conflicts: conflicts with "kubectl-create" using apps/v1:\n- .spec.replicas\n- .spec.template.spec.containers[name="nginx"].image',
    );
  });

  it('takes ownership when forced', () => {
    const live = created(deployment('nginx:1', 2), 'kubectl-create');
    const config = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' }, spec: { replicas: 3 } } as KubeObject;
    const out = applied(live, config, 'other', T2, true);
    assert.equal((out as { spec: { replicas: number } }).spec.replicas, 3);
    assert.deepEqual(entry(out, 'other')!.fieldsV1, { 'f:spec': { 'f:replicas': {} } });
    assert.ok(!('f:replicas' in (entry(out, 'kubectl-create')!.fieldsV1!['f:spec'] as object)));
  });

  it('shares fields applied with the same value instead of conflicting', () => {
    const live = created(deployment('nginx:1', 2), 'kubectl-create');
    const config = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' }, spec: { replicas: 2 } } as KubeObject;
    const out = applied(live, config, 'other', T2);
    assert.ok('f:replicas' in (entry(out, 'kubectl-create')!.fieldsV1!['f:spec'] as object));
    assert.deepEqual(entry(out, 'other')!.fieldsV1, { 'f:spec': { 'f:replicas': {} } });
    assert.equal(entry(out, 'other')!.time, undefined, 'a no-op apply does not stamp a time');
  });

  it('lets kubectl take over what its last-applied annotation recorded (client-side to server-side apply)', () => {
    const config = deployment('nginx:1', 2);
    const withAnnotation = deepClone(config);
    withAnnotation.metadata!.annotations = { [LAST_APPLIED_ANNOTATION]: JSON.stringify(config) };
    const live = created(withAnnotation, 'kubectl-client-side-apply');
    const out = applied(live, deployment('nginx:1', 4), 'kubectl', T2);
    assert.equal((out as { spec: { replicas: number } }).spec.replicas, 4);
    const annotation = out.metadata!.annotations![LAST_APPLIED_ANNOTATION]!;
    assert.ok(annotation.endsWith('\n'));
    assert.equal((JSON.parse(annotation) as { spec: { replicas: number } }).spec.replicas, 4, 'the annotation follows what kubectl applied');
    // Another manager gets no such pass.
    assert.throws(() => applied(live, deployment('nginx:1', 4), 'someone', T2), ApplyConflictError);
  });

  it('applies to /status without touching spec ownership', () => {
    const live = created(deployment(), 'kubectl-create');
    const config = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' }, status: { replicas: 1 } } as KubeObject;
    const out = fm.apply(dctx(T2, { subresource: 'status', resetFields: ['spec'] }), deepClone(live), config, 'controller', false);
    assert.deepEqual(entry(out, 'controller'), {
      manager: 'controller',
      operation: 'Apply',
      apiVersion: 'apps/v1',
      time: T2,
      fieldsType: 'FieldsV1',
      fieldsV1: { 'f:status': { 'f:replicas': {} } },
      subresource: 'status',
    });
  });

  it('rejects fields the schema does not declare, as upstream does', () => {
    const config = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm', namespace: 'default' }, spec: { x: 1 } } as KubeObject;
    assert.throws(
      () => applied(undefined, config, 'kubectl', T1),
      (e: unknown) => isStatusError(e) && e.code === 500 && e.message === 'failed to create typed patch object (default/cm; /v1, Kind=ConfigMap): .spec: field not declared in schema',
    );
  });

  it('rejects managedFields in an applied configuration', () => {
    const config = { ...cfg({ a: '1' }), metadata: { name: 'cm', managedFields: [] } } as KubeObject;
    assert.throws(() => applied(undefined, config, 'kubectl', T1), (e: unknown) => isStatusError(e) && e.code === 400 && e.message === 'metadata.managedFields must be nil');
  });

  it('merges list items by key: new configuration items follow the live ones they are placed after', () => {
    const live = created(deployment(), 'kubectl-create');
    const config = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'default' },
      spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1' }, { name: 'sidecar', image: 'busybox' }] } } },
    } as KubeObject;
    const out = applied(live, config, 'other', T2) as { spec: { template: { spec: { containers: Array<{ name: string; ports?: unknown }> } } } };
    assert.deepEqual(
      out.spec.template.spec.containers.map((c) => c.name),
      ['nginx', 'sidecar'],
    );
    assert.ok(out.spec.template.spec.containers[0]!.ports, 'fields the configuration omits stay');
  });

  it('replaces atomic fields whole', () => {
    const live = created(deployment(), 'kubectl-create');
    const config = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' }, spec: { selector: { matchExpressions: [] } } } as KubeObject;
    const out = applied(live, config, 'other', T2, true) as { spec: { selector: unknown } };
    assert.deepEqual(out.spec.selector, { matchExpressions: [] });
  });
});
