import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type * as corev1 from '../../../generated/k8s/core/v1.ts';
import { planPodGC, QUARANTINE_MS } from './pod-gc.ts';

const pod = (name: string, nodeName?: string, deleting = false): corev1.Pod => ({
  metadata: { name, namespace: 'default', uid: `uid-${name}`, ...(deleting ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}) },
  spec: { containers: [], ...(nodeName ? { nodeName } : {}) },
});

describe('pod GC plan', () => {
  it('deletes pods of a node gone for the quarantine time, and says when to look again before', () => {
    const pods = [pod('a', 'gone'), pod('b', 'here'), pod('c')];
    const nodes = new Set(['here']);
    const early = planPodGC(pods, nodes, new Map([['gone', 1_000]]), 1_000 + QUARANTINE_MS - 1);
    assert.deepEqual(early, { actions: [], recheckAt: 1_000 + QUARANTINE_MS });
    const late = planPodGC(pods, nodes, new Map([['gone', 1_000]]), 1_000 + QUARANTINE_MS);
    assert.deepEqual(late, { actions: [{ namespace: 'default', name: 'a', uid: 'uid-a', reason: 'orphaned' }] });
  });

  it('deletes terminating pods that were never scheduled', () => {
    assert.deepEqual(planPodGC([pod('x', undefined, true)], new Set(), new Map(), 0).actions, [{ namespace: 'default', name: 'x', uid: 'uid-x', reason: 'unscheduledTerminating' }]);
  });
});
