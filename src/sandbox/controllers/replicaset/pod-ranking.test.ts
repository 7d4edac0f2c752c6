import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { podsToDelete } from './pod-ranking.ts';
import { ms, pod } from './testing.ts';

const names = (pods: { metadata: { name: string } }[]) => pods.map((p) => p.metadata.name);
const now = ms(10_000);

describe('getPodsToDelete ranking', () => {
  it('deletes unscheduled before scheduled, Pending before Running, not ready before ready', () => {
    const pods = [
      pod({ name: 'running-ready', node: 'n1' }),
      pod({ name: 'running-not-ready', node: 'n1', ready: false }),
      pod({ name: 'pending', node: 'n1', phase: 'Pending' }),
      pod({ name: 'unscheduled', phase: 'Pending' }),
    ];
    assert.deepEqual(names(podsToDelete(pods, pods, 3, now)), ['unscheduled', 'pending', 'running-not-ready']);
    assert.deepEqual(names(podsToDelete(pods, pods, 2, now)), ['unscheduled', 'pending']);
  });

  it('honours controller.kubernetes.io/pod-deletion-cost before node crowding', () => {
    const pods = [pod({ name: 'cheap', node: 'n1', annotations: { 'controller.kubernetes.io/pod-deletion-cost': '-5' } }), pod({ name: 'crowded-a', node: 'n2' }), pod({ name: 'crowded-b', node: 'n2' })];
    assert.deepEqual(names(podsToDelete(pods, pods, 1, now)), ['cheap']);
  });

  it('prefers pods doubled up on a node, then more restarts, then the newer (log scale)', () => {
    const crowd = [pod({ name: 'alone', node: 'n1' }), pod({ name: 'pair-a', node: 'n2' }), pod({ name: 'pair-b', node: 'n2' })];
    assert.deepEqual(names(podsToDelete(crowd, crowd, 1, now)).map((n) => n.slice(0, 4)), ['pair']);
    const restarts = [pod({ name: 'calm', node: 'n1' }), pod({ name: 'flappy', node: 'n2', restarts: 4 })];
    assert.deepEqual(names(podsToDelete(restarts, [], 1, now)), ['flappy']);
    const ages = [pod({ name: 'old', node: 'n1', readySince: 0 }), pod({ name: 'young', node: 'n2', readySince: 9_000 })];
    assert.deepEqual(names(podsToDelete(ages, [], 1, now)), ['young']);
  });

  it('returns every pod when asked for as many', () => {
    const pods = [pod({ name: 'a' }), pod({ name: 'b' })];
    assert.equal(podsToDelete(pods, pods, 5, now).length, 2);
  });
});
