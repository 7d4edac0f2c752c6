import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Job } from '../../registry/batch/job/types.ts';
import { jobsBeyondHistoryLimits } from './history.ts';

function job(name: string, type: 'Complete' | 'Failed' | undefined, startMinute?: number): Job {
  return {
    metadata: { name },
    spec: { template: {} },
    status: {
      ...(startMinute === undefined ? {} : { startTime: `2026-01-01T00:${String(startMinute).padStart(2, '0')}:00Z` }),
      conditions: type ? [{ type, status: 'True' }] : [],
    },
  } as Job;
}

describe('CronJob history limits', () => {
  it('deletes the oldest finished Jobs beyond each limit', () => {
    const jobs = [job('c', 'Complete', 3), job('a', 'Complete', 1), job('b', 'Complete', 2), job('f1', 'Failed', 4), job('f2', 'Failed', 5), job('run', undefined, 6)];
    assert.deepEqual(jobsBeyondHistoryLimits(jobs, 1, 1).map((j) => j.metadata.name), ['a', 'b', 'f1']);
    assert.deepEqual(jobsBeyondHistoryLimits(jobs, 3, 2).map((j) => j.metadata.name), []);
    assert.deepEqual(jobsBeyondHistoryLimits(jobs, 0, undefined).map((j) => j.metadata.name), ['a', 'b', 'c']);
  });

  it('counts Jobs that never started as the newest, ties broken by name', () => {
    const jobs = [job('z', 'Complete'), job('y', 'Complete', 1), job('x', 'Complete', 1)];
    assert.deepEqual(jobsBeyondHistoryLimits(jobs, 1, 1).map((j) => j.metadata.name), ['x', 'y']);
  });
});
