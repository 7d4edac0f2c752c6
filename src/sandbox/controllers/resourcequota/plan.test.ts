import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ResourceQuota } from '../../admission/resource-quota/evaluator.ts';
import { parseResourceList } from '../../admission/resource-quota/resource-list.ts';
import { planQuotaStatus } from './plan.ts';

const quota = (hard: Record<string, string>, status?: ResourceQuota['status']): ResourceQuota => ({ metadata: { name: 'q' }, spec: { hard }, status });

describe('quota status plan', () => {
  it('records hard and the observed usage of every hard resource on first sync', () => {
    assert.deepEqual(planQuotaStatus(quota({ pods: '4', 'requests.cpu': '2' }), parseResourceList({ pods: '1', 'requests.cpu': '250m', 'count/pods': '1' })), {
      hard: { pods: '4', 'requests.cpu': '2' },
      used: { pods: '1', 'requests.cpu': '250m' },
    });
  });

  it('writes nothing when the recorded status is semantically current', () => {
    const q = quota({ 'requests.cpu': '1' }, { hard: { 'requests.cpu': '1000m' }, used: { 'requests.cpu': '500m' } });
    assert.equal(planQuotaStatus(q, parseResourceList({ 'requests.cpu': '0.5' })), undefined);
  });

  it('follows a changed spec, dropping usage of resources no longer limited', () => {
    const q = quota({ secrets: '5' }, { hard: { pods: '2', secrets: '5' }, used: { pods: '1', secrets: '2' } });
    assert.deepEqual(planQuotaStatus(q, parseResourceList({ secrets: '2' })), { hard: { secrets: '5' }, used: { secrets: '2' } });
  });

  it('keeps a recorded value for a resource nothing observes', () => {
    const q = quota({ 'count/widgets.example.com': '3' }, { hard: { 'count/widgets.example.com': '3' }, used: { 'count/widgets.example.com': '1' } });
    assert.equal(planQuotaStatus(q, new Map()), undefined);
  });
});
