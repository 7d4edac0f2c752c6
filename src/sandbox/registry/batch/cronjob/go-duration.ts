// Go's time.ParseDuration, as robfig/cron parses `@every <duration>`: the same grammar and the
// same error strings.
import { goQuote } from '../../../../apimachinery/go-format.ts';

const units: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, 'μs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Milliseconds, or an Error with Go's message. */
export function parseGoDuration(input: string): number | Error {
  const orig = input;
  let s = input;
  let sign = 1;
  if (s.startsWith('-') || s.startsWith('+')) {
    if (s[0] === '-') sign = -1;
    s = s.slice(1);
  }
  if (s === '0') return 0;
  if (s === '') return new Error(`time: invalid duration ${goQuote(orig)}`);
  let total = 0;
  while (s !== '') {
    const num = /^(\d*)(?:\.(\d*))?/.exec(s)!;
    if (num[0] === '' || num[0] === '.') return new Error(`time: invalid duration ${goQuote(orig)}`);
    s = s.slice(num[0].length);
    const unit = /^[^\d.]*/.exec(s)![0];
    if (unit === '') return new Error(`time: missing unit in duration ${goQuote(orig)}`);
    const factor = units[unit];
    if (factor === undefined) return new Error(`time: unknown unit ${goQuote(unit)} in duration ${goQuote(orig)}`);
    s = s.slice(unit.length);
    total += Number(`${num[1] || '0'}.${num[2] ?? ''}0`) * factor;
  }
  return sign * total;
}
