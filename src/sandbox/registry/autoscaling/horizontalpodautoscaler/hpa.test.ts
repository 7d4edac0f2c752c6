import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PrintContext } from '../../types.ts';
import { messages, stored } from '../../apps/shared/testing.ts';
import { defaultHPA } from './defaults.ts';
import { formatHPAMetrics, hpaPrinter } from './printer.ts';
import type { HPA } from './types.ts';
import { validateHPA } from './validation.ts';

function hpa(mutate: (h: HPA) => void = () => {}): HPA {
  const h: HPA = { metadata: { name: 'web' }, spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, maxReplicas: 5 } };
  mutate(h);
  defaultHPA(h);
  return h;
}

describe('HorizontalPodAutoscaler', () => {
  it('defaults minReplicas, the CPU target and a partial behavior', () => {
    const h = hpa((x) => (x.spec.behavior = { scaleUp: { selectPolicy: 'Min' } }));
    assert.equal(h.spec.minReplicas, 1);
    assert.deepEqual(h.spec.metrics, [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }]);
    assert.deepEqual(h.spec.behavior, {
      scaleUp: { stabilizationWindowSeconds: 0, selectPolicy: 'Min', policies: [{ type: 'Pods', value: 4, periodSeconds: 15 }, { type: 'Percent', value: 100, periodSeconds: 15 }] },
      scaleDown: { selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] },
    });
    assert.equal(hpa().spec.behavior, undefined);
  });

  it('validates replica bounds and the target', () => {
    const h = hpa((x) => {
      x.spec.minReplicas = 3;
      x.spec.maxReplicas = 2;
      x.spec.scaleTargetRef = { kind: '', name: 'web' };
    });
    assert.deepEqual(messages(validateHPA(h)), [
      'spec.maxReplicas: Invalid value: 2: must be greater than or equal to `minReplicas`',
      'spec.scaleTargetRef.kind: Required value',
    ]);
    const zero = hpa((x) => {
      x.spec.minReplicas = 0;
      x.spec.maxReplicas = 0;
    });
    assert.deepEqual(messages(validateHPA(zero)), [
      'spec.minReplicas: Invalid value: 0: must be greater than or equal to 1',
      'spec.maxReplicas: Invalid value: 0: must be greater than 0',
      'spec.metrics: Forbidden: must specify at least one Object or External metric to support scaling to zero replicas',
    ]);
  });

  it('validates metrics and behavior', () => {
    const h = hpa((x) => {
      x.spec.metrics = [
        { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 0 } } },
        { type: 'Pods', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } },
        { type: 'Pods', pods: { metric: { name: 'qps' }, target: { type: 'AverageValue', averageValue: '-1' } } },
      ];
      x.spec.behavior = { scaleDown: { policies: [{ type: 'Pods', value: 0, periodSeconds: 4000 }], selectPolicy: 'Sometimes' } };
    });
    assert.deepEqual(messages(validateHPA(h)), [
      'spec.metrics[0].resource.target.averageUtilization: Invalid value: 0: must be greater than 0',
      'spec.metrics[1].pods: Required value: must populate information for the given metric source',
      'spec.metrics[2].pods.target.averageValue: Invalid value: resource.Quantity{i:resource.int64Amount{value:-1, scale:0}, d:resource.infDecAmount{Dec:(*inf.Dec)(nil)}, s:"", Format:"DecimalSI"}: must be positive',
      'spec.behavior.scaleDown.selectPolicy: Unsupported value: "Sometimes": supported values: "Disabled", "Max", "Min"',
      'spec.behavior.scaleDown.policies[0].value: Invalid value: 0: must be greater than zero',
      'spec.behavior.scaleDown.policies[0].periodSeconds: Invalid value: 4000: must be less than or equal to 1800',
    ]);
  });

  it('formats TARGETS like kubectl (two metrics, then a count)', () => {
    const specs = hpa((x) => {
      x.spec.metrics = [
        { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } },
        { type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '100Mi' } } },
        { type: 'External', external: { metric: { name: 'q' }, target: { type: 'AverageValue', averageValue: '30' } } },
      ];
    }).spec.metrics;
    assert.equal(formatHPAMetrics(specs, []), 'cpu: <unknown>/80%, memory: <unknown>/100Mi + 1 more...');
    assert.equal(
      formatHPAMetrics(specs!.slice(0, 2), [
        { type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 35 } } },
        { type: 'Resource', resource: { name: 'memory', current: { averageValue: '64Mi' } } },
      ]),
      'cpu: 35%/80%, memory: 64Mi/100Mi',
    );
    assert.equal(formatHPAMetrics(specs!.slice(2), []), '<unknown>/30 (avg)');
    assert.equal(formatHPAMetrics([], []), '<none>');
  });

  it('prints REFERENCE TARGETS MINPODS MAXPODS REPLICAS AGE', () => {
    const h = stored({ ...hpa(), metadata: { name: 'web', creationTimestamp: '2026-01-01T00:00:00Z' }, status: { currentReplicas: 2, desiredReplicas: 2 } });
    assert.deepEqual(hpaPrinter.columns.map((c) => c.name), ['Name', 'Reference', 'Targets', 'MinPods', 'MaxPods', 'Replicas', 'Age']);
    assert.deepEqual(hpaPrinter.cells(h, { now: Date.parse('2026-01-01T03:00:00Z') } as PrintContext), [
      'web', 'Deployment/web', 'cpu: <unknown>/80%', '1', 5, 2, '3h',
    ]);
  });
});
