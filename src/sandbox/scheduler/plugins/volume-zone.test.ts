import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type * as corev1 from '../../../generated/k8s/core/v1.ts';
import type { ClusterSnapshot } from '../snapshot.ts';
import { makeNode, makePod, runFilter } from '../test-fixtures.ts';
import { volumeZone } from './volume-zone.ts';

const ZONE = 'topology.kubernetes.io/zone';
const nodes = [makeNode('a', { labels: { [ZONE]: 'us-1a' } }), makeNode('b', { labels: { [ZONE]: 'us-1b' } }), makeNode('c', { labels: { 'failure-domain.beta.kubernetes.io/zone': 'us-1c' } }), makeNode('plain')];
const pod = makePod('p', { spec: { volumes: [{ name: 'd', persistentVolumeClaim: { claimName: 'data' } }] } });
const bound: corev1.PersistentVolumeClaim = { metadata: { name: 'data', namespace: 'default' }, spec: { volumeName: 'pv1' }, status: { phase: 'Bound' } };
const snap = (labels: Record<string, string>): ClusterSnapshot => ({ nodes, pods: [], persistentVolumeClaims: [bound], persistentVolumes: [{ metadata: { name: 'pv1', labels }, spec: {} }] });
const NO = '!node(s) had no available volume zone';

describe('VolumeZone', () => {
  it('admits nodes in one of the PV zones and nodes without zone labels', () => {
    assert.deepEqual(runFilter(volumeZone, pod, snap({ [ZONE]: 'us-1a__us-1b' })), { a: '', b: '', c: NO, plain: '' });
  });

  it("matches a PV's beta zone label against a node's GA label, not the reverse", () => {
    assert.deepEqual(runFilter(volumeZone, pod, snap({ 'failure-domain.beta.kubernetes.io/zone': 'us-1a__us-1c' })), { a: '', b: NO, c: '', plain: '' });
    assert.deepEqual(runFilter(volumeZone, pod, snap({ [ZONE]: 'us-1c' })), { a: NO, b: NO, c: NO, plain: '' });
  });

  it('skips PVs without zone labels', () => {
    assert.deepEqual(runFilter(volumeZone, pod, snap({})), { skip: true });
  });

  it('reports a bound PV that does not exist', () => {
    assert.deepEqual(runFilter(volumeZone, pod, { nodes, pods: [], persistentVolumeClaims: [bound] }), { rejected: 'persistentvolume "pv1" not found' });
  });
});
