import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type * as corev1 from '../../../generated/k8s/core/v1.ts';
import { healthyConditions } from '../../bootstrap/nodes.ts';
import { conditionEvents, NODE_STATUS_REPORT_FREQUENCY_MS, postedConditions } from './node-heartbeat.ts';
import { unknownConditions } from './node-health.ts';

const T0 = Date.parse('2026-01-01T00:00:00Z');
const iso = (ms: number) => `${new Date(ms).toISOString().slice(0, 19)}Z`;
const node = (conditions: corev1.NodeCondition[]): corev1.Node => ({ metadata: { name: 'w' }, status: { conditions } });

describe('kubelet node status', () => {
  it('posts an unchanged status only every 5 minutes, moving lastHeartbeatTime', () => {
    const healthy = node(healthyConditions(iso(T0)));
    assert.equal(postedConditions(healthy, T0 + NODE_STATUS_REPORT_FREQUENCY_MS - 1), undefined);
    const posted = postedConditions(healthy, T0 + NODE_STATUS_REPORT_FREQUENCY_MS)!;
    const ready = posted.find((c) => c.type === 'Ready')!;
    assert.equal(ready.lastHeartbeatTime, iso(T0 + NODE_STATUS_REPORT_FREQUENCY_MS));
    assert.equal(ready.lastTransitionTime, iso(T0));
  });

  it('posts Ready at once after a stop, with new transition times and the status events', () => {
    const unknown = unknownConditions(node(healthyConditions(iso(T0))), T0, T0 + 60_000)!;
    const at = T0 + 120_000;
    const posted = postedConditions(node(unknown), at)!;
    assert.deepEqual(posted.map((c) => [c.type, c.status, c.lastTransitionTime]), [
      ['MemoryPressure', 'False', iso(at)],
      ['DiskPressure', 'False', iso(at)],
      ['PIDPressure', 'False', iso(at)],
      ['Ready', 'True', iso(at)],
    ]);
    assert.deepEqual(conditionEvents(unknown, posted), ['NodeHasSufficientMemory', 'NodeHasNoDiskPressure', 'NodeHasSufficientPID', 'NodeReady']);
  });
});
