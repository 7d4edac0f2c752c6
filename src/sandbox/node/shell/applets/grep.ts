// grep/egrep/fgrep: -i -v -c -q -E -F -n -l -L -o -w -x -h -H -s -r -e PATTERN. Status 0 when a
// line matched, 1 when none did, 2 on an error. Matching uses the linear-time engine of regex.ts.
import { joinPath } from '../../fs/path.ts';
import type { Applet } from '../command.ts';
import { errText } from '../command.ts';
import type { Program } from '../regex.ts';
import { RegexError, execRegex, parseRegex } from '../regex.ts';
import { lines, parseOpts, readInput } from './util.ts';

function escapeRe(s: string): string {
  return s.replace(/[\\.[\]*^$+?(){}|]/g, '\\$&');
}

export const grep: Applet = async (io) => {
  const name = io.argv[0].replace(/^.*\//, '');
  const o = parseOpts(io, io.argv.slice(1), 'ivcqEFnlLowxhHsre:f:m:A:B:C:', { 'ignore-case': 'i', 'invert-match': 'v', count: 'c', quiet: 'q', silent: 'q', 'extended-regexp': 'E', 'fixed-strings': 'F', 'line-number': 'n', recursive: 'r', regexp: 'e' });
  if (!o) return 2;
  const args = [...o.args];
  let patterns = o.flags.get('e') ?? [];
  if (!patterns.length) {
    const p = args.shift();
    if (p === undefined) {
      await io.stderr.write('BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: grep [-HhnlLoqvsrRiwFExz] [-m N] [-A|B|C N] { PATTERN | -e PATTERN... | -f FILE... } [FILE]...\n');
      return 2;
    }
    patterns = [p];
  }
  patterns = patterns.flatMap((p) => p.split('\n'));
  const fixed = o.has('F') || name === 'fgrep';
  const extended = o.has('E') || name === 'egrep';
  let progs: Program[];
  try {
    progs = patterns.map((p) => {
      let src = fixed ? escapeRe(p) : p;
      const ere = extended || fixed;
      if (o.has('w')) src = ere ? `(^|[^[:alnum:]_])(${src})([^[:alnum:]_]|$)` : `\\(^\\|[^[:alnum:]_]\\)\\(${src}\\)\\([^[:alnum:]_]\\|$\\)`;
      if (o.has('x')) src = ere ? `^(${src})$` : `^\\(${src}\\)$`;
      return parseRegex(src, { extended: ere, icase: o.has('i') });
    });
  } catch (e) {
    await io.err(`bad regex '${patterns[0]}': ${e instanceof RegexError ? e.message : String(e)}`);
    return 2;
  }
  const files: string[] = [];
  let status = 1;
  let errors = false;
  const walk = (p: string, shown: string) => {
    try {
      if (io.fs.stat(p).type === 'dir') {
        for (const e of io.fs.readDir(p).sort((a, b) => (a.name < b.name ? -1 : 1))) walk(joinPath(p, e.name), joinPath(shown, e.name));
        return;
      }
    } catch {
      // reported when read
    }
    files.push(shown);
  };
  for (const a of args.length ? args : o.has('r') ? ['.'] : ['-']) {
    if (o.has('r') && a !== '-') walk(io.path(a), a);
    else files.push(a);
  }
  const showNames = (files.length > 1 || o.has('r') || o.has('H')) && !o.has('h');
  const max = o.last('m') !== undefined ? Number(o.last('m')) : Infinity;
  for (const f of files) {
    let text: string;
    try {
      text = await readInput(io, f);
    } catch (e) {
      if (!o.has('s')) await io.err(`${f}: ${errText(e)}`);
      errors = true;
      continue;
    }
    const shown = f === '-' ? '(standard input)' : f;
    let count = 0;
    let out = '';
    const all = lines(text);
    for (let i = 0; i < all.length && count < max; i++) {
      const line = all[i];
      let m: number[] | null = null;
      for (const p of progs) if ((m = execRegex(p, line))) break;
      if (!!m === o.has('v')) continue;
      count++;
      status = 0;
      if (o.has('q')) return 0;
      if (o.has('l') || o.has('L') || o.has('c')) continue;
      const prefix = (showNames ? `${shown}:` : '') + (o.has('n') ? `${i + 1}:` : '');
      if (o.has('o') && m) {
        for (let pos = 0; pos <= line.length; ) {
          let best: number[] | null = null;
          for (const p of progs) {
            const r = execRegex(p, line, pos);
            if (r && (!best || r[0] < best[0])) best = r;
          }
          if (!best) break;
          if (best[1] > best[0]) out += prefix + line.slice(best[0], best[1]) + '\n';
          pos = best[1] > best[0] ? best[1] : best[0] + 1;
        }
      } else out += prefix + line + '\n';
      if (out.length > 16384) {
        await io.out(out);
        out = '';
      }
    }
    if (o.has('c')) out += (showNames ? `${shown}:` : '') + count + '\n';
    if (o.has('l') && count) out += shown + '\n';
    if (o.has('L') && !count) out += shown + '\n';
    await io.out(out);
  }
  if (o.has('L')) status = status === 0 ? 1 : 0;
  return errors && !(o.has('q') && status === 0) ? 2 : status;
};

