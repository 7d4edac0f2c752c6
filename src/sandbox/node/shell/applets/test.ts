// test, [ and [[: file tests, string and integer comparisons, ! ( ) -a -o, with busybox's
// messages (`sh: missing ]`, `sh: abc: bad number`, `sh: -gt: argument expected`). [[ adds
// pattern matching for == and != and && || inside.
import type { Applet, CommandIo } from '../command.ts';
import type { FileStat } from '../../fs/types.ts';
import { patternMatch } from '../pattern.ts';

class TestError extends Error {}

export const test: Applet = async (io) => {
  const name = io.argv[0].replace(/^.*\//, '');
  let args = io.argv.slice(1);
  if (name === '[' || name === '[[') {
    const close = name === '[' ? ']' : ']]';
    if (args[args.length - 1] !== close) {
      await io.err(`missing ${close}`);
      return 2;
    }
    args = args.slice(0, -1);
  }
  if (name === '[[') args = args.map((a) => (a === '&&' ? '-a' : a === '||' ? '-o' : a));
  try {
    return evaluate(io, args, name === '[[') ? 0 : 1;
  } catch (e) {
    if (e instanceof TestError) {
      await io.err(e.message);
      return 2;
    }
    throw e;
  }
};

function evaluate(io: CommandIo, args: string[], extended: boolean): boolean {
  if (args.length === 0) return false;
  let i = 0;
  const peek = () => args[i];
  const orExpr = (): boolean => {
    let v = andExpr();
    while (peek() === '-o') {
      i++;
      const r = andExpr();
      v = v || r;
    }
    return v;
  };
  const andExpr = (): boolean => {
    let v = notExpr();
    while (peek() === '-a') {
      i++;
      const r = notExpr();
      v = v && r;
    }
    return v;
  };
  const notExpr = (): boolean => {
    if (peek() === '!' && i + 1 < args.length) {
      i++;
      return !notExpr();
    }
    return primary();
  };
  const primary = (): boolean => {
    const a = args[i];
    if (a === undefined) throw new TestError('argument expected');
    if (a === '(' && args.length - i > 2) {
      i++;
      const v = orExpr();
      if (args[i] !== ')') throw new TestError(`${args[i] ?? ')'}: ')' expected`.replace(/^\): /, ''));
      i++;
      return v;
    }
    const op = args[i + 1];
    if (op !== undefined && BINARY.has(op) && !(args.length - i === 2)) {
      const b = args[i + 2];
      if (b === undefined) throw new TestError(`${op}: argument expected`);
      i += 3;
      return binary(io, a, op, b, extended);
    }
    if (UNARY.has(a) && op !== undefined) {
      i += 2;
      return unary(io, a, op);
    }
    if (UNARY.has(a) && op === undefined && args.length > 1) throw new TestError(`${a}: argument expected`);
    i++;
    return a !== '';
  };
  const v = orExpr();
  if (i < args.length) throw new TestError(`${args[i]}: unknown operand`);
  return v;
}

const BINARY = new Set(['=', '==', '!=', '<', '>', '-eq', '-ne', '-lt', '-le', '-gt', '-ge', '-nt', '-ot', '-ef', '=~']);
const UNARY = new Set(['-e', '-f', '-d', '-h', '-L', '-r', '-w', '-x', '-s', '-z', '-n', '-b', '-c', '-p', '-S', '-t', '-g', '-u', '-k', '-O', '-G']);

function int(s: string): bigint {
  const t = s.trim();
  if (!/^[-+]?\d+$/.test(t)) throw new TestError(`${s}: bad number`);
  return BigInt(t);
}

function binary(io: CommandIo, a: string, op: string, b: string, extended: boolean): boolean {
  switch (op) {
    case '=':
    case '==':
      return extended ? patternMatch(b, a) : a === b;
    case '!=':
      return extended ? !patternMatch(b, a) : a !== b;
    case '<':
      return a < b;
    case '>':
      return a > b;
    case '=~':
      return new RegExp(b).test(a);
    case '-eq':
      return int(a) === int(b);
    case '-ne':
      return int(a) !== int(b);
    case '-lt':
      return int(a) < int(b);
    case '-le':
      return int(a) <= int(b);
    case '-gt':
      return int(a) > int(b);
    case '-ge':
      return int(a) >= int(b);
    case '-nt':
    case '-ot': {
      const sa = stat(io, a);
      const sb = stat(io, b);
      if (!sa || !sb) return op === '-nt' ? !!sa && !sb : !sa && !!sb;
      return op === '-nt' ? sa.mtime > sb.mtime : sa.mtime < sb.mtime;
    }
    case '-ef': {
      const sa = stat(io, a);
      const sb = stat(io, b);
      return !!sa && !!sb && sa.ino !== undefined && sa.ino === sb.ino;
    }
  }
  return false;
}

function stat(io: CommandIo, p: string, follow = true): FileStat | undefined {
  try {
    return follow ? io.fs.stat(io.path(p)) : (io.fs.lstat ?? io.fs.stat).call(io.fs, io.path(p));
  } catch {
    return undefined;
  }
}

function access(io: CommandIo, st: FileStat, bit: number): boolean {
  const id = io.ctx.identity;
  if (id.uid === 0) return bit !== 1 || (st.mode & 0o111) !== 0 || st.type === 'dir';
  const shift = st.uid === id.uid ? 6 : st.gid === id.gid || id.groups?.includes(st.gid) ? 3 : 0;
  return ((st.mode >> shift) & bit) !== 0;
}

function unary(io: CommandIo, op: string, a: string): boolean {
  switch (op) {
    case '-z':
      return a === '';
    case '-n':
      return a !== '';
    case '-t':
      return false;
    case '-h':
    case '-L':
      return stat(io, a, false)?.type === 'symlink';
  }
  const st = stat(io, a);
  if (!st) return false;
  switch (op) {
    case '-e':
      return true;
    case '-f':
      return st.type === 'file';
    case '-d':
      return st.type === 'dir';
    case '-s':
      return st.size > 0;
    case '-r':
      return access(io, st, 4);
    case '-w':
      return access(io, st, 2);
    case '-x':
      return access(io, st, 1);
    case '-u':
      return (st.mode & 0o4000) !== 0;
    case '-g':
      return (st.mode & 0o2000) !== 0;
    case '-k':
      return (st.mode & 0o1000) !== 0;
    case '-O':
      return st.uid === io.ctx.identity.uid;
    case '-G':
      return st.gid === io.ctx.identity.gid;
  }
  return false;
}
