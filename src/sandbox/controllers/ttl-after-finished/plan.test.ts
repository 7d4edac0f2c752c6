import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Job } from '../../registry/batch/job/types.ts';
import { planTTL } from './plan.ts';

const T = (s: string) => Date.parse(s);

function job(ttl: number | undefined, finished?: { type: string; at: string }): Job {
  return {
    metadata: { name: 'j' },
    spec: { template: {}, ...(ttl === undefined ? {} : { ttlSecondsAfterFinished: ttl }) },
    status: { conditions: finished ? [{ type: finished.type, status: 'True', lastTransitionTime: finished.at }] : [] },
  } as Job;
}

describe('ttlSecondsAfterFinished', () => {
  it('waits until ttl after the finishing condition, then deletes', () => {
    const j = job(60, { type: 'Complete', at: '2026-01-01T00:00:00Z' });
    assert.deepEqual(planTTL(j, T('2026-01-01T00:00:20Z')), { action: 'wait', ms: 40_000 });
    assert.deepEqual(planTTL(j, T('2026-01-01T00:01:00Z')), { action: 'delete' });
    assert.deepEqual(planTTL(job(0, { type: 'Failed', at: '2026-01-01T00:00:00Z' }), T('2026-01-01T00:00:00Z')), { action: 'delete' });
  });

  it('ignores running Jobs and Jobs without a TTL', () => {
    assert.deepEqual(planTTL(job(60), T('2026-01-01T00:00:00Z')), { action: 'none' });
    assert.deepEqual(planTTL(job(undefined, { type: 'Complete', at: '2026-01-01T00:00:00Z' }), T('2026-01-02T00:00:00Z')), { action: 'none' });
  });
});
