import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { StoredStatefulSet } from './identity.ts';
import { desiredClaimOwners, planStatefulSet, scaledMaxUnavailable, type StatefulSetAction, type StatefulSetState } from './plan.ts';
import type { PersistentVolumeClaim, Pod } from './pod-state.ts';

const NOW = Date.parse('2026-01-01T00:10:00Z');
const template = (image: string) => ({ metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'db', image }] } });

function set(spec: Partial<NonNullable<StoredStatefulSet['spec']>> = {}, status: StoredStatefulSet['status'] = undefined): StoredStatefulSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'db', namespace: 'default', uid: 'set-uid', resourceVersion: '1', generation: 1 },
    spec: {
      replicas: 3,
      serviceName: 'db',
      selector: { matchLabels: { app: 'db' } },
      template: template('v1'),
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0, maxUnavailable: 1 } },
      podManagementPolicy: 'OrderedReady',
      ...spec,
    },
    status: status ?? { replicas: 0, availableReplicas: 0 },
  } as StoredStatefulSet;
}

type PodState = 'pending' | 'running' | 'ready' | 'failed' | 'terminating';
function pod(ordinal: number, state: PodState = 'ready', revision = 'db-v1', readySince = '2026-01-01T00:00:00Z'): Pod {
  const ready = state === 'ready' || state === 'terminating';
  return {
    metadata: { name: `db-${ordinal}`, namespace: 'default', uid: `pod-${ordinal}`, labels: { app: 'db', 'controller-revision-hash': revision }, ...(state === 'terminating' ? { deletionTimestamp: '2026-01-01T00:09:00Z' } : {}) },
    spec: { containers: [{ name: 'db', image: 'x' }] },
    status: { phase: state === 'pending' ? 'Pending' : state === 'failed' ? 'Failed' : 'Running', conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: readySince }] },
  };
}

function state(s: StoredStatefulSet, pods: Pod[], extra: Partial<StatefulSetState> = {}): StatefulSetState {
  return { set: s, pods, claims: new Map(), current: { name: 'db-v1', template: template('v1') }, update: { name: 'db-v1', template: template('v1') }, collisionCount: 0, now: NOW, ...extra };
}

const summary = (actions: StatefulSetAction[]) =>
  actions.map((a) => (a.type === 'updateClaim' ? `updateClaim ${a.claim.metadata.name}` : `${a.type} ${a.pod.metadata.name}${a.type !== 'deletePod' && a.claims.length ? ` +${a.claims.map((c) => c.metadata.name).join(',')}` : ''}`));

describe('planStatefulSet', () => {
  it('creates only the lowest missing ordinal, with its claims, while OrderedReady', () => {
    const s = set({ volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }] });
    const plan = planStatefulSet(state(s, []));
    assert.deepEqual(summary(plan.actions), ['createPod db-0 +data-db-0']);
    const create = plan.actions[0] as Extract<StatefulSetAction, { type: 'createPod' }>;
    assert.equal(create.pod.spec?.hostname, 'db-0');
    assert.equal(create.pod.spec?.subdomain, 'db');
    assert.deepEqual(create.pod.metadata.labels, { app: 'db', 'statefulset.kubernetes.io/pod-name': 'db-0', 'apps.kubernetes.io/pod-index': '0', 'controller-revision-hash': 'db-v1' });
    assert.deepEqual(create.pod.spec?.volumes, [{ name: 'data', persistentVolumeClaim: { claimName: 'data-db-0' } }]);
    assert.deepEqual(create.claims[0]!.metadata.labels, { app: 'db' });
    assert.equal(create.claims[0]!.metadata.ownerReferences, undefined);
  });

  it('waits for db-0 to be Running and Ready before creating db-1', () => {
    assert.deepEqual(summary(planStatefulSet(state(set(), [pod(0, 'pending')])).actions), []);
    assert.deepEqual(summary(planStatefulSet(state(set(), [pod(0, 'running')])).actions), []);
    assert.deepEqual(summary(planStatefulSet(state(set(), [pod(0, 'ready')])).actions), ['createPod db-1']);
  });

  it('waits minReadySeconds for availability and asks to be requeued', () => {
    const s = set({ minReadySeconds: 30 });
    const plan = planStatefulSet(state(s, [pod(0, 'ready', 'db-v1', '2026-01-01T00:09:50Z')]));
    assert.deepEqual(plan.actions, []);
    assert.equal(plan.requeueAfterMs, 20_001);
    assert.deepEqual(summary(planStatefulSet(state(s, [pod(0, 'ready', 'db-v1', '2026-01-01T00:09:00Z')])).actions), ['createPod db-1']);
  });

  it('creates every missing pod at once with Parallel, starting at ordinals.start', () => {
    const plan = planStatefulSet(state(set({ podManagementPolicy: 'Parallel', ordinals: { start: 5 } }), []));
    assert.deepEqual(summary(plan.actions), ['createPod db-5', 'createPod db-6', 'createPod db-7']);
  });

  it('deletes a failed pod so it is recreated, and blocks the ordinals above it', () => {
    assert.deepEqual(summary(planStatefulSet(state(set(), [pod(0, 'failed')])).actions), ['deletePod db-0']);
  });

  it('scales down from the highest ordinal, one at a time, only when all are healthy', () => {
    const s = set({ replicas: 1 });
    assert.deepEqual(summary(planStatefulSet(state(s, [pod(0), pod(1), pod(2)])).actions), ['deletePod db-2']);
    assert.deepEqual(summary(planStatefulSet(state(s, [pod(0), pod(1), pod(2, 'terminating')])).actions), []);
    // A not-ready condemned pod that is not the first unhealthy one blocks.
    assert.deepEqual(summary(planStatefulSet(state(s, [pod(0), pod(1, 'running'), pod(2, 'running')])).actions), []);
    // The first unhealthy pod may go.
    assert.deepEqual(summary(planStatefulSet(state(s, [pod(0), pod(1), pod(2, 'running')])).actions), ['deletePod db-2']);
    assert.deepEqual(summary(planStatefulSet(state(set({ replicas: 1, podManagementPolicy: 'Parallel' }), [pod(0), pod(1), pod(2)])).actions), ['deletePod db-2', 'deletePod db-1']);
  });

  it('rolls out from the highest ordinal down to the partition, maxUnavailable at a time', () => {
    const update = { name: 'db-v2', template: template('v2') };
    const pods = [pod(0), pod(1), pod(2)];
    assert.deepEqual(summary(planStatefulSet(state(set(), pods, { update })).actions), ['deletePod db-2']);
    // Waits while a replacement is not ready.
    assert.deepEqual(summary(planStatefulSet(state(set(), [pod(0), pod(1), pod(2, 'running', 'db-v2')], { update })).actions), []);
    assert.deepEqual(summary(planStatefulSet(state(set(), [pod(0), pod(1), pod(2, 'ready', 'db-v2')], { update })).actions), ['deletePod db-1']);
    // Nothing below the partition.
    const partitioned = set({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 2, maxUnavailable: 1 } } });
    assert.deepEqual(summary(planStatefulSet(state(partitioned, [pod(0), pod(1), pod(2, 'ready', 'db-v2')], { update })).actions), []);
    // maxUnavailable 2 replaces two at once.
    const wide = set({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0, maxUnavailable: 2 } } });
    assert.deepEqual(summary(planStatefulSet(state(wide, pods, { update })).actions), ['deletePod db-2', 'deletePod db-1']);
    // OnDelete replaces nothing.
    assert.deepEqual(summary(planStatefulSet(state(set({ updateStrategy: { type: 'OnDelete' } }), pods, { update })).actions), []);
  });

  it('recreates a pod below the partition at the current revision, above it at the update revision', () => {
    const update = { name: 'db-v2', template: template('v2') };
    const partitioned = set({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 1, maxUnavailable: 1 } } });
    const [low] = planStatefulSet(state(partitioned, [pod(1, 'ready', 'db-v2'), pod(2, 'ready', 'db-v2')], { update })).actions as Array<Extract<StatefulSetAction, { type: 'createPod' }>>;
    assert.equal(low!.pod.metadata.labels!['controller-revision-hash'], 'db-v1');
    assert.equal(low!.pod.spec!.containers[0]!.image, 'v1');
    const [high] = planStatefulSet(state(partitioned, [pod(0), pod(2, 'ready', 'db-v2')], { update })).actions as Array<Extract<StatefulSetAction, { type: 'createPod' }>>;
    assert.equal(high!.pod.metadata.labels!['controller-revision-hash'], 'db-v2');
  });

  it('reports status and completes the rolling update once every replica is updated and ready', () => {
    const update = { name: 'db-v2', template: template('v2') };
    const mid = planStatefulSet(state(set(), [pod(0), pod(1, 'ready', 'db-v2'), pod(2, 'ready', 'db-v2')], { update }));
    // db-0 is deleted for the update in this very sync, so it no longer counts as current (upstream's CurrentReplicas--).
    assert.deepEqual(summary(mid.actions), ['deletePod db-0']);
    assert.deepEqual(mid.status, { replicas: 3, availableReplicas: 3, observedGeneration: 1, readyReplicas: 3, updatedReplicas: 2, currentRevision: 'db-v1', updateRevision: 'db-v2', collisionCount: 0 });
    const waiting = planStatefulSet(state(set(), [pod(0), pod(1, 'running', 'db-v2'), pod(2, 'ready', 'db-v2')], { update })).status;
    assert.equal(waiting.currentReplicas, 1);
    assert.equal(waiting.readyReplicas, 2);
    const done = planStatefulSet(state(set(), [pod(0, 'ready', 'db-v2'), pod(1, 'ready', 'db-v2'), pod(2, 'ready', 'db-v2')], { update })).status;
    assert.equal(done.currentRevision, 'db-v2');
    assert.equal(done.currentReplicas, 3);
  });

  it('hands claims to the set or the pod as the retention policy says', () => {
    const claim: PersistentVolumeClaim = { metadata: { name: 'data-db-2', namespace: 'default' } };
    const p = pod(2);
    const policy = (whenScaled: string, whenDeleted: string) => set({ persistentVolumeClaimRetentionPolicy: { whenScaled, whenDeleted } });
    assert.equal(desiredClaimOwners(claim, policy('Retain', 'Retain'), p, true), undefined);
    assert.deepEqual(desiredClaimOwners(claim, policy('Retain', 'Delete'), p, true)?.map((r) => `${r.kind}/${r.name}`), ['StatefulSet/db']);
    assert.deepEqual(desiredClaimOwners(claim, policy('Delete', 'Retain'), p, false)?.map((r) => `${r.kind}/${r.name}`), ['Pod/db-2']);
    assert.equal(desiredClaimOwners(claim, policy('Delete', 'Retain'), p, true), undefined);
    assert.deepEqual(desiredClaimOwners(claim, policy('Delete', 'Delete'), p, false)?.map((r) => `${r.kind}/${r.name}`), ['Pod/db-2']);
    // Scaling down with whenScaled Delete re-owns the condemned pod's claim before deleting the pod.
    const s = set({ replicas: 2, persistentVolumeClaimRetentionPolicy: { whenScaled: 'Delete', whenDeleted: 'Retain' }, volumeClaimTemplates: [{ metadata: { name: 'data' } }] });
    const claims = new Map([0, 1, 2].map((n) => [`data-db-${n}`, { metadata: { name: `data-db-${n}`, namespace: 'default' } } as PersistentVolumeClaim]));
    assert.deepEqual(summary(planStatefulSet(state(s, [pod(0), pod(1), pod(2)], { claims })).actions), ['updateClaim data-db-2', 'deletePod db-2']);
  });

  it('scales maxUnavailable percentages down, to at least 1', () => {
    assert.equal(scaledMaxUnavailable(undefined, 5), 1);
    assert.equal(scaledMaxUnavailable('50%', 5), 2);
    assert.equal(scaledMaxUnavailable('10%', 5), 1);
    assert.equal(scaledMaxUnavailable(3, 5), 3);
  });
});
