// What a process learns about its host: hostname, uname, nproc, uptime, free, df, du, mount.
import { joinPath } from '../../fs/path.ts';
import type { FsUsage } from '../../fs/types.ts';
import type { Applet, CommandIo } from '../command.ts';
import { errText } from '../command.ts';
import { human, p2, parseOpts } from './util.ts';

export const hostname: Applet = async (io) => {
  const o = parseOpts(io, io.argv.slice(1), 'isdfF:');
  if (!o) return 1;
  const name = io.ctx.identity.hostname;
  if (o.has('i')) {
    const ips = io.ctx.network.resolve(name);
    if (!ips?.length) {
      await io.err(`${name}: Unknown host`);
      return 1;
    }
    await io.out(ips.join(' ') + '\n');
    return 0;
  }
  if (o.args.length) {
    await io.err('sethostname: Operation not permitted');
    return 1;
  }
  await io.out((o.has('s') ? name.split('.')[0] : name) + '\n');
  return 0;
};

export const uname: Applet = async (io) => {
  const o = parseOpts(io, io.argv.slice(1), 'asnrvmpio');
  if (!o) return 1;
  const u = io.sys.uname;
  const fields: [string, string][] = [
    ['s', u.sysname],
    ['n', io.ctx.identity.hostname],
    ['r', u.release],
    ['v', u.version],
    ['m', u.machine],
    ['p', 'unknown'],
    ['i', 'unknown'],
    ['o', 'GNU/Linux'],
  ];
  let sel = fields.filter(([f]) => o.has(f) || o.has('a'));
  if (o.has('a')) sel = sel.filter(([f, v]) => !((f === 'p' || f === 'i') && v === 'unknown'));
  if (!sel.length) sel = [fields[0]];
  await io.out(sel.map(([, v]) => v).join(' ') + '\n');
  return 0;
};

export const nproc: Applet = async (io) => (await io.out('2\n'), 0);

export const uptime: Applet = async (io) => {
  const d = new Date(io.ctx.now());
  const procs = io.sys.table.list();
  const up = procs.length ? Math.max(0, Math.floor((io.ctx.now() - procs[0].startTime) / 60_000)) : 0;
  await io.out(` ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} up ${Math.floor(up / 60)}:${p2(up % 60)},  0 users,  load average: 0.00, 0.00, 0.00\n`);
  return 0;
};

export const free: Applet = async (io) => {
  await io.out(
    '              total        used        free      shared  buff/cache   available\n' +
      'Mem:        8139976      812344     6101012        1340     1226620     7058524\n' +
      'Swap:             0           0           0\n',
  );
  return 0;
};

function usageOf(io: CommandIo, path: string): FsUsage {
  try {
    return io.fs.usage?.(path) ?? { usedBytes: 0, limitBytes: 0, inodes: 0, maxInodes: 0 };
  } catch {
    return { usedBytes: 0, limitBytes: 0, inodes: 0, maxInodes: 0 };
  }
}

export const df: Applet = async (io) => {
  const o = parseOpts(io, io.argv.slice(1), 'hkPTamB:i');
  if (!o) return 1;
  const mounts = io.fs.mounts?.() ?? [{ path: '/', source: 'overlay', fsType: 'overlay', readOnly: false }];
  const wanted = o.args.length
    ? o.args.map((a) => {
        const p = io.path(a);
        return [...mounts].sort((x, y) => y.path.length - x.path.length).find((m) => p === m.path || p.startsWith(m.path === '/' ? '/' : m.path + '/'))!;
      })
    : mounts;
  const h = o.has('h');
  let out = h ? 'Filesystem                Size      Used Available Use% Mounted on\n' : 'Filesystem           1K-blocks      Used Available Use% Mounted on\n';
  for (const m of wanted) {
    const u = usageOf(io, m.path);
    const total = u.limitBytes;
    const used = u.usedBytes;
    const avail = Math.max(0, total - used);
    const pct = total ? `${Math.ceil((used * 100) / total)}%` : '0%';
    const src = m.source.length > 20 ? `${m.source}\n${' '.repeat(20)}` : m.source.padEnd(20);
    if (h) out += `${src} ${human(total).padStart(9)} ${human(used).padStart(9)} ${human(avail).padStart(9)} ${pct.padStart(4)} ${m.path}\n`;
    else out += `${src} ${String(Math.ceil(total / 1024)).padStart(9)} ${String(Math.ceil(used / 1024)).padStart(9)} ${String(Math.floor(avail / 1024)).padStart(9)} ${pct.padStart(4)} ${m.path}\n`;
  }
  await io.out(out);
  return 0;
};

export const du: Applet = async (io) => {
  const o = parseOpts(io, io.argv.slice(1), 'sahkmcd:xL');
  if (!o) return 1;
  let status = 0;
  let grand = 0;
  const fmt = (kb: number) => (o.has('h') ? human(kb * 1024) : o.has('m') ? String(Math.ceil(kb / 1024)) : String(kb));
  const walk = async (p: string, shown: string, depth: number): Promise<number> => {
    let st;
    try {
      st = (io.fs.lstat ?? io.fs.stat).call(io.fs, p);
    } catch (e) {
      await io.err(`${shown}: ${errText(e)}`);
      status = 1;
      return 0;
    }
    let kb = st.type === 'symlink' ? 0 : Math.ceil(st.size / 4096) * 4;
    if (st.type === 'dir') {
      for (const e of io.fs.readDir(p)) kb += await walk(joinPath(p, e.name), joinPath(shown, e.name), depth + 1);
      if (!o.has('s') || depth === 0) await io.out(`${fmt(kb)}\t${shown}\n`);
    } else if (depth === 0 || (o.has('a') && !o.has('s'))) await io.out(`${fmt(kb)}\t${shown}\n`);
    return kb;
  };
  for (const a of o.args.length ? o.args : ['.']) grand += await walk(io.path(a), a, 0);
  if (o.has('c')) await io.out(`${fmt(grand)}\ttotal\n`);
  return status;
};

export const mount: Applet = async (io) => {
  if (io.argv.length > 1) {
    await io.err('permission denied (are you root?)');
    return 1;
  }
  const mounts = io.fs.mounts?.() ?? [{ path: '/', source: 'overlay', fsType: 'overlay', readOnly: false }];
  await io.out(mounts.map((m) => `${m.source} on ${m.path} type ${m.fsType} (${m.readOnly ? 'ro' : 'rw'},relatime)\n`).join(''));
  return 0;
};
