import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type * as corev1 from '../../../generated/k8s/core/v1.ts';
import { resourceReplicas, type PodSample } from './replica-calculator.ts';

const T0 = Date.parse('2026-01-01T00:00:00Z');
const NOW = T0 + 10 * 60_000; // pods started 10 minutes ago: past the CPU initialization period
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');

function pod(name: string, opts: { request?: string; phase?: string; ready?: boolean; readySince?: number; start?: number } = {}): corev1.Pod {
  return {
    metadata: { name },
    spec: { containers: [{ name: 'web', image: 'x', resources: opts.request === undefined ? {} : { requests: { cpu: opts.request } } }] },
    status: {
      phase: opts.phase ?? 'Running',
      startTime: iso(opts.start ?? T0),
      conditions: [{ type: 'Ready', status: opts.ready === false ? 'False' : 'True', lastTransitionTime: iso(opts.readySince ?? T0) }],
    },
  };
}
const sample = (p: corev1.Pod, usageMilli: number | undefined): PodSample => ({ pod: p, usageMilli });
const util = (percent: number) => ({ kind: 'utilization' as const, percent });

describe('resourceReplicas (cpu utilization)', () => {
  it('scales by the usage ratio over ready pods', () => {
    const r = resourceReplicas(2, util(50), 'cpu', [sample(pod('a', { request: '200m' }), 150), sample(pod('b', { request: '200m' }), 150)], NOW);
    assert.deepEqual(r, { ok: true, replicas: 3, utilization: 75, rawMilli: 150 });
  });
  it('keeps the count within the 10% tolerance', () => {
    const r = resourceReplicas(2, util(50), 'cpu', [sample(pod('a', { request: '200m' }), 108), sample(pod('b', { request: '200m' }), 108)], NOW);
    assert.deepEqual(r, { ok: true, replicas: 2, utilization: 54, rawMilli: 108 });
    const out = resourceReplicas(2, util(50), 'cpu', [sample(pod('a', { request: '200m' }), 112), sample(pod('b', { request: '200m' }), 112)], NOW);
    assert.equal(out.ok && out.replicas, 3);
  });
  it('reports a container without a request', () => {
    const r = resourceReplicas(1, util(50), 'cpu', [sample(pod('web-1'), 100)], NOW);
    assert.deepEqual(r, { ok: false, error: 'missing request for cpu in container web of Pod web-1' });
  });
  it('reports no metrics at all', () => {
    assert.deepEqual(resourceReplicas(1, util(50), 'cpu', [sample(pod('a', { request: '1' }), undefined)], NOW), {
      ok: false,
      error: 'unable to get metrics for resource cpu: no metrics returned from resource metrics API',
    });
  });
  it('assumes a pod missing its metric uses its whole request when scaling down (and so holds back)', () => {
    // Two pods at 20% want 1 replica; counting the missing pod at 100% gives 140/300 = 47%, within tolerance of 50%.
    const pods = [sample(pod('a', { request: '100m' }), 20), sample(pod('b', { request: '100m' }), 20), sample(pod('c', { request: '100m' }), undefined)];
    const r = resourceReplicas(3, util(50), 'cpu', pods, NOW);
    assert.equal(r.ok && r.replicas, 3);
  });
  it('assumes a pod missing its metric uses nothing when scaling up', () => {
    // a, b at 100% (ratio 2); with c at 0: 200/300 = 66% → ratio 1.33 → ceil(1.33 × 3) = 4.
    const pods = [sample(pod('a', { request: '100m' }), 100), sample(pod('b', { request: '100m' }), 100), sample(pod('c', { request: '100m' }), undefined)];
    const r = resourceReplicas(3, util(50), 'cpu', pods, NOW);
    assert.equal(r.ok && r.replicas, 4);
  });
  it('counts unready pods as idle when scaling up, and ignores them otherwise', () => {
    const ready = [sample(pod('a', { request: '100m' }), 100)];
    const pending = sample(pod('p', { request: '100m', phase: 'Pending' }), undefined);
    // Alone: 100% of a 50% target → 2. With one Pending pod counted at 0: 100/200 = 50% → stays at 1.
    assert.equal((r => r.ok && r.replicas)(resourceReplicas(1, util(50), 'cpu', ready, NOW)), 2);
    assert.equal((r => r.ok && r.replicas)(resourceReplicas(1, util(50), 'cpu', [...ready, pending], NOW)), 1);
    // A pod still initializing, ready less than a metrics window ago, is unready (its 90m would otherwise ask for 4).
    const fresh = sample(pod('f', { request: '100m', start: NOW - 60_000, readySince: NOW - 10_000 }), 90);
    const r = resourceReplicas(1, util(50), 'cpu', [...ready, fresh], NOW);
    assert.equal(r.ok && r.replicas, 1);
  });
  it('fails when every pod is unready', () => {
    const r = resourceReplicas(1, util(50), 'cpu', [sample(pod('a', { request: '100m', ready: false, start: NOW - 60_000, readySince: NOW - 60_000 }), 50)], NOW);
    assert.deepEqual(r, { ok: false, error: 'did not receive metrics for targeted pods (pods might be unready)' });
  });
  it('scales on an average value target without requests', () => {
    const r = resourceReplicas(2, { kind: 'averageValue', milli: 100 * 1024 * 1024 * 1000 }, 'memory', [sample(pod('a'), 200 * 1024 * 1024 * 1000), sample(pod('b'), 200 * 1024 * 1024 * 1000)], NOW);
    assert.equal(r.ok && r.replicas, 4);
  });
});
