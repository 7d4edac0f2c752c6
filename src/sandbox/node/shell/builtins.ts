// Shell builtins that read or change the shell's own state (busybox ash's, with its messages).
// Special builtins (POSIX): their variable assignments persist and their errors end a
// non-interactive shell. Builtins implemented as applets (echo, printf, test, kill, pwd) run
// in-process from applets/ instead.
import { normalizePath } from '../fs/path.ts';
import { FS_ERROR_TEXT, FsError } from '../fs/types.ts';
import { ArithError, evaluateArith } from './arith.ts';
import { abortable } from './cpu-budget.ts';
import type { Fds, Shell } from './interpreter.ts';
import { ExitShell, ReturnFromFunction, ShellFatal } from './interpreter.ts';
import { resolveCommand } from './resolve-command.ts';
import { SIGNALS, signalName } from './signals.ts';
import { nullOutput } from './streams.ts';

export type Builtin = (sh: Shell, argv: string[], fds: Fds) => Promise<number>;

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

async function out(fds: Fds, text: string): Promise<void> {
  await (fds[1]?.output ?? nullOutput).write(text);
}

function quote(v: string): string {
  return `'${v.replace(/'/g, `'"'"'`)}'`;
}

function parseStatus(sh: Shell, s: string, name: string): number {
  if (!/^\d+$/.test(s)) throw new ShellFatal(sh.message(`Illegal number: ${s}`, name).replace(/^[^:]*: /, '').trimEnd());
  return Number(s) & 255;
}

const exit: Builtin = async (sh, argv) => {
  if (argv.length > 1 && !/^\d+$/.test(argv[1])) {
    await sh.errLine(`Illegal number: ${argv[1]}`, 'exit');
    throw new ExitShell(2);
  }
  throw new ExitShell(argv.length > 1 ? Number(argv[1]) & 255 : sh.state.status);
};

const returnB: Builtin = async (sh, argv) => {
  const status = argv.length > 1 ? parseStatus(sh, argv[1], 'return') : sh.state.status;
  if (sh.state.depth === 0) throw new ExitShell(status);
  throw new ReturnFromFunction(status);
};

const loop =
  (kind: 'break' | 'continue'): Builtin =>
  async (sh, argv) => {
    const n = argv.length > 1 ? Number(argv[1]) : 1;
    if (!Number.isInteger(n) || n < 1) {
      await sh.errLine(`Illegal number: ${argv[1]}`, kind);
      throw new ExitShell(2);
    }
    return sh.loopControl(kind, n);
  };

const exportB =
  (readonly: boolean): Builtin =>
  async (sh, argv, fds) => {
    const name = readonly ? 'readonly' : 'export';
    const args = argv.slice(1).filter((a) => a !== '-p');
    if (!args.length) {
      const lines = [...sh.state.vars]
        .filter(([, v]) => (readonly ? v.readonly : v.exported))
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([k, v]) => `${name} ${k}=${quote(v.value)}\n`);
      await out(fds, lines.join(''));
      return 0;
    }
    for (const a of args) {
      const eq = a.indexOf('=');
      const k = eq < 0 ? a : a.slice(0, eq);
      if (!NAME.test(k)) {
        await sh.errLine(`${k}: bad variable name`, name);
        throw new ExitShell(2);
      }
      if (eq >= 0) sh.assign(k, a.slice(eq + 1));
      const v = sh.state.vars.get(k) ?? { value: '', exported: false, readonly: false };
      if (!sh.state.vars.has(k)) {
        if (readonly) sh.state.vars.set(k, v);
        else {
          // `export X` of an unset variable marks it without giving it a value
          sh.state.vars.set(k, v);
        }
      }
      if (readonly) v.readonly = true;
      else v.exported = true;
    }
    return 0;
  };

const unset: Builtin = async (sh, argv) => {
  let funcs = false;
  for (const a of argv.slice(1)) {
    if (a === '-f') funcs = true;
    else if (a === '-v') funcs = false;
    else if (funcs) sh.state.functions.delete(a);
    else {
      const v = sh.state.vars.get(a);
      if (v?.readonly) {
        await sh.errLine(`${a}: is read only`, 'unset');
        throw new ExitShell(2);
      }
      if (!sh.state.vars.delete(a)) sh.state.functions.delete(a);
    }
  }
  return 0;
};

const OPTION_LETTERS: Record<string, keyof Shell['state']['opts']> = { e: 'errexit', u: 'nounset', x: 'xtrace', f: 'noglob' };
const OPTION_NAMES: Record<string, keyof Shell['state']['opts'] | 'ignored'> = {
  errexit: 'errexit', nounset: 'nounset', xtrace: 'xtrace', noglob: 'noglob', pipefail: 'ignored', monitor: 'ignored', noclobber: 'ignored', verbose: 'ignored',
};

const set: Builtin = async (sh, argv, fds) => {
  if (argv.length === 1) {
    const lines = [...sh.state.vars].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => `${k}=${quote(v.value)}\n`);
    await out(fds, lines.join(''));
    return 0;
  }
  let i = 1;
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      i++;
      sh.state.positional = argv.slice(i);
      return 0;
    }
    if ((a.startsWith('-') || a.startsWith('+')) && a.length > 1) {
      const on = a[0] === '-';
      if (a.slice(1) === 'o') {
        const opt = argv[++i];
        if (opt === undefined) {
          for (const [n, k] of Object.entries(OPTION_NAMES)) await out(fds, `${n.padEnd(16)}${k !== 'ignored' && sh.state.opts[k] ? 'on' : 'off'}\n`);
          return 0;
        }
        const k = OPTION_NAMES[opt];
        if (!k) {
          await sh.errLine(`-o: illegal option ${opt}`, 'set');
          throw new ExitShell(2);
        }
        if (k !== 'ignored') sh.state.opts[k] = on;
        continue;
      }
      for (const ch of a.slice(1)) {
        const k = OPTION_LETTERS[ch];
        if (k) sh.state.opts[k] = on;
        else if (!'mvCbhn'.includes(ch)) {
          await sh.errLine(`-${ch}: invalid option`, 'set');
          throw new ExitShell(2);
        }
      }
      continue;
    }
    break;
  }
  if (i < argv.length) sh.state.positional = argv.slice(i);
  return 0;
};

const shift: Builtin = async (sh, argv) => {
  const n = argv.length > 1 ? Number(argv[1]) : 1;
  if (!Number.isInteger(n) || n < 0) {
    await sh.errLine(`Illegal number: ${argv[1]}`, 'shift');
    throw new ExitShell(2);
  }
  if (n > sh.state.positional.length) return 1;
  sh.state.positional = sh.state.positional.slice(n);
  return 0;
};

const trap: Builtin = async (sh, argv, fds) => {
  const args = argv.slice(1);
  if (!args.length || (args.length === 1 && args[0] === '-p')) {
    for (const [sig, action] of sh.state.traps) await out(fds, `trap -- ${quote(action)} ${sig}\n`);
    return 0;
  }
  if (args[0] === '-l') {
    await out(fds, Object.entries(SIGNALS).map(([n, v]) => `${String(v).padStart(2)}) ${n}\n`).join(''));
    return 0;
  }
  let action: string | undefined = args[0];
  let sigs = args.slice(1);
  if (/^\d+$/.test(action) && args.length === 1) {
    sigs = [action];
    action = undefined;
  } else if (action === '-') action = undefined;
  let status = 0;
  for (const s of sigs) {
    const name = s.toUpperCase() === 'EXIT' || s === '0' ? 'EXIT' : signalName(s);
    if (!name) {
      await sh.errLine(`${s}: invalid signal specification`, 'trap');
      status = 1;
      continue;
    }
    if (action === undefined) sh.state.traps.delete(name);
    else sh.state.traps.set(name, action);
  }
  return status;
};

const evalB: Builtin = async (sh, argv, fds) => {
  const src = argv.slice(1).join(' ');
  if (!src.trim()) return 0;
  return sh.evalString(src, fds);
};

const dot: Builtin = async (sh, argv, fds) => {
  const file = argv[1];
  if (!file) return 0;
  let path = normalizePath(file, sh.state.cwd);
  if (!file.includes('/')) {
    for (const dir of (sh.state.get('PATH') ?? '').split(':')) {
      const p = normalizePath(`${dir || '.'}/${file}`, sh.state.cwd);
      if (sh.fs.exists(p)) {
        path = p;
        break;
      }
    }
  }
  let src: string;
  try {
    src = sh.fs.readFile(path);
  } catch (e) {
    await sh.errLine(`can't open '${file}': ${e instanceof FsError ? FS_ERROR_TEXT[e.code] : String(e)}`, argv[0]);
    throw new ExitShell(2);
  }
  if (sh.state.depth >= sh.sys.limits.maxDepth) throw new ShellFatal('out of memory');
  const saved = sh.state.positional;
  if (argv.length > 2) sh.state.positional = argv.slice(2);
  sh.state.depth++;
  try {
    return await sh.runList(sh.parse(src, 1), fds, false);
  } catch (e) {
    if (e instanceof ReturnFromFunction) return e.status;
    throw e;
  } finally {
    sh.state.depth--;
    if (argv.length > 2) sh.state.positional = saved;
  }
};

const exec: Builtin = async (sh, argv, fds) => {
  if (argv.length === 1) {
    sh.fds = fds;
    return 0;
  }
  const status = await sh.runExternal(argv.slice(1), fds, sh.state.exportedEnv(), true);
  throw new ExitShell(status);
};

const local: Builtin = async (sh, argv) => {
  for (const a of argv.slice(1)) {
    const eq = a.indexOf('=');
    const k = eq < 0 ? a : a.slice(0, eq);
    if (!sh.makeLocal(k)) {
      await sh.errLine('not in a function', 'local');
      return 2;
    }
    if (eq >= 0) sh.assign(k, a.slice(eq + 1));
  }
  return 0;
};

const cd: Builtin = async (sh, argv, fds) => {
  let dir = argv[1];
  let print = false;
  if (dir === '-L' || dir === '-P') dir = argv[2];
  if (dir === undefined) dir = sh.state.get('HOME') ?? '/';
  if (dir === '-') {
    dir = sh.state.get('OLDPWD') ?? sh.state.cwd;
    print = true;
  }
  const target = normalizePath(dir, sh.state.cwd);
  try {
    const st = sh.fs.stat(target);
    if (st.type !== 'dir') throw new FsError('ENOTDIR', target);
  } catch (e) {
    await sh.errLine(`can't cd to ${dir}: ${e instanceof FsError ? FS_ERROR_TEXT[e.code] : String(e)}`, 'cd', fds);
    return 2;
  }
  sh.assign('OLDPWD', sh.state.cwd);
  sh.state.cwd = target;
  sh.assign('PWD', target);
  if (print) await out(fds, target + '\n');
  return 0;
};

const read: Builtin = async (sh, argv, fds) => {
  let raw = false;
  let prompt: string | undefined;
  let timeout: number | undefined;
  let nchars: number | undefined;
  const names: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-r') raw = true;
    else if (a === '-s') continue;
    else if (a === '-p') prompt = argv[++i];
    else if (a === '-t') timeout = Number(argv[++i]);
    else if (a === '-n') nchars = Number(argv[++i]);
    else if (a.startsWith('-') && a.length > 1 && names.length === 0) {
      await sh.errLine(`invalid option -- '${a[1]}'`, 'read');
      return 2;
    } else names.push(a);
  }
  if (!names.length) names.push('REPLY');
  if (prompt) await (fds[2]?.output ?? nullOutput).write(prompt);
  const input = fds[0]?.input;
  if (!input) return 1;
  let line: string | undefined;
  for (;;) {
    const next = timeout !== undefined ? await readWithTimeout(sh, () => input.readLine(), timeout) : await input.readLine();
    if (next === undefined) {
      if (line === undefined) {
        for (const n of names) sh.assign(n, '');
        return 1;
      }
      break;
    }
    if (!raw && next.endsWith('\\')) {
      line = (line ?? '') + next.slice(0, -1);
      continue;
    }
    line = (line ?? '') + next;
    break;
  }
  let text = line ?? '';
  if (nchars !== undefined) text = text.slice(0, nchars);
  if (!raw) text = text.replace(/\\(.)/g, '$1');
  const ifs = sh.state.get('IFS') ?? ' \t\n';
  const isWs = (c: string) => ifs.includes(c) && /\s/.test(c);
  let rest = text;
  const strip = (s: string) => {
    let a = 0;
    let b = s.length;
    while (a < b && isWs(s[a])) a++;
    while (b > a && isWs(s[b - 1])) b--;
    return s.slice(a, b);
  };
  rest = strip(rest);
  for (let i = 0; i < names.length; i++) {
    if (i === names.length - 1) {
      sh.assign(names[i], rest);
      break;
    }
    let j = 0;
    while (j < rest.length && !ifs.includes(rest[j])) j++;
    sh.assign(names[i], rest.slice(0, j));
    rest = rest.slice(j);
    let k = 0;
    while (k < rest.length && isWs(rest[k])) k++;
    if (k < rest.length && ifs.includes(rest[k]) && !isWs(rest[k])) k++;
    while (k < rest.length && isWs(rest[k])) k++;
    rest = rest.slice(k);
  }
  return line === undefined ? 1 : 0;
};

async function readWithTimeout(sh: Shell, read: () => Promise<string | undefined>, seconds: number): Promise<string | undefined> {
  let timedOut = false;
  const timer = abortable(sh.sys.ctx.sleep(seconds * 1000), sh.proc.signal).then(() => {
    timedOut = true;
    return undefined;
  });
  const r = await Promise.race([read(), timer]);
  return timedOut ? undefined : r;
}

const wait: Builtin = async (sh, argv) => {
  const targets = argv.slice(1);
  const jobs = sh.state.jobs;
  const waitOne = async (pid: number | undefined, spec: string): Promise<number> => {
    const job = jobs.find((j) => j.pid === pid);
    if (!job) {
      if (spec.startsWith('%')) {
        await sh.errLine(`${spec}: no such job`, 'wait');
        throw new ExitShell(2);
      }
      return 127;
    }
    const r = await Promise.race([job.done, sh.signalArrived().then(() => -1)]);
    if (r === -1) return 128 + (SIGNALS.TERM ?? 15);
    jobs.splice(jobs.indexOf(job), 1);
    return r;
  };
  if (!targets.length) {
    while (jobs.length) {
      const r = await Promise.race([Promise.all(jobs.map((j) => j.done)), sh.signalArrived().then(() => -1 as const)]);
      if (r === -1) return 128 + SIGNALS.TERM;
      sh.state.jobs = [];
      break;
    }
    return 0;
  }
  let status = 0;
  for (const t of targets) {
    const pid = t.startsWith('%') ? sh.jobPid(t) : Number(t);
    status = await waitOne(pid, t);
  }
  return status;
};

const jobsB: Builtin = async (sh, _argv, fds) => {
  const list = sh.state.jobs;
  for (let i = 0; i < list.length; i++) {
    const j = list[i];
    const mark = i === list.length - 1 ? '+' : i === list.length - 2 ? '-' : ' ';
    const state = j.status === undefined ? 'Running' : j.status === 0 ? 'Done' : `Done(${j.status})`;
    await out(fds, `[${j.id}]${mark}  ${state.padEnd(27)}${j.text}\n`);
  }
  sh.state.jobs = list.filter((j) => j.status === undefined);
  return 0;
};

const SHELL_KEYWORDS = new Set(['if', 'then', 'else', 'elif', 'fi', 'case', 'esac', 'for', 'while', 'until', 'do', 'done', '{', '}', '!', 'in']);

function describeCommand(sh: Shell, name: string): { kind: 'keyword' | 'special' | 'builtin' | 'function' | 'file'; path?: string } | undefined {
  if (SHELL_KEYWORDS.has(name)) return { kind: 'keyword' };
  if (SPECIAL_BUILTINS.has(name)) return { kind: 'special' };
  if (sh.state.functions.has(name)) return { kind: 'function' };
  if (BUILTINS.has(name) || ['echo', 'printf', 'test', '[', '[[', 'true', 'false', 'kill', 'pwd'].includes(name)) return { kind: 'builtin' };
  const r = resolveCommand(sh.sys, name, sh.state.get('PATH'), sh.state.cwd);
  if (r.kind === 'run') return { kind: 'file', path: r.path };
  return undefined;
}

const type: Builtin = async (sh, argv, fds) => {
  let status = 0;
  for (const name of argv.slice(1)) {
    const d = describeCommand(sh, name);
    if (!d) {
      await out(fds, `${name}: not found\n`);
      status = 127;
    } else if (d.kind === 'keyword') await out(fds, `${name} is a shell keyword\n`);
    else if (d.kind === 'special') await out(fds, `${name} is a special shell builtin\n`);
    else if (d.kind === 'builtin') await out(fds, `${name} is a shell builtin\n`);
    else if (d.kind === 'function') await out(fds, `${name} is a function\n`);
    else await out(fds, `${name} is ${d.path}\n`);
  }
  return status;
};

const command: Builtin = async (sh, argv, fds) => {
  let i = 1;
  let mode: 'run' | 'v' | 'V' = 'run';
  for (; i < argv.length && argv[i].startsWith('-'); i++) {
    if (argv[i] === '-v') mode = 'v';
    else if (argv[i] === '-V') mode = 'V';
    else if (argv[i] === '--') {
      i++;
      break;
    }
  }
  const args = argv.slice(i);
  if (!args.length) return 0;
  if (mode === 'V') return type(sh, ['type', ...args], fds);
  if (mode === 'v') {
    let status = 0;
    for (const name of args) {
      const d = describeCommand(sh, name);
      if (!d) status = 127;
      else await out(fds, `${d.path ?? name}\n`);
    }
    return status;
  }
  const special = SPECIAL_BUILTINS.get(args[0]);
  if (special) return special(sh, args, fds);
  const builtin = BUILTINS.get(args[0]);
  if (builtin) return builtin(sh, args, fds);
  return sh.runExternal(args, fds, sh.state.exportedEnv(), false);
};

const umask: Builtin = async (sh, argv, fds) => {
  if (argv.length < 2) {
    await out(fds, sh.state.umask.toString(8).padStart(4, '0') + '\n');
    return 0;
  }
  if (!/^[0-7]{1,4}$/.test(argv[1])) {
    await sh.errLine(`Illegal number: ${argv[1]}`, 'umask');
    return 1;
  }
  sh.state.umask = parseInt(argv[1], 8);
  return 0;
};

const let_: Builtin = async (sh, argv) => {
  let v = '0';
  try {
    for (const expr of argv.slice(1)) v = evaluateArith(expr, { get: (n) => sh.getVar(n), set: (n, x) => sh.assign(n, x) });
  } catch (e) {
    if (e instanceof ArithError) throw new ShellFatal(e.message);
    throw e;
  }
  return v === '0' ? 1 : 0;
};

export const SPECIAL_BUILTINS = new Map<string, Builtin>([
  [':', async () => 0],
  ['.', dot],
  ['source', dot],
  ['break', loop('break')],
  ['continue', loop('continue')],
  ['eval', evalB],
  ['exec', exec],
  ['exit', exit],
  ['export', exportB(false)],
  ['readonly', exportB(true)],
  ['return', returnB],
  ['set', set],
  ['shift', shift],
  ['trap', trap],
  ['unset', unset],
  ['local', local],
  ['times', async (_sh, _argv, fds) => (await out(fds, '0m0.00s 0m0.00s\n0m0.00s 0m0.00s\n'), 0)],
]);

export const BUILTINS = new Map<string, Builtin>([
  ['cd', cd],
  ['chdir', cd],
  ['read', read],
  ['wait', wait],
  ['jobs', jobsB],
  ['type', type],
  ['command', command],
  ['umask', umask],
  ['let', let_],
  ['hash', async () => 0],
  ['ulimit', async (_sh, _argv, fds) => (await out(fds, 'unlimited\n'), 0)],
]);
