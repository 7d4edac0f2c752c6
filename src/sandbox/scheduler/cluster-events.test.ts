import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { StoredObject } from '../../apimachinery/object.ts';
import { clusterEvents, mayHelp, nodeUpdateEvents } from './cluster-events.ts';

const node = (extra: Record<string, unknown> = {}, heartbeat = '2026-01-01T00:00:00Z') =>
  ({ metadata: { name: 'n', labels: { a: '1' } }, spec: {}, status: { allocatable: { cpu: '8' }, conditions: [{ type: 'Ready', status: 'True', lastHeartbeatTime: heartbeat }] }, ...extra }) as unknown as StoredObject;

describe('cluster events', () => {
  it('ignores a node heartbeat but sees labels, taints, cordon and readiness', () => {
    assert.deepEqual(nodeUpdateEvents(node() as never, node({}, '2026-01-01T00:05:00Z') as never), []);
    assert.deepEqual(nodeUpdateEvents(node() as never, node({ metadata: { name: 'n', labels: { a: '2' } } }) as never), ['NodeLabel']);
    assert.deepEqual(nodeUpdateEvents(node() as never, node({ spec: { unschedulable: true, taints: [{ key: 'k', effect: 'NoSchedule' }] } }) as never), ['NodeTaint', 'NodeSchedulable']);
    const unknown = node({ status: { allocatable: { cpu: '8' }, conditions: [{ type: 'Ready', status: 'Unknown' }] } });
    assert.deepEqual(nodeUpdateEvents(node() as never, unknown as never), ['NodeCondition']);
  });

  it('turns pod changes into assigned-pod events', () => {
    const pending = { metadata: { name: 'p', namespace: 'd' }, spec: {} } as unknown as StoredObject;
    const bound = { metadata: { name: 'p', namespace: 'd' }, spec: { nodeName: 'n' }, status: { phase: 'Running' } } as unknown as StoredObject;
    const done = { ...bound, status: { phase: 'Succeeded' } } as unknown as StoredObject;
    assert.deepEqual(clusterEvents('pods', 'MODIFIED', bound, pending), ['AssignedPodAdd']);
    assert.deepEqual(clusterEvents('pods', 'MODIFIED', done, bound), ['AssignedPodDelete']);
    assert.deepEqual(clusterEvents('pods', 'DELETED', bound), ['AssignedPodDelete']);
    assert.deepEqual(clusterEvents('pods', 'DELETED', pending), []);
    assert.deepEqual(clusterEvents('leases.coordination.k8s.io', 'MODIFIED', pending, pending), []);
    assert.deepEqual(clusterEvents('persistentvolumes', 'ADDED', pending), ['Storage']);
  });

  it('says which events may help which rejections', () => {
    assert.equal(mayHelp(['NodeResourcesFit'], 'AssignedPodDelete'), true);
    assert.equal(mayHelp(['NodeResourcesFit'], 'NodeLabel'), false);
    assert.equal(mayHelp(['NodeUnschedulable'], 'NodeSchedulable'), true);
    assert.equal(mayHelp([], 'NodeAdd'), true, 'no nodes at all: a new node helps');
    assert.equal(mayHelp([], 'AssignedPodDelete'), false);
  });
});
