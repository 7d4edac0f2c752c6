// pods/binding, the legacy bindings resource and pods/eviction against an in-process cluster.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { StatusError } from '../../../../apimachinery/errors.ts';
import { deepClone, type KubeObject, type StoredObject } from '../../../../apimachinery/object.ts';
import type * as core from '../../../../generated/k8s/core/v1.ts';
import type * as policy from '../../../../generated/k8s/policy/v1.ts';
import { ADMIN_USER, type Cluster } from '../../../cluster.ts';
import { Sandbox } from '../../../sandbox.ts';
import type { StoredObjectDraft } from '../../../storage/object-store.ts';
import type { ResourceDef } from '../../types.ts';

type Pod = StoredObject & core.Pod;
type PDB = StoredObject & policy.PodDisruptionBudget;

describe('pod subresources', () => {
  let sandbox: Sandbox;
  let cluster: Cluster;
  let pods: ResourceDef;
  let n = 0;
  let name = '';
  const ns = 'default';
  const ctx = () => cluster.context(ADMIN_USER);
  const get = () => cluster.store.get('pods', ns, name) as Pod | undefined;
  const handle = async (sub: string, body: KubeObject) => pods.subresources![sub]!.handle({ method: 'create', namespace: ns, name, body, query: new URLSearchParams(), ctx: ctx() });

  async function rejects(p: Promise<unknown>, code: number, message: string, check?: (e: StatusError) => void) {
    await assert.rejects(p, (e: unknown) => {
      assert.ok(e instanceof StatusError, String(e));
      assert.equal(e.message, message);
      assert.equal(e.code, code);
      check?.(e);
      return true;
    });
  }

  async function setStatus(status: core.PodStatus) {
    const cur = deepClone(get()!);
    cur.status = { ...cur.status, ...status };
    await cluster.api.update(ctx(), pods, ns, name, cur, { fieldManager: 'test', subresource: 'status' });
  }

  function putPDB(pdbName: string, status: Partial<policy.PodDisruptionBudgetStatus>, spec: Partial<policy.PodDisruptionBudgetSpec> = {}) {
    const pdb = {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name: pdbName, namespace: ns, uid: `uid-${pdbName}`, generation: 1 },
      spec: { selector: { matchLabels: { app: 'web' } }, minAvailable: 1, ...spec },
      status: { observedGeneration: 1, currentHealthy: 1, desiredHealthy: 1, disruptionsAllowed: 0, expectedPods: 1, ...status },
    };
    cluster.store.write([{ type: 'create', resource: 'poddisruptionbudgets.policy', object: pdb as unknown as StoredObjectDraft }]);
  }

  before(async () => {
    sandbox = await Sandbox.start({ port: 0 });
    cluster = await sandbox.createCluster('subres');
    await cluster.settle();
    pods = cluster.resources.byResource('', 'pods')!;
  });
  after(() => sandbox.stop());

  beforeEach(async () => {
    name = `web-${++n}`;
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image: 'nginx' }] } };
    pods.defaults?.(pod);
    await cluster.api.create(ctx(), pods, ns, pod, { fieldManager: 'test' });
    for (const pdb of cluster.store.list('poddisruptionbudgets.policy', ns)) {
      cluster.store.write([{ type: 'delete', resource: 'poddisruptionbudgets.policy', namespace: ns, name: pdb.metadata.name }]);
    }
  });

  describe('binding', () => {
    const binding = (node: string, extra: Partial<core.Binding> = {}) => ({ apiVersion: 'v1', kind: 'Binding', metadata: { name }, target: { kind: 'Node', name: node }, ...extra });

    it('sets the node, the annotations and PodScheduled, answering Success', async () => {
      const out = await handle('binding', { ...binding('node-1'), metadata: { name, annotations: { 'scheduler.example.com/score': '7' } } } as KubeObject);
      assert.deepEqual(out, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 });
      const pod = get()!;
      assert.equal(pod.spec!.nodeName, 'node-1');
      assert.equal(pod.metadata.annotations!['scheduler.example.com/score'], '7');
      assert.deepEqual(
        pod.status!.conditions!.map((c) => [c.type, c.status]),
        [['PodScheduled', 'True']],
      );
    });

    it('refuses to bind a pod twice', async () => {
      await handle('binding', binding('node-1') as KubeObject);
      await rejects(handle('binding', binding('node-2') as KubeObject), 409, `Operation cannot be fulfilled on pods/binding "${name}": pod ${name} is already assigned to node "node-1"`);
    });

    it('reports invalid bindings as upstream does', async () => {
      await rejects(handle('binding', { ...binding(''), target: { kind: 'Service', name: '' } } as KubeObject), 500, '[target.kind: Unsupported value: "Service": supported values: "Node", "<empty>", target.name: Required value]');
      await rejects(handle('binding', { ...binding('node-1'), metadata: { name: 'other' } } as KubeObject), 400, 'name in URL does not match name in Binding object');
    });

    it('serves the legacy bindings resource', async () => {
      const def = cluster.resources.byResource('', 'bindings')!;
      assert.deepEqual(def.verbs, ['create']);
      await def.virtual!({ ...binding('node-3'), metadata: { name, namespace: ns } } as KubeObject, ctx());
      assert.equal(get()!.spec!.nodeName, 'node-3');
    });
  });

  describe('eviction', () => {
    const eviction = () => ({ apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name, namespace: ns } }) as KubeObject;

    it('deletes a pending pod whatever its budget says', async () => {
      putPDB('strict', { disruptionsAllowed: 0 });
      const out = await handle('eviction', eviction());
      assert.equal((out as { status?: string }).status, 'Success');
      assert.equal(get(), undefined);
    });

    it('refuses with 429 when the budget allows no disruption', async () => {
      await setStatus({ phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] });
      putPDB('strict', { disruptionsAllowed: 0, currentHealthy: 1, desiredHealthy: 1 });
      await rejects(handle('eviction', eviction()), 429, "Cannot evict pod as it would violate the pod's disruption budget.", (e) => {
        assert.deepEqual(e.details?.causes, [{ reason: 'DisruptionBudget', message: 'The disruption budget strict needs 1 healthy pods and has 1 currently' }]);
      });
      assert.ok(get());
    });

    it('consumes an allowed disruption and deletes the pod', async () => {
      await setStatus({ phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] });
      putPDB('loose', { disruptionsAllowed: 1, currentHealthy: 2, desiredHealthy: 1 });
      await handle('eviction', eviction());
      assert.equal(get(), undefined);
      const pdb = cluster.store.get('poddisruptionbudgets.policy', ns, 'loose') as PDB;
      assert.equal(pdb.status!.disruptionsAllowed, 0);
      assert.ok(pdb.status!.disruptedPods![name]);
    });

    it('evicts a scheduled pod gracefully, marking it as a disruption target', async () => {
      await handle('binding', { apiVersion: 'v1', kind: 'Binding', metadata: { name }, target: { name: 'node-1' } } as KubeObject);
      await setStatus({ phase: 'Running' });
      await handle('eviction', eviction());
      const pod = get()!;
      assert.ok(pod.metadata.deletionTimestamp);
      assert.equal(pod.metadata.deletionGracePeriodSeconds, 30);
      const target = pod.status!.conditions!.find((c) => c.type === 'DisruptionTarget');
      assert.deepEqual([target?.status, target?.reason, target?.message], ['True', 'EvictionByEvictionAPI', 'Eviction API: evicting']);
    });

    it('does not support several budgets for one pod', async () => {
      await setStatus({ phase: 'Running' });
      putPDB('a', { disruptionsAllowed: 1 });
      putPDB('b', { disruptionsAllowed: 1 });
      await rejects(handle('eviction', eviction()), 500, 'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.');
    });

    it('answers 404 for a missing pod', async () => {
      name = 'ghost';
      await rejects(handle('eviction', eviction()), 404, 'pods "ghost" not found');
    });
  });
});
