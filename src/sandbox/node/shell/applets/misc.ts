// Small applets: true, false, yes, basename, dirname, pwd, which, xargs, timeout, nohup, busybox,
// base64, md5sum/sha1sum/sha256sum/sha512sum.
import { createHash } from 'node:crypto';
import { basename as base, dirname as dir } from '../../fs/path.ts';
import type { Applet } from '../command.ts';
import { errText } from '../command.ts';
import { abortable } from '../cpu-budget.ts';
import { resolveCommand } from '../resolve-command.ts';
import { InStream } from '../streams.ts';
import { BUSYBOX_BANNER, parseOpts, perror, readInput, usage } from './util.ts';

export const trueApplet: Applet = async () => 0;
export const falseApplet: Applet = async () => 1;

export const yes: Applet = async (io) => {
  const line = (io.argv.length > 1 ? io.argv.slice(1).join(' ') : 'y') + '\n';
  const chunk = line.repeat(Math.max(1, Math.floor(4096 / line.length)));
  for (;;) await io.out(chunk);
};

export const basename: Applet = async (io) => {
  const [p, suffix] = io.argv.slice(1);
  if (p === undefined) return usage(io, 'basename FILE [SUFFIX]');
  let b = base(p);
  if (suffix && b.endsWith(suffix) && b !== suffix) b = b.slice(0, -suffix.length);
  await io.out(b + '\n');
  return 0;
};

export const dirname: Applet = async (io) => {
  const p = io.argv[1];
  if (p === undefined) return usage(io, 'dirname FILENAME');
  await io.out(dir(p) + '\n');
  return 0;
};

export const pwd: Applet = async (io) => (await io.out(io.cwd + '\n'), 0);

export const which: Applet = async (io) => {
  let status = 0;
  for (const name of io.argv.slice(1)) {
    const r = resolveCommand(io.sys, name, io.env.PATH, io.cwd);
    if (r.kind === 'run' && r.path.startsWith('/')) await io.out(r.path + '\n');
    else status = 1;
  }
  return status;
};

/** xargs [-n N] [-I R] [-r] [-0] [-t] [CMD [ARGS]]: runs CMD (echo) with words from standard input. */
export const xargs: Applet = async (io) => {
  const args = io.argv.slice(1);
  let max = Infinity;
  let replace: string | undefined;
  let noEmpty = false;
  let nul = false;
  let trace = false;
  while (args.length && args[0].startsWith('-')) {
    const a = args.shift()!;
    if (a === '-n') max = Number(args.shift());
    else if (a.startsWith('-n')) max = Number(a.slice(2));
    else if (a === '-I') replace = args.shift();
    else if (a.startsWith('-I')) replace = a.slice(2);
    else if (a === '-r') noEmpty = true;
    else if (a === '-0') nul = true;
    else if (a === '-t') trace = true;
    else if (a === '--') break;
    else {
      await io.err(`invalid option -- '${a[1]}'`);
      return 1;
    }
  }
  const cmd = args.length ? args : ['echo'];
  const input = await io.stdin.readAll(io.sys.limits.maxString);
  let words: string[];
  if (nul) words = input.split('\0').filter(Boolean);
  else if (replace !== undefined) words = input.split('\n').filter((l) => l.trim());
  else {
    words = [];
    const re = /"([^"]*)"|'([^']*)'|((?:\\.|[^\s"'])+)/g;
    for (let m = re.exec(input); m; m = re.exec(input)) words.push(m[1] ?? m[2] ?? m[3].replace(/\\(.)/g, '$1'));
  }
  if (!words.length && noEmpty) return 0;
  let status = 0;
  const run = async (argv: string[]) => {
    if (trace) await io.stderr.write(argv.join(' ') + '\n');
    const s = await io.spawn(argv, { stdin: InStream.empty() });
    if (s === 127) {
      status = 127;
      return false;
    }
    if (s !== 0) status = 123;
    return true;
  };
  if (replace !== undefined) {
    for (const w of words) if (!(await run(cmd.map((c) => c.replaceAll(replace!, w))))) break;
    return status;
  }
  if (!words.length) {
    await run(cmd);
    return status;
  }
  const step = Number.isFinite(max) && max > 0 ? max : words.length;
  for (let k = 0; k < words.length; k += step) if (!(await run([...cmd, ...words.slice(k, k + step)]))) break;
  return status;
};

/** timeout [-s SIG] SECS CMD: runs CMD, killing it after SECS (status 143 for TERM, as busybox). */
export const timeout: Applet = async (io) => {
  const args = io.argv.slice(1);
  let sig = 'TERM';
  if (args[0] === '-s') {
    args.shift();
    sig = (args.shift() ?? 'TERM').toUpperCase().replace(/^SIG/, '');
  }
  const secs = args.shift();
  if (secs === undefined || !args.length) return usage(io, 'timeout [-s SIG] [-k KILL_SECS] SECS PROG ARGS');
  const ms = parseFloat(secs) * (secs.endsWith('m') ? 60_000 : secs.endsWith('h') ? 3_600_000 : 1000);
  let expired = false;
  const child = io.spawn(args);
  const timer = abortable(io.ctx.sleep(ms), io.signal).then(() => {
    expired = true;
    const pids = io.sys.table.list().filter((p) => p.ppid === io.pid);
    for (const p of pids) io.sys.table.send(p.pid, sig);
  });
  const status = await child;
  void timer;
  return expired ? 128 + ({ TERM: 15, KILL: 9, INT: 2, HUP: 1 }[sig] ?? 15) : status;
};

export const nohup: Applet = async (io) => {
  if (io.argv.length < 2) return usage(io, 'nohup PROG ARGS');
  return io.spawn(io.argv.slice(1));
};

export const busybox: Applet = async (io) => {
  const name = io.argv[1];
  if (!name || name === '--help') {
    await io.out(`${BUSYBOX_BANNER}\nBusyBox is copyrighted by many authors between 1998-2015.\nLicensed under GPLv2. See source distribution for detailed\ncopyright notices.\n\nUsage: busybox [function [arguments]...]\n   or: busybox --list[-full]\n`);
    return 0;
  }
  if (name === '--list') {
    await io.out([...io.sys.applets.keys()].sort().join('\n') + '\n');
    return 0;
  }
  const applet = io.sys.applets.get(name);
  if (!applet || name === 'busybox') {
    await io.stderr.write(`${name}: applet not found\n`);
    return 127;
  }
  return applet({ ...io, argv: io.argv.slice(1) });
};

export const base64: Applet = async (io) => {
  const o = parseOpts(io, io.argv.slice(1), 'dw:i');
  if (!o) return 1;
  let text: string;
  try {
    text = await readInput(io, o.args[0]);
  } catch (e) {
    return perror(io, o.args[0] ?? '-', e);
  }
  if (o.has('d')) {
    const clean = text.replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean)) {
      await io.out(Buffer.from(clean.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64').toString('latin1'));
      await io.err('invalid input');
      return 1;
    }
    await io.out(Buffer.from(clean, 'base64').toString('utf8'));
    return 0;
  }
  const enc = Buffer.from(text, 'utf8').toString('base64');
  const w = Number(o.last('w') ?? 76);
  const wrapped = w > 0 ? (enc.match(new RegExp(`.{1,${w}}`, 'g')) ?? []).join('\n') : enc;
  await io.out(wrapped + (wrapped ? '\n' : ''));
  return 0;
};

function hashSum(alg: string): Applet {
  return async (io) => {
    const o = parseOpts(io, io.argv.slice(1), 'csbtw');
    if (!o) return 1;
    let status = 0;
    if (o.has('c')) {
      const list = await readInput(io, o.args[0]);
      for (const line of list.split('\n').filter(Boolean)) {
        const m = /^([0-9a-f]+)\s+\*?(.*)$/.exec(line);
        if (!m) continue;
        let ok = false;
        try {
          ok = createHash(alg).update(await readInput(io, m[2]), 'utf8').digest('hex') === m[1];
        } catch {
          ok = false;
        }
        if (!ok) status = 1;
        if (!o.has('s')) await io.out(`${m[2]}: ${ok ? 'OK' : 'FAILED'}\n`);
      }
      return status;
    }
    for (const f of o.args.length ? o.args : ['-']) {
      try {
        const text = await readInput(io, f);
        await io.out(`${createHash(alg).update(text, 'utf8').digest('hex')}  ${f}\n`);
      } catch (e) {
        await io.err(`can't open '${f}': ${errText(e)}`);
        status = 1;
      }
    }
    return status;
  };
}
export const md5sum = hashSum('md5');
export const sha1sum = hashSum('sha1');
export const sha256sum = hashSum('sha256');
export const sha512sum = hashSum('sha512');
