import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { StoredObject } from '../../../../apimachinery/object.ts';
import { TEST_NOW, messages, testContext } from '../shared/testing.ts';
import { persistentVolumeClaimWarnings } from '../shared/volume-warnings.ts';
import { persistentVolumeClaimPrinter } from './printer.ts';
import type { PersistentVolumeClaim } from './types.ts';
import { SPEC_IMMUTABLE, validatePersistentVolumeClaim, validatePersistentVolumeClaimUpdate } from './validation.ts';

function pvc(spec: PersistentVolumeClaim['spec'], status: PersistentVolumeClaim['status'] = { phase: 'Pending' }): PersistentVolumeClaim {
  return { metadata: { name: 'data', namespace: 'default' }, spec: { volumeMode: 'Filesystem', ...spec }, status };
}

const base = { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClassName: 'standard' };

describe('PersistentVolumeClaim validation', () => {
  it('requires access modes and a positive storage request', () => {
    assert.deepEqual(messages(validatePersistentVolumeClaim(pvc({ resources: {} }))), ['spec.accessModes: Required value: at least 1 access mode is required', 'spec.resources[storage]: Required value']);
    assert.deepEqual(messages(validatePersistentVolumeClaim(pvc({ ...base, resources: { requests: { storage: '0' } } }))), ['spec.resources[storage]: Invalid value: "0": must be greater than zero']);
    assert.deepEqual(messages(validatePersistentVolumeClaim(pvc({ ...base, accessModes: ['ReadWriteOncePod', 'ReadWriteOnce'] }))), ['spec.accessModes: Forbidden: may not use ReadWriteOncePod with other access modes']);
  });

  it('refuses a changed storageClassName with the spec-immutable message', () => {
    const errs = messages(validatePersistentVolumeClaimUpdate(pvc({ ...base, storageClassName: 'fast' }), pvc(base)));
    assert.equal(errs.length, 1);
    assert.ok(errs[0]!.startsWith(`spec: Forbidden: ${SPEC_IMMUTABLE}\n  core.PersistentVolumeClaimSpec{\n`), errs[0]);
    assert.match(errs[0]!, /- \tStorageClassName: +&"standard",\n\+ \tStorageClassName: +&"fast",/);
  });

  it('lets a claim without a class get one, and a bound claim grow but not shrink', () => {
    const noClass = { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } };
    assert.deepEqual(messages(validatePersistentVolumeClaimUpdate(pvc({ ...noClass, storageClassName: 'standard' }), pvc(noClass))), []);
    const bound = { phase: 'Bound', capacity: { storage: '1Gi' } };
    assert.deepEqual(messages(validatePersistentVolumeClaimUpdate(pvc({ ...base, resources: { requests: { storage: '2Gi' } } }, bound), pvc(base, bound))), []);
    assert.deepEqual(messages(validatePersistentVolumeClaimUpdate(pvc({ ...base, resources: { requests: { storage: '500Mi' } } }, bound), pvc(base, bound))), [
      'spec.resources.requests.storage: Forbidden: field can not be less than status.capacity',
    ]);
    const pendingGrow = messages(validatePersistentVolumeClaimUpdate(pvc({ ...base, resources: { requests: { storage: '2Gi' } } }), pvc(base)));
    assert.equal(pendingGrow.length, 1);
    assert.ok(pendingGrow[0]!.startsWith(`spec: Forbidden: ${SPEC_IMMUTABLE}`));
  });

  it('warns about fractional byte requests', () => {
    assert.deepEqual(persistentVolumeClaimWarnings({}, { resources: { requests: { storage: '1500m' } } }), ['spec.resources.requests[storage]: fractional byte value "1500m" is invalid, must be an integer']);
  });
});

describe('PersistentVolumeClaim printer', () => {
  it('shows capacity and modes only once bound', () => {
    const row = (c: PersistentVolumeClaim) =>
      persistentVolumeClaimPrinter.cells({ ...c, metadata: { ...c.metadata, name: 'data', uid: 'u', resourceVersion: '1', creationTimestamp: new Date(TEST_NOW - 3000).toISOString() } } as StoredObject & PersistentVolumeClaim, { now: TEST_NOW, cluster: testContext().cluster });
    assert.deepEqual(row(pvc(base)), ['data', 'Pending', '', '', '', 'standard', '<unset>', '3s', 'Filesystem']);
    assert.deepEqual(row(pvc({ ...base, volumeName: 'pv1' }, { phase: 'Bound', capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'] })), ['data', 'Bound', 'pv1', '1Gi', 'RWO', 'standard', '<unset>', '3s', 'Filesystem']);
  });
});
