import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { messages } from '../shared/testing.ts';
import type { Namespace } from './types.ts';
import { validateNamespace, validateNamespaceStatusUpdate } from './validation.ts';

describe('Namespace validation', () => {
  it('accepts standard and qualified finalizers only', () => {
    const ns = (finalizers: string[]): Namespace => ({ metadata: { name: 'n' }, spec: { finalizers } });
    assert.deepEqual(messages(validateNamespace(ns(['kubernetes', 'example.com/cleanup']))), []);
    assert.deepEqual(messages(validateNamespace(ns(['cleanup']))), ['spec.finalizers: Invalid value: "cleanup": name is neither a standard finalizer name nor is it fully qualified']);
  });

  it('ties the phase to the deletion timestamp', () => {
    assert.deepEqual(messages(validateNamespaceStatusUpdate({ metadata: { name: 'n' }, status: { phase: 'Terminating' } })), [
      "status.Phase: Invalid value: \"Terminating\": may only be 'Active' if `deletionTimestamp` is empty",
    ]);
    assert.deepEqual(messages(validateNamespaceStatusUpdate({ metadata: { name: 'n', deletionTimestamp: '2025-01-01T00:00:00Z' }, status: { phase: 'Terminating' } })), []);
  });
});
