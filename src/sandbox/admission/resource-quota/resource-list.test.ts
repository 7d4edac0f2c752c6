import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { add, equals, exceeding, mask, parseResourceList, prettyPrint, removeZeros, subtractNonNegative, toRecord } from './resource-list.ts';

const rl = (o: Record<string, string>) => parseResourceList(o);

describe('quota resource lists', () => {
  it('adds like Go: a zero takes the format of what is added', () => {
    assert.deepEqual(toRecord(add(rl({ 'requests.memory': '0' }), rl({ 'requests.memory': '1Gi' }))), { 'requests.memory': '1Gi' });
    assert.deepEqual(toRecord(add(rl({ cpu: '500m', pods: '1' }), rl({ cpu: '500m', memory: '64Mi' }))), { cpu: '1', memory: '64Mi', pods: '1' });
  });

  it('subtracts without going below zero, and keeps names only the subtrahend has', () => {
    assert.deepEqual(toRecord(subtractNonNegative(rl({ 'requests.storage': '2Gi', pods: '1' }), rl({ 'requests.storage': '3Gi', cpu: '1' }))), {
      cpu: '0',
      pods: '1',
      'requests.storage': '0',
    });
  });

  it('masks, drops zeros, compares semantically and finds what exceeds', () => {
    const l = rl({ pods: '3', cpu: '0', memory: '1Gi' });
    assert.deepEqual([...mask(l, ['pods', 'secrets']).keys()], ['pods']);
    assert.deepEqual([...removeZeros(l).keys()].sort(), ['memory', 'pods']);
    assert.ok(equals(rl({ cpu: '1000m' }), rl({ cpu: '1' })));
    assert.ok(!equals(rl({ cpu: '1' }), rl({ cpu: '1', pods: '0' })));
    assert.deepEqual(exceeding(rl({ pods: '3', memory: '1Gi' }), rl({ pods: '2', memory: '2Gi', secrets: '0' })), ['pods']);
  });

  it('prints name=value pairs in name order', () => {
    assert.equal(prettyPrint(rl({ 'requests.cpu': '1500m', pods: '1', 'limits.memory': '1536Mi' })), 'limits.memory=1536Mi,pods=1,requests.cpu=1500m');
  });
});
