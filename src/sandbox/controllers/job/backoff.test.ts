import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { backoffDelay, finishedTime, nextBackoffRecord, remainingBackoff } from './backoff.ts';
import type { Pod } from './pods.ts';

const T0 = Date.parse('2026-01-01T00:00:00Z');

function pod(phase: 'Succeeded' | 'Failed', finishedAtS: number): Pod {
  const at = new Date(T0 + finishedAtS * 1000).toISOString().replace('.000', '');
  return {
    metadata: { name: `p${finishedAtS}`, uid: `u${finishedAtS}`, resourceVersion: '1', creationTimestamp: '2026-01-01T00:00:00Z' },
    spec: { containers: [{ name: 'c' }] },
    status: { phase, containerStatuses: [{ name: 'c', image: 'i', imageID: '', ready: false, restartCount: 0, state: { terminated: { exitCode: phase === 'Failed' ? 1 : 0, finishedAt: at } } }] },
  } as Pod;
}

describe('job pod failure back-off', () => {
  it('doubles from 10 s and stops at 6 minutes', () => {
    assert.deepEqual([1, 2, 3, 4, 5, 6, 7, 8].map((n) => backoffDelay(n) / 1000), [10, 20, 40, 80, 160, 320, 360, 360]);
    assert.equal(backoffDelay(0), 0);
  });

  it('counts failures since the last success and remembers the latest one', () => {
    const r1 = nextBackoffRecord({ failuresAfterLastSuccess: 0 }, [], [pod('Failed', 5), pod('Failed', 3)]);
    assert.deepEqual(r1, { failuresAfterLastSuccess: 2, lastFailureTime: T0 + 5000 });
    const r2 = nextBackoffRecord(r1, [pod('Succeeded', 8)], [pod('Failed', 7), pod('Failed', 9)]);
    assert.deepEqual(r2, { failuresAfterLastSuccess: 1, lastFailureTime: T0 + 9000 }, 'only failures after the success count');
    assert.deepEqual(nextBackoffRecord(r2, [pod('Succeeded', 10)], []), { failuresAfterLastSuccess: 0 });
    assert.equal(nextBackoffRecord(r2, [], []), r2);
  });

  it('waits out the remainder of the current delay', () => {
    const record = { failuresAfterLastSuccess: 2, lastFailureTime: T0 };
    assert.equal(remainingBackoff(record, T0 + 5000), 15_000);
    assert.equal(remainingBackoff(record, T0 + 20_000), 0);
    assert.equal(remainingBackoff({ failuresAfterLastSuccess: 0 }, T0), 0);
  });

  it('takes a pod finish time from its containers, else Ready=False, else deletion', () => {
    assert.equal(finishedTime(pod('Failed', 42)), T0 + 42_000);
    const deleted = { metadata: { name: 'd', uid: 'd', resourceVersion: '1', deletionTimestamp: '2026-01-01T00:01:00Z', deletionGracePeriodSeconds: 30 }, status: {} } as Pod;
    assert.equal(finishedTime(deleted), T0 + 30_000);
  });
});
