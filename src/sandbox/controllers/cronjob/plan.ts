// The CronJob controller's plan (upstream cronjob_controllerv2.go sync, cleanupFinishedJobs and
// syncCronJob) as a pure function of the CronJob, the Jobs it controls and the time: finished
// Jobs leave status.active (SawCompletedJob), history beyond the limits is deleted, and when an
// activation is due the Job `<cronjob>-<minutes since the epoch>` is created, unless the
// starting deadline passed (MissSchedule) or concurrencyPolicy Forbid finds one still running
// (JobAlreadyActive); Replace deletes the running ones first. It also says when to sync next.
import { deepClone, deepEqual } from '../../../apimachinery/object.ts';
import type * as batch from '../../../generated/k8s/batch/v1.ts';
import type { CronJob } from '../../registry/batch/cronjob/types.ts';
import { isValidTimeZone } from '../../registry/batch/cronjob/time-zone.ts';
import type { Job } from '../../registry/batch/job/types.ts';
import { CronParseError, parseCronSchedule } from './cron-schedule.ts';
import { finishedType, jobsBeyondHistoryLimits } from './history.ts';
import { nextScheduleTime, nextScheduleTimeDuration, type ScheduleState } from './schedule-times.ts';
import { formatRFC3339 } from './zoned-time.ts';

export const SCHEDULED_TIMESTAMP_ANNOTATION = 'batch.kubernetes.io/cronjob-scheduled-timestamp';

type Ref = NonNullable<batch.CronJobStatus['active']>[number];

export interface CronJobEvent {
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
}

export interface CronJobPlan {
  status: batch.CronJobStatus;
  statusChanged: boolean;
  /** Jobs to delete (background propagation), each followed by SuccessfulDelete. */
  deleteJobs: string[];
  /** The Job to create for `scheduledTime`; once created it joins status.active and sets lastScheduleTime. */
  createJob?: { job: Job; scheduledTime: number };
  events: CronJobEvent[];
  requeueAfterMs?: number;
}

function rfc3339(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

/** Go's RFC1123Z in UTC: `Mon, 02 Jan 2006 15:04:05 +0000`. */
export function rfc1123z(ms: number): string {
  return new Date(ms).toUTCString().replace('GMT', '+0000');
}

/** `<cronjob>-<scheduled time in minutes since the epoch>` (getJobName). */
export function jobNameFor(cronJobName: string, scheduledTime: number): string {
  return `${cronJobName}-${Math.floor(scheduledTime / 60_000)}`;
}

/** getJobFromTemplate2: the Job for one activation, owned by the CronJob. */
export function jobFromTemplate(cj: CronJob, scheduledTime: number): Job {
  const template = cj.spec?.jobTemplate ?? {};
  const labels = { ...(template.metadata?.labels ?? {}) };
  const annotations: Record<string, string> = { ...(template.metadata?.annotations ?? {}) };
  annotations[SCHEDULED_TIMESTAMP_ANNOTATION] = formatRFC3339(scheduledTime, cj.spec?.timeZone || 'UTC');
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name: jobNameFor(cj.metadata.name!, scheduledTime),
      namespace: cj.metadata.namespace,
      ...(Object.keys(labels).length ? { labels } : {}),
      annotations,
      ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: cj.metadata.name!, uid: cj.metadata.uid!, controller: true, blockOwnerDeletion: true }],
    },
    spec: deepClone(template.spec ?? ({} as batch.JobSpec)),
  } as Job;
}

export function planCronJob(cj: CronJob, jobs: Job[], now: number): CronJobPlan {
  const status = deepClone(cj.status ?? {}) as batch.CronJobStatus;
  const plan: CronJobPlan = { status, statusChanged: false, deleteJobs: [], events: [] };
  const dropActive = (uid: string | undefined) => {
    status.active = (status.active ?? []).filter((r) => r.uid !== uid);
  };
  const inActive = (uid: string | undefined) => (status.active ?? []).some((r) => r.uid === uid);
  const finish = () => {
    if (status.active && status.active.length === 0) delete status.active;
    plan.statusChanged = !deepEqual(status, cj.status ?? {});
    return plan;
  };

  // cleanupFinishedJobs
  for (const j of jobsBeyondHistoryLimits(jobs, cj.spec?.successfulJobsHistoryLimit, cj.spec?.failedJobsHistoryLimit)) {
    plan.deleteJobs.push(j.metadata.name!);
    dropActive(j.metadata.uid);
    plan.events.push({ type: 'Normal', reason: 'SuccessfulDelete', message: `Deleted job ${j.metadata.name}` });
  }
  const deleted = new Set(plan.deleteJobs);

  // syncCronJob: reconcile status.active with the Jobs.
  const children = new Set(jobs.map((j) => j.metadata.uid));
  for (const j of jobs) {
    const found = inActive(j.metadata.uid);
    const done = finishedType(j);
    if (!found && !done) {
      plan.events.push({ type: 'Warning', reason: 'UnexpectedJob', message: `Saw a job that the controller did not create or forgot: ${j.metadata.name}` });
    } else if (found && done) {
      dropActive(j.metadata.uid);
      plan.events.push({ type: 'Normal', reason: 'SawCompletedJob', message: `Saw completed job: ${j.metadata.name}, status: ${done}` });
    } else if (done === 'Complete' && j.status?.completionTime) {
      const last = status.lastSuccessfulTime;
      if (!last || Date.parse(j.status.completionTime) > Date.parse(last)) status.lastSuccessfulTime = j.status.completionTime;
    }
  }
  for (const ref of [...(status.active ?? [])]) {
    if (children.has(ref.uid)) continue;
    plan.events.push({ type: 'Normal', reason: 'MissingJob', message: `Active job went missing: ${ref.name}` });
    dropActive(ref.uid);
  }

  if (cj.metadata.deletionTimestamp) return finish();
  const timeZone = cj.spec?.timeZone;
  if (timeZone !== undefined && !isValidTimeZone(timeZone)) {
    plan.events.push({ type: 'Warning', reason: 'UnknownTimeZone', message: `invalid timeZone: "${timeZone}": unknown time zone ${timeZone}` });
    return finish();
  }
  if (cj.spec?.suspend) return finish();

  const schedule = cj.spec?.schedule ?? '';
  if (schedule.includes('TZ')) {
    plan.events.push({
      type: 'Warning',
      reason: 'UnsupportedSchedule',
      message: `CRON_TZ or TZ used in schedule "${schedule}" is not officially supported, see https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/ for more details`,
    });
  }
  let sched;
  try {
    sched = parseCronSchedule(schedule, timeZone);
  } catch (e) {
    if (!(e instanceof CronParseError)) throw e;
    plan.events.push({ type: 'Warning', reason: 'UnparseableSchedule', message: `unparseable schedule: "${schedule}" : ${e.message}` });
    return finish();
  }
  const state = (): ScheduleState => ({
    lastScheduleTime: status.lastScheduleTime ? Date.parse(status.lastScheduleTime) : undefined,
    creationTime: Date.parse(cj.metadata.creationTimestamp ?? '') || now,
    startingDeadlineSeconds: cj.spec?.startingDeadlineSeconds,
  });
  const requeue = () => {
    plan.requeueAfterMs = nextScheduleTimeDuration(state(), now, sched);
    return finish();
  };

  const next = nextScheduleTime(state(), now, sched);
  if (next.error) {
    plan.events.push({ type: 'Warning', reason: 'InvalidSchedule', message: `invalid schedule: ${schedule} : ${next.error}` });
    return finish();
  }
  if (next.tooManyMissed) {
    plan.events.push({ type: 'Warning', reason: 'TooManyMissedTimes', message: 'too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew' });
  }
  const scheduled = next.scheduled;
  if (scheduled === undefined) return requeue();
  const deadline = cj.spec?.startingDeadlineSeconds;
  if (deadline !== undefined && scheduled + deadline * 1000 < now) {
    plan.events.push({ type: 'Warning', reason: 'MissSchedule', message: `Missed scheduled time to start a job: ${rfc1123z(scheduled)}` });
    return requeue();
  }
  const name = jobNameFor(cj.metadata.name!, scheduled);
  if ((status.active ?? []).some((r) => r.name === name) || (status.lastScheduleTime && Date.parse(status.lastScheduleTime) === scheduled)) return requeue();
  const running = (status.active ?? []).filter((r) => !deleted.has(r.name ?? ''));
  if (cj.spec?.concurrencyPolicy === 'Forbid' && running.length > 0) {
    plan.events.push({ type: 'Normal', reason: 'JobAlreadyActive', message: 'Not starting job because prior execution is running and concurrency policy is Forbid' });
    return requeue();
  }
  if (cj.spec?.concurrencyPolicy === 'Replace') {
    for (const ref of running) {
      plan.deleteJobs.push(ref.name!);
      dropActive(ref.uid);
      plan.events.push({ type: 'Normal', reason: 'SuccessfulDelete', message: `Deleted job ${ref.name}` });
    }
  }
  plan.createJob = { job: jobFromTemplate(cj, scheduled), scheduledTime: scheduled };
  // The next sync is computed as if this activation is recorded (it will be once the Job exists).
  status.lastScheduleTime = rfc3339(scheduled);
  plan.requeueAfterMs = nextScheduleTimeDuration(state(), now, sched);
  status.lastScheduleTime = cj.status?.lastScheduleTime;
  if (status.lastScheduleTime === undefined) delete status.lastScheduleTime;
  return finish();
}

/** The status.active entry for a created Job (ref.GetReference). */
export function jobRef(job: Job & { metadata: { uid?: string; resourceVersion?: string } }): Ref {
  return { kind: 'Job', namespace: job.metadata.namespace, name: job.metadata.name, uid: job.metadata.uid, apiVersion: 'batch/v1', resourceVersion: job.metadata.resourceVersion };
}
