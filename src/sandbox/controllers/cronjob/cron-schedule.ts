// CronJob schedules as the controller evaluates them (github.com/robfig/cron/v3 ParseStandard
// and SpecSchedule.Next): five fields or a descriptor (@hourly, @daily, ...), `@every <d>`, a
// `TZ=`/`CRON_TZ=` prefix or spec.timeZone for the zone (UTC otherwise, as kube-controller-manager
// runs), and the next activation after a time computed field by field on the zone's wall clock,
// including robfig's behaviour across DST changes (a skipped hour is skipped, a repeated one runs
// twice). The registry's schedule.ts gives the validation messages; this is the arithmetic.
import { parseGoDuration } from '../../registry/batch/cronjob/go-duration.ts';
import { isValidTimeZone } from '../../registry/batch/cronjob/time-zone.ts';
import { fromWall, wallTime } from './zoned-time.ts';

interface Field {
  min: number;
  max: number;
  names?: Record<string, number>;
}

const FIELDS: Field[] = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  { min: 1, max: 12, names: { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 } },
  { min: 0, max: 6, names: { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 } },
];

const DESCRIPTORS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

interface Bits {
  values: Set<number>;
  /** The field was `*` or `?` (robfig's starBit), which changes how day-of-month and day-of-week combine. */
  star: boolean;
}

export type CronSchedule =
  | { kind: 'spec'; minute: Bits; hour: Bits; dom: Bits; month: Bits; dow: Bits; zone: string }
  | { kind: 'every'; delayMs: number };

export class CronParseError extends Error {}

function parseValue(s: string, f: Field): number {
  const named = f.names?.[s.toLowerCase()];
  if (named !== undefined) return named;
  if (!/^\d+$/.test(s)) throw new CronParseError(`failed to parse int from ${s}`);
  return Number(s);
}

function parseField(expr: string, f: Field): Bits {
  const bits: Bits = { values: new Set(), star: false };
  for (const part of expr.split(',')) {
    const [range, stepStr] = part.split('/') as [string, string | undefined];
    let start: number;
    let end: number;
    let star = false;
    if (range === '*' || range === '?') {
      start = f.min;
      end = f.max;
      star = true;
    } else {
      const [lo, hi] = range.split('-') as [string, string | undefined];
      start = parseValue(lo, f);
      end = hi === undefined ? start : parseValue(hi, f);
    }
    let step = 1;
    if (stepStr !== undefined) {
      step = Number(stepStr);
      if (!(step > 0)) throw new CronParseError(`step of range should be a positive number: ${part}`);
      if (!range.includes('-') && !star) end = f.max;
      if (step > 1) star = false;
    }
    if (start < f.min || end > f.max || start > end) throw new CronParseError(`invalid range: ${part}`);
    for (let v = start; v <= end; v += step) bits.values.add(v);
    bits.star ||= star;
  }
  return bits;
}

/** cron.ParseStandard with the CronJob's zone applied (formatSchedule: spec.timeZone → `TZ=<zone> `). */
export function parseCronSchedule(schedule: string, timeZone?: string): CronSchedule {
  let spec = schedule.trim();
  let zone = 'UTC';
  if (!spec.includes('TZ') && timeZone) spec = `TZ=${timeZone} ${spec}`;
  if (spec.startsWith('TZ=') || spec.startsWith('CRON_TZ=')) {
    const space = spec.indexOf(' ');
    zone = spec.slice(spec.indexOf('=') + 1, space < 0 ? undefined : space);
    if (space < 0 || !isValidTimeZone(zone)) throw new CronParseError(`provided bad location ${zone}: unknown time zone ${zone}`);
    spec = spec.slice(space).trim();
  }
  if (spec.startsWith('@every ')) {
    const d = parseGoDuration(spec.slice('@every '.length).trim());
    if (d instanceof Error) throw new CronParseError(d.message);
    return { kind: 'every', delayMs: Math.max(1000, Math.round(d / 1000) * 1000) };
  }
  if (spec.startsWith('@')) {
    const expanded = DESCRIPTORS[spec];
    if (!expanded) throw new CronParseError(`unrecognized descriptor: ${spec}`);
    spec = expanded;
  }
  const fields = spec.split(/\s+/).filter((f) => f !== '');
  if (fields.length !== 5) throw new CronParseError(`expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]`);
  const [minute, hour, dom, month, dow] = fields.map((f, i) => parseField(f, FIELDS[i]!)) as [Bits, Bits, Bits, Bits, Bits];
  return { kind: 'spec', minute, hour, dom, month, dow, zone };
}

const YEAR_LIMIT_AHEAD = 5;

function dayMatches(s: Extract<CronSchedule, { kind: 'spec' }>, day: number, weekday: number): boolean {
  const domMatch = s.dom.values.has(day);
  const dowMatch = s.dow.values.has(weekday);
  if (s.dom.star || s.dow.star) return domMatch && dowMatch;
  return domMatch || dowMatch;
}

/**
 * The first activation strictly after `afterMs` (Schedule.Next), or undefined when none falls
 * within five years (robfig returns the zero time then).
 */
export function nextActivation(s: CronSchedule, afterMs: number): number | undefined {
  if (s.kind === 'every') {
    // ConstantDelaySchedule.Next: t + delay, rounded down to the second.
    const t = afterMs + s.delayMs;
    return t - (((t % 1000) + 1000) % 1000);
  }
  const zone = s.zone;
  // Start at the next whole second.
  let t = afterMs + 1000 - (((afterMs % 1000) + 1000) % 1000);
  let added = false;
  const yearLimit = wallTime(t, zone).year + YEAR_LIMIT_AHEAD;
  const w = () => wallTime(t, zone);
  wrap: for (;;) {
    if (w().year > yearLimit) return undefined;
    while (!s.month.values.has(w().month)) {
      if (!added) {
        added = true;
        const c = w();
        t = fromWall(c.year, c.month, 1, 0, 0, 0, zone);
      }
      const c = w();
      t = fromWall(c.year, c.month + 1, c.day, c.hour, c.minute, c.second, zone);
      if (w().month === 1) continue wrap;
    }
    for (let c = w(); !dayMatches(s, c.day, c.weekday); c = w()) {
      if (!added) {
        added = true;
        t = fromWall(c.year, c.month, c.day, 0, 0, 0, zone);
        c = w();
      }
      t = fromWall(c.year, c.month, c.day + 1, c.hour, c.minute, c.second, zone);
      // A DST change can leave the day off midnight: go to the nearest midnight.
      const h = w().hour;
      if (h !== 0) t += (h > 12 ? 24 - h : -h) * 3600_000;
      if (w().day === 1) continue wrap;
    }
    while (!s.hour.values.has(w().hour)) {
      if (!added) {
        added = true;
        const c = w();
        t = fromWall(c.year, c.month, c.day, c.hour, 0, 0, zone);
      }
      t += 3600_000;
      if (w().hour === 0) continue wrap;
    }
    while (!s.minute.values.has(w().minute)) {
      if (!added) {
        added = true;
        t -= ((t % 60_000) + 60_000) % 60_000;
      }
      t += 60_000;
      if (w().minute === 0) continue wrap;
    }
    // Standard schedules fire at second 0: move to the next whole minute at once.
    const sec = w().second;
    if (sec !== 0) {
      t += (60 - sec) * 1000;
      continue wrap;
    }
    return t;
  }
}
