import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { messages } from '../shared/testing.ts';
import { quotaColumns } from './printer.ts';
import type { ResourceQuota } from './types.ts';
import { validateResourceQuota, validateResourceQuotaUpdate } from './validation.ts';

const rq = (spec: ResourceQuota['spec'], status?: ResourceQuota['status']): ResourceQuota => ({ metadata: { name: 'q', namespace: 'default' }, spec, status });

describe('ResourceQuota', () => {
  it('prints used/hard pairs, limits.* in LIMIT', () => {
    const q = rq({}, { hard: { pods: '10', 'requests.cpu': '2', 'limits.memory': '2Gi', 'limits.cpu': '4' }, used: { pods: '3', 'requests.cpu': '500m' } });
    assert.deepEqual(quotaColumns(q), { request: 'pods: 3/10, requests.cpu: 500m/2', limit: 'limits.cpu: 0/4, limits.memory: 0/2Gi' });
    assert.deepEqual(quotaColumns(rq({})), { request: '', limit: '' });
  });

  it('validates resource names, integers and scopes', () => {
    assert.deepEqual(messages(validateResourceQuota(rq({ hard: { pods: '1500m', bogus: '1', 'count/deployments.apps': '2' } }))), [
      'spec.hard[bogus]: Invalid value: "bogus": must be a standard resource type or fully qualified',
      'spec.hard[bogus]: Invalid value: "bogus": must be a standard resource for quota',
      'spec.hard[pods]: Invalid value: resource.Quantity{i:resource.int64Amount{value:1500, scale:-3}, d:resource.infDecAmount{Dec:(*inf.Dec)(nil)}, s:"", Format:"DecimalSI"}: must be an integer',
    ]);
    assert.deepEqual(messages(validateResourceQuota(rq({ hard: { cpu: '1' }, scopes: ['BestEffort', 'NotBestEffort'] }))), [
      'spec.scopes: Invalid value: []string{"BestEffort", "NotBestEffort"}: unsupported scope applied to resource',
      'spec.scopes: Invalid value: []string{"BestEffort", "NotBestEffort"}: conflicting scopes',
    ]);
    assert.deepEqual(messages(validateResourceQuotaUpdate(rq({ hard: { pods: '1' }, scopes: ['Terminating'] }), rq({ hard: { pods: '1' } }))), [
      'spec.scopes: Invalid value: []string{"Terminating"}: field is immutable',
    ]);
  });
});
