import { test } from 'node:test';
import assert from 'node:assert/strict';
import { persistentVolumeDataKey } from './volume-setup.ts';

test('hostPath and local PVs keep data by path; others by name and uid', () => {
  assert.equal(persistentVolumeDataKey({ metadata: { name: 'a', uid: '1' }, spec: { hostPath: { path: '/mnt/data' } } }), 'hostPath:/mnt/data');
  assert.equal(persistentVolumeDataKey({ metadata: { name: 'b', uid: '2' }, spec: { hostPath: { path: '/mnt/data' } } }), 'hostPath:/mnt/data');
  assert.equal(persistentVolumeDataKey({ metadata: { name: 'l', uid: '3' }, spec: { local: { path: '/disks/1' } } }), 'local:/disks/1');
  assert.notEqual(
    persistentVolumeDataKey({ metadata: { name: 'csi', uid: '4' }, spec: { csi: { driver: 'd', volumeHandle: 'h' } } }),
    persistentVolumeDataKey({ metadata: { name: 'csi', uid: '5' }, spec: { csi: { driver: 'd', volumeHandle: 'h' } } }),
  );
});
