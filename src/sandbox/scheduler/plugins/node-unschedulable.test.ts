import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeNode, makePod, runFilter } from '../test-fixtures.ts';
import { nodeUnschedulable } from './node-unschedulable.ts';

describe('NodeUnschedulable', () => {
  const snap = { nodes: [makeNode('open'), makeNode('cordoned', { unschedulable: true })], pods: [] };

  it('rejects cordoned nodes, unresolvably', () => {
    assert.deepEqual(runFilter(nodeUnschedulable, makePod('p'), snap), { open: '', cordoned: '!node(s) were unschedulable' });
  });

  it('admits pods tolerating the unschedulable taint', () => {
    const pod = makePod('ds', { spec: { tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }] } });
    assert.deepEqual(runFilter(nodeUnschedulable, pod, snap), { open: '', cordoned: '' });
  });
});
