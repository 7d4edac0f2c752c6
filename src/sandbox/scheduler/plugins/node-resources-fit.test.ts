import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeNode, makePod, runFilter, runScore } from '../test-fixtures.ts';
import { nodeResourcesFit } from './node-resources-fit.ts';

describe('NodeResourcesFit filter', () => {
  const snap = {
    nodes: [makeNode('a', { allocatable: { cpu: '2', memory: '4Gi', pods: '2', 'example.com/gpu': '1' } }), makeNode('b', { allocatable: { cpu: '8', memory: '16Gi', pods: '110' } })],
    pods: [makePod('x', { cpu: '1500m', memory: '3Gi', nodeName: 'a' })],
  };

  it('reports every insufficient resource', () => {
    assert.deepEqual(runFilter(nodeResourcesFit, makePod('p', { cpu: '1', memory: '2Gi' }), snap), { a: 'Insufficient cpu, Insufficient memory', b: '' });
  });

  it('marks requests larger than the whole node as unresolvable', () => {
    assert.deepEqual(runFilter(nodeResourcesFit, makePod('p', { cpu: '4' }), snap), { a: '!Insufficient cpu', b: '' });
  });

  it('counts pods against the pod capacity', () => {
    const full = { ...snap, pods: [...snap.pods, makePod('y', { nodeName: 'a' })] };
    assert.deepEqual(runFilter(nodeResourcesFit, makePod('p'), full), { a: 'Too many pods', b: '' });
  });

  it('checks extended resources', () => {
    const gpu = makePod('g', { spec: { containers: [{ name: 'c', image: 'x', resources: { requests: { 'example.com/gpu': '1' } } }] } });
    assert.deepEqual(runFilter(nodeResourcesFit, gpu, snap), { a: '', b: '!Insufficient example.com/gpu' });
  });
});

describe('NodeResourcesFit score (LeastAllocated)', () => {
  it('scores the free fraction of CPU and memory, counting default requests', () => {
    const snap = {
      nodes: [makeNode('a', { allocatable: { cpu: '4', memory: '4Gi', pods: '110' } }), makeNode('b', { allocatable: { cpu: '4', memory: '4Gi', pods: '110' } })],
      pods: [makePod('x', { cpu: '2', memory: '1Gi', nodeName: 'a' })],
    };
    // a: cpu (4000-3000)/4000 = 25, memory (4Gi-1Gi-200Mi)/4Gi = 70 → 47; b: cpu 75, memory 95 → 85.
    assert.deepEqual(runScore(nodeResourcesFit, makePod('p', { cpu: '1' }), snap), { a: 47, b: 85 });
  });
});
