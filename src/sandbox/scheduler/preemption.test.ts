import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type * as corev1 from '../../generated/k8s/core/v1.ts';
import type * as policyv1 from '../../generated/k8s/policy/v1.ts';
import { schedulePod, type ScheduleResult } from './schedule.ts';
import type { ClusterSnapshot } from './snapshot.ts';
import { clusterNodes, makePod } from './test-fixtures.ts';

const W1 = 'kubecamp-worker';
const W2 = 'kubecamp-worker2';
const TAINT = '1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }';

const snapshot = (pods: corev1.Pod[], extra: Partial<ClusterSnapshot> = {}): ClusterSnapshot => ({ nodes: clusterNodes(3), pods, ...extra });

function unschedulable(r: ScheduleResult) {
  assert.equal(r.kind, 'unschedulable');
  if (r.kind !== 'unschedulable') throw new Error('scheduled');
  return r;
}

const victimNames = (r: ScheduleResult): string[] => unschedulable(r).preemption?.victims.map((v) => v.name) ?? [];

describe('preemption', () => {
  const critical = (extra: Parameters<typeof makePod>[1] = {}) => makePod('critical', { cpu: '2', priority: 1000, ...extra });

  it('nominates a node and names the victims, with no preemption text in the message', () => {
    const pods = [
      makePod('batch-1', { cpu: '7', nodeName: W1, startTime: '2025-01-01T10:00:00Z' }),
      makePod('batch-2', { cpu: '7', nodeName: W2, startTime: '2025-01-01T09:00:00Z' }),
    ];
    const r = unschedulable(schedulePod(critical(), snapshot(pods)));
    assert.equal(r.message, `0/3 nodes are available: ${TAINT}, 2 Insufficient cpu.`);
    // Equal candidates: the node whose victim started last is chosen.
    assert.equal(r.nominatedNodeName, W1);
    assert.deepEqual(r.preemption, {
      nodeName: W1,
      victims: [{ namespace: 'default', name: 'batch-1', uid: 'uid-default-batch-1' }],
      numPDBViolations: 0,
      lowerPriorityNominatedPods: [],
    });
  });

  it('evicts as few and as unimportant pods as possible', () => {
    const pods = [
      makePod('important', { cpu: '2500m', priority: 500, nodeName: W1 }),
      makePod('middling', { cpu: '2500m', priority: 300, nodeName: W1 }),
      makePod('least', { cpu: '2500m', priority: 100, nodeName: W1 }),
      makePod('system', { cpu: '7', priority: 2000, nodeName: W2 }),
    ];
    const r = schedulePod(critical(), snapshot(pods));
    assert.deepEqual(victimNames(r), ['least']);
    assert.equal(unschedulable(r).nominatedNodeName, W1);
  });

  it('reports nodes where evicting every lower-priority pod is not enough', () => {
    const pods = [makePod('higher', { cpu: '7', priority: 5000, nodeName: W1 }), makePod('small', { cpu: '1', nodeName: W2 }), makePod('big', { cpu: '7', priority: 5000, nodeName: W2 })];
    const r = unschedulable(schedulePod(critical(), snapshot(pods)));
    assert.equal(
      r.message,
      `0/3 nodes are available: ${TAINT}, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Insufficient cpu, 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling.`,
    );
    assert.equal(r.nominatedNodeName, '');
    assert.equal(r.preemption, undefined);
  });

  it('prefers victims whose eviction respects their PodDisruptionBudget', () => {
    const pods = [
      makePod('guarded', { cpu: '7', nodeName: W1, labels: { app: 'guarded' }, startTime: '2025-01-01T10:00:00Z' }),
      makePod('free', { cpu: '7', nodeName: W2, labels: { app: 'free' }, startTime: '2025-01-01T09:00:00Z' }),
    ];
    const pdb: policyv1.PodDisruptionBudget = {
      metadata: { name: 'guard', namespace: 'default' },
      spec: { selector: { matchLabels: { app: 'guarded' } }, minAvailable: 1 },
      status: { disruptionsAllowed: 0, currentHealthy: 1, desiredHealthy: 1, expectedPods: 1 },
    };
    const r = unschedulable(schedulePod(critical(), snapshot(pods, { podDisruptionBudgets: [pdb] })));
    assert.equal(r.nominatedNodeName, W2);
    assert.deepEqual(victimNames(r), ['free']);
    // Without the budget, the later-started victim's node would have won.
    assert.equal(unschedulable(schedulePod(critical(), snapshot(pods))).nominatedNodeName, W1);
  });

  it('uses a budget-violating victim when nothing else helps, and counts the violation', () => {
    const pods = [makePod('guarded', { cpu: '7', nodeName: W1, labels: { app: 'guarded' } }), makePod('pinned', { cpu: '7', priority: 5000, nodeName: W2 })];
    const pdb: policyv1.PodDisruptionBudget = { metadata: { name: 'g', namespace: 'default' }, spec: { selector: { matchLabels: { app: 'guarded' } } }, status: { disruptionsAllowed: 0, currentHealthy: 1, desiredHealthy: 1, expectedPods: 1 } };
    const r = unschedulable(schedulePod(critical(), snapshot(pods, { podDisruptionBudgets: [pdb] })));
    assert.equal(r.preemption?.numPDBViolations, 1);
    assert.deepEqual(victimNames(r), ['guarded']);
  });

  it('waits while its victims terminate instead of preempting again', () => {
    const terminating = makePod('batch-1', {
      cpu: '7',
      nodeName: W1,
      deletionTimestamp: '2025-01-01T10:05:00Z',
      status: { phase: 'Running', conditions: [{ type: 'DisruptionTarget', status: 'True', reason: 'PreemptionByScheduler' }] },
    });
    const pods = [terminating, makePod('batch-2', { cpu: '7', nodeName: W2 })];
    const r = unschedulable(schedulePod(critical({ status: { phase: 'Pending', nominatedNodeName: W1 } }), snapshot(pods)));
    assert.equal(r.message, `0/3 nodes are available: ${TAINT}, 2 Insufficient cpu. preemption: not eligible due to a terminating pod on the nominated node.`);
    assert.equal(r.nominatedNodeName, undefined);
  });

  it('schedules onto the nominated node once the victims are gone, ahead of lower-priority nominated pods', () => {
    const nominatedLow = makePod('low-waiting', { cpu: '7', status: { phase: 'Pending', nominatedNodeName: W1 } });
    const r = schedulePod(critical({ cpu: '7', status: { phase: 'Pending', nominatedNodeName: W1 } }), snapshot([nominatedLow, makePod('other', { cpu: '7', nodeName: W2 })]));
    assert.deepEqual(r.kind === 'scheduled' && r.node, W1);
  });

  it('keeps room reserved for a higher-priority pod nominated to a node', () => {
    const nominatedHigh = makePod('high-waiting', { cpu: '7', priority: 5000, status: { phase: 'Pending', nominatedNodeName: W1 } });
    for (let i = 0; i < 10; i++) {
      const r = schedulePod(makePod(`filler-${i}`, { cpu: '2' }), snapshot([nominatedHigh]));
      assert.equal(r.kind === 'scheduled' && r.node, W2);
    }
  });

  it('asks to clear lower-priority nominations on the chosen node', () => {
    const pods = [makePod('batch-1', { cpu: '7', nodeName: W1 }), makePod('batch-2', { cpu: '7', nodeName: W2, priority: 5000 }), makePod('low-waiting', { cpu: '1', status: { phase: 'Pending', nominatedNodeName: W1 } })];
    const r = unschedulable(schedulePod(critical(), snapshot(pods)));
    assert.deepEqual(r.preemption?.lowerPriorityNominatedPods.map((p) => p.name), ['low-waiting']);
  });

  it('preempts to make room for required anti-affinity', () => {
    const lonely: Partial<corev1.PodSpec> = {
      affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { tier: 'noisy' } } }] } },
    };
    const pods = [makePod('noisy-1', { labels: { tier: 'noisy' }, nodeName: W1 }), makePod('noisy-2', { labels: { tier: 'noisy' }, nodeName: W2, priority: 9000 })];
    const r = unschedulable(schedulePod(makePod('quiet', { priority: 1000, spec: lonely }), snapshot(pods)));
    assert.equal(r.message, `0/3 nodes are available: ${TAINT}, 2 node(s) didn't match pod anti-affinity rules.`);
    assert.deepEqual(victimNames(r), ['noisy-1']);
  });
});
