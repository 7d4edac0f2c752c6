import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type * as corev1 from '../../../generated/k8s/core/v1.ts';
import { evictionPlan } from './taint-eviction.ts';

const unreachable: corev1.Taint = { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' };
const pod = (tolerations: corev1.Toleration[]): corev1.Pod => ({ metadata: { name: 'p' }, spec: { containers: [], tolerations } });
const defaults: corev1.Toleration[] = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
];

describe('taint eviction plan', () => {
  it('evicts after DefaultTolerationSeconds (300 s)', () => {
    assert.deepEqual(evictionPlan(pod(defaults), [unreachable]), { kind: 'after', ms: 300_000 });
  });
  it('evicts at once when a NoExecute taint is not tolerated', () => {
    assert.deepEqual(evictionPlan(pod(defaults), [unreachable, { key: 'maintenance', effect: 'NoExecute' }]), { kind: 'now' });
    assert.deepEqual(evictionPlan(pod([]), [unreachable]), { kind: 'now' });
  });
  it('uses the shortest matching tolerationSeconds; none set means never', () => {
    assert.deepEqual(evictionPlan(pod([...defaults, { operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 30 }]), [unreachable]), { kind: 'after', ms: 30_000 });
    assert.deepEqual(evictionPlan(pod([{ operator: 'Exists' }]), [unreachable]), { kind: 'none' });
    assert.deepEqual(evictionPlan(pod([{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', tolerationSeconds: 0 }]), [unreachable]), { kind: 'now' });
  });
  it('does nothing without NoExecute taints', () => {
    assert.deepEqual(evictionPlan(pod([]), []), { kind: 'none' });
  });
});
