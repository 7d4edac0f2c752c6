// find PATH... with -name/-iname/-path PATTERN, -type f|d|l, -maxdepth/-mindepth N, -newer F,
// -empty, -size [+-]N[ck], -perm MODE, ! / -not, -a, -o, -print, -delete, -exec CMD {} \; / +.
import { joinPath } from '../../fs/path.ts';
import type { FileStat } from '../../fs/types.ts';
import type { Applet } from '../command.ts';
import { errText } from '../command.ts';
import { patternMatch } from '../pattern.ts';

type Pred = (p: string, name: string, st: FileStat, depth: number) => Promise<boolean> | boolean;

export const find: Applet = async (io) => {
  const args = io.argv.slice(1);
  const roots: string[] = [];
  while (args.length && !args[0].startsWith('-') && args[0] !== '!' && args[0] !== '(') roots.push(args.shift()!);
  if (!roots.length) roots.push('.');
  let maxDepth = Infinity;
  let minDepth = 0;
  let printed = false;
  let i = 0;
  const execBatches: { cmd: string[]; paths: string[] }[] = [];
  const parseOr = (): Pred => {
    let left = parseAnd();
    while (args[i] === '-o' || args[i] === '-or') {
      i++;
      const l = left;
      const r = parseAnd();
      left = async (...a) => (await l(...a)) || r(...a);
    }
    return left;
  };
  const parseAnd = (): Pred => {
    let left = parseNot();
    while (i < args.length && args[i] !== '-o' && args[i] !== '-or' && args[i] !== ')') {
      if (args[i] === '-a' || args[i] === '-and') i++;
      const l = left;
      const r = parseNot();
      left = async (...a) => (await l(...a)) && r(...a);
    }
    return left;
  };
  const parseNot = (): Pred => {
    if (args[i] === '!' || args[i] === '-not') {
      i++;
      const p = parseNot();
      return async (...a) => !(await p(...a));
    }
    return primary();
  };
  const primary = (): Pred => {
    const a = args[i++];
    const val = () => {
      const v = args[i++];
      if (v === undefined) throw new Error(`missing argument to '${a}'`);
      return v;
    };
    switch (a) {
      case '(': {
        const p = parseOr();
        i++;
        return p;
      }
      case '-name': {
        const pat = val();
        return (_p, name) => patternMatch(pat, name);
      }
      case '-iname': {
        const pat = val().toLowerCase();
        return (_p, name) => patternMatch(pat, name.toLowerCase());
      }
      case '-path':
      case '-wholename': {
        const pat = val();
        return (p) => patternMatch(pat, p);
      }
      case '-type': {
        const t = val();
        return (_p, _n, st) => (t === 'f' ? st.type === 'file' : t === 'd' ? st.type === 'dir' : t === 'l' ? st.type === 'symlink' : false);
      }
      case '-maxdepth':
        maxDepth = Number(val());
        return () => true;
      case '-mindepth':
        minDepth = Number(val());
        return () => true;
      case '-empty':
        return (p, _n, st) => (st.type === 'dir' ? io.fs.readDir(io.path(p)).length === 0 : st.size === 0);
      case '-newer': {
        const ref = io.fs.stat(io.path(val())).mtime;
        return (_p, _n, st) => st.mtime > ref;
      }
      case '-size': {
        const m = /^([+-]?)(\d+)([ckMG]?)$/.exec(val());
        if (!m) throw new Error('invalid size');
        const unit = m[3] === 'c' ? 1 : m[3] === 'k' ? 1024 : m[3] === 'M' ? 1 << 20 : m[3] === 'G' ? 1 << 30 : 512;
        const n = Number(m[2]);
        return (_p, _n, st) => {
          const size = Math.ceil(st.size / unit);
          return m[1] === '+' ? size > n : m[1] === '-' ? size < n : size === n;
        };
      }
      case '-perm': {
        const v = val();
        const mode = parseInt(v.replace(/^[-/]/, ''), 8);
        return (_p, _n, st) => (v.startsWith('-') ? (st.mode & mode) === mode : v.startsWith('/') ? (st.mode & mode) !== 0 : (st.mode & 0o7777) === mode);
      }
      case '-print':
        printed = true;
        return async (p) => (await io.out(p + '\n'), true);
      case '-delete':
        printed = true;
        return (p) => {
          io.fs.remove(io.path(p), { recursive: false });
          return true;
        };
      case '-exec': {
        printed = true;
        const cmd: string[] = [];
        while (i < args.length && args[i] !== ';' && args[i] !== '+') cmd.push(args[i++]);
        const plus = args[i++] === '+';
        if (plus) {
          const batch = { cmd, paths: [] as string[] };
          execBatches.push(batch);
          return (p) => (batch.paths.push(p), true);
        }
        return async (p) => (await io.spawn(cmd.map((c) => c.replaceAll('{}', p)))) === 0;
      }
      case '-prune':
      case '-xdev':
      case '-depth':
      case '-follow':
        return () => true;
    }
    throw new Error(`unrecognized: ${a}`);
  };
  let pred: Pred = () => true;
  try {
    if (args.length) pred = parseOr();
  } catch (e) {
    await io.err(errText(e));
    return 1;
  }
  const test = pred;
  let status = 0;
  const walk = async (p: string, depth: number): Promise<void> => {
    let st: FileStat;
    try {
      st = (io.fs.lstat ?? io.fs.stat).call(io.fs, io.path(p));
    } catch (e) {
      await io.err(`${p}: ${errText(e)}`);
      status = 1;
      return;
    }
    const name = p.replace(/\/+$/, '').replace(/^.*\//, '') || p;
    if (depth >= minDepth && (await test(p, name, st, depth)) && !printed) await io.out(p + '\n');
    if (st.type === 'dir' && depth < maxDepth) {
      let entries: string[];
      try {
        entries = io.fs.readDir(io.path(p)).map((e) => e.name);
      } catch (e) {
        await io.err(`${p}: ${errText(e)}`);
        status = 1;
        return;
      }
      for (const e of entries) await walk(p === '/' ? `/${e}` : joinPath(p, e), depth + 1);
    }
  };
  for (const r of roots) await walk(r, 0);
  for (const b of execBatches) {
    if (b.paths.length) {
      const idx = b.cmd.indexOf('{}');
      await io.spawn(idx < 0 ? [...b.cmd, ...b.paths] : [...b.cmd.slice(0, idx), ...b.paths, ...b.cmd.slice(idx + 1)]);
    }
  }
  return status;
};
