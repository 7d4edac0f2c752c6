import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type * as corev1 from '../../../generated/k8s/core/v1.ts';
import { makeNode, makePod, runFilter } from '../test-fixtures.ts';
import { volumeRestrictions } from './volume-restrictions.ts';

const nodes = [makeNode('a'), makeNode('b')];
const usingClaim = (name: string, nodeName?: string) =>
  makePod(name, { ...(nodeName ? { nodeName } : {}), spec: { volumes: [{ name: 'd', persistentVolumeClaim: { claimName: 'solo' } }] } });
const claim = (modes: string[]): corev1.PersistentVolumeClaim => ({ metadata: { name: 'solo', namespace: 'default' }, spec: { accessModes: modes } });

describe('VolumeRestrictions', () => {
  it('blocks every node while another pod uses a ReadWriteOncePod claim', () => {
    const msg = 'node has pod using PersistentVolumeClaim with the same name and ReadWriteOncePod access mode';
    const snap = { nodes, pods: [usingClaim('owner', 'a')], persistentVolumeClaims: [claim(['ReadWriteOncePod'])] };
    assert.deepEqual(runFilter(volumeRestrictions, usingClaim('second'), snap), { a: msg, b: msg });
    assert.deepEqual(runFilter(volumeRestrictions, usingClaim('second'), { ...snap, persistentVolumeClaims: [claim(['ReadWriteOnce'])] }), { skip: true });
  });

  it('rejects a missing claim', () => {
    assert.deepEqual(runFilter(volumeRestrictions, usingClaim('p'), { nodes, pods: [] }), { rejected: 'persistentvolumeclaim "solo" not found' });
  });

  it('keeps two read-write mounts of one EBS volume apart', () => {
    const ebs = (name: string, nodeName?: string) =>
      makePod(name, { ...(nodeName ? { nodeName } : {}), spec: { volumes: [{ name: 'd', awsElasticBlockStore: { volumeID: 'vol-1' } }] } });
    assert.deepEqual(runFilter(volumeRestrictions, ebs('second'), { nodes, pods: [ebs('first', 'a')] }), { a: 'node(s) had no available disk', b: '' });
  });
});
