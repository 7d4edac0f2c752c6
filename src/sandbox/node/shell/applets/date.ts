// date in UTC on the simulated clock: `Thu Jan  1 00:00:00 UTC 2026`, +FORMAT (strftime), -u,
// -d @SECONDS / -d 'YYYY-MM-DD hh:mm:ss', -I[date|seconds], -R.
import type { Applet } from '../command.ts';
import { DAYS, MONTHS, p2 } from './util.ts';

const LONG_DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const LONG_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function strftime(fmt: string, ms: number): string {
  const d = new Date(ms);
  const Y = d.getUTCFullYear();
  const H = d.getUTCHours();
  const jan1 = Date.UTC(Y, 0, 1);
  const yday = Math.floor((ms - jan1) / 86_400_000) + 1;
  const s = (c: string): string => {
    switch (c) {
      case 'Y': return String(Y);
      case 'y': return p2(Y % 100);
      case 'C': return p2(Math.floor(Y / 100));
      case 'm': return p2(d.getUTCMonth() + 1);
      case 'd': return p2(d.getUTCDate());
      case 'e': return String(d.getUTCDate()).padStart(2);
      case 'H': return p2(H);
      case 'k': return String(H).padStart(2);
      case 'I': return p2(H % 12 || 12);
      case 'l': return String(H % 12 || 12).padStart(2);
      case 'M': return p2(d.getUTCMinutes());
      case 'S': return p2(d.getUTCSeconds());
      case 'N': return String(d.getUTCMilliseconds() * 1_000_000).padStart(9, '0');
      case 's': return String(Math.floor(ms / 1000));
      case 'a': return DAYS[d.getUTCDay()];
      case 'A': return LONG_DAYS[d.getUTCDay()];
      case 'b': case 'h': return MONTHS[d.getUTCMonth()];
      case 'B': return LONG_MONTHS[d.getUTCMonth()];
      case 'p': return H < 12 ? 'AM' : 'PM';
      case 'P': return H < 12 ? 'am' : 'pm';
      case 'j': return String(yday).padStart(3, '0');
      case 'u': return String(d.getUTCDay() || 7);
      case 'w': return String(d.getUTCDay());
      case 'Z': return 'UTC';
      case 'z': return '+0000';
      case 'T': return `${p2(H)}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
      case 'R': return `${p2(H)}:${p2(d.getUTCMinutes())}`;
      case 'D': return `${p2(d.getUTCMonth() + 1)}/${p2(d.getUTCDate())}/${p2(Y % 100)}`;
      case 'F': return `${Y}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())}`;
      case 'c': return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2)} ${s('T')} ${Y}`;
      case 'x': return s('D');
      case 'X': return s('T');
      case 'n': return '\n';
      case 't': return '\t';
      case '%': return '%';
    }
    return '%' + c;
  };
  return fmt.replace(/%([a-zA-Z%])/g, (_, c: string) => s(c));
}

export const date: Applet = async (io) => {
  const args = io.argv.slice(1);
  let ms = io.ctx.now();
  let format = '%a %b %e %H:%M:%S %Z %Y';
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-u' || a === '--utc') continue;
    if (a === '-d' || a.startsWith('--date=') || (a.startsWith('-d') && a.length > 2)) {
      const v = a === '-d' ? args[++i] : a.startsWith('--date=') ? a.slice(7) : a.slice(2);
      const t = v?.startsWith('@') ? Number(v.slice(1)) * 1000 : Date.parse(/Z|[+-]\d\d:?\d\d$/.test(v ?? '') ? v : (v ?? '').replace(' ', 'T') + (v?.includes(':') ? 'Z' : 'T00:00:00Z'));
      if (v === undefined || Number.isNaN(t)) {
        await io.err(`invalid date '${v}'`);
        return 1;
      }
      ms = t;
    } else if (a === '-R') format = '%a, %d %b %Y %H:%M:%S %z';
    else if (a.startsWith('-I')) format = a === '-I' || a === '-Idate' ? '%Y-%m-%d' : a === '-Iminutes' ? '%Y-%m-%dT%H:%M+00:00' : '%Y-%m-%dT%H:%M:%S+00:00';
    else if (a.startsWith('+')) format = a.slice(1);
    else if (a.startsWith('-')) {
      await io.err(`invalid option -- '${a[1]}'`);
      return 1;
    } else {
      await io.err("can't set date: Operation not permitted");
      return 1;
    }
  }
  await io.out(strftime(format, ms) + '\n');
  return 0;
};
