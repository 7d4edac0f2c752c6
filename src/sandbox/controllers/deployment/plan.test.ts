import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { at, ms, pod } from '../replicaset/testing.ts';
import { computeHash } from './hash.ts';
import { type DeploymentAction, type DeploymentInput, planDeployment } from './plan.ts';
import type { StoredDeployment, StoredReplicaSet } from './util.ts';

const template = (image: string) => ({ metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image }] } });

function deployment(spec: Partial<NonNullable<StoredDeployment['spec']>> = {}, status: StoredDeployment['status'] = {}, image = 'nginx:2'): StoredDeployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default', uid: 'd-uid', resourceVersion: '1', generation: 1 },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: 'web' } },
      template: template(image),
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
      progressDeadlineSeconds: 600,
      revisionHistoryLimit: 10,
      ...spec,
    },
    status,
  };
}

function replicaSet(name: string, image: string, revision: number, replicas: number, status: { replicas?: number; availableReplicas?: number; readyReplicas?: number } = {}, desired = 3, created = revision): StoredReplicaSet {
  const t = template(image);
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name,
      namespace: 'default',
      uid: `${name}-uid`,
      resourceVersion: '1',
      generation: 1,
      creationTimestamp: at(created),
      annotations: { 'deployment.kubernetes.io/revision': String(revision), 'deployment.kubernetes.io/desired-replicas': String(desired), 'deployment.kubernetes.io/max-replicas': String(desired + 1) },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'd-uid', controller: true }],
    },
    spec: { replicas, selector: { matchLabels: { app: 'web' } }, template: { ...t, metadata: { labels: { ...t.metadata.labels, 'pod-template-hash': name.slice(4) } } } },
    status: { replicas: status.replicas ?? replicas, availableReplicas: status.availableReplicas ?? replicas, readyReplicas: status.readyReplicas ?? replicas, observedGeneration: 1 },
  };
}

function input(d: StoredDeployment, rss: StoredReplicaSet[], now = ms(0), extra: Partial<DeploymentInput> = {}): DeploymentInput {
  return { deployment: d, replicaSets: rss, takenNames: new Map(rss.map((r) => [r.metadata.name, r])), podsByReplicaSet: new Map(), now, ...extra };
}

const events = (actions: DeploymentAction[]) => actions.flatMap((a) => (a.type === 'event' ? [a.message] : []));
const scales = (actions: DeploymentAction[]) => actions.flatMap((a) => (a.type === 'updateReplicaSet' ? [[a.name, a.replicas]] : []));
const status = (actions: DeploymentAction[]) => actions.find((a): a is Extract<DeploymentAction, { type: 'updateStatus' }> => a.type === 'updateStatus');
const condition = (actions: DeploymentAction[], type: string) => status(actions)?.status.conditions?.find((c) => c.type === type);

describe('planDeployment', () => {
  it('creates the first ReplicaSet at full size, named <deployment>-<hash>, revision 1', () => {
    const d = deployment();
    const { actions } = planDeployment(input(d, []));
    const create = actions.find((a) => a.type === 'createReplicaSet')!;
    assert.ok(create.type === 'createReplicaSet');
    const hash = computeHash(d.spec!.template);
    const rs = create.replicaSet;
    assert.equal(rs.metadata!.name, `web-${hash}`);
    assert.equal(rs.spec!.replicas, 3);
    assert.deepEqual(rs.spec!.selector.matchLabels, { app: 'web', 'pod-template-hash': hash });
    assert.deepEqual(rs.spec!.template!.metadata!.labels, { app: 'web', 'pod-template-hash': hash });
    assert.deepEqual(rs.metadata!.annotations, { 'deployment.kubernetes.io/revision': '1', 'deployment.kubernetes.io/desired-replicas': '3', 'deployment.kubernetes.io/max-replicas': '4' });
    assert.deepEqual(rs.metadata!.ownerReferences, [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'd-uid', controller: true, blockOwnerDeletion: true }]);
    assert.deepEqual(events(actions), [`Scaled up replica set web-${hash} from 0 to 3`]);
    const s = status(actions)!;
    assert.equal(s.revision, '1');
    assert.deepEqual(
      s.status.conditions!.map((c) => [c.type, c.status, c.reason, c.message]),
      [
        ['Progressing', 'True', 'NewReplicaSetCreated', `Created new replica set "web-${hash}"`],
        ['Available', 'False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.'],
      ],
    );
    assert.equal(s.status.unavailableReplicas, 3);
  });

  it('surges one pod, then scales the old ReplicaSet down as new pods become available (maxSurge 1, maxUnavailable 0)', () => {
    const strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } };
    const d = deployment({ replicas: 4, strategy });
    const old = replicaSet('web-old', 'nginx:1', 1, 4, {}, 4);
    const first = planDeployment(input(d, [old])).actions;
    const create = first.find((a) => a.type === 'createReplicaSet');
    assert.ok(create?.type === 'createReplicaSet');
    assert.equal(create.replicaSet.spec!.replicas, 1);
    assert.equal(create.replicaSet.metadata!.annotations!['deployment.kubernetes.io/revision'], '2');
    assert.deepEqual(scales(first), [], 'no old pod may go before a new one is available');

    const fresh = replicaSet(`web-${computeHash(d.spec!.template)}`, 'nginx:2', 2, 1, { availableReplicas: 0, readyReplicas: 0 }, 4);
    assert.deepEqual(scales(planDeployment(input(d, [old, fresh])).actions), [], 'the surge pod is not available yet');
    fresh.status = { replicas: 1, availableReplicas: 1, readyReplicas: 1 };
    const next = planDeployment(input(d, [old, fresh])).actions;
    assert.deepEqual(scales(next), [['web-old', 3]]);
    assert.deepEqual(events(next), ['Scaled down replica set web-old from 4 to 3']);
    assert.equal(condition(next, 'Progressing')?.reason, 'ReplicaSetUpdated');
  });

  it('Recreate: scales old ReplicaSets to zero and creates the new one only when no old pod is left', () => {
    const strategy = { type: 'Recreate' };
    const d = deployment({ replicas: 2, strategy });
    const old = replicaSet('web-old', 'nginx:1', 1, 2, {}, 2);
    const down = planDeployment(input(d, [old])).actions;
    assert.deepEqual(scales(down), [['web-old', 0]]);
    assert.equal(down.some((a) => a.type === 'createReplicaSet'), false);

    const emptied = replicaSet('web-old', 'nginx:1', 1, 0, { replicas: 0 }, 2);
    const terminating = pod({ name: 'web-old-abcde', owner: { kind: 'ReplicaSet', name: 'web-old', uid: 'web-old-uid' }, deleting: true });
    const waiting = planDeployment(input(d, [emptied], ms(0), { podsByReplicaSet: new Map([['web-old-uid', [terminating]]]) })).actions;
    assert.equal(waiting.some((a) => a.type === 'createReplicaSet'), false, 'a terminating old pod still runs');

    const up = planDeployment(input(d, [emptied])).actions;
    const create = up.find((a) => a.type === 'createReplicaSet');
    assert.ok(create?.type === 'createReplicaSet');
    assert.equal(create.replicaSet.spec!.replicas, 2);
  });

  it('scales proportionally during a rollout (desired-replicas annotation differs)', () => {
    const d = deployment({ replicas: 20 });
    const old = replicaSet('web-old', 'nginx:1', 1, 8, {}, 10, 1);
    const fresh = replicaSet(`web-${computeHash(template('nginx:2'))}`, 'nginx:2', 2, 5, {}, 10, 2);
    old.metadata.annotations!['deployment.kubernetes.io/max-replicas'] = '13';
    fresh.metadata.annotations!['deployment.kubernetes.io/max-replicas'] = '13';
    const { actions } = planDeployment(input(d, [old, fresh]));
    // 25 allowed (20 + 25% surge), 13 present: 12 more split 8:5 → +7 and +5.
    assert.deepEqual(scales(actions), [
      ['web-old', 15],
      [fresh.metadata.name, 10],
    ]);
    assert.deepEqual(events(actions), ['Scaled up replica set web-old from 8 to 15', `Scaled up replica set ${fresh.metadata.name} from 5 to 10`]);
  });

  it('times out progressing after progressDeadlineSeconds without progress, and asks to be rechecked at the deadline', () => {
    const name = `web-${computeHash(template('nginx:2'))}`;
    const progressing = { type: 'Progressing', status: 'True', reason: 'ReplicaSetUpdated', message: `ReplicaSet "${name}" is progressing.`, lastUpdateTime: at(0), lastTransitionTime: at(0) };
    const st = { observedGeneration: 1, replicas: 3, updatedReplicas: 3, unavailableReplicas: 3, conditions: [progressing] };
    const fresh = replicaSet(name, 'nginx:2', 1, 3, { availableReplicas: 0, readyReplicas: 0 });
    const early = planDeployment(input(deployment({}, st), [fresh], ms(100)));
    assert.equal(early.recheckAt, ms(601));
    const late = planDeployment(input(deployment({}, st), [fresh], ms(601)));
    const c = condition(late.actions, 'Progressing')!;
    assert.deepEqual([c.status, c.reason, c.message], ['False', 'ProgressDeadlineExceeded', `ReplicaSet "${name}" has timed out progressing.`]);
  });

  it('reports NewReplicaSetAvailable once complete and deletes history beyond revisionHistoryLimit', () => {
    const name = `web-${computeHash(template('nginx:2'))}`;
    const st = { observedGeneration: 1, replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3 };
    const d = deployment({ revisionHistoryLimit: 1 }, st);
    const rss = [replicaSet('web-r1', 'nginx:0', 1, 0), replicaSet('web-r2', 'nginx:1', 2, 0), replicaSet(name, 'nginx:2', 3, 3)];
    const { actions } = planDeployment(input(d, rss));
    assert.deepEqual(
      actions.flatMap((a) => (a.type === 'deleteReplicaSet' ? [a.name] : [])),
      ['web-r1'],
    );
    const c = condition(actions, 'Progressing')!;
    assert.deepEqual([c.reason, c.message], ['NewReplicaSetAvailable', `ReplicaSet "${name}" has successfully progressed.`]);
    assert.equal(condition(actions, 'Available')?.reason, 'MinimumReplicasAvailable');
  });

  it('bumps collisionCount instead of creating when the hashed name is taken by another template', () => {
    const d = deployment();
    const taken = replicaSet(`web-${computeHash(d.spec!.template)}`, 'other:1', 1, 1);
    taken.metadata.ownerReferences = undefined;
    const { actions } = planDeployment(input(d, [], ms(0), { takenNames: new Map([[taken.metadata.name, taken]]) }));
    assert.equal(actions.some((a) => a.type === 'createReplicaSet'), false);
    assert.equal(status(actions)?.status.collisionCount, 1);
    const retry = planDeployment(input(deployment({}, { collisionCount: 1 }), [], ms(0), { takenNames: new Map([[taken.metadata.name, taken]]) })).actions;
    const create = retry.find((a) => a.type === 'createReplicaSet');
    assert.ok(create?.type === 'createReplicaSet');
    assert.equal(create.replicaSet.metadata!.name, `web-${computeHash(d.spec!.template, 1)}`);
  });

  it('marks a paused Deployment and creates nothing for a changed template', () => {
    const d = deployment({ paused: true });
    const old = replicaSet('web-old', 'nginx:1', 1, 3);
    const { actions } = planDeployment(input(d, [old]));
    assert.equal(actions.some((a) => a.type === 'createReplicaSet'), false);
    const c = condition(actions, 'Progressing')!;
    assert.deepEqual([c.status, c.reason, c.message], ['Unknown', 'DeploymentPaused', 'Deployment is paused']);
  });
});
