// When a finished Job expires (upstream pkg/controller/ttlafterfinished): a Job with
// spec.ttlSecondsAfterFinished whose Complete or Failed condition became True at T is deleted at
// T + ttl; before then the controller waits for exactly the remaining time.
import type { Job } from '../../registry/batch/job/types.ts';

export type TTLDecision = { action: 'none' } | { action: 'delete' } | { action: 'wait'; ms: number };

/** jobFinishTime: when the finishing condition became True. */
export function jobFinishTime(job: Job): number | undefined {
  for (const c of job.status?.conditions ?? []) {
    if ((c.type === 'Complete' || c.type === 'Failed') && c.status === 'True') return c.lastTransitionTime ? Date.parse(c.lastTransitionTime) : undefined;
  }
  return undefined;
}

/** needsCleanup + timeLeft. */
export function planTTL(job: Job, now: number): TTLDecision {
  const ttl = job.spec?.ttlSecondsAfterFinished;
  if (ttl === undefined || job.metadata.deletionTimestamp) return { action: 'none' };
  const finishedAt = jobFinishTime(job);
  if (finishedAt === undefined) return { action: 'none' };
  const expireAt = finishedAt + ttl * 1000;
  return now >= expireAt ? { action: 'delete' } : { action: 'wait', ms: expireAt - now };
}
