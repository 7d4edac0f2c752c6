// printf: the format is reused until the arguments are consumed; %b, %c, %d/%i, %o, %u, %x/%X,
// %e/%f/%g, %s with flags, width and precision (`*` taken from the arguments). Invalid numbers
// are reported and count as 0, as busybox does (status 1).
import type { Applet } from '../command.ts';
import { unescape } from './echo.ts';

export const printf: Applet = async (io) => {
  const [format, ...args] = io.argv.slice(1);
  if (format === undefined) {
    await io.stderr.write(`${'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.'}\n\nUsage: printf FORMAT [ARG]...\n`);
    return 1;
  }
  let status = 0;
  let out = '';
  let ai = 0;
  const next = () => (ai < args.length ? args[ai++] : undefined);
  const num = async (v: string | undefined, float: boolean): Promise<number> => {
    if (v === undefined || v === '') return 0;
    if (/^['"]/.test(v)) return v.length > 1 ? v.codePointAt(1)! : 0;
    const t = v.trim();
    const n = float ? Number(t) : /^[-+]?0[xX][0-9a-fA-F]+$/.test(t) ? parseInt(t, 16) : /^[-+]?0[0-7]+$/.test(t) ? parseInt(t, 8) : /^[-+]?\d+$/.test(t) ? Number(t) : NaN;
    if (Number.isNaN(n)) {
      await io.err(`invalid number '${v}'`);
      status = 1;
      return 0;
    }
    return n;
  };
  for (;;) {
    const startAi = ai;
    let stop = false;
    for (let i = 0; i < format.length; i++) {
      const c = format[i];
      if (c === '\\') {
        const m = /^\\([0-7]{1,3}|x[0-9a-fA-F]{1,2}|.)/.exec(format.slice(i));
        const r = unescape(m![0], false);
        out += r.text;
        i += m![0].length - 1;
        continue;
      }
      if (c !== '%') {
        out += c;
        continue;
      }
      const m = /^%([-+ #0]*)(\*|\d+)?(?:\.(\*|\d*))?([a-zA-Z%])/.exec(format.slice(i));
      if (!m) {
        await io.err(`${format.slice(i)}: invalid format`);
        await io.out(out);
        return 1;
      }
      i += m[0].length - 1;
      const [, flags, w, p, conv] = m;
      if (conv === '%') {
        out += '%';
        continue;
      }
      const width = w === '*' ? await num(next(), false) : w ? Number(w) : undefined;
      const prec = p === '*' ? await num(next(), false) : p !== undefined ? Number(p || '0') : undefined;
      let s: string;
      switch (conv) {
        case 's':
          s = next() ?? '';
          if (prec !== undefined) s = s.slice(0, prec);
          break;
        case 'b': {
          const r = unescape(next() ?? '', true);
          s = r.text;
          if (r.stop) stop = true;
          break;
        }
        case 'c':
          s = (next() ?? '').slice(0, 1);
          break;
        case 'd':
        case 'i':
        case 'u': {
          const v = Math.trunc(await num(next(), false));
          s = String(Math.abs(v));
          if (prec !== undefined) s = s.padStart(prec, '0');
          s = (v < 0 ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '') + s;
          break;
        }
        case 'o':
        case 'x':
        case 'X': {
          const v = Math.trunc(await num(next(), false));
          const u = v < 0 ? BigInt.asUintN(64, BigInt(v)) : BigInt(v);
          s = u.toString(conv === 'o' ? 8 : 16);
          if (conv === 'X') s = s.toUpperCase();
          if (flags.includes('#') && v !== 0) s = (conv === 'o' ? '0' : conv === 'x' ? '0x' : '0X') + s;
          if (prec !== undefined) s = s.padStart(prec, '0');
          break;
        }
        case 'f':
        case 'F':
        case 'e':
        case 'E':
        case 'g':
        case 'G': {
          const v = await num(next(), true);
          const pr = prec ?? 6;
          if (conv === 'f' || conv === 'F') s = v.toFixed(pr);
          else if (conv === 'e' || conv === 'E') s = v.toExponential(pr).replace(/e([+-])(\d)$/, 'e$10$2');
          else s = String(Number(v.toPrecision(pr || 1)));
          if (conv === 'E' || conv === 'G') s = s.toUpperCase();
          if (v >= 0 && flags.includes('+')) s = '+' + s;
          break;
        }
        default:
          await io.err(`%${conv}: invalid format`);
          await io.out(out);
          return 1;
      }
      if (width !== undefined && s.length < width) {
        if (flags.includes('-')) s = s.padEnd(width);
        else if (flags.includes('0') && /[diouxXfFeEgG]/.test(conv)) {
          const sign = /^[-+ ]/.test(s) ? s[0] : '';
          s = sign + s.slice(sign.length).padStart(width - sign.length, '0');
        } else s = s.padStart(width);
      }
      out += s;
      if (stop) break;
    }
    if (stop || ai >= args.length || ai === startAi) break;
  }
  await io.out(out);
  return status;
};
