import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeNode, makePod, runScore } from '../test-fixtures.ts';
import { balancedAllocation, balancedScore } from './balanced-allocation.ts';

describe('NodeResourcesBalancedAllocation', () => {
  it('scores 100 minus the spread of the CPU and memory fractions', () => {
    const GiB = 2 ** 30;
    assert.equal(balancedScore([2000, 2 * GiB], [4000, 4 * GiB]), 100);
    assert.equal(balancedScore([3000, 1 * GiB], [4000, 4 * GiB]), 75);
    // Fractions above 1 count as 1.
    assert.equal(balancedScore([8000, 0], [4000, 4 * GiB]), 50);
  });

  it('prefers the node the pod would balance', () => {
    const snap = {
      nodes: [makeNode('cpu-heavy', { allocatable: { cpu: '4', memory: '4Gi', pods: '110' } }), makeNode('mem-heavy', { allocatable: { cpu: '4', memory: '4Gi', pods: '110' } })],
      pods: [makePod('x', { cpu: '2', nodeName: 'cpu-heavy' }), makePod('y', { memory: '2Gi', nodeName: 'mem-heavy' })],
    };
    assert.deepEqual(runScore(balancedAllocation, makePod('p', { memory: '2Gi' }), snap), { 'cpu-heavy': 100, 'mem-heavy': 50 });
  });

  it('does not score pods without requests', () => {
    assert.equal(runScore(balancedAllocation, makePod('p'), { nodes: [makeNode('a')], pods: [] }), null);
  });
});
