import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseStandardSchedule } from './schedule.ts';

describe('CronJob schedule parsing (robfig/cron v3 ParseStandard)', () => {
  it('accepts standard schedules and descriptors', () => {
    for (const s of ['*/5 * * * *', '0 3 * * 1-5', '15,45 9-17 * JAN-jun sun', '0 0 1 */2 ?', '@hourly', '@every 1h30m', 'TZ=Europe/Berlin 0 3 * * *']) {
      assert.equal(parseStandardSchedule(s), undefined, s);
    }
  });

  it('returns robfig error strings', () => {
    const cases: Array<[string, string]> = [
      ['foo', 'expected exactly 5 fields, found 1: [foo]'],
      ['* * * *', 'expected exactly 5 fields, found 4: [* * * *]'],
      ['60 * * * *', 'end of range (60) above maximum (59): 60'],
      ['* * 0 * *', 'beginning of range (0) below minimum (1): 0'],
      ['5-1 * * * *', 'beginning of range (5) beyond end of range (1): 5-1'],
      ['*/0 * * * *', 'step of range should be a positive number: */0'],
      ['x * * * *', 'failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax'],
      ['1-2-3 * * * *', 'too many hyphens: 1-2-3'],
      ['*/2/3 * * * *', 'too many slashes: */2/3'],
      ['* * * * 7', 'end of range (7) above maximum (6): 7'],
      ['@fortnightly', 'unrecognized descriptor: @fortnightly'],
      ['@every 5', 'failed to parse duration @every 5: time: missing unit in duration "5"'],
      ['TZ=Mars/Olympus * * * * *', 'provided bad location Mars/Olympus: unknown time zone Mars/Olympus'],
    ];
    for (const [schedule, message] of cases) assert.equal(parseStandardSchedule(schedule), message, schedule);
  });
});
