// ls as busybox prints it when standard output is not a terminal (kubectl logs, exec without
// -t): one name per line; -l long format `%-10s %4u %-8s %-8s %9u Mmm dd hh:mm name`; -a, -A,
// -d, -R, -1, -n, -h, -t, -S, -r, -F/-p, -i. Times within six months show hh:mm, older ones the year.
import type { FileStat } from '../../fs/types.ts';
import { joinPath } from '../../fs/path.ts';
import type { Applet } from '../command.ts';
import { errText } from '../command.ts';
import { MONTHS, human, nameOf, p2, parseOpts } from './util.ts';

interface Item {
  name: string;
  path: string;
  st: FileStat;
}

export function modeString(st: FileStat): string {
  const t = st.type === 'dir' ? 'd' : st.type === 'symlink' ? 'l' : '-';
  const m = st.mode;
  const bit = (mask: number, c: string) => (m & mask ? c : '-');
  const special = (x: number, s: number, lower: string, upper: string) => (m & s ? (m & x ? lower : upper) : m & x ? 'x' : '-');
  return (
    t +
    bit(0o400, 'r') + bit(0o200, 'w') + special(0o100, 0o4000, 's', 'S') +
    bit(0o040, 'r') + bit(0o020, 'w') + special(0o010, 0o2000, 's', 'S') +
    bit(0o004, 'r') + bit(0o002, 'w') + special(0o001, 0o1000, 't', 'T')
  );
}

/** `Jan  2 03:04` for recent times, `Jan  2  2020` for older (or future) ones. */
export function lsTime(mtime: number, now: number): string {
  const d = new Date(mtime);
  const md = `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2)}`;
  const recent = now - mtime < 182.5 * 86_400_000 && mtime - now < 3_600_000;
  return recent ? `${md} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}` : `${md}  ${d.getUTCFullYear()}`;
}

function blocks(st: FileStat): number {
  return st.type === 'symlink' ? 0 : Math.ceil(st.size / 4096) * 4;
}

export const ls: Applet = async (io) => {
  const o = parseOpts(io, io.argv.slice(1), 'laAdR1nhtSrFpicgeLH', { all: 'a', 'almost-all': 'A', directory: 'd', recursive: 'R', 'human-readable': 'h', color: 'c' });
  if (!o) return 1;
  const long = o.has('l') || o.has('n') || o.has('g');
  const lstat = (p: string) => (o.has('L') ? io.fs.stat(p) : (io.fs.lstat ?? io.fs.stat).call(io.fs, p));
  const now = io.ctx.now();
  let status = 0;
  const sortItems = (items: Item[]) => {
    items.sort((a, b) => {
      if (o.has('t') && a.st.mtime !== b.st.mtime) return b.st.mtime - a.st.mtime;
      if (o.has('S') && a.st.size !== b.st.size) return b.st.size - a.st.size;
      return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
    });
    if (o.has('r')) items.reverse();
    return items;
  };
  const line = (it: Item): string => {
    let suffix = '';
    if (o.has('F') || o.has('p')) {
      if (it.st.type === 'dir') suffix = '/';
      else if (o.has('F') && it.st.type === 'symlink') suffix = '@';
      else if (o.has('F') && it.st.mode & 0o111) suffix = '*';
    }
    const ino = o.has('i') ? `${String(it.st.ino ?? 0).padStart(8)} ` : '';
    if (!long) return `${ino}${it.name}${suffix}\n`;
    const numeric = o.has('n');
    const user = (numeric ? undefined : nameOf(io, '/etc/passwd', it.st.uid)) ?? String(it.st.uid);
    const group = (numeric ? undefined : nameOf(io, '/etc/group', it.st.gid)) ?? String(it.st.gid);
    const size = o.has('h') ? human(it.st.size) : String(it.st.size);
    let target = '';
    if (it.st.type === 'symlink' && io.fs.readlink) {
      try {
        target = ` -> ${io.fs.readlink(it.path)}`;
      } catch {
        target = '';
      }
    }
    const owner = o.has('g') ? '' : `${user.slice(0, 8).padEnd(8)} `;
    return `${ino}${modeString(it.st).padEnd(10)} ${String(it.st.nlink ?? 1).padStart(4)} ${owner}${group.slice(0, 8).padEnd(8)} ${size.padStart(9)} ${lsTime(it.st.mtime, now)} ${it.name}${suffix}${target}\n`;
  };
  const listDir = async (dir: string, shown: string, header: boolean, first: boolean): Promise<void> => {
    let entries: Item[];
    try {
      entries = io.fs.readDir(dir).map((e) => ({ name: e.name, path: joinPath(dir, e.name), st: e.stat }));
    } catch (e) {
      await io.err(`${shown}: ${errText(e)}`);
      status = 1;
      return;
    }
    if (o.has('a')) {
      entries.push({ name: '.', path: dir, st: io.fs.stat(dir) });
      entries.push({ name: '..', path: dir, st: io.fs.stat(joinPath(dir, '..').replace(/\/[^/]+\/\.\.$/, '') || '/') });
    }
    const visible = sortItems(entries.filter((e) => o.has('a') || !e.name.startsWith('.')));
    let out = header ? `${first ? '' : '\n'}${shown}:\n` : '';
    if (long) out += `total ${visible.reduce((n, e) => n + blocks(e.st), 0)}\n`;
    for (const it of visible) out += line(it);
    await io.out(out);
    if (o.has('R')) {
      for (const it of visible) {
        if (it.st.type === 'dir' && it.name !== '.' && it.name !== '..') await listDir(it.path, shown === '.' && !header ? `./${it.name}` : joinPath(shown, it.name), true, false);
      }
    }
  };
  const operands = o.args.length ? o.args : ['.'];
  const files: Item[] = [];
  const dirs: Item[] = [];
  for (const a of operands) {
    const p = io.path(a);
    try {
      let st = lstat(p);
      if (st.type === 'symlink' && !long && !o.has('d')) st = io.fs.stat(p);
      else if (st.type === 'symlink' && (o.has('H') || a.endsWith('/'))) st = io.fs.stat(p);
      if (st.type === 'dir' && !o.has('d')) dirs.push({ name: a, path: p, st });
      else files.push({ name: a, path: p, st });
    } catch (e) {
      await io.err(`${a}: ${errText(e)}`);
      status = 1;
    }
  }
  let out = '';
  for (const f of sortItems(files)) out += line(f);
  await io.out(out);
  const multiple = operands.length > 1 || o.has('R');
  let first = files.length === 0;
  for (const d of sortItems(dirs)) {
    await listDir(d.path, d.name, multiple, first);
    first = false;
  }
  return status;
};

