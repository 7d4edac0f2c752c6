import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KubeObject } from '../../../apimachinery/object.ts';
import type * as corev1 from '../../../generated/k8s/core/v1.ts';
import { checkRequest, type QuotaRequest } from './check-request.ts';
import type { QuotaEvaluator, ResourceQuota } from './evaluator.ts';
import { podEvaluator } from './pod-evaluator.ts';
import { pvcEvaluator } from './pvc-evaluator.ts';
import { parseResourceList, type ResourceList } from './resource-list.ts';

const quota = (name: string, hard: Record<string, string>, spec: Partial<corev1.ResourceQuotaSpec> = {}): ResourceQuota => ({ metadata: { name }, spec: { hard, ...spec } });
const pod = (cpu?: string, spec: Partial<corev1.PodSpec> = {}): KubeObject =>
  ({ metadata: { name: 'p' }, spec: { containers: [{ name: 'nginx', image: 'nginx', resources: cpu ? { requests: { cpu }, limits: { cpu } } : {} }], ...spec } }) as KubeObject;

function check(quotas: ResourceQuota[], request: QuotaRequest, used: Record<string, Record<string, string>>, evaluator: QuotaEvaluator = podEvaluator): string | undefined {
  return checkRequest({ quotas, request, evaluator, used: (q): ResourceList => parseResourceList(used[q.metadata.name]), now: 0 });
}
const create = (object: KubeObject): QuotaRequest => ({ operation: 'CREATE', subresource: '', object });

describe('quota admission decision', () => {
  it('refuses a pod that would exceed the pod count, in upstream words', () => {
    assert.equal(check([quota('q', { pods: '2' })], create(pod()), { q: { pods: '2' } }), 'exceeded quota: q, requested: pods=1, used: pods=2, limited: pods=2');
    assert.equal(check([quota('q', { pods: '2' })], create(pod()), { q: { pods: '1' } }), undefined);
  });

  it('lists every exceeded resource in name order, and only those', () => {
    const q = quota('compute', { pods: '10', 'requests.cpu': '1', 'limits.cpu': '1' });
    assert.equal(
      check([q], create(pod('600m')), { compute: { pods: '1', 'requests.cpu': '500m', 'limits.cpu': '500m' } }),
      'exceeded quota: compute, requested: limits.cpu=600m,requests.cpu=600m, used: limits.cpu=500m,requests.cpu=500m, limited: limits.cpu=1,requests.cpu=1',
    );
  });

  it('asks for the cpu and memory settings a quota tracks before counting', () => {
    assert.equal(check([quota('mem', { 'limits.memory': '1Gi' })], create(pod()), { mem: {} }), 'failed quota: mem: must specify limits.memory for: nginx');
  });

  it('only applies quotas whose scopes match', () => {
    const bestEffortOnly = quota('be', { pods: '0' }, { scopes: ['BestEffort'] });
    assert.match(check([bestEffortOnly], create(pod()), { be: { pods: '0' } })!, /^exceeded quota: be/);
    assert.equal(check([bestEffortOnly], create(pod('100m')), { be: { pods: '0' } }), undefined);
    const high = quota('high', { pods: '0' }, { scopeSelector: { matchExpressions: [{ scopeName: 'PriorityClass', operator: 'In', values: ['high'] }] } });
    assert.equal(check([high], create(pod()), { high: { pods: '0' } }), undefined);
    assert.match(check([high], create(pod(undefined, { priorityClassName: 'high' })), { high: { pods: '0' } })!, /^exceeded quota: high/);
  });

  it('charges an update only with what grew', () => {
    const claim = (storage: string) => ({ metadata: { name: 'data', resourceVersion: '5' }, spec: { resources: { requests: { storage } } } }) as KubeObject;
    const q = quota('storage', { 'requests.storage': '10Gi', persistentvolumeclaims: '1' });
    const update = (from: string, to: string): QuotaRequest => ({ operation: 'UPDATE', subresource: '', object: claim(to), oldObject: claim(from) });
    // The claim itself is already counted: growing 4Gi → 6Gi adds 2Gi to 8Gi used.
    assert.equal(check([q], update('4Gi', '6Gi'), { storage: { 'requests.storage': '8Gi', persistentvolumeclaims: '1' } }, pvcEvaluator), undefined);
    assert.equal(
      check([q], update('4Gi', '8Gi'), { storage: { 'requests.storage': '8Gi', persistentvolumeclaims: '1' } }, pvcEvaluator),
      'exceeded quota: storage, requested: requests.storage=4Gi, used: requests.storage=8Gi, limited: requests.storage=10Gi',
    );
  });

  it('ignores writes the evaluator does not charge', () => {
    assert.equal(check([quota('q', { pods: '0' })], { operation: 'UPDATE', subresource: '', object: pod(), oldObject: pod() }, { q: { pods: '5' } }), undefined);
  });
});
