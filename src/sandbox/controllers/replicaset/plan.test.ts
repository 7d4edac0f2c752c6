import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { labelSelectorAsSelector } from '../../../apimachinery/labels.ts';
import { calculateReplicaSetStatus, claimPods, planManageReplicas, type ReplicaSetView, slowStartBatches } from './plan.ts';
import { ms, pod } from './testing.ts';

const rs = (replicas: number, extra: Partial<ReplicaSetView['spec']> = {}): ReplicaSetView => ({
  metadata: { name: 'web-abc', uid: 'rs-uid', generation: 2 },
  spec: { replicas, template: { metadata: { labels: { app: 'web' } } }, ...extra },
});
const owner = { kind: 'ReplicaSet', name: 'web-abc', uid: 'rs-uid' };
const selector = labelSelectorAsSelector({ matchLabels: { app: 'web' } });

describe('ReplicaSet planning', () => {
  it('adopts matching orphans, releases owned pods that stopped matching, ignores others', () => {
    const pods = [
      pod({ name: 'orphan' }),
      pod({ name: 'mine', owner }),
      pod({ name: 'relabelled', owner, labels: { app: 'other' } }),
      pod({ name: 'theirs', owner: { ...owner, uid: 'other' } }),
      pod({ name: 'orphan-terminating', deleting: true }),
    ];
    const claim = claimPods(rs(3), selector, pods);
    assert.deepEqual(claim.adopt.map((p) => p.metadata.name), ['orphan']);
    assert.deepEqual(claim.release.map((p) => p.metadata.name), ['relabelled']);
    assert.deepEqual(claim.owned.map((p) => p.metadata.name), ['orphan', 'mine']);
  });

  it('creates the missing pods and deletes the surplus', () => {
    const two = [pod({ name: 'a', owner }), pod({ name: 'b', owner, ready: false })];
    assert.deepEqual(planManageReplicas(rs(5), two, two, ms(0)), { create: 3, delete: [] });
    assert.deepEqual(planManageReplicas(rs(1), two, two, ms(0)).delete.map((p) => p.metadata.name), ['b']);
    assert.deepEqual(planManageReplicas(rs(2), two, two, ms(0)), { create: 0, delete: [] });
    assert.equal(planManageReplicas(rs(900), [], [], ms(0)).create, 500, 'burst replicas cap');
  });

  it('creates in slow-start batches of 1, 2, 4, ...', () => {
    assert.deepEqual(slowStartBatches(10), [1, 2, 4, 3]);
    assert.deepEqual(slowStartBatches(3), [1, 2]);
    assert.deepEqual(slowStartBatches(0), []);
  });

  it('counts ready and available pods, waiting minReadySeconds, and terminating ones', () => {
    const pods = [pod({ name: 'a', owner, readySince: 0 }), pod({ name: 'b', owner, readySince: 8 }), pod({ name: 'c', owner, ready: false }), pod({ name: 'd', owner, deleting: true })];
    const { status, recheckAt } = calculateReplicaSetStatus(rs(3, { minReadySeconds: 5 }), pods, undefined, ms(10), { terminatingReplicas: true });
    assert.deepEqual(status, { replicas: 3, fullyLabeledReplicas: 3, readyReplicas: 2, availableReplicas: 1, terminatingReplicas: 1, observedGeneration: 2 });
    assert.equal(recheckAt, ms(13) + 1);
  });

  it('reports a create error as ReplicaFailure and clears it once creation works', () => {
    const failed = calculateReplicaSetStatus(rs(3), [], { reason: 'FailedCreate', message: 'pods "x" is forbidden: exceeded quota' }, ms(1), { terminatingReplicas: false }).status;
    assert.deepEqual(failed.conditions, [{ type: 'ReplicaFailure', status: 'True', lastTransitionTime: '2026-01-01T00:00:01Z', reason: 'FailedCreate', message: 'pods "x" is forbidden: exceeded quota' }]);
    const cleared = calculateReplicaSetStatus({ ...rs(3), status: failed }, [], undefined, ms(2), { terminatingReplicas: false }).status;
    assert.equal(cleared.conditions, undefined);
  });
});
