import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { JobSpec, JobStatus } from '../../registry/batch/job/types.ts';
import { NO_BACKOFF } from './backoff.ts';
import { planJob } from './plan.ts';
import { JOB_TRACKING_FINALIZER, type Pod, type StoredJob } from './pods.ts';

const NOW = Date.parse('2026-01-01T00:10:00Z');
const iso = (ms: number) => new Date(ms).toISOString().replace('.000', '');

function job(spec: Partial<JobSpec> = {}, status: JobStatus = {}): StoredJob {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'pi', namespace: 'default', uid: 'job-uid', resourceVersion: '1', creationTimestamp: iso(NOW - 60_000) },
    spec: { completions: 1, parallelism: 1, backoffLimit: 6, completionMode: 'NonIndexed', template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }] } }, ...spec },
    status,
  } as StoredJob;
}

let n = 0;
function pod(phase: string, opts: { finalizer?: boolean; index?: number; finishedAt?: number; deleting?: boolean; ready?: boolean } = {}): Pod {
  n++;
  return {
    metadata: {
      name: `pi-${n}`,
      namespace: 'default',
      uid: `pod-${n}`,
      resourceVersion: '1',
      creationTimestamp: iso(NOW - 30_000),
      finalizers: opts.finalizer === false ? undefined : [JOB_TRACKING_FINALIZER],
      annotations: opts.index === undefined ? undefined : { 'batch.kubernetes.io/job-completion-index': String(opts.index) },
      ...(opts.deleting ? { deletionTimestamp: iso(NOW) } : {}),
    },
    spec: { containers: [{ name: 'c', image: 'busybox' }] },
    status: {
      phase,
      conditions: opts.ready ? [{ type: 'Ready', status: 'True' }] : [],
      containerStatuses:
        phase === 'Failed' || phase === 'Succeeded'
          ? [{ name: 'c', image: 'busybox', imageID: '', ready: false, restartCount: 0, state: { terminated: { exitCode: phase === 'Failed' ? 1 : 0, finishedAt: iso(opts.finishedAt ?? NOW) } } }]
          : [],
    },
  } as Pod;
}

describe('planJob: how many pods', () => {
  it('creates parallelism pods, never more than the completions left', () => {
    assert.equal(planJob({ job: job({ completions: 5, parallelism: 2 }), pods: [], backoff: NO_BACKOFF, now: NOW }).createPods.length, 2);
    const plan = planJob({ job: job({ completions: 5, parallelism: 3 }, { succeeded: 4 }), pods: [], backoff: NO_BACKOFF, now: NOW });
    assert.equal(plan.createPods.length, 1);
    assert.equal(plan.status.active, 1);
    assert.equal(plan.status.startTime, iso(NOW));
  });

  it('with no completions, stops creating once one pod succeeded', () => {
    const spec = { completions: undefined, parallelism: 3 };
    assert.equal(planJob({ job: job(spec), pods: [], backoff: NO_BACKOFF, now: NOW }).createPods.length, 3);
    const plan = planJob({ job: job(spec, { succeeded: 1 }), pods: [pod('Running')], backoff: NO_BACKOFF, now: NOW });
    assert.equal(plan.createPods.length, 0);
  });

  it('deletes pods beyond parallelism, untracking them first', () => {
    const plan = planJob({ job: job({ completions: 5, parallelism: 1 }), pods: [pod('Running', { ready: true }), pod('Pending')], backoff: NO_BACKOFF, now: NOW });
    assert.deepEqual(plan.deletePods, [{ name: `pi-${n}`, removeFinalizerFirst: true }], 'the pending pod goes first');
  });

  it('creates the first missing indexes of an Indexed Job', () => {
    const spec = { completionMode: 'Indexed', completions: 4, parallelism: 2 };
    const plan = planJob({ job: job(spec, { completedIndexes: '0' }), pods: [pod('Running', { index: 1 })], backoff: NO_BACKOFF, now: NOW });
    assert.deepEqual(plan.createPods, [{ index: 2 }]);
  });

  it('deletes every active pod of a suspended Job and sets Suspended', () => {
    const plan = planJob({ job: job({ suspend: true }, { startTime: iso(NOW - 1000) }), pods: [pod('Running')], backoff: NO_BACKOFF, now: NOW });
    assert.equal(plan.deletePods.length, 1);
    assert.equal(plan.createPods.length, 0);
    assert.deepEqual(plan.status.conditions?.map((c) => [c.type, c.status, c.reason]), [['Suspended', 'True', 'JobSuspended']]);
    assert.deepEqual(plan.events, [{ type: 'Normal', reason: 'Suspended', message: 'Job suspended' }]);
  });
});

describe('planJob: failures and back-off', () => {
  it('records a failed pod as uncounted, removes its finalizer and waits out the back-off', () => {
    const failed = pod('Failed', { finishedAt: NOW - 4000 });
    const plan = planJob({ job: job(), pods: [failed], backoff: NO_BACKOFF, now: NOW });
    assert.deepEqual(plan.status.uncountedTerminatedPods, { failed: [failed.metadata.uid] });
    assert.deepEqual(plan.removeFinalizers, [failed.metadata.name]);
    assert.equal(plan.createPods.length, 0);
    assert.equal(plan.requeueAfterMs, 6000, '10 s after the failure');
    assert.deepEqual(plan.backoff, { failuresAfterLastSuccess: 1, lastFailureTime: NOW - 4000 });
  });

  it('counts the pod once its finalizer is gone, then replaces it after the back-off', () => {
    const failed = pod('Failed', { finalizer: false });
    const plan = planJob({ job: job({}, { uncountedTerminatedPods: { failed: [failed.metadata.uid] } }), pods: [failed], backoff: { failuresAfterLastSuccess: 1, lastFailureTime: NOW - 10_000 }, now: NOW });
    assert.equal(plan.status.failed, 1);
    assert.deepEqual(plan.status.uncountedTerminatedPods, {});
    assert.equal(plan.createPods.length, 1);
  });

  it('past backoffLimit: FailureTarget first, Failed once every pod is counted', () => {
    const failed = pod('Failed');
    const first = planJob({ job: job({ backoffLimit: 1 }, { failed: 1 }), pods: [failed], backoff: NO_BACKOFF, now: NOW });
    assert.deepEqual(first.status.conditions?.map((c) => [c.type, c.reason, c.message]), [['FailureTarget', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit']]);
    assert.deepEqual(first.events, []);
    const counted = pod('Failed', { finalizer: false });
    counted.metadata.uid = failed.metadata.uid;
    const second = planJob({ job: job({ backoffLimit: 1 }, first.status), pods: [counted], backoff: NO_BACKOFF, now: NOW });
    assert.deepEqual(second.status.conditions?.map((c) => c.type), ['FailureTarget', 'Failed']);
    assert.equal(second.status.failed, 2);
    assert.deepEqual(second.events, [{ type: 'Warning', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' }]);
  });

  it('at activeDeadlineSeconds deletes the running pods with DeadlineExceeded; before it, waits exactly', () => {
    const running = pod('Running');
    const before = planJob({ job: job({ activeDeadlineSeconds: 30 }, { startTime: iso(NOW - 20_000), active: 1 }), pods: [running], backoff: NO_BACKOFF, now: NOW });
    assert.equal(before.requeueAfterMs, 10_000);
    const at = planJob({ job: job({ activeDeadlineSeconds: 30 }, { startTime: iso(NOW - 30_000), active: 1 }), pods: [running], backoff: NO_BACKOFF, now: NOW });
    assert.deepEqual(at.deletePods, [{ name: running.metadata.name, removeFinalizerFirst: false }]);
    assert.equal(at.status.terminating, 1);
    assert.equal(at.status.conditions?.[0]?.reason, 'DeadlineExceeded');
    assert.deepEqual(at.status.uncountedTerminatedPods, { failed: [running.metadata.uid] }, 'an unfinished pod of a failing Job counts as failed');
  });
});

describe('planJob: success', () => {
  it('SuccessCriteriaMet when completions are reached, Complete with completionTime once counted', () => {
    const done = pod('Succeeded');
    const first = planJob({ job: job(), pods: [done], backoff: NO_BACKOFF, now: NOW });
    assert.deepEqual(first.status.conditions?.map((c) => [c.type, c.reason]), [['SuccessCriteriaMet', 'CompletionsReached']]);
    assert.deepEqual(first.status.uncountedTerminatedPods, { succeeded: [done.metadata.uid] });
    const counted = { ...done, metadata: { ...done.metadata, finalizers: undefined } } as Pod;
    const second = planJob({ job: job({}, first.status), pods: [counted], backoff: NO_BACKOFF, now: NOW + 1000 });
    assert.deepEqual(second.status.conditions?.map((c) => [c.type, c.reason, c.message]), [
      ['SuccessCriteriaMet', 'CompletionsReached', 'Reached expected number of succeeded pods'],
      ['Complete', 'CompletionsReached', 'Reached expected number of succeeded pods'],
    ]);
    assert.equal(second.status.succeeded, 1);
    assert.equal(second.status.completionTime, iso(NOW + 1000));
    assert.deepEqual(second.events, [{ type: 'Normal', reason: 'Completed', message: 'Job completed' }]);
  });

  it('records completed indexes of an Indexed Job', () => {
    const spec = { completionMode: 'Indexed', completions: 3, parallelism: 3 };
    const plan = planJob({ job: job(spec), pods: [pod('Succeeded', { index: 0 }), pod('Succeeded', { index: 2 }), pod('Running', { index: 1 })], backoff: NO_BACKOFF, now: NOW });
    assert.equal(plan.status.completedIndexes, '0,2');
    assert.equal(plan.status.succeeded, 2);
    assert.equal(plan.createPods.length, 0);
  });

  it('leaves a finished Job alone but untracks its pods', () => {
    const finished = job({}, { conditions: [{ type: 'Complete', status: 'True' }] });
    const plan = planJob({ job: finished, pods: [pod('Running')], backoff: NO_BACKOFF, now: NOW });
    assert.equal(plan.statusChanged, false);
    assert.equal(plan.createPods.length, 0);
    assert.equal(plan.removeFinalizers.length, 1);
  });
});

describe('planJob: backoffLimitPerIndex', () => {
  const spec = { completionMode: 'Indexed', completions: 2, parallelism: 2, backoffLimitPerIndex: 1, backoffLimit: 2147483647 };
  const withCount = (p: Pod, count: number) => {
    p.metadata.annotations = { ...p.metadata.annotations, 'batch.kubernetes.io/job-index-failure-count': String(count) };
    return p;
  };

  it('retries a failed index after its own back-off, carrying its failure count, and keeps the failed pod until then', () => {
    const failed = withCount(pod('Failed', { index: 0, finishedAt: NOW - 4000 }), 0);
    const running = withCount(pod('Running', { index: 1 }), 0);
    const waiting = planJob({ job: job(spec), pods: [failed, running], backoff: NO_BACKOFF, now: NOW });
    assert.deepEqual(waiting.createPods, []);
    assert.equal(waiting.requeueAfterMs, 6000);
    assert.deepEqual(waiting.removeFinalizers, [], 'the failed pod stays tracked');
    const retry = planJob({ job: job(spec), pods: [failed, running], backoff: NO_BACKOFF, now: NOW + 6000 });
    assert.deepEqual(retry.createPods, [{ index: 0, annotations: { 'batch.kubernetes.io/job-index-failure-count': '1' } }]);
    assert.equal(retry.status.failedIndexes, '');
  });

  it('an index that used its retries fails; the Job fails with FailedIndexes once every index is done', () => {
    const failed = withCount(pod('Failed', { index: 0 }), 1);
    const done = withCount(pod('Succeeded', { index: 1 }), 0);
    const plan = planJob({ job: job(spec), pods: [failed, done], backoff: NO_BACKOFF, now: NOW });
    assert.equal(plan.status.failedIndexes, '0');
    assert.equal(plan.status.completedIndexes, '1');
    assert.deepEqual(plan.status.conditions?.map((c) => [c.type, c.reason, c.message]), [['FailureTarget', 'FailedIndexes', 'Job has failed indexes']]);
    assert.deepEqual(plan.createPods, []);
  });
});

describe('planJob: successPolicy', () => {
  it('meets the success criteria early and terminates the lingering pods', () => {
    const spec = { completionMode: 'Indexed', completions: 3, parallelism: 3, successPolicy: { rules: [{ succeededIndexes: '0' }] } };
    const lingering = pod('Running', { index: 1 });
    const plan = planJob({ job: job(spec), pods: [pod('Succeeded', { index: 0 }), lingering], backoff: NO_BACKOFF, now: NOW });
    assert.deepEqual(plan.status.conditions?.map((c) => [c.type, c.reason, c.message]), [['SuccessCriteriaMet', 'SuccessPolicy', 'Matched rules at index 0']]);
    assert.deepEqual(plan.deletePods, [{ name: lingering.metadata.name, removeFinalizerFirst: false }]);
    assert.deepEqual(plan.createPods, []);
  });
});
