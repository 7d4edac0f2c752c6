// The ResourceQuota plugin and the quota controller together, through a cluster's API.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { StatusError } from '../../../apimachinery/errors.ts';
import type { KubeObject, StoredObject } from '../../../apimachinery/object.ts';
import type * as corev1 from '../../../generated/k8s/core/v1.ts';
import { ADMIN_USER, type Cluster } from '../../cluster.ts';
import { Sandbox } from '../../sandbox.ts';

describe('ResourceQuota admission and controller', () => {
  let sandbox: Sandbox;
  let cluster: Cluster;
  const def = (resource: string, group = '') => cluster.resources.byResource(group, resource)!;
  const create = async (resource: string, ns: string | undefined, obj: object, group = '') =>
    (await cluster.api.create(cluster.context(ADMIN_USER), def(resource, group), ns, obj as KubeObject, { fieldManager: 'test' })).object as StoredObject;
  const status = (ns: string, name: string) => (cluster.store.get('resourcequotas', ns, name) as StoredObject & corev1.ResourceQuota).status;
  const pod = (name: string, resources?: corev1.ResourceRequirements) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name },
    spec: { containers: [{ name: 'app', image: 'nginx:1.27', resources }] },
  });
  async function rejects(p: Promise<unknown>, message: string) {
    await assert.rejects(p, (e: unknown) => {
      assert.ok(e instanceof StatusError, String(e));
      assert.equal(e.code, 403);
      assert.equal(e.message, message);
      return true;
    });
  }
  async function namespace(name: string) {
    await create('namespaces', undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
    await cluster.settle();
  }

  before(async () => {
    sandbox = await Sandbox.start({ port: 0 });
    cluster = await sandbox.createCluster('rq');
    await cluster.settle();
  });
  after(() => sandbox.stop());

  it('counts pods and compute, refuses the pod that would exceed, and reports usage in status', async () => {
    await namespace('compute');
    await create('resourcequotas', 'compute', {
      apiVersion: 'v1',
      kind: 'ResourceQuota',
      metadata: { name: 'compute' },
      spec: { hard: { pods: '3', 'requests.cpu': '1', 'requests.memory': '1Gi', 'limits.memory': '2Gi' } },
    });
    await cluster.settle();
    assert.deepEqual(status('compute', 'compute'), {
      hard: { 'limits.memory': '2Gi', pods: '3', 'requests.cpu': '1', 'requests.memory': '1Gi' },
      used: { 'limits.memory': '0', pods: '0', 'requests.cpu': '0', 'requests.memory': '0' },
    });
    const sized = { requests: { cpu: '400m', memory: '256Mi' }, limits: { memory: '512Mi' } };
    await create('pods', 'compute', pod('one', sized));
    await create('pods', 'compute', pod('two', sized));
    await rejects(
      create('pods', 'compute', pod('three', sized)),
      'pods "three" is forbidden: exceeded quota: compute, requested: requests.cpu=400m, used: requests.cpu=800m, limited: requests.cpu=1',
    );
    await rejects(create('pods', 'compute', pod('bare')), 'pods "bare" is forbidden: failed quota: compute: must specify limits.memory for: app; requests.cpu for: app; requests.memory for: app');
    await cluster.settle();
    assert.deepEqual(status('compute', 'compute')!.used, { 'limits.memory': '1Gi', pods: '2', 'requests.cpu': '800m', 'requests.memory': '512Mi' });
    // Deleting a pod gives its share back.
    await cluster.api.delete(cluster.context(ADMIN_USER), def('pods'), 'compute', 'one', { gracePeriodSeconds: 0 });
    await cluster.settle();
    assert.equal(status('compute', 'compute')!.used!['requests.cpu'], '400m');
    await create('pods', 'compute', pod('three', sized));
  });

  it('counts objects of any kind, services by type and claims by StorageClass', async () => {
    await namespace('objects');
    await create('resourcequotas', 'objects', {
      apiVersion: 'v1',
      kind: 'ResourceQuota',
      metadata: { name: 'objects' },
      spec: {
        hard: {
          configmaps: '2',
          'count/deployments.apps': '0',
          'services.nodeports': '1',
          'standard.storageclass.storage.k8s.io/requests.storage': '1Gi',
        },
      },
    });
    await cluster.settle();
    // kube-root-ca.crt is the namespace's first ConfigMap.
    await create('configmaps', 'objects', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } });
    await rejects(
      create('configmaps', 'objects', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'b' } }),
      'configmaps "b" is forbidden: exceeded quota: objects, requested: configmaps=1, used: configmaps=2, limited: configmaps=2',
    );
    await rejects(
      create(
        'deployments',
        'objects',
        {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name: 'web' },
          spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } } },
        },
        'apps',
      ),
      'deployments.apps "web" is forbidden: exceeded quota: objects, requested: count/deployments.apps=1, used: count/deployments.apps=0, limited: count/deployments.apps=0',
    );
    const svc = (name: string, ports: number) => ({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name },
      spec: { type: 'NodePort', selector: { app: name }, ports: Array.from({ length: ports }, (_, i) => ({ name: `p${i}`, port: 80 + i })) },
    });
    await rejects(
      create('services', 'objects', svc('two-ports', 2)),
      'services "two-ports" is forbidden: exceeded quota: objects, requested: services.nodeports=2, used: services.nodeports=0, limited: services.nodeports=1',
    );
    await create('services', 'objects', svc('one-port', 1));
    const claim = (name: string, storage: string, storageClassName: string) => ({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name },
      spec: { accessModes: ['ReadWriteOnce'], storageClassName, resources: { requests: { storage } } },
    });
    await create('persistentvolumeclaims', 'objects', claim('small', '600Mi', 'standard'));
    await rejects(
      create('persistentvolumeclaims', 'objects', claim('big', '600Mi', 'standard')),
      'persistentvolumeclaims "big" is forbidden: exceeded quota: objects, requested: standard.storageclass.storage.k8s.io/requests.storage=600Mi, used: standard.storageclass.storage.k8s.io/requests.storage=600Mi, limited: standard.storageclass.storage.k8s.io/requests.storage=1Gi',
    );
    await create('persistentvolumeclaims', 'objects', claim('elsewhere', '600Mi', 'other'));
    await cluster.settle();
    assert.deepEqual(status('objects', 'objects')!.used, {
      configmaps: '2',
      'count/deployments.apps': '0',
      'services.nodeports': '1',
      'standard.storageclass.storage.k8s.io/requests.storage': '600Mi',
    });
  });
});
