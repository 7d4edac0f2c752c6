import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCronSchedule } from './cron-schedule.ts';
import { mostRecentScheduleTime, nextScheduleTime, nextScheduleTimeDuration } from './schedule-times.ts';

const T = (s: string) => Date.parse(s);
const everyMinute = parseCronSchedule('* * * * *');
const hourly = parseCronSchedule('0 * * * *');

describe('CronJob schedule times', () => {
  it('nothing is due before the first activation after creation', () => {
    const cj = { creationTime: T('2026-01-01T00:00:30Z') };
    assert.equal(nextScheduleTime(cj, T('2026-01-01T00:00:59Z'), everyMinute).scheduled, undefined);
    assert.equal(nextScheduleTimeDuration(cj, T('2026-01-01T00:00:59Z'), everyMinute), 1100, 'the sync runs 100 ms after the minute');
  });

  it('the most recent missed activation is the one started', () => {
    const cj = { creationTime: T('2026-01-01T00:00:00Z'), lastScheduleTime: T('2026-01-01T01:00:00Z') };
    const r = mostRecentScheduleTime(cj, T('2026-01-01T04:10:00Z'), hourly, true);
    assert.equal(r.mostRecent, T('2026-01-01T04:00:00Z'));
    assert.equal(r.missed, 'few');
    assert.equal(nextScheduleTimeDuration(cj, T('2026-01-01T04:10:00Z'), hourly), 50 * 60_000 + 100);
  });

  it('more than 100 missed activations are reported', () => {
    const cj = { creationTime: T('2026-01-01T00:00:00Z') };
    const r = nextScheduleTime(cj, T('2026-01-01T03:00:30Z'), everyMinute);
    assert.equal(r.scheduled, T('2026-01-01T03:00:00Z'));
    assert.equal(r.tooManyMissed, true);
  });

  it('startingDeadlineSeconds limits how far back activations are considered', () => {
    const cj = { creationTime: T('2026-01-01T00:00:00Z'), startingDeadlineSeconds: 60 };
    const r = nextScheduleTime(cj, T('2026-01-01T03:00:30Z'), everyMinute);
    assert.equal(r.scheduled, T('2026-01-01T03:00:00Z'));
    assert.equal(r.tooManyMissed, false);
    assert.equal(nextScheduleTime({ ...cj, startingDeadlineSeconds: 10 }, T('2026-01-01T01:00:30Z'), hourly).scheduled, undefined);
  });

  it('an impossible schedule is an error', () => {
    const r = nextScheduleTime({ creationTime: T('2026-01-01T00:00:00Z') }, T('2026-01-01T00:00:00Z'), parseCronSchedule('0 0 31 2 *'));
    assert.equal(r.error, 'time difference between two schedules is less than 1 second');
  });
});
