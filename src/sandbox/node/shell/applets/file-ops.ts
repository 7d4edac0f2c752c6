// File operations with busybox's messages: touch, mkdir, rmdir, rm, cp, mv, ln, chmod, chown,
// chgrp, readlink, realpath.
import { basename, joinPath } from '../../fs/path.ts';
import { FsError } from '../../fs/types.ts';
import type { FileStat } from '../../fs/types.ts';
import type { Applet, CommandIo } from '../command.ts';
import { errText } from '../command.ts';
import { idOf, parseOpts } from './util.ts';

function lstatOf(io: CommandIo, p: string): FileStat | undefined {
  try {
    return (io.fs.lstat ?? io.fs.stat).call(io.fs, p);
  } catch {
    return undefined;
  }
}

export const touch: Applet = async (io) => {
  const o = parseOpts(io, io.argv.slice(1), 'cd:t:r:am');
  if (!o) return 1;
  let status = 0;
  let time = io.ctx.now();
  const d = o.last('d');
  if (d !== undefined) {
    const t = d.startsWith('@') ? Number(d.slice(1)) * 1000 : Date.parse(d.includes('T') || d.endsWith('Z') ? d : d.replace(' ', 'T') + 'Z');
    if (Number.isNaN(t)) {
      await io.err(`invalid date '${d}'`);
      return 1;
    }
    time = t;
  }
  const r = o.last('r');
  if (r !== undefined) time = io.fs.stat(io.path(r)).mtime;
  for (const f of o.args) {
    const p = io.path(f);
    try {
      if (!io.fs.exists(p)) {
        if (o.has('c')) continue;
        io.fs.writeFile(p, '');
      }
      io.fs.setMtime?.(p, time);
    } catch (e) {
      await io.err(`${f}: ${errText(e)}`);
      status = 1;
    }
  }
  return status;
};

export const mkdir: Applet = async (io) => {
  const o = parseOpts(io, io.argv.slice(1), 'pm:v', { parents: 'p', mode: 'm' });
  if (!o) return 1;
  let status = 0;
  const mode = o.last('m');
  for (const d of o.args) {
    try {
      io.fs.mkdir(io.path(d), { recursive: o.has('p'), mode: mode ? parseInt(mode, 8) : 0o755 });
      if (mode) io.fs.chmod(io.path(d), parseInt(mode, 8));
    } catch (e) {
      await io.err(`can't create directory '${d}': ${errText(e)}`);
      status = 1;
    }
  }
  return status;
};

export const rmdir: Applet = async (io) => {
  const o = parseOpts(io, io.argv.slice(1), 'p');
  if (!o) return 1;
  let status = 0;
  for (const d of o.args) {
    try {
      const st = lstatOf(io, io.path(d));
      if (st && st.type !== 'dir') throw new FsError('ENOTDIR', d);
      io.fs.remove(io.path(d));
    } catch (e) {
      await io.err(`'${d}': ${errText(e)}`);
      status = 1;
    }
  }
  return status;
};

export const rm: Applet = async (io) => {
  const o = parseOpts(io, io.argv.slice(1), 'rRfiv', { recursive: 'r', force: 'f' });
  if (!o) return 1;
  const recursive = o.has('r') || o.has('R');
  let status = 0;
  for (const f of o.args) {
    const p = io.path(f);
    const st = lstatOf(io, p);
    if (!st) {
      if (!o.has('f')) {
        await io.err(`can't remove '${f}': No such file or directory`);
        status = 1;
      }
      continue;
    }
    if (st.type === 'dir' && !recursive) {
      await io.err(`'${f}' is a directory`);
      status = 1;
      continue;
    }
    try {
      io.fs.remove(p, { recursive });
    } catch (e) {
      await io.err(`can't remove '${f}': ${errText(e)}`);
      status = 1;
    }
  }
  return status;
};

function copyTree(io: CommandIo, from: string, to: string, opts: { recursive: boolean; preserve: boolean; deref: boolean }): void {
  const st = opts.deref ? io.fs.stat(from) : (lstatOf(io, from) ?? io.fs.stat(from));
  if (st.type === 'dir') {
    if (!opts.recursive) throw new FsError('EISDIR', from);
    if (!io.fs.exists(to)) io.fs.mkdir(to, { mode: st.mode });
    for (const e of io.fs.readDir(from)) copyTree(io, joinPath(from, e.name), joinPath(to, e.name), { ...opts, deref: false });
  } else if (st.type === 'symlink' && io.fs.readlink && io.fs.symlink) {
    if (lstatOf(io, to)) io.fs.remove(to);
    io.fs.symlink(io.fs.readlink(from), to);
    return;
  } else {
    const existed = io.fs.exists(to);
    io.fs.writeFile(to, io.fs.readFile(from), { mode: st.mode & 0o777 });
    if (!existed) io.fs.chmod(to, st.mode & 0o7777 & ~0o022);
  }
  if (opts.preserve) {
    io.fs.setMtime?.(to, st.mtime);
    if (io.ctx.identity.uid === 0) io.fs.chown?.(to, st.uid, st.gid);
    io.fs.chmod(to, st.mode);
  }
}

export const cp: Applet = async (io) => {
  const o = parseOpts(io, io.argv.slice(1), 'rRapfvdPLHin');
  if (!o) return 1;
  if (o.args.length < 2) {
    await io.stderr.write('BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: cp [-arPLHpfinlsTu] SOURCE DEST\n');
    return 1;
  }
  const recursive = o.has('r') || o.has('R') || o.has('a');
  const dest = o.args[o.args.length - 1];
  const sources = o.args.slice(0, -1);
  const destStat = (() => {
    try {
      return io.fs.stat(io.path(dest));
    } catch {
      return undefined;
    }
  })();
  if (sources.length > 1 && destStat?.type !== 'dir') {
    await io.err(`'${dest}' is not a directory`);
    return 1;
  }
  let status = 0;
  for (const s of sources) {
    const from = io.path(s);
    const to = destStat?.type === 'dir' ? joinPath(io.path(dest), basename(from)) : io.path(dest);
    let st: FileStat;
    try {
      st = io.fs.stat(from);
    } catch (e) {
      await io.err(`can't stat '${s}': ${errText(e)}`);
      status = 1;
      continue;
    }
    if (st.type === 'dir' && !recursive) {
      await io.err(`omitting directory '${s}'`);
      status = 1;
      continue;
    }
    try {
      copyTree(io, from, to, { recursive, preserve: o.has('p') || o.has('a'), deref: !o.has('a') && !o.has('P') && !o.has('d') });
    } catch (e) {
      await io.err(`can't create '${to === io.path(dest) ? dest : to}': ${errText(e)}`);
      status = 1;
    }
  }
  return status;
};

export const mv: Applet = async (io) => {
  const o = parseOpts(io, io.argv.slice(1), 'finvT');
  if (!o) return 1;
  if (o.args.length < 2) {
    await io.stderr.write('BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: mv [-finT] SOURCE DEST\n');
    return 1;
  }
  const dest = o.args[o.args.length - 1];
  const destStat = (() => {
    try {
      return io.fs.stat(io.path(dest));
    } catch {
      return undefined;
    }
  })();
  let status = 0;
  for (const s of o.args.slice(0, -1)) {
    const from = io.path(s);
    const to = destStat?.type === 'dir' ? joinPath(io.path(dest), basename(from)) : io.path(dest);
    if (!lstatOf(io, from)) {
      await io.err(`can't rename '${s}': No such file or directory`);
      status = 1;
      continue;
    }
    try {
      io.fs.rename(from, to);
    } catch (e) {
      if (e instanceof FsError && e.code === 'EXDEV') {
        try {
          copyTree(io, from, to, { recursive: true, preserve: true, deref: false });
          io.fs.remove(from, { recursive: true });
          continue;
        } catch (e2) {
          await io.err(`can't create '${to}': ${errText(e2)}`);
          status = 1;
          continue;
        }
      }
      await io.err(`can't rename '${s}': ${errText(e)}`);
      status = 1;
    }
  }
  return status;
};

export const ln: Applet = async (io) => {
  const o = parseOpts(io, io.argv.slice(1), 'sfnvT');
  if (!o) return 1;
  if (!o.args.length) {
    await io.stderr.write('BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: ln [-sfnbtv] [-S SUF] TARGET... LINK|DIR\n');
    return 1;
  }
  const targets = o.args.length === 1 ? o.args : o.args.slice(0, -1);
  const linkArg = o.args.length === 1 ? '.' : o.args[o.args.length - 1];
  let status = 0;
  for (const t of targets) {
    let link = io.path(linkArg);
    try {
      if (!o.has('n') && io.fs.stat(link).type === 'dir') link = joinPath(link, basename(t));
    } catch {
      // a new name
    }
    try {
      if (o.has('f') && lstatOf(io, link)) io.fs.remove(link);
      if (o.has('s')) {
        if (!io.fs.symlink) throw new FsError('EPERM', link);
        io.fs.symlink(t, link);
      } else {
        const st = io.fs.stat(io.path(t));
        if (st.type === 'dir') throw new FsError('EPERM', t);
        if (lstatOf(io, link)) throw new FsError('EEXIST', link);
        io.fs.writeFile(link, io.fs.readFile(io.path(t)), { mode: st.mode });
      }
    } catch (e) {
      await io.err(`${linkArg === '.' ? basename(t) : linkArg}: ${errText(e)}`);
      status = 1;
    }
  }
  return status;
};

/** chmod modes: octal, or symbolic `u+x,go-w,a=r`. */
export function applyMode(spec: string, mode: number, isDir: boolean): number | undefined {
  if (/^[0-7]{1,4}$/.test(spec)) return parseInt(spec, 8);
  let m = mode;
  for (const clause of spec.split(',')) {
    const c = /^([ugoa]*)([-+=])([rwxXst]*)$/.exec(clause);
    if (!c) return undefined;
    const who = c[1] || 'a';
    let bits = 0;
    for (const p of c[3]) {
      if (p === 'r') bits |= 0o444;
      if (p === 'w') bits |= 0o222;
      if (p === 'x' || (p === 'X' && (isDir || m & 0o111))) bits |= 0o111;
      if (p === 's') bits |= 0o6000;
      if (p === 't') bits |= 0o1000;
    }
    let mask = 0;
    if (who.includes('u') || who.includes('a')) mask |= 0o4700;
    if (who.includes('g') || who.includes('a')) mask |= 0o2070;
    if (who.includes('o') || who.includes('a')) mask |= 0o1007;
    const eff = bits & mask & (c[1] ? 0o7777 : ~0o022 | 0o7000);
    if (c[2] === '+') m |= eff;
    else if (c[2] === '-') m &= ~eff;
    else m = (m & ~mask) | eff;
  }
  return m;
}

export const chmod: Applet = async (io) => {
  const args = io.argv.slice(1);
  const recursive = args[0] === '-R';
  if (recursive) args.shift();
  const [spec, ...files] = args;
  if (spec === undefined || !files.length) {
    await io.stderr.write('BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: chmod [-Rcvf] MODE[,MODE]... FILE...\n');
    return 1;
  }
  let status = 0;
  const apply = async (p: string, shown: string) => {
    try {
      const st = io.fs.stat(p);
      const m = applyMode(spec, st.mode, st.type === 'dir');
      if (m === undefined) {
        await io.err(`invalid mode '${spec}'`);
        status = 1;
        return;
      }
      io.fs.chmod(p, m);
      if (recursive && st.type === 'dir') for (const e of io.fs.readDir(p)) if (e.stat.type !== 'symlink') await apply(joinPath(p, e.name), joinPath(shown, e.name));
    } catch (e) {
      await io.err(`${shown}: ${errText(e)}`);
      status = 1;
    }
  };
  for (const f of files) await apply(io.path(f), f);
  return status;
};

function ownerChanger(group: boolean): Applet {
  return async (io) => {
    const args = io.argv.slice(1);
    const recursive = args[0] === '-R';
    if (recursive) args.shift();
    const [spec, ...files] = args;
    if (spec === undefined || !files.length) {
      await io.stderr.write(`BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: ${group ? 'chgrp' : 'chown'} [-RhLHPcvf]... ${group ? 'GROUP' : 'USER[:[GRP]]'} FILE...\n`);
      return 1;
    }
    const [u, g] = group ? ['', spec] : spec.split(/[:.]/);
    const uid = u ? idOf(io, '/etc/passwd', u) : -1;
    const gid = g ? idOf(io, '/etc/group', g) : -1;
    if (uid === undefined) {
      await io.err(`unknown user ${u}`);
      return 1;
    }
    if (gid === undefined) {
      await io.err(`unknown group ${g}`);
      return 1;
    }
    let status = 0;
    const apply = async (p: string, shown: string) => {
      try {
        if (!io.fs.chown) throw new FsError('EPERM', p);
        io.fs.chown(p, uid, gid);
        if (recursive && io.fs.stat(p).type === 'dir') for (const e of io.fs.readDir(p)) await apply(joinPath(p, e.name), joinPath(shown, e.name));
      } catch (e) {
        await io.err(`${shown}: ${errText(e)}`);
        status = 1;
      }
    };
    for (const f of files) await apply(io.path(f), f);
    return status;
  };
}
export const chown = ownerChanger(false);
export const chgrp = ownerChanger(true);

export const readlink: Applet = async (io) => {
  const o = parseOpts(io, io.argv.slice(1), 'fenqsv');
  if (!o) return 1;
  const f = o.args[0];
  if (f === undefined) return 1;
  try {
    if (o.has('f') || o.has('e')) {
      await io.out(realpath(io, io.path(f)) + (o.has('n') ? '' : '\n'));
      return 0;
    }
    await io.out(io.fs.readlink!(io.path(f)) + (o.has('n') ? '' : '\n'));
    return 0;
  } catch {
    return 1;
  }
};

function realpath(io: CommandIo, p: string): string {
  const parts = p.split('/').filter(Boolean);
  let cur = '/';
  for (let i = 0; i < parts.length; i++) {
    const next = joinPath(cur, parts[i]);
    const st = lstatOf(io, next);
    if (st?.type === 'symlink' && io.fs.readlink) {
      const t = io.fs.readlink(next);
      const resolved = realpath(io, t.startsWith('/') ? t : joinPath(cur, t));
      cur = resolved;
    } else cur = next;
  }
  return cur.replace(/\/[^/]+\/\.\.(?=\/|$)/g, '') || '/';
}

export const realpathApplet: Applet = async (io) => {
  let status = 0;
  for (const f of io.argv.slice(1)) {
    const p = io.path(f);
    if (!io.fs.exists(p)) {
      await io.err(`${f}: No such file or directory`);
      status = 1;
      continue;
    }
    await io.out(realpath(io, p) + '\n');
  }
  return status;
};

