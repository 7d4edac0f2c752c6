import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { aggregateMessage } from '../../../../apimachinery/field-errors.ts';
import type { StoredObject } from '../../../../apimachinery/object.ts';
import type * as coordv1 from '../../../../generated/k8s/coordination/v1.ts';
import type { PrintContext } from '../../types.ts';
import { leaseResource, validateLeaseSpec } from './resource.ts';

describe('Lease', () => {
  it('validates durations, transitions and strategy', () => {
    assert.deepEqual(validateLeaseSpec({ holderIdentity: 'a', leaseDurationSeconds: 15 }), []);
    assert.equal(
      aggregateMessage(validateLeaseSpec({ leaseDurationSeconds: 0, leaseTransitions: -1, preferredHolder: 'b' })),
      '[spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0, spec.leaseTransitions: Invalid value: -1: must be greater than or equal to 0, spec.preferredHolder: Forbidden: may only be specified if `strategy` is defined]',
    );
  });

  it('prints NAME HOLDER AGE', () => {
    const p = leaseResource.printer!;
    assert.deepEqual(p.columns.map((c) => c.name), ['Name', 'Holder', 'Age']);
    const lease = { metadata: { name: 'kind-control-plane', namespace: 'kube-node-lease', uid: 'u', resourceVersion: '1', creationTimestamp: '2024-01-01T00:00:00Z' }, spec: { holderIdentity: 'kind-control-plane' } } as StoredObject & coordv1.Lease;
    assert.deepEqual(p.cells(lease, { now: Date.parse('2024-01-01T00:00:30Z') } as PrintContext), ['kind-control-plane', 'kind-control-plane', '30s']);
  });
});
