import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeNode, makePod, runFilter } from '../test-fixtures.ts';
import { nodeName } from './node-name.ts';

describe('NodeName', () => {
  const snap = { nodes: [makeNode('a'), makeNode('b')], pods: [] };

  it('admits only the named node', () => {
    assert.deepEqual(runFilter(nodeName, makePod('p', { spec: { nodeName: 'b' } }), snap), { a: "!node(s) didn't match the requested node name", b: '' });
  });

  it('has nothing to check for pods without a node name', () => {
    assert.deepEqual(runFilter(nodeName, makePod('p'), snap), { skip: true });
  });
});
