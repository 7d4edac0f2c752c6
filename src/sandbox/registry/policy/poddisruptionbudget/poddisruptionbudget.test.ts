import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PrintContext } from '../../types.ts';
import { messages, stored } from '../../apps/shared/testing.ts';
import { podDisruptionBudgetPrinter } from './printer.ts';
import { type PodDisruptionBudget, validatePodDisruptionBudget } from './validation.ts';

const pdb = (spec: PodDisruptionBudget['spec']): PodDisruptionBudget => ({ metadata: { name: 'web' }, spec });

describe('PodDisruptionBudget', () => {
  it('rejects minAvailable and maxUnavailable together, printing the spec as Go does', () => {
    const errs = messages(validatePodDisruptionBudget(pdb({ minAvailable: 1, maxUnavailable: '50%', selector: { matchLabels: { app: 'web' } } })));
    assert.equal(errs.length, 1);
    assert.match(
      errs[0]!,
      /^spec: Invalid value: policy\.PodDisruptionBudgetSpec\{MinAvailable:\(\*intstr\.IntOrString\)\(0xc[0-9a-f]+\), Selector:\(\*v1\.LabelSelector\)\(0xc[0-9a-f]+\), MaxUnavailable:\(\*intstr\.IntOrString\)\(0xc[0-9a-f]+\), UnhealthyPodEvictionPolicy:\(\*policy\.UnhealthyPodEvictionPolicyType\)\(nil\)\}: minAvailable and maxUnavailable cannot be both set$/,
    );
  });

  it('checks values and the eviction policy', () => {
    assert.deepEqual(messages(validatePodDisruptionBudget(pdb({ minAvailable: -1, unhealthyPodEvictionPolicy: 'Sometimes' }))), [
      'spec.minAvailable: Invalid value: -1: must be greater than or equal to 0',
      'spec.unhealthyPodEvictionPolicy: Unsupported value: "Sometimes": supported values: "AlwaysAllow", "IfHealthyBudget"',
    ]);
    assert.deepEqual(messages(validatePodDisruptionBudget(pdb({ maxUnavailable: '120%' }))), [
      'spec.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"120%"}: must not be greater than 100%',
    ]);
  });

  it('prints N/A for the unset bound and the allowed disruptions', () => {
    const p = stored({ ...pdb({ maxUnavailable: '25%' }), metadata: { name: 'web', creationTimestamp: '2026-01-01T00:00:00Z' }, status: { disruptionsAllowed: 2, currentHealthy: 4, desiredHealthy: 3, expectedPods: 4 } });
    assert.deepEqual(podDisruptionBudgetPrinter.cells(p, { now: Date.parse('2026-01-01T00:00:09Z') } as PrintContext), ['web', 'N/A', '25%', 2, '9s']);
  });
});
