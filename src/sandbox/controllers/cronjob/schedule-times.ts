// When a CronJob is due (upstream pkg/controller/cronjob/utils.go): the most recent activation
// not yet started since the last schedule (or the CronJob's creation), how many were missed, and
// how long until the next one (plus upstream's 100 ms delta), which the controller arms a timer for.
import { type CronSchedule, nextActivation } from './cron-schedule.ts';

/** nextScheduleDelta: the sync runs a little after the activation so it is no longer in the future. */
export const NEXT_SCHEDULE_DELTA_MS = 100;

export type Missed = 'none' | 'few' | 'many';

export interface ScheduleState {
  /** Epoch ms of status.lastScheduleTime, if any. */
  lastScheduleTime?: number;
  /** Epoch ms of the CronJob's creation. */
  creationTime: number;
  startingDeadlineSeconds?: number;
}

export interface MostRecent {
  earliest: number;
  mostRecent?: number;
  missed: Missed;
  error?: string;
}

/** mostRecentScheduleTime */
export function mostRecentScheduleTime(cj: ScheduleState, now: number, sched: CronSchedule, includeStartingDeadline: boolean): MostRecent {
  let earliest = cj.lastScheduleTime ?? cj.creationTime;
  if (includeStartingDeadline && cj.startingDeadlineSeconds !== undefined) {
    const deadline = now - cj.startingDeadlineSeconds * 1000;
    if (deadline > earliest) earliest = deadline;
  }
  const t1 = nextActivation(sched, earliest);
  const t2 = t1 === undefined ? undefined : nextActivation(sched, t1);
  if (t1 !== undefined && now < t1) return { earliest, missed: 'none' };
  if (t1 !== undefined && t2 !== undefined && now < t2) return { earliest, mostRecent: t1, missed: 'none' };
  const between = t1 === undefined || t2 === undefined ? 0 : Math.round((t2 - t1) / 1000);
  if (between < 1) return { earliest, missed: 'none', error: 'time difference between two schedules is less than 1 second' };
  const elapsed = Math.trunc((now - t1!) / 1000);
  const missedCount = Math.trunc(elapsed / between) + 1;
  const potentialEarliest = t1! + (missedCount - 2) * between * 1000;
  let mostRecent: number | undefined;
  for (let t = nextActivation(sched, potentialEarliest); t !== undefined && t <= now; t = nextActivation(sched, t)) mostRecent = t;
  const missed: Missed = missedCount > 100 ? 'many' : missedCount > 0 ? 'few' : 'none';
  return { earliest, mostRecent, missed };
}

/** nextScheduleTime: the activation to start now, if any, and whether too many were missed. */
export function nextScheduleTime(cj: ScheduleState, now: number, sched: CronSchedule): { scheduled?: number; tooManyMissed: boolean; error?: string } {
  const r = mostRecentScheduleTime(cj, now, sched, true);
  if (r.mostRecent === undefined || r.mostRecent > now) return { tooManyMissed: false, error: r.error };
  return { scheduled: r.mostRecent, tooManyMissed: r.missed === 'many' };
}

/** nextScheduleTimeDuration: how long until the sync for the next activation (undefined: never). */
export function nextScheduleTimeDuration(cj: ScheduleState, now: number, sched: CronSchedule): number | undefined {
  const r = mostRecentScheduleTime(cj, now, sched, false);
  let from: number;
  if (r.error) from = now;
  else if (r.mostRecent === undefined) from = r.missed === 'none' ? r.earliest : now;
  else from = r.mostRecent;
  const next = nextActivation(sched, from);
  return next === undefined ? undefined : next + NEXT_SCHEDULE_DELTA_MS - now;
}
