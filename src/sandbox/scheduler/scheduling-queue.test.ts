import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SchedulingQueue } from './scheduling-queue.ts';

describe('SchedulingQueue', () => {
  it('pops by priority, then first in first out', () => {
    const q = new SchedulingQueue();
    q.add('default/a', 0, 1000);
    q.add('default/b', 0, 1000);
    q.add('default/vip', 100, 2000);
    q.add('default/c', 0, 500);
    assert.deepEqual([q.pop(), q.pop(), q.pop(), q.pop(), q.pop()], ['default/vip', 'default/c', 'default/a', 'default/b', undefined]);
  });

  it('keeps an unschedulable pod aside until an event its plugins registered for', () => {
    const q = new SchedulingQueue();
    q.add('default/p', 0, 0);
    assert.equal(q.pop(), 'default/p');
    q.failed('default/p', ['NodeAffinity'], 0);
    assert.equal(q.placeOf('default/p'), 'unschedulable');
    assert.equal(q.moveAllToActiveOrBackoff(5_000, 'AssignedPodDelete'), 0, 'a deleted pod does not help node affinity');
    assert.equal(q.moveAllToActiveOrBackoff(5_000, 'NodeLabel'), 1);
    assert.equal(q.placeOf('default/p'), 'active', 'back-off (1 s) has expired');
    assert.equal(q.pop(), 'default/p');
  });

  it('moves a pod whose back-off has not expired to backoffQ and wakes up when it ends', () => {
    const q = new SchedulingQueue();
    q.add('default/p', 0, 0);
    q.pop();
    q.failed('default/p', ['NodeResourcesFit'], 10_000);
    q.pop();
    q.moveAllToActiveOrBackoff(10_200, 'AssignedPodDelete');
    assert.equal(q.placeOf('default/p'), 'backoff');
    assert.equal(q.hasActive(), false);
    assert.equal(q.nextWakeup(), 11_000);
    q.flush(11_000);
    assert.equal(q.placeOf('default/p'), 'active');
  });

  it('doubles the back-off per attempt up to 10 s', () => {
    const q = new SchedulingQueue();
    const durations: number[] = [];
    q.add('default/p', 0, 0);
    for (let i = 0; i < 6; i++) {
      q.pop();
      q.failed('default/p', undefined, 0);
      durations.push(q.nextWakeup()!);
      q.flush(100_000);
    }
    assert.deepEqual(durations, [1_000, 2_000, 4_000, 8_000, 10_000, 10_000]);
  });

  it('flushes pods unschedulable for 5 minutes even without events, and sets no timer otherwise', () => {
    const q = new SchedulingQueue();
    assert.equal(q.nextWakeup(), undefined);
    q.add('default/p', 0, 0);
    q.pop();
    q.failed('default/p', ['TaintToleration'], 0);
    assert.equal(q.nextWakeup(), 300_000);
    q.flush(299_999);
    assert.equal(q.placeOf('default/p'), 'unschedulable');
    q.flush(300_000);
    assert.equal(q.placeOf('default/p'), 'active');
  });

  it('keeps a gated pod aside through cluster events until the pod itself is updated', () => {
    const q = new SchedulingQueue();
    q.add('default/p', 0, 0);
    q.pop();
    q.gated('default/p', 0);
    assert.equal(q.moveAllToActiveOrBackoff(10, 'NodeAdd'), 0);
    q.update('default/p', 0, 20);
    assert.equal(q.placeOf('default/p'), 'active', 'no back-off: gating is not an attempt');
  });

  it('retries a pod whose binding failed after its back-off', () => {
    const q = new SchedulingQueue();
    q.retryLater('default/p', 0, 0);
    assert.equal(q.placeOf('default/p'), 'backoff');
    assert.equal(q.nextWakeup(), 1_000);
  });
});
