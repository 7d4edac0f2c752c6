import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type * as corev1 from '../../../generated/k8s/core/v1.ts';
import type * as storagev1 from '../../../generated/k8s/storage/v1.ts';
import { planProvision, shouldDelete } from './local-path-plan.ts';
import { planConsumerBinding } from './consumer-binding.ts';

const standard: storagev1.StorageClass = { metadata: { name: 'standard' }, provisioner: 'rancher.io/local-path', reclaimPolicy: 'Delete', volumeBindingMode: 'WaitForFirstConsumer' };
const claim = (annotations: Record<string, string>, modes = ['ReadWriteOnce']): corev1.PersistentVolumeClaim => ({
  metadata: { name: 'data', namespace: 'shop', uid: 'u1', annotations },
  spec: { accessModes: modes, resources: { requests: { storage: '2Gi' } }, storageClassName: 'standard' },
});
const handed = { 'volume.kubernetes.io/storage-provisioner': 'rancher.io/local-path' };
const node = { name: 'kind-worker', hostname: 'kind-worker' };

describe('local-path provisioning', () => {
  it('creates pvc-<uid> on the selected node with the claim size and the class reclaim policy', () => {
    const d = planProvision(claim({ ...handed, 'volume.kubernetes.io/selected-node': 'kind-worker' }), standard, new Set(), node);
    assert.equal(d.kind, 'provision');
    if (d.kind !== 'provision') return;
    assert.equal(d.volume.metadata?.name, 'pvc-u1');
    assert.equal(d.volume.spec?.hostPath?.path, '/var/local-path-provisioner/pvc-u1_shop_data');
    assert.deepEqual(d.volume.spec?.capacity, { storage: '2Gi' });
    assert.equal(d.volume.spec?.persistentVolumeReclaimPolicy, 'Delete');
    assert.equal(d.volume.spec?.claimRef?.uid, 'u1');
    assert.deepEqual(d.volume.spec?.nodeAffinity?.required?.nodeSelectorTerms?.[0]?.matchExpressions?.[0], { key: 'kubernetes.io/hostname', operator: 'In', values: ['kind-worker'] });
  });
  it('waits for the selected node, skips claims not handed to it or already provisioned', () => {
    assert.equal(planProvision(claim(handed), standard, new Set(), node).kind, 'none');
    assert.equal(planProvision(claim({ 'volume.kubernetes.io/selected-node': 'kind-worker' }), standard, new Set(), node).kind, 'none');
    assert.equal(planProvision(claim({ ...handed, 'volume.kubernetes.io/selected-node': 'kind-worker' }), standard, new Set(['pvc-u1']), node).kind, 'none');
  });
  it('refuses ReadWriteMany', () => {
    const d = planProvision(claim({ ...handed, 'volume.kubernetes.io/selected-node': 'kind-worker' }, ['ReadWriteMany']), standard, new Set(), node);
    assert.equal(d.kind, 'fail');
  });
  it('deletes its Released Delete volumes only', () => {
    const pv = (phase: string, policy: string, by?: string): corev1.PersistentVolume => ({ metadata: { name: 'p', annotations: by ? { 'pv.kubernetes.io/provisioned-by': by } : {} }, spec: { persistentVolumeReclaimPolicy: policy }, status: { phase } });
    assert.equal(shouldDelete(pv('Released', 'Delete', 'rancher.io/local-path')), true);
    assert.equal(shouldDelete(pv('Released', 'Retain', 'rancher.io/local-path')), false);
    assert.equal(shouldDelete(pv('Bound', 'Delete', 'rancher.io/local-path')), false);
    assert.equal(shouldDelete(pv('Released', 'Delete')), false);
  });
});

describe('planConsumerBinding', () => {
  const pod: corev1.Pod = { metadata: { name: 'web', namespace: 'shop' }, spec: { nodeName: 'kind-worker', containers: [], volumes: [{ name: 'd', persistentVolumeClaim: { claimName: 'data' } }] } };
  const classes = new Map([['standard', standard]]);
  it('selects the pod node for provisioning when no static volume fits', () => {
    assert.deepEqual(planConsumerBinding(pod, { claims: new Map([['data', claim({})]]), volumes: [], classes, nodeLabels: {} }), [{ kind: 'selectNode', claim: 'data', node: 'kind-worker' }]);
  });
  it('pre-binds an Available static volume of the class that the node may use', () => {
    const pv: corev1.PersistentVolume = { metadata: { name: 'local1' }, spec: { capacity: { storage: '5Gi' }, accessModes: ['ReadWriteOnce'], storageClassName: 'standard', nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['kind-worker'] }] }] } } }, status: { phase: 'Available' } };
    assert.deepEqual(planConsumerBinding(pod, { claims: new Map([['data', claim({})]]), volumes: [pv], classes, nodeLabels: { 'kubernetes.io/hostname': 'kind-worker' } }), [{ kind: 'prebind', claim: 'data', volume: 'local1' }]);
    assert.deepEqual(planConsumerBinding(pod, { claims: new Map([['data', claim({})]]), volumes: [pv], classes, nodeLabels: { 'kubernetes.io/hostname': 'other' } })[0]?.kind, 'selectNode');
  });
  it('does nothing for unscheduled pods or claims already given a node', () => {
    assert.deepEqual(planConsumerBinding({ ...pod, spec: { ...pod.spec!, nodeName: undefined } }, { claims: new Map([['data', claim({})]]), volumes: [], classes, nodeLabels: {} }), []);
    assert.deepEqual(planConsumerBinding(pod, { claims: new Map([['data', claim({ 'volume.kubernetes.io/selected-node': 'x' })]]), volumes: [], classes, nodeLabels: {} }), []);
  });
});
