import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { StoredObject } from '../../../../apimachinery/object.ts';
import { TEST_NOW, messages, testContext } from '../shared/testing.ts';
import { persistentVolumePrinter } from './printer.ts';
import type { PersistentVolume } from './types.ts';
import { validatePersistentVolume, validatePersistentVolumeUpdate } from './validation.ts';

const pv = (spec: PersistentVolume['spec'], extra: Partial<PersistentVolume> = {}): PersistentVolume => ({ metadata: { name: 'pv1' }, spec, ...extra });

describe('PersistentVolume validation', () => {
  it('requires access modes, storage capacity and one volume source', () => {
    assert.deepEqual(messages(validatePersistentVolume(pv({}))), [
      'spec.accessModes: Required value',
      'spec.capacity: Required value',
      'spec.capacity: Unsupported value: core.ResourceList{}: supported values: "storage"',
      'spec: Required value: must specify a volume type',
    ]);
  });

  it('checks hostPath, nfs and local sources', () => {
    const base = { accessModes: ['ReadWriteOnce'], capacity: { storage: '1Gi' } };
    assert.deepEqual(messages(validatePersistentVolume(pv({ ...base, hostPath: { path: '/a/../b' } }))), ["spec.hostPath.path: Invalid value: \"/a/../b\": must not contain '..'"]);
    assert.deepEqual(messages(validatePersistentVolume(pv({ ...base, nfs: { server: '', path: 'x' } }))), ['spec.nfs.server: Required value', 'spec.nfs.path: Invalid value: "x": must be an absolute path']);
    assert.deepEqual(messages(validatePersistentVolume(pv({ ...base, local: { path: '/mnt' } }))), ['spec.nodeAffinity: Required value: Local volume requires node affinity']);
    assert.deepEqual(messages(validatePersistentVolume(pv({ ...base, hostPath: { path: '/a' }, nfs: { server: 's', path: '/x' } }))), ['spec.nfs: Forbidden: may not specify more than 1 volume type']);
  });

  it('keeps the volume source immutable', () => {
    const base = { accessModes: ['ReadWriteOnce'], capacity: { storage: '1Gi' }, volumeMode: 'Filesystem' };
    const errs = messages(validatePersistentVolumeUpdate(pv({ ...base, hostPath: { path: '/b' } }), pv({ ...base, hostPath: { path: '/a' } })));
    assert.equal(errs.length, 1);
    assert.match(errs[0]!, /^spec\.persistentvolumesource: Forbidden: spec\.persistentvolumesource is immutable after creation\n  core\.PersistentVolumeSource\{\n/);
    assert.match(errs[0]!, /\n- \tHostPath: +&\{Path: "\/a"\},\n\+ \tHostPath: +&\{Path: "\/b"\},\n/);
  });
});

describe('PersistentVolume printer', () => {
  it('prints the upstream columns', () => {
    const v = { ...pv({ capacity: { storage: '5Gi' }, accessModes: ['ReadWriteMany', 'ReadWriteOnce'], persistentVolumeReclaimPolicy: 'Retain', storageClassName: 'standard', claimRef: { namespace: 'default', name: 'data' }, volumeMode: 'Filesystem' }, { status: { phase: 'Bound' } }), metadata: { name: 'pv1', uid: 'u', resourceVersion: '1', creationTimestamp: new Date(TEST_NOW - 5000).toISOString() } } as StoredObject & PersistentVolume;
    assert.deepEqual(persistentVolumePrinter.cells(v, { now: TEST_NOW, cluster: testContext().cluster }), ['pv1', '5Gi', 'RWO,RWX', 'Retain', 'Bound', 'default/data', 'standard', '<unset>', '', '5s', 'Filesystem']);
  });
});
