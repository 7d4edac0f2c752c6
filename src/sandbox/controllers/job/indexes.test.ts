import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { completionIndexOf, firstPendingIndexes, formatIndexes, parseIndexes, totalIndexes, withIndexes } from './indexes.ts';

describe('completion indexes', () => {
  it('prints ordered intervals as upstream: pairs listed, runs of three compressed', () => {
    assert.equal(formatIndexes(withIndexes([], [7, 1, 3, 4, 5])), '1,3-5,7');
    assert.equal(formatIndexes(withIndexes([], [0, 1])), '0,1');
    assert.equal(formatIndexes([]), '');
  });

  it('parses, merging adjacent intervals and dropping indexes beyond completions', () => {
    assert.deepEqual(parseIndexes('0,1,2-4,9', 6), [{ first: 0, last: 4 }]);
    assert.equal(totalIndexes(parseIndexes('1,3-5,7', 10)), 5);
    assert.deepEqual(parseIndexes('', 3), []);
  });

  it('finds the first indexes without a pod or a success', () => {
    const taken = withIndexes([], [0, 2, 3]);
    assert.deepEqual(firstPendingIndexes(taken, 2, 6), [1, 4]);
    assert.deepEqual(firstPendingIndexes(taken, 10, 5), [1, 4]);
  });

  it('reads the completion index annotation', () => {
    assert.equal(completionIndexOf({ 'batch.kubernetes.io/job-completion-index': '3' }), 3);
    assert.equal(completionIndexOf({ 'batch.kubernetes.io/job-completion-index': 'x' }), undefined);
    assert.equal(completionIndexOf(undefined), undefined);
  });
});
