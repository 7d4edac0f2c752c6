import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type * as corev1 from '../../../generated/k8s/core/v1.ts';
import type * as storagev1 from '../../../generated/k8s/storage/v1.ts';
import type { ClusterSnapshot } from '../snapshot.ts';
import { makeNode, makePod, runFilter } from '../test-fixtures.ts';
import { volumeBinding } from './volume-binding.ts';

const nodes = [makeNode('n1'), makeNode('n2', { labels: { zone: 'b' } })];
const claimPod = (claim: string) => makePod('p', { uid: 'pod-uid', spec: { volumes: [{ name: 'data', persistentVolumeClaim: { claimName: claim } }] } });
const ephemeralPod = () => makePod('p', { uid: 'pod-uid', spec: { volumes: [{ name: 'scratch', ephemeral: { volumeClaimTemplate: { spec: {} } } }] } });
const pvc = (name: string, spec: Partial<corev1.PersistentVolumeClaimSpec> = {}, meta: Partial<NonNullable<corev1.PersistentVolumeClaim['metadata']>> = {}, status?: corev1.PersistentVolumeClaimStatus): corev1.PersistentVolumeClaim => ({
  metadata: { name, namespace: 'default', uid: `uid-${name}`, ...meta },
  spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '5Gi' } }, storageClassName: 'local', ...spec },
  ...(status ? { status } : {}),
});
const classes: storagev1.StorageClass[] = [
  { metadata: { name: 'local' }, provisioner: 'kubernetes.io/no-provisioner', volumeBindingMode: 'WaitForFirstConsumer' },
  { metadata: { name: 'zonal' }, provisioner: 'example.com/csi', volumeBindingMode: 'WaitForFirstConsumer', allowedTopologies: [{ matchLabelExpressions: [{ key: 'zone', values: ['b'] }] }] },
  { metadata: { name: 'fast' }, provisioner: 'example.com/csi', volumeBindingMode: 'Immediate' },
];
const pv = (name: string, node: string, size = '10Gi', extra: Partial<corev1.PersistentVolumeSpec> = {}): corev1.PersistentVolume => ({
  metadata: { name },
  spec: {
    capacity: { storage: size },
    accessModes: ['ReadWriteOnce'],
    storageClassName: 'local',
    nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [node] }] }] } },
    ...extra,
  },
  status: { phase: 'Available' },
});
const snap = (claims: corev1.PersistentVolumeClaim[], pvs: corev1.PersistentVolume[] = []): ClusterSnapshot => ({ nodes, pods: [], persistentVolumeClaims: claims, persistentVolumes: pvs, storageClasses: classes });

const NO_PV = "!node(s) didn't find available persistent volumes to bind";

describe('VolumeBinding PreFilter', () => {
  it('skips pods without claims', () => {
    assert.deepEqual(runFilter(volumeBinding, makePod('p'), snap([])), { skip: true });
  });

  it('rejects missing, lost, deleting and foreign ephemeral claims', () => {
    assert.deepEqual(runFilter(volumeBinding, claimPod('data'), snap([])), { rejected: 'persistentvolumeclaim "data" not found' });
    assert.deepEqual(runFilter(volumeBinding, ephemeralPod(), snap([])), { rejected: 'waiting for ephemeral volume controller to create the persistentvolumeclaim "p-scratch"' });
    assert.deepEqual(runFilter(volumeBinding, ephemeralPod(), snap([pvc('p-scratch')])), { rejected: 'PVC default/p-scratch was not created for pod default/p (pod is not owner)' });
    assert.deepEqual(runFilter(volumeBinding, claimPod('data'), snap([pvc('data', { volumeName: 'gone' }, {}, { phase: 'Lost' })])), {
      rejected: 'persistentvolumeclaim "data" bound to non-existent persistentvolume "gone"',
    });
    assert.deepEqual(runFilter(volumeBinding, claimPod('data'), snap([pvc('data', {}, { deletionTimestamp: '2025-01-01T00:00:00Z' })])), { rejected: 'persistentvolumeclaim "data" is being deleted' });
  });

  it('waits for Immediate claims (and claims of unknown classes) to be bound', () => {
    const expected = { rejected: 'pod has unbound immediate PersistentVolumeClaims' };
    assert.deepEqual(runFilter(volumeBinding, claimPod('data'), snap([pvc('data', { storageClassName: 'fast' })])), expected);
    assert.deepEqual(runFilter(volumeBinding, claimPod('data'), snap([pvc('data', { storageClassName: 'unknown' })])), expected);
  });

  it('accepts an ephemeral claim the pod owns', () => {
    const owned = pvc('p-scratch', { storageClassName: 'zonal' }, { ownerReferences: [{ apiVersion: 'v1', kind: 'Pod', name: 'p', uid: 'pod-uid', controller: true }] });
    assert.deepEqual(runFilter(volumeBinding, ephemeralPod(), snap([owned])), { n1: NO_PV, n2: '' });
  });
});

describe('VolumeBinding Filter', () => {
  it('checks the node affinity of bound PVs', () => {
    const bound = pvc('data', { volumeName: 'pv1' }, { annotations: { 'pv.kubernetes.io/bind-completed': 'yes' } });
    assert.deepEqual(runFilter(volumeBinding, claimPod('data'), snap([bound], [pv('pv1', 'n2')])), { n1: '!node(s) had volume node affinity conflict', n2: '' });
    assert.deepEqual(runFilter(volumeBinding, claimPod('data'), snap([bound])), {
      n1: '!node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)',
      n2: '!node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)',
    });
  });

  it('finds an available PV of the right class, size and access mode for a delayed claim', () => {
    assert.deepEqual(runFilter(volumeBinding, claimPod('data'), snap([pvc('data')], [pv('small', 'n1', '1Gi'), pv('fits', 'n2')])), { n1: NO_PV, n2: '' });
    const rwx = pvc('data', { accessModes: ['ReadWriteMany'] });
    assert.deepEqual(runFilter(volumeBinding, claimPod('data'), snap([rwx], [pv('fits', 'n2')])), { n1: NO_PV, n2: NO_PV });
    const taken = pv('fits', 'n2', '10Gi', { claimRef: { name: 'other', namespace: 'default' } });
    assert.deepEqual(runFilter(volumeBinding, claimPod('data'), snap([pvc('data')], [taken])), { n1: NO_PV, n2: NO_PV });
  });

  it('provisions where the class allows it and honours a selected node', () => {
    assert.deepEqual(runFilter(volumeBinding, claimPod('data'), snap([pvc('data', { storageClassName: 'zonal' })])), { n1: NO_PV, n2: '' });
    const selected = pvc('data', { storageClassName: 'zonal' }, { annotations: { 'volume.kubernetes.io/selected-node': 'n1' } });
    assert.deepEqual(runFilter(volumeBinding, claimPod('data'), snap([selected])), { n1: NO_PV, n2: NO_PV });
  });
});
