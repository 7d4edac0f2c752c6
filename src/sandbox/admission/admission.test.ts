import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { StatusError } from '../../apimachinery/errors.ts';
import type { KubeObject, StoredObject } from '../../apimachinery/object.ts';
import type * as corev1 from '../../generated/k8s/core/v1.ts';
import { ADMIN_USER, type Cluster } from '../cluster.ts';
import { Sandbox } from '../sandbox.ts';

type Pod = StoredObject & corev1.Pod;

describe('admission', () => {
  let sandbox: Sandbox;
  let cluster: Cluster;
  const def = (resource: string, group = '') => cluster.resources.byResource(group, resource)!;
  const create = async (resource: string, ns: string | undefined, obj: KubeObject, group = '') =>
    (await cluster.api.create(cluster.context(ADMIN_USER), def(resource, group), ns, obj, { fieldManager: 'test' })).object as StoredObject;
  const pod = (name: string, container: Partial<corev1.Container> = {}, spec: Partial<corev1.PodSpec> = {}): KubeObject =>
    ({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'app', image: 'nginx:1.27', ...container }], ...spec } }) as KubeObject;
  async function rejects(p: Promise<unknown>, code: number, message: string) {
    await assert.rejects(p, (e: unknown) => {
      assert.ok(e instanceof StatusError, String(e));
      assert.equal(e.message, message);
      assert.equal(e.code, code);
      return true;
    });
  }

  before(async () => {
    sandbox = await Sandbox.start({ port: 0 });
    cluster = await sandbox.createCluster('adm');
    await cluster.settle();
  });
  after(() => sandbox.stop());

  describe('NamespaceLifecycle', () => {
    it('refuses content in a namespace that does not exist', async () => {
      await rejects(create('configmaps', 'nowhere', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } }), 404, 'namespaces "nowhere" not found');
    });
    it('refuses to delete a system namespace', async () => {
      await rejects(cluster.api.delete(cluster.context(ADMIN_USER), def('namespaces'), undefined, 'kube-system', {}), 403, 'namespaces "kube-system" is forbidden: this namespace may not be deleted');
    });
    it('refuses new content in a terminating namespace', async () => {
      await create('namespaces', undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'leaving' } });
      await create('configmaps', 'leaving', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'held', finalizers: ['example.com/x'] } });
      await cluster.api.delete(cluster.context(ADMIN_USER), def('namespaces'), undefined, 'leaving', {});
      await rejects(
        create('configmaps', 'leaving', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'late' } }),
        403,
        'configmaps "late" is forbidden: unable to create new content in namespace leaving because it is being terminated',
      );
    });
  });

  describe('ServiceAccount', () => {
    it('runs pods as default and mounts the API credentials', async () => {
      const p = (await create('pods', 'default', pod('sa-default'))) as Pod;
      assert.equal(p.spec!.serviceAccountName, 'default');
      const vol = p.spec!.volumes!.find((v) => v.name.startsWith('kube-api-access-'))!;
      assert.match(vol.name, /^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      assert.deepEqual(vol.projected!.sources!.map((s) => Object.keys(s)[0]), ['serviceAccountToken', 'configMap', 'downwardAPI']);
      assert.deepEqual(p.spec!.containers[0]!.volumeMounts, [{ name: vol.name, readOnly: true, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' }]);
    });
    it('refuses a pod naming a missing ServiceAccount', async () => {
      await rejects(
        create('pods', 'default', pod('sa-missing', {}, { serviceAccountName: 'robot' })),
        403,
        'pods "sa-missing" is forbidden: error looking up service account default/robot: serviceaccount "robot" not found',
      );
    });
    it('does not mount credentials when automount is off', async () => {
      const p = (await create('pods', 'default', pod('sa-off', {}, { automountServiceAccountToken: false }))) as Pod;
      assert.equal(p.spec!.volumes, undefined);
    });
  });

  describe('DefaultTolerationSeconds and Priority', () => {
    it('adds the not-ready/unreachable tolerations and priority 0', async () => {
      const p = (await create('pods', 'default', pod('tol'))) as Pod;
      assert.deepEqual(
        p.spec!.tolerations!.map((t) => `${t.key}:${t.effect}:${t.tolerationSeconds}`),
        ['node.kubernetes.io/not-ready:NoExecute:300', 'node.kubernetes.io/unreachable:NoExecute:300'],
      );
      assert.equal(p.spec!.priority, 0);
      assert.equal(p.spec!.preemptionPolicy, 'PreemptLowerPriority');
    });
    it('refuses an unknown PriorityClass', async () => {
      await rejects(create('pods', 'default', pod('prio', {}, { priorityClassName: 'urgent' })), 403, 'pods "prio" is forbidden: no PriorityClass with name urgent was found');
    });
  });

  describe('LimitRanger', () => {
    before(async () => {
      await create('namespaces', undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'limited' } });
      await cluster.settle();
      await create('limitranges', 'limited', {
        apiVersion: 'v1',
        kind: 'LimitRange',
        metadata: { name: 'cpu' },
        spec: { limits: [{ type: 'Container', default: { cpu: '500m' }, defaultRequest: { cpu: '250m' }, max: { cpu: '1' } }] },
      } as KubeObject);
    });
    it('fills in default requests and limits and says so', async () => {
      const p = (await create('pods', 'limited', pod('defaults'))) as Pod;
      assert.deepEqual(p.spec!.containers[0]!.resources, { limits: { cpu: '500m' }, requests: { cpu: '250m' } });
      assert.equal(p.metadata.annotations!['kubernetes.io/limit-ranger'], 'LimitRanger plugin set: cpu request for container app; cpu limit for container app');
    });
    it('refuses a container above the maximum', async () => {
      await rejects(
        create('pods', 'limited', pod('big', { resources: { limits: { cpu: '2' } } })),
        403,
        'pods "big" is forbidden: maximum cpu usage per Container is 1, but limit is 2',
      );
    });
  });
});
