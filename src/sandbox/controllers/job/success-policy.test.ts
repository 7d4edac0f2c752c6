import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { withIndexes } from './indexes.ts';
import { matchSuccessPolicy } from './success-policy.ts';

describe('successPolicy', () => {
  it('holds when every listed index succeeded, or enough of them', () => {
    const policy = { rules: [{ succeededIndexes: '0,2-3' }, { succeededIndexes: '4-9', succeededCount: 2 }] };
    assert.equal(matchSuccessPolicy(policy, 10, withIndexes([], [0, 2])), undefined);
    assert.equal(matchSuccessPolicy(policy, 10, withIndexes([], [0, 2, 3])), 'Matched rules at index 0');
    assert.equal(matchSuccessPolicy(policy, 10, withIndexes([], [5, 9])), 'Matched rules at index 1');
  });

  it('a count alone counts every succeeded index', () => {
    assert.equal(matchSuccessPolicy({ rules: [{ succeededCount: 3 }] }, 10, withIndexes([], [1, 5])), undefined);
    assert.equal(matchSuccessPolicy({ rules: [{ succeededCount: 3 }] }, 10, withIndexes([], [1, 5, 7])), 'Matched rules at index 0');
    assert.equal(matchSuccessPolicy(undefined, 10, withIndexes([], [1])), undefined);
  });
});
