import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CronParseError, nextActivation, parseCronSchedule } from './cron-schedule.ts';
import { formatRFC3339 } from './zoned-time.ts';

const next = (schedule: string, after: string, zone?: string) => {
  const t = nextActivation(parseCronSchedule(schedule, zone), Date.parse(after));
  return t === undefined ? undefined : new Date(t).toISOString().replace('.000', '');
};

describe('cron schedules: next activation', () => {
  it('steps through minutes, hours and macros', () => {
    assert.equal(next('*/5 * * * *', '2026-01-01T00:00:00Z'), '2026-01-01T00:05:00Z');
    assert.equal(next('*/5 * * * *', '2026-01-01T00:04:59Z'), '2026-01-01T00:05:00Z');
    assert.equal(next('@hourly', '2026-01-01T00:00:00Z'), '2026-01-01T01:00:00Z');
    assert.equal(next('@daily', '2026-01-01T13:00:00Z'), '2026-01-02T00:00:00Z');
    assert.equal(next('@weekly', '2026-01-01T00:00:00Z'), '2026-01-04T00:00:00Z', 'the next Sunday');
    assert.equal(next('@monthly', '2026-01-15T00:00:00Z'), '2026-02-01T00:00:00Z');
    assert.equal(next('@yearly', '2026-01-01T00:00:00Z'), '2027-01-01T00:00:00Z');
    assert.equal(next('0 0 29 2 *', '2026-01-01T00:00:00Z'), '2028-02-29T00:00:00Z');
    assert.equal(next('0 0 31 2 *', '2026-01-01T00:00:00Z'), undefined, 'never');
  });

  it('combines day of month and day of week with OR unless one is *', () => {
    // 2026-01-01 is a Thursday.
    assert.equal(next('0 0 13 * 5', '2026-01-01T00:00:00Z'), '2026-01-02T00:00:00Z', 'Friday the 2nd matches the weekday');
    assert.equal(next('0 0 * * 5', '2026-01-01T00:00:00Z'), '2026-01-02T00:00:00Z');
    assert.equal(next('30 9 * * mon-fri', '2026-01-02T10:00:00Z'), '2026-01-05T09:30:00Z');
    assert.equal(next('0 12 1-7 jan *', '2026-01-07T12:00:00Z'), '2027-01-01T12:00:00Z');
  });

  it('uses the time zone, including offsets that are not whole hours', () => {
    assert.equal(next('0 9 * * *', '2026-01-01T00:00:00Z', 'America/New_York'), '2026-01-01T14:00:00Z');
    assert.equal(next('0 * * * *', '2026-01-01T00:00:00Z', 'Asia/Kolkata'), '2026-01-01T00:30:00Z');
    assert.equal(next('TZ=Europe/Berlin 0 9 * * *', '2026-07-01T00:00:00Z'), '2026-07-01T07:00:00Z', 'CEST');
  });

  it('skips a time the spring DST change skips and runs a repeated one twice (robfig/cron)', () => {
    // 2026-03-08 02:00 EST → 03:00 EDT in New York: 02:30 does not exist that day.
    assert.equal(next('30 2 * * *', '2026-03-07T12:00:00Z', 'America/New_York'), '2026-03-09T06:30:00Z');
    assert.equal(next('0 3 * * *', '2026-03-08T05:00:00Z', 'America/New_York'), '2026-03-08T07:00:00Z', '03:00 EDT');
    // 2026-11-01 02:00 EDT → 01:00 EST: 01:30 happens twice.
    assert.equal(next('30 1 * * *', '2026-11-01T05:00:00Z', 'America/New_York'), '2026-11-01T05:30:00Z');
    assert.equal(next('30 1 * * *', '2026-11-01T05:30:00Z', 'America/New_York'), '2026-11-01T06:30:00Z');
    assert.equal(next('0 0 * * *', '2026-03-07T12:00:00Z', 'America/New_York'), '2026-03-08T05:00:00Z', 'midnight before the change is EST');
    assert.equal(next('0 0 * * *', '2026-03-08T12:00:00Z', 'America/New_York'), '2026-03-09T04:00:00Z', 'midnight after it is EDT');
  });

  it('@every adds a constant delay', () => {
    assert.equal(next('@every 90s', '2026-01-01T00:00:00Z'), '2026-01-01T00:01:30Z');
  });

  it('rejects what robfig rejects', () => {
    assert.throws(() => parseCronSchedule('every day'), CronParseError);
    assert.throws(() => parseCronSchedule('0 0 * * *', 'Moon/Base'), /unknown time zone Moon\/Base/);
    assert.throws(() => parseCronSchedule('@fortnightly'), /unrecognized descriptor/);
  });

  it('formats times as Go RFC 3339 in the zone', () => {
    assert.equal(formatRFC3339(Date.parse('2026-01-01T14:00:00Z'), 'America/New_York'), '2026-01-01T09:00:00-05:00');
    assert.equal(formatRFC3339(Date.parse('2026-01-01T00:30:00Z'), 'Asia/Kolkata'), '2026-01-01T06:00:00+05:30');
    assert.equal(formatRFC3339(Date.parse('2026-01-01T00:30:00Z'), 'UTC'), '2026-01-01T00:30:00Z');
  });
});
