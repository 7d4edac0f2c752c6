// sed: a script of commands with addresses (N, $, /re/, ranges A,B) — s/re/replacement/[gpNI],
// d, p, q, y/abc/xyz/, a/i/c text, = — options -n, -e, -E/-r, -i (in place). The regular
// expressions are regex.ts's (BRE by default, ERE with -E).
import type { Applet } from '../command.ts';
import { errText } from '../command.ts';
import type { Program } from '../regex.ts';
import { RegexError, execRegex, parseRegex } from '../regex.ts';
import { lines, parseOpts, readInput } from './util.ts';

type Addr = { k: 'line'; n: number } | { k: 'last' } | { k: 're'; re: Program };
interface Cmd {
  a1?: Addr;
  a2?: Addr;
  negate: boolean;
  name: string;
  re?: Program;
  rep?: string;
  global?: boolean;
  nth?: number;
  print?: boolean;
  text?: string;
  from?: string;
  to?: string;
  inRange?: boolean;
}

class SedError extends Error {}

function parseScript(src: string, ere: boolean): Cmd[] {
  const cmds: Cmd[] = [];
  let i = 0;
  const ws = () => {
    while (i < src.length && /[ \t]/.test(src[i])) i++;
  };
  const delimited = (delim: string): string => {
    let out = '';
    while (i < src.length && src[i] !== delim) {
      if (src[i] === '\\' && i + 1 < src.length) {
        if (src[i + 1] === delim) out += delim;
        else if (src[i + 1] === 'n') out += '\n';
        else out += src[i] + src[i + 1];
        i += 2;
        continue;
      }
      out += src[i++];
    }
    if (src[i] !== delim) throw new SedError(`unterminated \`s' command`);
    i++;
    return out;
  };
  const addr = (): Addr | undefined => {
    if (/\d/.test(src[i] ?? '')) {
      const m = /^\d+/.exec(src.slice(i))!;
      i += m[0].length;
      return { k: 'line', n: Number(m[0]) };
    }
    if (src[i] === '$') {
      i++;
      return { k: 'last' };
    }
    if (src[i] === '/' || src[i] === '\\') {
      const d = src[i] === '\\' ? src[++i] : '/';
      i++;
      return { k: 're', re: parseRegex(delimited(d), { extended: ere }) };
    }
    return undefined;
  };
  while (i < src.length) {
    ws();
    if (src[i] === ';' || src[i] === '\n') {
      i++;
      continue;
    }
    if (i >= src.length) break;
    const cmd: Cmd = { negate: false, name: '' };
    cmd.a1 = addr();
    if (cmd.a1 && src[i] === ',') {
      i++;
      cmd.a2 = addr();
    }
    ws();
    if (src[i] === '!') {
      cmd.negate = true;
      i++;
      ws();
    }
    const c = src[i++];
    if (c === undefined) throw new SedError('missing command');
    cmd.name = c;
    if (c === 's') {
      const d = src[i++];
      cmd.re = parseRegex(delimited(d), { extended: ere });
      cmd.rep = delimited(d);
      while (i < src.length && /[gpI0-9]/.test(src[i])) {
        const f = src[i++];
        if (f === 'g') cmd.global = true;
        else if (f === 'p') cmd.print = true;
        else if (/\d/.test(f)) cmd.nth = Number(f);
      }
    } else if (c === 'y') {
      const d = src[i++];
      cmd.from = delimited(d);
      cmd.to = delimited(d);
    } else if (c === 'a' || c === 'i' || c === 'c') {
      if (src[i] === '\\') i++;
      if (src[i] === '\n') i++;
      ws();
      let t = '';
      while (i < src.length && src[i] !== '\n') t += src[i++];
      cmd.text = t;
    } else if (!'dpqQ=nNhHgGxl{}'.includes(c)) {
      throw new SedError(`unsupported command ${c}`);
    }
    cmds.push(cmd);
  }
  return cmds;
}

function substitute(line: string, cmd: Cmd): { text: string; changed: boolean } {
  let out = '';
  let pos = 0;
  let n = 0;
  let changed = false;
  while (pos <= line.length) {
    const m = execRegex(cmd.re!, line, pos);
    if (!m) break;
    n++;
    const empty = m[1] === m[0];
    if (!cmd.nth || n >= cmd.nth) {
      out += line.slice(pos, m[0]) + expand(cmd.rep!, line, m);
      changed = true;
      pos = m[1];
      if (!cmd.global) break;
    } else {
      out += line.slice(pos, m[1]);
      pos = m[1];
    }
    if (empty) {
      if (pos < line.length) out += line[pos];
      pos++;
    }
  }
  return { text: changed ? out + line.slice(pos) : line, changed };
}

function expand(rep: string, line: string, m: number[]): string {
  let out = '';
  for (let i = 0; i < rep.length; i++) {
    const c = rep[i];
    if (c === '&') out += line.slice(m[0], m[1]);
    else if (c === '\\' && i + 1 < rep.length) {
      const n = rep[++i];
      if (/\d/.test(n)) {
        const g = Number(n);
        if (m[2 * g] >= 0) out += line.slice(m[2 * g], m[2 * g + 1]);
      } else if (n === 'n') out += '\n';
      else if (n === 't') out += '\t';
      else out += n;
    } else out += c;
  }
  return out;
}

export const sed: Applet = async (io) => {
  const o = parseOpts(io, io.argv.slice(1), 'ne:f:Eri', { quiet: 'n', silent: 'n', expression: 'e', 'regexp-extended': 'E', 'in-place': 'i' });
  if (!o) return 1;
  const args = [...o.args];
  let scripts = o.flags.get('e') ?? [];
  if (!scripts.length) {
    const s = args.shift();
    if (s === undefined) {
      await io.stderr.write('BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: sed [-i[SFX]] [-nrE] [-f FILE]... [-e CMD]... [FILE]...\n');
      return 1;
    }
    scripts = [s];
  }
  let cmds: Cmd[];
  try {
    cmds = parseScript(scripts.join('\n'), o.has('E') || o.has('r'));
  } catch (e) {
    await io.err(`-e expression #1, char 0: ${e instanceof RegexError || e instanceof SedError ? e.message : String(e)}`);
    return 1;
  }
  const files = args.length ? args : ['-'];
  let status = 0;
  const run = async (text: string, emit: (s: string) => Promise<void>): Promise<boolean> => {
    const all = lines(text);
    const matches = (a: Addr, ln: number, line: string) => (a.k === 'line' ? ln === a.n : a.k === 'last' ? ln === all.length : !!execRegex(a.re, line));
    for (let idx = 0; idx < all.length; idx++) {
      let line = all[idx];
      const ln = idx + 1;
      let deleted = false;
      let append = '';
      let quit = false;
      for (const cmd of cmds) {
        let sel = true;
        if (cmd.a1 && !cmd.a2) sel = matches(cmd.a1, ln, line);
        else if (cmd.a1 && cmd.a2) {
          if (!cmd.inRange) {
            if (matches(cmd.a1, ln, line)) {
              cmd.inRange = !(cmd.a2.k === 'line' && cmd.a2.n <= ln);
              sel = true;
            } else sel = false;
          } else {
            sel = true;
            if (matches(cmd.a2, ln, line)) cmd.inRange = false;
          }
        }
        if (cmd.negate) sel = !sel;
        if (!sel) continue;
        switch (cmd.name) {
          case 's': {
            const r = substitute(line, cmd);
            line = r.text;
            if (r.changed && cmd.print) await emit(line + '\n');
            break;
          }
          case 'y':
            line = [...line].map((ch) => (cmd.from!.includes(ch) ? cmd.to![cmd.from!.indexOf(ch)] ?? ch : ch)).join('');
            break;
          case 'd':
            deleted = true;
            break;
          case 'p':
            await emit(line + '\n');
            break;
          case '=':
            await emit(`${ln}\n`);
            break;
          case 'a':
            append += cmd.text + '\n';
            break;
          case 'i':
            await emit(cmd.text + '\n');
            break;
          case 'c':
            if (!cmd.a2 || !cmd.inRange) await emit(cmd.text + '\n');
            deleted = true;
            break;
          case 'q':
            quit = true;
            break;
          case 'Q':
            return true;
        }
        if (deleted || quit) break;
      }
      if (!deleted && !o.has('n')) await emit(line + '\n');
      if (append) await emit(append);
      if (quit) return true;
    }
    return false;
  };
  for (const f of files) {
    let text: string;
    try {
      text = await readInput(io, f);
    } catch (e) {
      await io.err(`${f}: ${errText(e)}`);
      status = 1;
      continue;
    }
    if (o.has('i') && f !== '-') {
      let out = '';
      await run(text, async (s) => {
        out += s;
      });
      io.fs.writeFile(io.path(f), out);
      continue;
    }
    let buf = '';
    const quit = await run(text, async (s) => {
      buf += s;
      if (buf.length > 16384) {
        await io.out(buf);
        buf = '';
      }
    });
    await io.out(buf);
    if (quit) break;
  }
  return status;
};
