// Wall-clock time in an IANA time zone, from the runtime's ICU data (no network), with Go's
// semantics where the CronJob controller relies on them: time.Date resolving a wall time that a
// DST change skips or repeats, and AddDate normalising overflowing fields.

export interface WallTime {
  year: number;
  /** 1-12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday */
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** The wall time at instant `ms` (whole seconds) in `zone`. */
export function wallTime(ms: number, zone: string): WallTime {
  if (zone === 'UTC') {
    const d = new Date(ms);
    return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds(), weekday: d.getUTCDay() };
  }
  const parts: Record<string, number> = {};
  for (const p of formatter(zone).formatToParts(new Date(ms))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const { year, month, day, hour, minute, second } = parts as Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number>;
  return { year, month, day, hour, minute, second, weekday: new Date(Date.UTC(year, month - 1, day)).getUTCDay() };
}

/** The zone's offset from UTC at instant `ms`, in ms. */
export function zoneOffset(ms: number, zone: string): number {
  if (zone === 'UTC') return 0;
  const w = wallTime(ms, zone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - (ms - (((ms % 1000) + 1000) % 1000));
}

/**
 * Go's time.Date in `zone`: fields may overflow (day 32 is the 1st of the next month); a wall
 * time that does not exist or exists twice takes the offset in force just before the change.
 */
export function fromWall(year: number, month: number, day: number, hour: number, minute: number, second: number, zone: string): number {
  const unix = Date.UTC(year, month - 1, day, hour, minute, second);
  if (zone === 'UTC') return unix;
  const offset = zoneOffset(unix - zoneOffset(unix, zone), zone);
  return unix - offset;
}

/** RFC 3339 with the zone's offset (`2026-03-08T03:00:00-04:00`, `...Z` for UTC), as Go formats it. */
export function formatRFC3339(ms: number, zone: string): string {
  const off = zoneOffset(ms, zone);
  const w = wallTime(ms, zone);
  const p2 = (n: number) => String(n).padStart(2, '0');
  const base = `${String(w.year).padStart(4, '0')}-${p2(w.month)}-${p2(w.day)}T${p2(w.hour)}:${p2(w.minute)}:${p2(w.second)}`;
  if (off === 0) return `${base}Z`;
  const sign = off < 0 ? '-' : '+';
  const abs = Math.abs(off) / 60_000;
  return `${base}${sign}${p2(Math.floor(abs / 60))}:${p2(abs % 60)}`;
}
