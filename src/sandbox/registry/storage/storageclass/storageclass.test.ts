import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { aggregateMessage } from '../../../../apimachinery/field-errors.ts';
import type { StoredObject } from '../../../../apimachinery/object.ts';
import type * as storagev1 from '../../../../generated/k8s/storage/v1.ts';
import type { PrintContext } from '../../types.ts';
import { storageClassResource } from './resource.ts';
import { validateStorageClass, validateStorageClassUpdate } from './validation.ts';

const base: storagev1.StorageClass = { metadata: { name: 'fast' }, provisioner: 'rancher.io/local-path', reclaimPolicy: 'Delete', volumeBindingMode: 'WaitForFirstConsumer' };

describe('StorageClass', () => {
  it('defaults reclaimPolicy Delete and volumeBindingMode Immediate', () => {
    const sc: storagev1.StorageClass = { metadata: { name: 'x' }, provisioner: 'p.io/x' };
    storageClassResource.defaults!(sc as Parameters<NonNullable<typeof storageClassResource.defaults>>[0]);
    assert.equal(sc.reclaimPolicy, 'Delete');
    assert.equal(sc.volumeBindingMode, 'Immediate');
  });

  it('validates provisioner, reclaim policy and binding mode', () => {
    assert.deepEqual(validateStorageClass(base), []);
    assert.equal(
      aggregateMessage(validateStorageClass({ ...base, provisioner: '', reclaimPolicy: 'Recycle', volumeBindingMode: 'Later' })),
      '[provisioner: Required value, reclaimPolicy: Unsupported value: "Recycle": supported values: "Delete", "Retain", volumeBindingMode: Unsupported value: "Later": supported values: "Immediate", "WaitForFirstConsumer"]',
    );
  });

  it('forbids changing parameters, provisioner, reclaimPolicy and binding mode', () => {
    const next = { ...base, provisioner: 'ebs.csi.aws.com', parameters: { type: 'gp3' }, reclaimPolicy: 'Retain', volumeBindingMode: 'Immediate' };
    assert.equal(
      aggregateMessage(validateStorageClassUpdate(next, base)),
      '[parameters: Forbidden: updates to parameters are forbidden., provisioner: Forbidden: updates to provisioner are forbidden., reclaimPolicy: Forbidden: updates to reclaimPolicy are forbidden., volumeBindingMode: Invalid value: "Immediate": field is immutable]',
    );
    assert.deepEqual(validateStorageClassUpdate({ ...base, allowVolumeExpansion: true }, base), []);
  });

  it('prints the default class as "<name> (default)"', () => {
    const p = storageClassResource.printer!;
    assert.deepEqual(p.columns.map((c) => c.name), ['Name', 'Provisioner', 'ReclaimPolicy', 'VolumeBindingMode', 'AllowVolumeExpansion', 'Age']);
    const sc = {
      ...base,
      metadata: { name: 'standard', uid: 'u', resourceVersion: '1', creationTimestamp: '2024-01-01T00:00:00Z', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
    } as StoredObject & storagev1.StorageClass;
    assert.deepEqual(p.cells(sc, { now: Date.parse('2024-01-02T00:00:00Z') } as PrintContext), ['standard (default)', 'rancher.io/local-path', 'Delete', 'WaitForFirstConsumer', false, '24h']);
  });
});
