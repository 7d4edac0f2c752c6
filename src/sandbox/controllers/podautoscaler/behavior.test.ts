import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { v2 } from '../../registry/autoscaling/horizontalpodautoscaler/types.ts';
import { type HPAMemory, normalizeWithBehavior, normalizeWithoutBehavior, storeScaleEvent } from './behavior.ts';

const fresh = (): HPAMemory => ({ scaleUpEvents: [], scaleDownEvents: [] });
const defaults: v2.HorizontalPodAutoscalerBehavior = {
  scaleUp: { stabilizationWindowSeconds: 0, selectPolicy: 'Max', policies: [{ type: 'Pods', value: 4, periodSeconds: 15 }, { type: 'Percent', value: 100, periodSeconds: 15 }] },
  scaleDown: { selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] },
};

describe('normalizeWithoutBehavior', () => {
  it('keeps the highest recommendation of the last 5 minutes when scaling down', () => {
    const mem = fresh();
    assert.equal(normalizeWithoutBehavior(mem, 0, 3, 5, 1, 10).replicas, 5);
    const held = normalizeWithoutBehavior(mem, 60_000, 5, 2, 1, 10);
    assert.equal(held.replicas, 5);
    assert.equal(held.ableToScale.reason, 'ScaleDownStabilized');
    assert.equal(normalizeWithoutBehavior(mem, 301_000, 5, 2, 1, 10).replicas, 2);
  });
  it('limits scale-up to max(2 × current, 4) and clamps to min/max', () => {
    const up = normalizeWithoutBehavior(fresh(), 0, 1, 10, 1, 20);
    assert.deepEqual([up.replicas, up.scalingLimited.status, up.scalingLimited.reason], [4, 'True', 'ScaleUpLimit']);
    const max = normalizeWithoutBehavior(fresh(), 0, 4, 10, 1, 6);
    assert.deepEqual([max.replicas, max.scalingLimited.reason], [6, 'TooManyReplicas']);
    const min = normalizeWithoutBehavior(fresh(), 0, 4, 1, 2, 6);
    assert.deepEqual([min.replicas, min.scalingLimited.reason], [2, 'TooFewReplicas']);
  });
});

describe('normalizeWithBehavior', () => {
  it('does not scale down within the default 300 s window, counting the start as a recommendation', () => {
    const mem = fresh();
    assert.equal(normalizeWithBehavior(mem, 0, 4, 1, 1, 10, defaults).replicas, 4);
    assert.equal(normalizeWithBehavior(mem, 299_000, 4, 1, 1, 10, defaults).replicas, 4);
    assert.equal(normalizeWithBehavior(mem, 301_000, 4, 1, 1, 10, defaults).replicas, 1);
  });
  it('applies the larger of the default scale-up policies: +4 pods or +100% per 15 s', () => {
    const r = normalizeWithBehavior(fresh(), 0, 2, 20, 1, 50, defaults);
    assert.deepEqual([r.replicas, r.scalingLimited.reason], [6, 'ScaleUpLimit']);
    const big = normalizeWithBehavior(fresh(), 0, 10, 40, 1, 50, defaults);
    assert.equal(big.replicas, 20);
  });
  it('counts recent scale events against the period', () => {
    const mem = fresh();
    const onePod: v2.HorizontalPodAutoscalerBehavior = { ...defaults, scaleUp: { stabilizationWindowSeconds: 0, selectPolicy: 'Max', policies: [{ type: 'Pods', value: 1, periodSeconds: 60 }] } };
    storeScaleEvent(mem, onePod, 2, 3, 0);
    assert.equal(normalizeWithBehavior(mem, 30_000, 3, 8, 1, 10, onePod).replicas, 3);
    assert.equal(normalizeWithBehavior(mem, 61_000, 3, 8, 1, 10, onePod).replicas, 4);
  });
  it('never scales when the policy is Disabled', () => {
    const off: v2.HorizontalPodAutoscalerBehavior = { ...defaults, scaleDown: { selectPolicy: 'Disabled', stabilizationWindowSeconds: 0 } };
    assert.equal(normalizeWithBehavior(fresh(), 0, 5, 1, 1, 10, off).replicas, 5);
  });
});
