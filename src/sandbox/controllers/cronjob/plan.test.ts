import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type * as batch from '../../../generated/k8s/batch/v1.ts';
import type { CronJob } from '../../registry/batch/cronjob/types.ts';
import type { Job } from '../../registry/batch/job/types.ts';
import { jobNameFor, planCronJob, rfc1123z } from './plan.ts';

const T = (s: string) => Date.parse(s);

function cronJob(spec: Partial<batch.CronJobSpec> = {}, status: batch.CronJobStatus = {}): CronJob {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'hello', namespace: 'default', uid: 'cj-uid', creationTimestamp: '2026-01-01T00:00:00Z' },
    spec: {
      schedule: '*/5 * * * *',
      concurrencyPolicy: 'Allow',
      suspend: false,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 1,
      jobTemplate: { metadata: { labels: { app: 'hello' } }, spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'c', image: 'busybox' }] } } } },
      ...spec,
    },
    status,
  } as CronJob;
}

function job(name: string, uid: string, finished?: 'Complete' | 'Failed', completionTime?: string): Job {
  return {
    metadata: { name, namespace: 'default', uid, ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: 'hello', uid: 'cj-uid', controller: true }] },
    spec: { template: {} },
    status: { ...(completionTime ? { completionTime, startTime: completionTime } : {}), conditions: finished ? [{ type: finished, status: 'True' }] : [] },
  } as Job;
}

const ref = (name: string, uid: string) => ({ kind: 'Job', namespace: 'default', name, uid, apiVersion: 'batch/v1' });

describe('planCronJob', () => {
  it('creates the due Job `<name>-<minutes>` with the scheduled-timestamp annotation and sets the next timer', () => {
    const plan = planCronJob(cronJob(), [], T('2026-01-01T00:05:00.100Z'));
    const job = plan.createJob!.job;
    assert.equal(job.metadata.name, `hello-${T('2026-01-01T00:05:00Z') / 60_000}`);
    assert.deepEqual(job.metadata.labels, { app: 'hello' });
    assert.equal(job.metadata.annotations?.['batch.kubernetes.io/cronjob-scheduled-timestamp'], '2026-01-01T00:05:00Z');
    assert.deepEqual(job.metadata.ownerReferences?.[0], { apiVersion: 'batch/v1', kind: 'CronJob', name: 'hello', uid: 'cj-uid', controller: true, blockOwnerDeletion: true });
    assert.equal(plan.createJob!.scheduledTime, T('2026-01-01T00:05:00Z'));
    assert.equal(plan.requeueAfterMs, 5 * 60_000);
  });

  it('before the first activation only arms the timer', () => {
    const plan = planCronJob(cronJob(), [], T('2026-01-01T00:01:00Z'));
    assert.equal(plan.createJob, undefined);
    assert.equal(plan.requeueAfterMs, 4 * 60_000 + 100);
  });

  it('Allow runs Jobs side by side', () => {
    const running = job('hello-1', 'u1');
    const plan = planCronJob(cronJob({}, { active: [ref('hello-1', 'u1')], lastScheduleTime: '2026-01-01T00:00:00Z' }), [running], T('2026-01-01T00:05:00.100Z'));
    assert.ok(plan.createJob);
    assert.deepEqual(plan.deleteJobs, []);
  });

  it('Forbid skips the activation while a Job runs', () => {
    const plan = planCronJob(cronJob({ concurrencyPolicy: 'Forbid' }, { active: [ref('hello-1', 'u1')], lastScheduleTime: '2026-01-01T00:00:00Z' }), [job('hello-1', 'u1')], T('2026-01-01T00:05:00.100Z'));
    assert.equal(plan.createJob, undefined);
    assert.deepEqual(plan.events.map((e) => e.reason), ['JobAlreadyActive']);
    assert.equal(plan.requeueAfterMs, 5 * 60_000);
  });

  it('Replace deletes the running Job before creating the new one', () => {
    const plan = planCronJob(cronJob({ concurrencyPolicy: 'Replace' }, { active: [ref('hello-1', 'u1')], lastScheduleTime: '2026-01-01T00:00:00Z' }), [job('hello-1', 'u1')], T('2026-01-01T00:05:00.100Z'));
    assert.deepEqual(plan.deleteJobs, ['hello-1']);
    assert.deepEqual(plan.events, [{ type: 'Normal', reason: 'SuccessfulDelete', message: 'Deleted job hello-1' }]);
    assert.ok(plan.createJob);
    assert.equal(plan.status.active, undefined);
  });

  it('drops finished Jobs from active and records the last success', () => {
    const done = job('hello-1', 'u1', 'Complete', '2026-01-01T00:00:30Z');
    const first = planCronJob(cronJob({}, { active: [ref('hello-1', 'u1')], lastScheduleTime: '2026-01-01T00:00:00Z' }), [done], T('2026-01-01T00:01:00Z'));
    assert.deepEqual(first.events, [{ type: 'Normal', reason: 'SawCompletedJob', message: 'Saw completed job: hello-1, status: Complete' }]);
    assert.equal(first.status.active, undefined);
    const second = planCronJob(cronJob({}, first.status), [done], T('2026-01-01T00:01:00Z'));
    assert.equal(second.status.lastSuccessfulTime, '2026-01-01T00:00:30Z');
  });

  it('an activation later than startingDeadlineSeconds is not started', () => {
    const cj = (sds: number) => cronJob({ schedule: '0 * * * *', startingDeadlineSeconds: sds }, { lastScheduleTime: '2026-01-01T00:00:00Z' });
    assert.ok(planCronJob(cj(60), [], T('2026-01-01T01:00:30Z')).createJob, 'within the deadline');
    const late = planCronJob(cj(10), [], T('2026-01-01T01:00:30Z'));
    assert.equal(late.createJob, undefined);
    assert.equal(late.requeueAfterMs, 59 * 60_000 + 30_000 + 100, 'waits for 02:00');
    assert.equal(rfc1123z(T('2026-01-01T01:00:00Z')), 'Thu, 01 Jan 2026 01:00:00 +0000');
  });

  it('creates nothing while suspended or with an invalid zone', () => {
    assert.equal(planCronJob(cronJob({ suspend: true }), [], T('2026-01-01T00:05:00.100Z')).createJob, undefined);
    const bad = planCronJob(cronJob({ timeZone: 'Moon/Base' }), [], T('2026-01-01T00:05:00.100Z'));
    assert.deepEqual(bad.events.map((e) => [e.reason, e.message]), [['UnknownTimeZone', 'invalid timeZone: "Moon/Base": unknown time zone Moon/Base']]);
  });

  it('names Jobs by the scheduled minute', () => {
    assert.equal(jobNameFor('hello', T('2025-02-28T12:45:30Z')), 'hello-29012445');
  });
});
