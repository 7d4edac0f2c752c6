import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type * as corev1 from '../../../generated/k8s/core/v1.ts';
import type { v2 } from '../../registry/autoscaling/horizontalpodautoscaler/types.ts';
import type { HPAMemory } from './behavior.ts';
import { reconcileHPA, type PodUsage } from './horizontal.ts';

const T0 = Date.parse('2026-01-01T00:00:00Z');
const NOW = T0 + 10 * 60_000;
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
const hpa = (spec: Partial<v2.HorizontalPodAutoscalerSpec> = {}): v2.HorizontalPodAutoscaler => ({
  metadata: { name: 'web', namespace: 'default' },
  spec: {
    scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
    minReplicas: 1,
    maxReplicas: 10,
    metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }],
    ...spec,
  },
});
const running = (name: string, cpu: number | undefined, request: string | null = '200m'): PodUsage => {
  const pod: corev1.Pod = {
    metadata: { name },
    spec: { containers: [{ name: 'web', image: 'x', resources: request ? { requests: { cpu: request } } : {} }] },
    status: { phase: 'Running', startTime: iso(T0), conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: iso(T0) }] },
  };
  return cpu === undefined ? { pod } : { pod, usage: { cpuMillicores: cpu, memoryBytes: 0 } };
};
const fresh = (): HPAMemory => ({ scaleUpEvents: [], scaleDownEvents: [] });
const cond = (s: v2.HorizontalPodAutoscalerStatus, type: string) => {
  const c = s.conditions?.find((x) => x.type === type);
  return c && [c.status, c.reason, c.message];
};

describe('reconcileHPA', () => {
  it('scales up with the SuccessfulRescale event and reports current utilization', () => {
    const r = reconcileHPA(hpa(), { ok: true, replicas: 2, hasSelector: true }, [running('a', 150), running('b', 150)], fresh(), NOW);
    assert.deepEqual(r.rescale, { replicas: 3, reason: 'cpu resource utilization (percentage of request) above target' });
    assert.deepEqual(r.events, [{ type: 'Normal', reason: 'SuccessfulRescale', message: 'New size: 3; reason: cpu resource utilization (percentage of request) above target' }]);
    assert.deepEqual(r.status.currentMetrics, [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 75, averageValue: '150m' } } }]);
    assert.deepEqual([r.status.currentReplicas, r.status.desiredReplicas, r.status.lastScaleTime], [2, 3, iso(NOW)]);
    assert.deepEqual(cond(r.status, 'AbleToScale'), ['True', 'SucceededRescale', 'the HPA controller was able to update the target scale to 3']);
    assert.deepEqual(cond(r.status, 'ScalingLimited'), ['False', 'DesiredWithinRange', 'the desired count is within the acceptable range']);
  });
  it('reports a missing request as ScalingActive False, with both warnings', () => {
    const r = reconcileHPA(hpa(), { ok: true, replicas: 1, hasSelector: true }, [running('web-1', 100, null)], fresh(), NOW);
    assert.equal(r.rescale, undefined);
    const err = 'failed to get cpu utilization: missing request for cpu in container web of Pod web-1';
    assert.deepEqual(cond(r.status, 'ScalingActive'), ['False', 'FailedGetResourceMetric', `the HPA was unable to compute the replica count: ${err}`]);
    assert.deepEqual(r.events.map((e) => [e.type, e.reason, e.message]), [
      ['Warning', 'FailedGetResourceMetric', err],
      ['Warning', 'FailedComputeMetricsReplicas', `invalid metrics (1 invalid out of 1), first error is: ${err}`],
    ]);
  });
  it('brings a target outside min/max back into range without reading metrics', () => {
    const r = reconcileHPA(hpa({ minReplicas: 3 }), { ok: true, replicas: 1, hasSelector: true }, [], fresh(), NOW);
    assert.deepEqual(r.rescale, { replicas: 3, reason: 'Current number of replicas below Spec.MinReplicas' });
    const above = reconcileHPA(hpa({ maxReplicas: 2 }), { ok: true, replicas: 5, hasSelector: true }, [], fresh(), NOW);
    assert.deepEqual(above.rescale, { replicas: 2, reason: 'Current number of replicas above Spec.MaxReplicas' });
  });
  it('does not scale a target scaled to zero', () => {
    const r = reconcileHPA(hpa(), { ok: true, replicas: 0, hasSelector: true }, [], fresh(), NOW);
    assert.equal(r.rescale, undefined);
    assert.deepEqual(cond(r.status, 'ScalingActive'), ['False', 'ScalingDisabled', 'scaling is disabled since the replica count of the target is zero']);
  });
  it('reports a target it cannot read', () => {
    const r = reconcileHPA(hpa(), { ok: false, error: 'deployments.apps "web" not found' }, [], fresh(), NOW);
    assert.deepEqual(cond(r.status, 'AbleToScale'), ['False', 'FailedGetScale', `the HPA controller was unable to get the target's current scale: deployments.apps "web" not found`]);
    assert.deepEqual(r.events[0], { type: 'Warning', reason: 'FailedGetScale', message: 'deployments.apps "web" not found' });
  });
  it('takes the largest proposal of several metrics', () => {
    const metrics: v2.MetricSpec[] = [
      { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } },
      { type: 'Resource', resource: { name: 'cpu', target: { type: 'AverageValue', averageValue: '50m' } } },
    ];
    const r = reconcileHPA(hpa({ metrics }), { ok: true, replicas: 2, hasSelector: true }, [running('a', 150), running('b', 150)], fresh(), NOW);
    // 150m against 50m asks for 6; without spec.behavior a step may at most double (or reach 4).
    assert.deepEqual(r.rescale, { replicas: 4, reason: 'cpu resource above target' });
    assert.deepEqual(cond(r.status, 'ScalingLimited'), ['True', 'ScaleUpLimit', 'the desired replica count is increasing faster than the maximum scale rate']);
  });
});
