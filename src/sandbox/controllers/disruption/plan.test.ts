import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { controllerOf } from '../replicaset/pods.ts';
import { at, ms, pod } from '../replicaset/testing.ts';
import { countHealthyPods, disruptedPodMap, expectedPodCount, expectedScale, failSafeStatus, NoControllerError, planPdbStatus, type StoredPDB } from './plan.ts';

const pdb = (spec: StoredPDB['spec'], status?: StoredPDB['status']): StoredPDB => ({
  metadata: { name: 'web', namespace: 'default', uid: 'pdb', resourceVersion: '1', generation: 1 },
  spec: { selector: { matchLabels: { app: 'web' } }, ...spec },
  status,
});
const owner = { kind: 'ReplicaSet', name: 'web-abc', uid: 'rs' };
const three = [pod({ name: 'a', owner }), pod({ name: 'b', owner }), pod({ name: 'c', owner, ready: false })];
const scaleOf = (n: number) => () => ({ expected: n, unmanaged: [] });

describe('PodDisruptionBudget arithmetic', () => {
  it('minAvailable as a number counts the matching pods; as a percent, the controllers’ scale rounded up', () => {
    assert.deepEqual(expectedPodCount(pdb({ minAvailable: 2 }), three, scaleOf(5)), { expectedCount: 3, desiredHealthy: 2, unmanaged: [] });
    assert.deepEqual(expectedPodCount(pdb({ minAvailable: '50%' }), three, scaleOf(5)), { expectedCount: 5, desiredHealthy: 3, unmanaged: [] });
  });

  it('maxUnavailable subtracts from the scale (rounded up), never below zero', () => {
    assert.deepEqual(expectedPodCount(pdb({ maxUnavailable: '50%' }), three, scaleOf(3)).desiredHealthy, 1);
    assert.deepEqual(expectedPodCount(pdb({ maxUnavailable: 1 }), three, scaleOf(3)).desiredHealthy, 2);
    assert.deepEqual(expectedPodCount(pdb({ maxUnavailable: 5 }), three, scaleOf(3)).desiredHealthy, 0);
  });

  it('sums each controller once, lists pods without one as unmanaged, and fails on a missing controller', () => {
    const pods = [...three, pod({ name: 'bare' })];
    assert.deepEqual(expectedScale(pods, () => ({ uid: 'deploy', scale: 4 }), controllerOf), { expected: 4, unmanaged: ['bare'] });
    assert.throws(() => expectedScale(three, () => undefined, controllerOf), (e: unknown) => e instanceof NoControllerError && e.message === 'found no controllers for pod "a"');
  });

  it('counts Ready pods that are neither terminating nor just evicted', () => {
    const pods = [...three, pod({ name: 'going', owner, deleting: true })];
    assert.equal(countHealthyPods(pods, {}, ms(0)), 2);
    assert.equal(countHealthyPods(pods, { a: at(0) }, ms(60)), 1);
    assert.equal(countHealthyPods(pods, { a: at(0) }, ms(121)), 2, 'after the 2-minute deletion timeout the pod counts again');
  });

  it('keeps evictions in flight until the deletion timeout, rechecking then', () => {
    const p = pdb({ minAvailable: 1 }, { currentHealthy: 2, desiredHealthy: 1, disruptionsAllowed: 0, expectedPods: 3, disruptedPods: { a: at(0), b: at(-200), gone: at(0) } });
    const r = disruptedPodMap(p, three, ms(10));
    assert.deepEqual(r.disrupted, { a: at(0) });
    assert.deepEqual(r.overdue, ['b']);
    assert.equal(r.recheckAt, ms(120));
  });

  it('allows currentHealthy - desiredHealthy disruptions with the DisruptionAllowed condition', () => {
    const s = planPdbStatus(pdb({ minAvailable: 2 }), 3, 2, 3, {}, ms(5))!;
    assert.deepEqual(s, {
      currentHealthy: 3,
      desiredHealthy: 2,
      disruptionsAllowed: 1,
      expectedPods: 3,
      observedGeneration: 1,
      conditions: [{ type: 'DisruptionAllowed', status: 'True', reason: 'SufficientPods', message: '', observedGeneration: 1, lastTransitionTime: at(5) }],
    });
    assert.equal(planPdbStatus(pdb({ minAvailable: 2 }, s), 3, 2, 3, {}, ms(9)), undefined, 'nothing changed');
    const none = planPdbStatus(pdb({ minAvailable: 2 }, s), 2, 2, 3, {}, ms(9))!;
    assert.equal(none.disruptionsAllowed, 0);
    assert.deepEqual([none.conditions![0]!.status, none.conditions![0]!.reason, none.conditions![0]!.lastTransitionTime], ['False', 'InsufficientPods', at(9)]);
    assert.equal(planPdbStatus(pdb({ minAvailable: 0 }), 0, 0, 0, {}, ms(0))!.disruptionsAllowed, 0, 'no expected pods: no disruption');
  });

  it('fails safe with SyncFailed', () => {
    const s = failSafeStatus(pdb({ maxUnavailable: 1 }, { currentHealthy: 3, desiredHealthy: 2, disruptionsAllowed: 1, expectedPods: 3 }), 'found no controllers for pod "a"', ms(0));
    assert.equal(s.disruptionsAllowed, 0);
    assert.deepEqual([s.conditions![0]!.reason, s.conditions![0]!.message], ['SyncFailed', 'found no controllers for pod "a"']);
  });
});
