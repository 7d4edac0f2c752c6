import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type * as corev1 from '../../../generated/k8s/core/v1.ts';
import type * as storagev1 from '../../../generated/k8s/storage/v1.ts';
import { type BinderView, planClaim, planVolume } from './binder-plan.ts';
import { findBestMatchForClaim } from './matching.ts';

const claim = (extra: Partial<corev1.PersistentVolumeClaimSpec> = {}, annotations?: Record<string, string>): corev1.PersistentVolumeClaim => ({
  metadata: { name: 'data', namespace: 'default', uid: 'c1', ...(annotations ? { annotations } : {}) },
  spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClassName: '', ...extra },
  status: { phase: 'Pending' },
});
const volume = (name: string, size: string, extra: Partial<corev1.PersistentVolumeSpec> = {}, phase = 'Available'): corev1.PersistentVolume => ({
  metadata: { name },
  spec: { capacity: { storage: size }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/x' }, storageClassName: '', ...extra },
  status: { phase },
});
const standard: storagev1.StorageClass = { metadata: { name: 'standard', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } }, provisioner: 'rancher.io/local-path', volumeBindingMode: 'WaitForFirstConsumer' };
const view = (volumes: corev1.PersistentVolume[], classes: storagev1.StorageClass[] = [], unscheduledConsumers: string[] = []): BinderView => ({
  volumes,
  classes: new Map(classes.map((c) => [c.metadata!.name!, c])),
  unscheduledConsumers,
});

describe('findBestMatchForClaim', () => {
  it('picks the smallest Available volume that is big enough, with the access modes and class', () => {
    const pvs = [volume('small', '500Mi'), volume('big', '10Gi'), volume('fit', '2Gi'), volume('rwx', '1Gi', { accessModes: ['ReadWriteMany'] }), volume('other', '1Gi', { storageClassName: 'gold' })];
    assert.equal(findBestMatchForClaim(claim(), pvs, { delayBinding: false })?.metadata?.name, 'fit');
  });
  it('honours the claim selector and skips volumes that are not Available or claimed by others', () => {
    const pvs = [volume('bound', '1Gi', {}, 'Bound'), volume('taken', '1Gi', { claimRef: { name: 'x', namespace: 'default' } }), { ...volume('labelled', '5Gi'), metadata: { name: 'labelled', labels: { tier: 'db' } } }, volume('plain', '1Gi')];
    assert.equal(findBestMatchForClaim(claim({ selector: { matchLabels: { tier: 'db' } } }), pvs, { delayBinding: false })?.metadata?.name, 'labelled');
    assert.equal(findBestMatchForClaim(claim(), pvs.slice(0, 2), { delayBinding: false }), undefined);
  });
  it('prefers a volume pre-bound to the claim, even for delayed binding', () => {
    const pre = volume('pre', '1Gi', { claimRef: { name: 'data', namespace: 'default' } });
    assert.equal(findBestMatchForClaim(claim(), [volume('a', '1Gi'), pre], { delayBinding: true })?.metadata?.name, 'pre');
    assert.equal(findBestMatchForClaim(claim(), [volume('a', '1Gi')], { delayBinding: true }), undefined);
  });
  it('rejects a claimRef with another uid (a re-created claim)', () => {
    const old = volume('old', '1Gi', { claimRef: { name: 'data', namespace: 'default', uid: 'c0' } }, 'Released');
    assert.equal(findBestMatchForClaim(claim(), [old], { delayBinding: false }), undefined);
  });
});

describe('planClaim', () => {
  it('binds an unbound claim to its match', () => {
    assert.deepEqual(planClaim(claim(), view([volume('pv1', '1Gi')])), [{ kind: 'bind', volume: 'pv1' }]);
  });
  it('waits with FailedBinding when no volume matches and no class is set', () => {
    assert.deepEqual(planClaim(claim(), view([])), [{ kind: 'event', event: { type: 'Normal', reason: 'FailedBinding', message: 'no persistent volumes available for this claim and no storage class is set' } }]);
  });
  it('waits for the first consumer of a WaitForFirstConsumer claim, naming pods not yet scheduled', () => {
    const pvc = claim({ storageClassName: 'standard' });
    assert.deepEqual(planClaim(pvc, view([], [standard])), [{ kind: 'event', event: { type: 'Normal', reason: 'WaitForFirstConsumer', message: 'waiting for first consumer to be created before binding' } }]);
    assert.deepEqual(planClaim(pvc, view([], [standard], ['default/web']))[0], { kind: 'event', event: { type: 'Normal', reason: 'WaitForPodScheduled', message: 'waiting for pod default/web to be scheduled' } });
  });
  it('hands a claim with a selected node to the external provisioner once', () => {
    const pvc = claim({ storageClassName: 'standard' }, { 'volume.kubernetes.io/selected-node': 'w1' });
    const actions = planClaim(pvc, view([], [standard]));
    assert.deepEqual(actions.map((a) => a.kind), ['event', 'setProvisioner']);
    assert.match(JSON.stringify(actions[0]), /ExternalProvisioning.*external provisioner 'rancher.io\/local-path'/);
    const announced = claim({ storageClassName: 'standard' }, { 'volume.kubernetes.io/selected-node': 'w1', 'volume.kubernetes.io/storage-provisioner': 'rancher.io/local-path' });
    assert.deepEqual(planClaim(announced, view([], [standard])), []);
  });
  it('assigns the default class to a claim that never named one', () => {
    const pvc = claim();
    delete pvc.spec!.storageClassName;
    assert.deepEqual(planClaim(pvc, view([], [standard]))[0], { kind: 'assignDefaultClass', className: 'standard' });
  });
  it('reports a missing class', () => {
    assert.deepEqual(planClaim(claim({ storageClassName: 'fast' }), view([]))[0], { kind: 'event', event: { type: 'Warning', reason: 'ProvisioningFailed', message: 'storageclass.storage.k8s.io "fast" not found' } });
  });
  it('marks a bound claim Lost when its volume is gone', () => {
    const pvc = claim({ volumeName: 'gone' }, { 'pv.kubernetes.io/bind-completed': 'yes' });
    pvc.status = { phase: 'Bound' };
    assert.deepEqual(planClaim(pvc, view([])), [{ kind: 'phase', phase: 'Lost' }, { kind: 'event', event: { type: 'Warning', reason: 'ClaimLost', message: 'Bound claim has lost its PersistentVolume. Data on the volume is lost!' } }]);
  });
});

describe('planVolume', () => {
  const bound = (policy: string, annotations?: Record<string, string>) => {
    const pv = volume('pv1', '1Gi', { claimRef: { name: 'data', namespace: 'default', uid: 'c1' }, persistentVolumeReclaimPolicy: policy }, 'Bound');
    if (annotations) pv.metadata!.annotations = annotations;
    return pv;
  };
  it('makes an unclaimed volume Available and a claimed one Bound', () => {
    assert.deepEqual(planVolume(volume('pv1', '1Gi', {}, 'Pending'), undefined), [{ kind: 'phase', phase: 'Available' }]);
    const pvc = claim({ volumeName: 'pv1' });
    assert.deepEqual(planVolume({ ...bound('Retain'), status: { phase: 'Available' } }, pvc), [{ kind: 'phase', phase: 'Bound' }]);
  });
  it('releases a Retain volume whose claim is gone or re-created with another uid', () => {
    assert.deepEqual(planVolume(bound('Retain'), undefined), [{ kind: 'phase', phase: 'Released' }]);
    assert.deepEqual(planVolume(bound('Retain'), { ...claim(), metadata: { name: 'data', namespace: 'default', uid: 'c2' } }), [{ kind: 'phase', phase: 'Released' }]);
    assert.deepEqual(planVolume({ ...bound('Retain'), status: { phase: 'Released' } }, undefined), []);
  });
  it('leaves a provisioned Delete volume to its provisioner, and fails a static one', () => {
    assert.deepEqual(planVolume(bound('Delete', { 'pv.kubernetes.io/provisioned-by': 'rancher.io/local-path' }), undefined), [{ kind: 'phase', phase: 'Released' }]);
    const actions = planVolume(bound('Delete'), undefined);
    assert.deepEqual(actions.map((a) => (a.kind === 'phase' ? a.phase : a.kind)), ['Released', 'Failed', 'event']);
  });
  it('unbinds a volume the controller bound to a claim that now uses another volume', () => {
    const pv = bound('Retain', { 'pv.kubernetes.io/bound-by-controller': 'yes' });
    assert.deepEqual(planVolume(pv, claim({ volumeName: 'pv2' })), [{ kind: 'unbind' }]);
    pv.metadata!.annotations = {};
    assert.deepEqual(planVolume(pv, claim({ volumeName: 'pv2' })), []);
  });
});
