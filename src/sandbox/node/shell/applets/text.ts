// Line-oriented text filters: cut, tr, sort, uniq.
import type { Applet } from '../command.ts';
import { errText } from '../command.ts';
import { lines, parseOpts, perror, readInput } from './util.ts';

function parseList(spec: string): ((n: number) => boolean) | undefined {
  const ranges: [number, number][] = [];
  for (const part of spec.split(',')) {
    const m = /^(\d*)(-?)(\d*)$/.exec(part);
    if (!m || (!m[1] && !m[3])) return undefined;
    const a = m[1] ? Number(m[1]) : 1;
    const b = m[2] ? (m[3] ? Number(m[3]) : Infinity) : a;
    ranges.push([a, b]);
  }
  return (n) => ranges.some(([a, b]) => n >= a && n <= b);
}

export const cut: Applet = async (io) => {
  const o = parseOpts(io, io.argv.slice(1), 'd:f:c:b:s', { delimiter: 'd', fields: 'f', characters: 'c', bytes: 'b', 'only-delimited': 's' });
  if (!o) return 1;
  const spec = o.last('f') ?? o.last('c') ?? o.last('b');
  if (spec === undefined) {
    await io.err('expected a list of bytes, characters, or fields');
    return 1;
  }
  const sel = parseList(spec);
  if (!sel) {
    await io.err(`invalid range`);
    return 1;
  }
  const delim = o.last('d') ?? '\t';
  let status = 0;
  for (const f of o.args.length ? o.args : ['-']) {
    let text: string;
    try {
      text = await readInput(io, f);
    } catch (e) {
      status = await perror(io, f, e);
      continue;
    }
    let out = '';
    for (const line of lines(text)) {
      if (o.has('f')) {
        if (!line.includes(delim)) {
          if (!o.has('s')) out += line + '\n';
          continue;
        }
        out += line.split(delim).filter((_, i) => sel(i + 1)).join(delim) + '\n';
      } else out += [...line].filter((_, i) => sel(i + 1)).join('') + '\n';
    }
    await io.out(out);
  }
  return status;
};

const CLASSES: Record<string, string> = {
  upper: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  lower: 'abcdefghijklmnopqrstuvwxyz',
  digit: '0123456789',
  space: ' \t\n\r\f\v',
  blank: ' \t',
  punct: '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~',
};
CLASSES.alpha = CLASSES.upper + CLASSES.lower;
CLASSES.alnum = CLASSES.alpha + CLASSES.digit;
CLASSES.xdigit = '0123456789ABCDEFabcdef';

function expandSet(s: string): string {
  let out = '';
  const unesc = (i: number): [string, number] => {
    if (s[i] !== '\\' || i + 1 >= s.length) return [s[i], i + 1];
    const n = s[i + 1];
    const map: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', a: '\x07', b: '\b', f: '\f', v: '\v' };
    if (/[0-7]/.test(n)) {
      const m = /^[0-7]{1,3}/.exec(s.slice(i + 1))!;
      return [String.fromCharCode(parseInt(m[0], 8)), i + 1 + m[0].length];
    }
    return [map[n] ?? n, i + 2];
  };
  for (let i = 0; i < s.length; ) {
    const cls = /^\[:(\w+):\]/.exec(s.slice(i));
    if (cls && CLASSES[cls[1]]) {
      out += CLASSES[cls[1]];
      i += cls[0].length;
      continue;
    }
    const [c, j] = unesc(i);
    if (s[j] === '-' && j + 1 < s.length) {
      const [d, k] = unesc(j + 1);
      for (let x = c.charCodeAt(0); x <= d.charCodeAt(0); x++) out += String.fromCharCode(x);
      i = k;
      continue;
    }
    out += c;
    i = j;
  }
  return out;
}

export const tr: Applet = async (io) => {
  const o = parseOpts(io, io.argv.slice(1), 'dscC');
  if (!o) return 1;
  if (!o.args.length) {
    await io.stderr.write('BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: tr [-cds] STRING1 [STRING2]\n');
    return 1;
  }
  let set1 = expandSet(o.args[0]);
  const set2 = o.args[1] !== undefined ? expandSet(o.args[1]) : '';
  const complement = o.has('c') || o.has('C');
  const in1 = (c: string) => set1.includes(c) !== complement;
  if (complement && !o.has('d')) set1 = '';
  for (let c = await io.stdin.read(); c !== undefined; c = await io.stdin.read()) {
    let out = '';
    let last = '';
    for (const ch of c) {
      let r = ch;
      if (o.has('d')) {
        if (in1(ch)) continue;
      } else if (o.args[1] !== undefined && in1(ch)) {
        const idx = complement ? set2.length - 1 : set1.indexOf(ch);
        r = set2[Math.min(idx, set2.length - 1)] ?? ch;
      }
      const squeezeSet = o.args[1] !== undefined && !o.has('d') ? set2 : set1;
      if (o.has('s') && r === last && squeezeSet.includes(r)) continue;
      out += r;
      last = r;
    }
    await io.out(out);
  }
  return 0;
};

export const sort: Applet = async (io) => {
  const o = parseOpts(io, io.argv.slice(1), 'nrufk:t:bsghVcmo:', { numeric: 'n', reverse: 'r', unique: 'u', key: 'k', 'field-separator': 't' });
  if (!o) return 1;
  let all: string[] = [];
  for (const f of o.args.length ? o.args : ['-']) {
    try {
      all.push(...lines(await readInput(io, f)));
    } catch (e) {
      await io.err(`${f}: ${errText(e)}`);
      return 2;
    }
  }
  const sep = o.last('t');
  const keySpec = o.last('k');
  const keyOf = (line: string): string => {
    if (!keySpec) return line;
    const m = /^(\d+)(?:\.\d+)?[a-z]*(?:,(\d+)(?:\.\d+)?[a-z]*)?$/.exec(keySpec);
    if (!m) return line;
    const fields = sep !== undefined ? line.split(sep) : line.trim().split(/\s+/);
    const a = Number(m[1]) - 1;
    const b = m[2] ? Number(m[2]) : fields.length;
    return fields.slice(a, b).join(sep ?? ' ');
  };
  const numeric = o.has('n') || o.has('g') || o.has('h') || /n/.test(keySpec ?? '');
  const cmp = (a: string, b: string): number => {
    let ka = keyOf(a);
    let kb = keyOf(b);
    if (o.has('f')) {
      ka = ka.toUpperCase();
      kb = kb.toUpperCase();
    }
    if (numeric) {
      const na = parseFloat(ka) || 0;
      const nb = parseFloat(kb) || 0;
      if (na !== nb) return na - nb;
      if (o.has('s') || o.has('u')) return 0;
    }
    if (!numeric && ka !== kb) return ka < kb ? -1 : 1;
    if (o.has('s') || o.has('u')) return 0;
    return a < b ? -1 : a > b ? 1 : 0;
  };
  all.sort(cmp);
  if (o.has('r')) all.reverse();
  if (o.has('u')) all = all.filter((l, i) => i === 0 || cmp(all[i - 1], l) !== 0);
  const out = all.map((l) => l + '\n').join('');
  const target = o.last('o');
  if (target) io.fs.writeFile(io.path(target), out);
  else await io.out(out);
  return 0;
};

export const uniq: Applet = async (io) => {
  const o = parseOpts(io, io.argv.slice(1), 'cdui');
  if (!o) return 1;
  let text: string;
  try {
    text = await readInput(io, o.args[0]);
  } catch (e) {
    return perror(io, o.args[0] ?? '-', e);
  }
  const all = lines(text);
  const groups: { line: string; n: number }[] = [];
  for (const l of all) {
    const g = groups[groups.length - 1];
    if (g && (o.has('i') ? g.line.toLowerCase() === l.toLowerCase() : g.line === l)) g.n++;
    else groups.push({ line: l, n: 1 });
  }
  let out = '';
  for (const g of groups) {
    if (o.has('d') && g.n < 2) continue;
    if (o.has('u') && g.n > 1) continue;
    out += (o.has('c') ? `${String(g.n).padStart(7)} ` : '') + g.line + '\n';
  }
  if (o.args[1]) io.fs.writeFile(io.path(o.args[1]), out);
  else await io.out(out);
  return 0;
};
