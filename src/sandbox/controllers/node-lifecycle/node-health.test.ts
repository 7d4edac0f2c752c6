import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type * as corev1 from '../../../generated/k8s/core/v1.ts';
import { healthyConditions } from '../../bootstrap/nodes.ts';
import { desiredTaints, lastHeard, NODE_MONITOR_GRACE_PERIOD_MS, unknownConditions } from './node-health.ts';

const T0 = Date.parse('2026-01-01T00:00:00Z');
const iso = (ms: number) => `${new Date(ms).toISOString().slice(0, 19)}Z`;
const node = (conditions = healthyConditions(iso(T0)), spec: corev1.NodeSpec = {}): corev1.Node => ({ metadata: { name: 'w', creationTimestamp: iso(T0) }, spec, status: { conditions } });

describe('node health', () => {
  it('hears a node through its Lease or its status heartbeat, whichever is later', () => {
    assert.equal(lastHeard(node(), { spec: { renewTime: '2026-01-01T00:00:30.000000Z' } }), T0 + 30_000);
    assert.equal(lastHeard(node(), undefined), T0);
  });

  it('turns the conditions Unknown once the grace period (50 s) has passed, and only once', () => {
    assert.equal(NODE_MONITOR_GRACE_PERIOD_MS, 50_000);
    assert.equal(unknownConditions(node(), T0, T0 + 49_999), undefined);
    const now = T0 + 50_000;
    const conditions = unknownConditions(node(), T0, now)!;
    const ready = conditions.find((c) => c.type === 'Ready')!;
    assert.deepEqual(
      { status: ready.status, reason: ready.reason, message: ready.message, lastTransitionTime: ready.lastTransitionTime, lastHeartbeatTime: ready.lastHeartbeatTime },
      { status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.', lastTransitionTime: iso(now), lastHeartbeatTime: iso(T0) },
    );
    assert.deepEqual(conditions.map((c) => c.status), ['Unknown', 'Unknown', 'Unknown', 'Unknown']);
    assert.equal(unknownConditions(node(conditions), T0, now + 60_000), undefined);
  });

  it('taints an unreachable node NoExecute (timeAdded) then NoSchedule, keeping other taints', () => {
    const unknown = unknownConditions(node(), T0, T0 + 50_000)!;
    const own = { key: 'dedicated', value: 'db', effect: 'NoSchedule' };
    const taints = desiredTaints(node(unknown, { taints: [own] }), T0 + 51_000)!;
    assert.deepEqual(taints, [own, { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: iso(T0 + 51_000) }, { key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule' }]);
    assert.equal(desiredTaints(node(unknown, { taints }), T0 + 90_000), undefined, 'already right');
    // Ready again: the node's own taint stays, the controller's go.
    assert.deepEqual(desiredTaints(node(healthyConditions(iso(T0)), { taints }), T0 + 100_000), [own]);
  });

  it('taints a cordoned node node.kubernetes.io/unschedulable:NoSchedule', () => {
    assert.deepEqual(desiredTaints(node(undefined, { unschedulable: true }), T0), [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }]);
    assert.deepEqual(desiredTaints(node(undefined, { taints: [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }] }), T0), []);
    assert.equal(desiredTaints(node(), T0), undefined);
  });
});
