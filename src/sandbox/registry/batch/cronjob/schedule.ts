// CronJob schedules as upstream parses them (github.com/robfig/cron/v3 ParseStandard: five
// fields or a descriptor, an optional TZ=/CRON_TZ= prefix), returning robfig's error strings.
import { isValidTimeZone } from './time-zone.ts';
import { parseGoDuration } from './go-duration.ts';

interface Bounds {
  min: number;
  max: number;
  names?: Record<string, number>;
}

const minutes: Bounds = { min: 0, max: 59 };
const hours: Bounds = { min: 0, max: 23 };
const dom: Bounds = { min: 1, max: 31 };
const months: Bounds = {
  min: 1,
  max: 12,
  names: { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 },
};
const dow: Bounds = { min: 0, max: 6, names: { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 } };

class CronError extends Error {}

/** strconv.Atoi plus robfig's negative check. */
function parseUint(expr: string): number {
  if (!/^[+-]?\d+$/.test(expr)) throw new CronError(`failed to parse int from ${expr}: strconv.Atoi: parsing "${expr}": invalid syntax`);
  const n = BigInt(expr);
  if (n > 9223372036854775807n || n < -9223372036854775808n) {
    throw new CronError(`failed to parse int from ${expr}: strconv.Atoi: parsing "${expr}": value out of range`);
  }
  if (n < 0n) throw new CronError(`negative number (${n}) not allowed: ${expr}`);
  return Number(n);
}

function parseIntOrName(expr: string, b: Bounds): number {
  const named = b.names?.[expr.toLowerCase()];
  return named ?? parseUint(expr);
}

function checkRange(expr: string, b: Bounds): void {
  const rangeAndStep = expr.split('/');
  const lowAndHigh = rangeAndStep[0]!.split('-');
  const singleDigit = lowAndHigh.length === 1;
  let start: number;
  let end: number;
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    start = b.min;
    end = b.max;
  } else {
    start = parseIntOrName(lowAndHigh[0]!, b);
    if (lowAndHigh.length === 1) end = start;
    else if (lowAndHigh.length === 2) end = parseIntOrName(lowAndHigh[1]!, b);
    else throw new CronError(`too many hyphens: ${expr}`);
  }
  let step = 1;
  if (rangeAndStep.length === 2) {
    step = parseUint(rangeAndStep[1]!);
    if (singleDigit) end = b.max;
  } else if (rangeAndStep.length > 2) throw new CronError(`too many slashes: ${expr}`);
  if (start < b.min) throw new CronError(`beginning of range (${start}) below minimum (${b.min}): ${expr}`);
  if (end > b.max) throw new CronError(`end of range (${end}) above maximum (${b.max}): ${expr}`);
  if (start > end) throw new CronError(`beginning of range (${start}) beyond end of range (${end}): ${expr}`);
  if (step === 0) throw new CronError(`step of range should be a positive number: ${expr}`);
}

function checkField(field: string, b: Bounds): void {
  for (const expr of field.split(',')) if (expr !== '') checkRange(expr, b);
}

const descriptors = new Set(['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly']);

function checkDescriptor(spec: string): void {
  if (descriptors.has(spec)) return;
  const every = '@every ';
  if (spec.startsWith(every)) {
    const d = parseGoDuration(spec.slice(every.length));
    if (d instanceof Error) throw new CronError(`failed to parse duration ${spec}: ${d.message}`);
    return;
  }
  throw new CronError(`unrecognized descriptor: ${spec}`);
}

/** cron.ParseStandard: undefined when the schedule parses, else robfig's message. */
export function parseStandardSchedule(schedule: string): string | undefined {
  try {
    if (schedule.length === 0) throw new CronError('empty spec string');
    let spec = schedule;
    if (spec.startsWith('TZ=') || spec.startsWith('CRON_TZ=')) {
      const space = spec.indexOf(' ');
      const eq = spec.indexOf('=');
      const zone = space < 0 ? spec.slice(eq + 1) : spec.slice(eq + 1, space);
      if (space < 0 || !isValidTimeZone(zone)) throw new CronError(`provided bad location ${zone}: unknown time zone ${zone}`);
      spec = spec.slice(space).trim();
    }
    if (spec.startsWith('@')) {
      checkDescriptor(spec);
      return undefined;
    }
    const fields = spec.split(/\s+/).filter((f) => f !== '');
    if (fields.length !== 5) throw new CronError(`expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]`);
    checkField(fields[0]!, minutes);
    checkField(fields[1]!, hours);
    checkField(fields[2]!, dom);
    checkField(fields[3]!, months);
    checkField(fields[4]!, dow);
    return undefined;
  } catch (e) {
    if (e instanceof CronError) return e.message;
    throw e;
  }
}
