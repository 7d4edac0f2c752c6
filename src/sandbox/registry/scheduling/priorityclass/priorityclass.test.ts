import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { StatusError } from '../../../../apimachinery/errors.ts';
import type { PrintContext } from '../../types.ts';
import { messages, stored, testContext } from '../../apps/shared/testing.ts';
import { priorityClassPrinter } from './printer.ts';
import { priorityClassResource } from './resource.ts';
import { type PriorityClass, validatePriorityClass, validatePriorityClassUpdate } from './validation.ts';

const pc = (name: string, value: number, extra: Partial<PriorityClass> = {}): PriorityClass => ({ metadata: { name }, value, ...extra });

describe('PriorityClass', () => {
  it('reserves high values and the system- prefix', () => {
    assert.deepEqual(messages(validatePriorityClass(pc('high', 1_000_000_001))), ['value: Forbidden: maximum allowed value of a user defined priority is 1000000000']);
    assert.deepEqual(messages(validatePriorityClass(pc('system-mine', 5))), [
      "metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: system-mine is not a known system priority class",
    ]);
    assert.deepEqual(messages(validatePriorityClass(pc('system-node-critical', 5))), [
      "metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: value of system-node-critical PriorityClass must be 2000001000",
    ]);
    assert.deepEqual(messages(validatePriorityClass(pc('system-node-critical', 2000001000))), []);
  });

  it('defaults the preemption policy and keeps value and policy immutable', () => {
    const p = pc('batch', 10);
    priorityClassResource.defaults!(p);
    assert.equal(p.preemptionPolicy, 'PreemptLowerPriority');
    assert.deepEqual(messages(validatePriorityClassUpdate({ ...p, value: 11, preemptionPolicy: 'Never' }, stored(p))), [
      'value: Forbidden: may not be changed in an update.',
      'preemptionPolicy: Invalid value: "Never": field is immutable',
    ]);
  });

  it('refuses to delete the built-in classes', () => {
    const check = priorityClassResource.strategy.checkGracefulDelete!;
    assert.throws(() => check(stored(pc('system-cluster-critical', 2_000_000_000)), {}, testContext()), (e: unknown) => {
      return e instanceof StatusError && e.message === 'priorityclasses.scheduling.k8s.io "system-cluster-critical" is forbidden: this is a system priority class and cannot be deleted';
    });
    assert.equal(check(stored(pc('mine', 1)), {}, testContext()), undefined);
  });

  it('prints VALUE GLOBAL-DEFAULT AGE PREEMPTIONPOLICY', () => {
    const p = stored({ ...pc('batch', 10, { globalDefault: true }), metadata: { name: 'batch', creationTimestamp: '2026-01-01T00:00:00Z' } });
    assert.deepEqual(priorityClassPrinter.cells(p, { now: Date.parse('2026-01-02T00:00:00Z') } as PrintContext), ['batch', 10, true, '24h', '<unset>']);
  });
});
