import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DaemonSet } from '../../registry/apps/daemonset/types.ts';
import type { Pod } from '../statefulset/pod-state.ts';
import type { Node } from './eligibility.ts';
import { type DaemonSetState, nextBackoff, planDaemonSet, scaledValue } from './plan.ts';

const NOW = Date.parse('2026-01-01T00:10:00Z');
const node = (name: string, taints?: NonNullable<Node['spec']>['taints']): Node => ({ metadata: { name, labels: {} }, spec: taints ? { taints } : {} });
const nodes = [node('cp', [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }]), node('w1'), node('w2'), node('w3')];

function ds(rollingUpdate: Record<string, unknown> = {}, type = 'RollingUpdate', minReadySeconds = 0): DaemonSet {
  return {
    metadata: { name: 'agent', namespace: 'default', generation: 2, annotations: { 'deprecated.daemonset.template.generation': '2' } },
    spec: { selector: { matchLabels: { app: 'agent' } }, minReadySeconds, template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'a', image: 'busybox' }] } }, updateStrategy: type === 'OnDelete' ? { type } : { type, rollingUpdate: { maxUnavailable: 1, maxSurge: 0, ...rollingUpdate } } },
  } as DaemonSet;
}

let seq = 0;
function pod(nodeName: string, hash: string, state: 'ready' | 'pending' | 'failed' | 'terminating' = 'ready', created = '2026-01-01T00:00:00Z'): Pod {
  const gen = hash === 'new' ? '2' : '1';
  return {
    metadata: { name: `agent-${nodeName}-${hash}-${seq++}`, namespace: 'default', uid: `u${seq}`, creationTimestamp: created, labels: { app: 'agent', 'controller-revision-hash': hash, 'pod-template-generation': gen }, ...(state === 'terminating' ? { deletionTimestamp: '2026-01-01T00:09:00Z' } : {}) },
    spec: { containers: [], nodeName },
    status: { phase: state === 'failed' ? 'Failed' : state === 'pending' ? 'Pending' : 'Running', conditions: [{ type: 'Ready', status: state === 'ready' ? 'True' : 'False', lastTransitionTime: '2026-01-01T00:05:00Z' }] },
  };
}

const st = (d: DaemonSet, pods: Pod[], extra: Partial<DaemonSetState> = {}): DaemonSetState => ({ ds: d, nodes, pods, hash: 'new', now: NOW, ...extra });
const deleted = (plan: ReturnType<typeof planDaemonSet>) => plan.delete.map((p) => p.spec!.nodeName).sort();

describe('planDaemonSet', () => {
  it('creates one pod per eligible node, skipping the tainted control plane', () => {
    const plan = planDaemonSet(st(ds(), []));
    assert.deepEqual(plan.create, ['w1', 'w2', 'w3']);
    assert.deepEqual(plan.status, { currentNumberScheduled: 0, desiredNumberScheduled: 3, numberMisscheduled: 0, numberReady: 0, numberUnavailable: 3, observedGeneration: 2 });
  });

  it('deletes pods on nodes that must not run them, extra pods and failed pods', () => {
    const plan = planDaemonSet(st(ds(), [pod('w1', 'new'), pod('w1', 'new', 'ready', '2026-01-01T00:01:00Z'), pod('w2', 'new', 'failed'), pod('w3', 'new'), pod('gone', 'new')]));
    assert.deepEqual(deleted(plan), ['gone', 'w1', 'w2']);
    assert.deepEqual(plan.failed.map((f) => f.node), ['w2']);
    assert.deepEqual(plan.create, []);
    // The oldest of the two pods on w1 is kept.
    assert.equal(plan.delete.find((p) => p.spec!.nodeName === 'w1')!.metadata.creationTimestamp, '2026-01-01T00:01:00Z');
  });

  it('backs off deleting failed pods on a node, 1s doubling to 15 minutes', () => {
    const pods = [pod('w1', 'new', 'failed'), pod('w2', 'new'), pod('w3', 'new')];
    const inBackoff = planDaemonSet(st(ds(), pods, { failedBackoff: new Map([['w1', { delayMs: 4000, lastUpdate: NOW - 1000 }]]) }));
    assert.deepEqual([inBackoff.delete, inBackoff.failed, inBackoff.create], [[], [], []]);
    assert.equal(inBackoff.requeueAfterMs, 3000);
    const expired = planDaemonSet(st(ds(), pods, { failedBackoff: new Map([['w1', { delayMs: 4000, lastUpdate: NOW - 4000 }]]) }));
    assert.deepEqual(deleted(expired), ['w1']);
    assert.deepEqual(nextBackoff(undefined, NOW), { delayMs: 1000, lastUpdate: NOW });
    assert.deepEqual(nextBackoff({ delayMs: 1000, lastUpdate: NOW - 5000 }, NOW), { delayMs: 2000, lastUpdate: NOW });
    assert.equal(nextBackoff({ delayMs: 600_000, lastUpdate: NOW }, NOW).delayMs, 900_000);
    assert.equal(nextBackoff({ delayMs: 900_000, lastUpdate: NOW - 3_600_000 }, NOW).delayMs, 1000);
  });

  it('counts a pod on the tainted control plane as misscheduled but lets it keep running', () => {
    const plan = planDaemonSet(st(ds(), [pod('cp', 'new'), pod('w1', 'new'), pod('w2', 'new'), pod('w3', 'new')]));
    assert.deepEqual(plan.delete, []);
    assert.equal(plan.status.numberMisscheduled, 1);
    assert.deepEqual(plan.status, { currentNumberScheduled: 3, desiredNumberScheduled: 3, numberMisscheduled: 1, numberReady: 3, numberAvailable: 3, updatedNumberScheduled: 3, observedGeneration: 2 });
  });

  it('replaces old pods within maxUnavailable, an unavailable old pod at once', () => {
    const old = [pod('w1', 'old'), pod('w2', 'old'), pod('w3', 'old')];
    assert.deepEqual(deleted(planDaemonSet(st(ds(), old))), ['w1']);
    assert.deepEqual(deleted(planDaemonSet(st(ds({ maxUnavailable: 2 }), old))), ['w1', 'w2']);
    // A new pod not yet ready uses up the budget.
    assert.deepEqual(deleted(planDaemonSet(st(ds(), [pod('w1', 'new', 'pending'), pod('w2', 'old'), pod('w3', 'old')]))), []);
    assert.deepEqual(deleted(planDaemonSet(st(ds(), [pod('w1', 'new'), pod('w2', 'old'), pod('w3', 'old')]))), ['w2']);
    assert.deepEqual(deleted(planDaemonSet(st(ds(), [pod('w1', 'new', 'pending'), pod('w2', 'old', 'pending'), pod('w3', 'old')]))), ['w2']);
    assert.deepEqual(deleted(planDaemonSet(st(ds({}, 'OnDelete'), old))), []);
  });

  it('surges a new pod beside the old one and removes the old one once the new one is available', () => {
    const old = [pod('w1', 'old'), pod('w2', 'old'), pod('w3', 'old')];
    const surge = ds({ maxSurge: 1, maxUnavailable: 0 });
    const first = planDaemonSet(st(surge, old));
    assert.deepEqual(first.create, ['w1']);
    assert.deepEqual(first.delete, []);
    const waiting = planDaemonSet(st(surge, [...old, pod('w1', 'new', 'pending')]));
    assert.deepEqual([waiting.create, waiting.delete], [[], []]);
    const ready = planDaemonSet(st(surge, [...old, pod('w1', 'new')]));
    assert.deepEqual(deleted(ready), ['w1']);
  });

  it('waits minReadySeconds before counting a pod available', () => {
    const plan = planDaemonSet(st(ds({}, 'RollingUpdate', 600), [pod('w1', 'new'), pod('w2', 'new'), pod('w3', 'new')]));
    assert.equal(plan.status.numberReady, 3);
    assert.equal(plan.status.numberAvailable, undefined);
    assert.equal(plan.requeueAfterMs, 5 * 60_000 + 1);
  });

  it('rounds percentages up', () => {
    assert.equal(scaledValue('10%', 3, 1), 1);
    assert.equal(scaledValue('50%', 3, 1), 2);
    assert.equal(scaledValue(undefined, 3, 1), 1);
  });
});
