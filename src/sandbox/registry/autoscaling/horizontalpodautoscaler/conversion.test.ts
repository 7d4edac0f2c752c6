import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BEHAVIOR_ANNOTATION, CONDITIONS_ANNOTATION, hpaFromV1, hpaToV1, METRIC_SPECS_ANNOTATION, METRIC_STATUSES_ANNOTATION } from './conversion.ts';
import { defaultHPA } from './defaults.ts';
import type { HPA, HPAV1 } from './types.ts';

const v2: HPA = {
  apiVersion: 'autoscaling/v2',
  kind: 'HorizontalPodAutoscaler',
  metadata: { name: 'web', namespace: 'default', annotations: { team: 'a' } },
  spec: {
    scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
    minReplicas: 2,
    maxReplicas: 5,
    metrics: [
      { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 60 } } },
      { type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '100Mi' } } },
      { type: 'Pods', pods: { metric: { name: 'qps' }, target: { type: 'AverageValue', averageValue: '10' } } },
      {
        type: 'External',
        external: { metric: { name: 'queue', selector: { matchLabels: { q: 'jobs' } } }, target: { type: 'Value', value: '30' } },
      },
      {
        type: 'Object',
        object: { describedObject: { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', name: 'main' }, metric: { name: 'rps' }, target: { type: 'Value', value: '2k' } },
      },
    ],
    behavior: { scaleDown: { stabilizationWindowSeconds: 300 } },
  },
  status: {
    currentReplicas: 2,
    desiredReplicas: 3,
    currentMetrics: [
      { type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 75, averageValue: '150m' } } },
      { type: 'Resource', resource: { name: 'memory', current: { averageValue: '90Mi' } } },
    ],
    conditions: [{ type: 'AbleToScale', status: 'True', lastTransitionTime: '2026-01-01T00:00:00Z', reason: 'ReadyForNewScale' }],
  },
};
defaultHPA(v2);

describe('HPA v1 <-> v2 conversion', () => {
  it('maps the CPU target to v1 fields and carries the rest in annotations', () => {
    const one = hpaToV1(v2);
    assert.equal(one.apiVersion, 'autoscaling/v1');
    assert.deepEqual(one.spec, { scaleTargetRef: { kind: 'Deployment', name: 'web', apiVersion: 'apps/v1' }, maxReplicas: 5, minReplicas: 2, targetCPUUtilizationPercentage: 60 });
    assert.deepEqual(one.status, { currentReplicas: 2, desiredReplicas: 3, currentCPUUtilizationPercentage: 75 });
    const a = one.metadata.annotations!;
    assert.equal(a.team, 'a');
    assert.equal(
      a[METRIC_SPECS_ANNOTATION],
      '[{"type":"Resource","resource":{"name":"memory","targetAverageValue":"100Mi"}},{"type":"Pods","pods":{"metricName":"qps","targetAverageValue":"10"}},' +
        '{"type":"External","external":{"metricName":"queue","metricSelector":{"matchLabels":{"q":"jobs"}},"targetValue":"30"}},' +
        '{"type":"Object","object":{"target":{"kind":"Ingress","name":"main","apiVersion":"networking.k8s.io/v1"},"metricName":"rps","targetValue":"2k"}}]',
    );
    assert.equal(
      a[METRIC_STATUSES_ANNOTATION],
      '[{"type":"Resource","resource":{"name":"cpu","currentAverageUtilization":75,"currentAverageValue":"150m"}},{"type":"Resource","resource":{"name":"memory","currentAverageValue":"90Mi"}}]',
    );
    assert.equal(
      a[BEHAVIOR_ANNOTATION],
      '{"ScaleUp":{"StabilizationWindowSeconds":0,"SelectPolicy":"Max","Policies":[{"Type":"Pods","Value":4,"PeriodSeconds":15},{"Type":"Percent","Value":100,"PeriodSeconds":15}],"Tolerance":null},' +
        '"ScaleDown":{"StabilizationWindowSeconds":300,"SelectPolicy":"Max","Policies":[{"Type":"Percent","Value":100,"PeriodSeconds":15}],"Tolerance":null}}',
    );
    assert.equal(a[CONDITIONS_ANNOTATION], '[{"type":"AbleToScale","status":"True","lastTransitionTime":"2026-01-01T00:00:00Z","reason":"ReadyForNewScale"}]');
  });

  it('round-trips v2 -> v1 -> v2 without loss', () => {
    assert.deepEqual(hpaFromV1(hpaToV1(v2)), v2);
  });

  it('round-trips a plain v1 object and applies the implicit 80% CPU target', () => {
    const one: HPAV1 = {
      apiVersion: 'autoscaling/v1',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'x' },
      spec: { scaleTargetRef: { kind: 'Deployment', name: 'x' }, minReplicas: 1, maxReplicas: 3 },
      status: { currentReplicas: 0, desiredReplicas: 0 },
    };
    const two = hpaFromV1(one);
    assert.deepEqual(two.spec.metrics, [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }]);
    assert.deepEqual(two.status, { desiredReplicas: 0 });
    const back = hpaToV1(two);
    assert.deepEqual(back.spec, { ...one.spec, targetCPUUtilizationPercentage: 80 });
    assert.equal(back.metadata.annotations, undefined);
  });

  it('reads hand-written annotations case-insensitively and ignores malformed ones', () => {
    const one: HPAV1 = {
      metadata: {
        name: 'x',
        annotations: {
          [BEHAVIOR_ANNOTATION]: '{"scaleUp":{"stabilizationWindowSeconds":30}}',
          [METRIC_SPECS_ANNOTATION]: '[{"type":"Pods","pods":{"metricName":"qps","targetAverageValue":5}}]',
          [CONDITIONS_ANNOTATION]: 'not json',
        },
      },
      spec: { scaleTargetRef: { kind: 'Deployment', name: 'x' }, maxReplicas: 3 },
    };
    const two = hpaFromV1(one);
    assert.deepEqual(two.spec.behavior, { scaleUp: { stabilizationWindowSeconds: 30 } });
    assert.deepEqual(two.spec.metrics, [{ type: 'Pods', pods: { metric: { name: 'qps' }, target: { type: 'AverageValue', averageValue: '5' } } }]);
    assert.equal(two.status?.conditions, undefined);
    assert.equal(two.metadata.annotations, undefined);
  });
});
