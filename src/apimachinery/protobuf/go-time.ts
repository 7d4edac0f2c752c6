// How Go's JSON encoder writes the apimachinery time types: metav1.Time as RFC 3339 with whole
// seconds, metav1.MicroTime with exactly six fractional digits (truncated, not rounded), both
// in UTC, and metav1.Duration as time.Duration.String() ("1h0m0s", "1.5s", "300ms", "0s").
import { ProtobufError } from './wire-reader.ts';

/** Seconds of Go's zero time.Time (0001-01-01T00:00:00Z) since the Unix epoch. */
export const GO_ZERO_TIME_SECONDS = -62135596800n;

const NANOS_PER_SECOND = 1_000_000_000n;

/** time.Unix(seconds, nanos) normalized, or undefined for Go's zero time (which encodes as null). */
function normalize(seconds: bigint, nanos: bigint): { seconds: bigint; nanos: bigint } | undefined {
  let s = seconds + nanos / NANOS_PER_SECOND;
  let n = nanos % NANOS_PER_SECOND;
  if (n < 0n) {
    n += NANOS_PER_SECOND;
    s -= 1n;
  }
  if (s === GO_ZERO_TIME_SECONDS && n === 0n) return undefined;
  return { seconds: s, nanos: n };
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function dateTime(seconds: bigint): string {
  const ms = Number(seconds) * 1000;
  const d = new Date(ms);
  const year = d.getUTCFullYear();
  if (!Number.isFinite(ms) || Number.isNaN(d.getTime()) || year < 0 || year > 9999) {
    throw new ProtobufError('Time.MarshalJSON: year outside of range [0,9999]');
  }
  return `${pad(year, 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}T${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}`;
}

/** metav1.Time: `2026-01-02T03:04:05Z`; undefined for the zero time. */
export function formatTime(seconds: bigint, nanos: bigint): string | undefined {
  const t = normalize(seconds, nanos);
  return t && `${dateTime(t.seconds)}Z`;
}

/** metav1.MicroTime: `2026-01-02T03:04:05.123456Z`; undefined for the zero time. */
export function formatMicroTime(seconds: bigint, nanos: bigint): string | undefined {
  const t = normalize(seconds, nanos);
  return t && `${dateTime(t.seconds)}.${pad(Number(t.nanos / 1000n), 6)}Z`;
}

/** The fraction v / 10**prec without trailing zeros (and without the dot when it is 0). */
function fraction(v: bigint, prec: number): { text: string; rest: bigint } {
  let digits = '';
  let print = false;
  for (let i = 0; i < prec; i++) {
    const digit = v % 10n;
    print ||= digit !== 0n;
    if (print) digits = digit.toString() + digits;
    v /= 10n;
  }
  return { text: print ? `.${digits}` : '', rest: v };
}

/** Go's time.Duration.String for a duration in nanoseconds (an int64). */
export function formatDuration(nanoseconds: bigint): string {
  const d = BigInt.asIntN(64, nanoseconds);
  const neg = d < 0n;
  let u = BigInt.asUintN(64, neg ? -d : d);
  let out: string;
  if (u < NANOS_PER_SECOND) {
    if (u === 0n) return '0s';
    let unit: string;
    let prec: number;
    if (u < 1000n) {
      unit = 'ns';
      prec = 0;
    } else if (u < 1_000_000n) {
      unit = 'µs';
      prec = 3;
    } else {
      unit = 'ms';
      prec = 6;
    }
    const f = fraction(u, prec);
    out = `${f.rest}${f.text}${unit}`;
  } else {
    const f = fraction(u, 9);
    u = f.rest;
    out = `${u % 60n}${f.text}s`;
    u /= 60n;
    if (u > 0n) {
      out = `${u % 60n}m${out}`;
      u /= 60n;
      if (u > 0n) out = `${u}h${out}`;
    }
  }
  return neg ? `-${out}` : out;
}
