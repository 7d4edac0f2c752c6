import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Deployment } from '../../registry/apps/deployment/types.ts';
import { equalIgnoreHash, maxSurge, maxUnavailable, newRSNewReplicas, resolveFenceposts, REVISION, REVISION_HISTORY, setNewReplicaSetAnnotations, type StoredDeployment, type StoredReplicaSet } from './util.ts';

const deploy = (replicas: number, surge?: number | string, unavailable?: number | string, type = 'RollingUpdate'): StoredDeployment =>
  ({
    metadata: { name: 'web', uid: 'd', resourceVersion: '1', annotations: { team: 'a', 'kubectl.kubernetes.io/last-applied-configuration': '{}' } },
    spec: { replicas, selector: {}, template: {}, strategy: { type, rollingUpdate: { maxSurge: surge, maxUnavailable: unavailable } } },
  }) as StoredDeployment;

const rs = (name: string, replicas: number, annotations: Record<string, string> = {}): StoredReplicaSet =>
  ({ metadata: { name, uid: name, resourceVersion: '1', annotations }, spec: { replicas, selector: {} } }) as StoredReplicaSet;

describe('rolling update arithmetic', () => {
  it('rounds maxSurge up and maxUnavailable down, as upstream', () => {
    assert.deepEqual(resolveFenceposts('25%', '25%', 10), [3, 2]);
    assert.deepEqual(resolveFenceposts('25%', '25%', 3), [1, 0]);
    assert.deepEqual(resolveFenceposts('50%', '50%', 5), [3, 2]);
    assert.deepEqual(resolveFenceposts(2, 1, 10), [2, 1]);
  });

  it('turns two zero fenceposts into maxUnavailable 1', () => {
    assert.deepEqual(resolveFenceposts(0, '10%', 5), [0, 1]);
    assert.equal(maxUnavailable(deploy(5, 0, '10%')), 1);
  });

  it('caps maxUnavailable at the replicas and ignores both for Recreate', () => {
    assert.equal(maxUnavailable(deploy(2, 0, 5)), 2);
    assert.equal(maxUnavailable(deploy(0, 1, 1)), 0);
    assert.equal(maxSurge(deploy(4, 2, 1, 'Recreate')), 0);
    assert.equal(maxUnavailable(deploy(4, 2, 1, 'Recreate')), 0);
  });

  it('grows the new ReplicaSet up to replicas + maxSurge in total', () => {
    const d = deploy(4, 1, 0);
    const old = rs('old', 4);
    const fresh = rs('new', 0);
    assert.equal(newRSNewReplicas(d, [old, fresh], fresh), 1);
    assert.equal(newRSNewReplicas(d, [rs('old', 3), rs('new', 1)], rs('new', 1)), 2);
    assert.equal(newRSNewReplicas(d, [rs('old', 4), rs('new', 1)], rs('new', 1)), 1, 'at the surge limit');
    assert.equal(newRSNewReplicas(deploy(4, 1, 0, 'Recreate'), [old, fresh], fresh), 4);
  });
});

describe('revision annotations', () => {
  it('copies the Deployment annotations (not last-applied) and sets revision and replica annotations on a new ReplicaSet', () => {
    const r = rs('new', 0);
    assert.equal(setNewReplicaSetAnnotations(deploy(3, '25%', '25%'), r, 1, false), true);
    assert.deepEqual(r.metadata.annotations, {
      team: 'a',
      [REVISION]: '1',
      'deployment.kubernetes.io/desired-replicas': '3',
      'deployment.kubernetes.io/max-replicas': '4',
    });
  });

  it('keeps the old revision in revision-history when an old ReplicaSet becomes new again (rollback)', () => {
    const r = rs('old', 0, { [REVISION]: '1', team: 'a' });
    setNewReplicaSetAnnotations(deploy(3), r, 3, true);
    assert.equal(r.metadata.annotations![REVISION], '3');
    assert.equal(r.metadata.annotations![REVISION_HISTORY], '1');
    setNewReplicaSetAnnotations(deploy(3), r, 5, true);
    assert.equal(r.metadata.annotations![REVISION_HISTORY], '1,3');
  });

  it('compares templates ignoring pod-template-hash and empty maps', () => {
    const a = { metadata: { labels: { app: 'web', 'pod-template-hash': 'abc' } }, spec: { containers: [{ name: 'c', image: 'x' }] } };
    const b: Deployment['spec'] = { selector: {}, template: { metadata: { labels: { app: 'web' }, annotations: {} }, spec: { containers: [{ name: 'c', image: 'x' }] } } };
    assert.equal(equalIgnoreHash(a, b!.template), true);
    assert.equal(equalIgnoreHash(a, { ...b!.template, spec: { containers: [{ name: 'c', image: 'y' }] } }), false);
  });
});
