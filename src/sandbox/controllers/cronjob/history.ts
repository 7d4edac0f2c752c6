// CronJob history limits (cleanupFinishedJobs): of the finished Jobs a CronJob owns, the oldest
// beyond successfulJobsHistoryLimit (Complete) and failedJobsHistoryLimit (Failed) are deleted,
// oldest by status.startTime first (Jobs never started count as newest), ties by name.
import type { Job } from '../../registry/batch/job/types.ts';

export function finishedType(job: Job): 'Complete' | 'Failed' | undefined {
  for (const c of job.status?.conditions ?? []) {
    if ((c.type === 'Complete' || c.type === 'Failed') && c.status === 'True') return c.type;
  }
  return undefined;
}

/** byJobStartTime */
export function byJobStartTime(a: Job, b: Job): number {
  const sa = a.status?.startTime;
  const sb = b.status?.startTime;
  if (!sa || !sb) return sa ? -1 : sb ? 1 : a.metadata.name!.localeCompare(b.metadata.name!);
  const d = Date.parse(sa) - Date.parse(sb);
  return d !== 0 ? d : a.metadata.name!.localeCompare(b.metadata.name!);
}

/** The Jobs to delete so that the history limits hold, oldest first. */
export function jobsBeyondHistoryLimits(jobs: Job[], successfulLimit: number | undefined, failedLimit: number | undefined): Job[] {
  const out: Job[] = [];
  const prune = (list: Job[], limit: number | undefined) => {
    if (limit === undefined) return;
    const n = list.length - limit;
    if (n > 0) out.push(...[...list].sort(byJobStartTime).slice(0, n));
  };
  prune(jobs.filter((j) => finishedType(j) === 'Complete'), successfulLimit);
  prune(jobs.filter((j) => finishedType(j) === 'Failed'), failedLimit);
  return out;
}
