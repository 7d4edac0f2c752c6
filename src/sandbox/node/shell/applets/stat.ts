// stat: busybox's default report, or -c FORMAT (%n %s %a %A %U %G %u %g %F %i %h %y %Y %b %B).
import type { FileStat } from '../../fs/types.ts';
import type { Applet, CommandIo } from '../command.ts';
import { errText } from '../command.ts';
import { modeString } from './ls.ts';
import { strftime } from './date.ts';
import { nameOf, parseOpts } from './util.ts';

function typeName(st: FileStat): string {
  if (st.type === 'dir') return 'directory';
  if (st.type === 'symlink') return 'symbolic link';
  return st.size === 0 ? 'regular empty file' : 'regular file';
}

function timeString(ms: number): string {
  return strftime('%Y-%m-%d %H:%M:%S.', ms) + String((ms % 1000) * 1_000_000).padStart(9, '0') + ' +0000';
}

function format(io: CommandIo, fmt: string, name: string, st: FileStat, target: string | undefined): string {
  return fmt.replace(/%([a-zA-Z%])/g, (_, c: string) => {
    switch (c) {
      case 'n': return name;
      case 'N': return target !== undefined ? `'${name}' -> '${target}'` : `'${name}'`;
      case 's': return String(st.size);
      case 'a': return (st.mode & 0o7777).toString(8);
      case 'A': return modeString(st);
      case 'u': return String(st.uid);
      case 'g': return String(st.gid);
      case 'U': return nameOf(io, '/etc/passwd', st.uid) ?? 'UNKNOWN';
      case 'G': return nameOf(io, '/etc/group', st.gid) ?? 'UNKNOWN';
      case 'F': return typeName(st);
      case 'i': return String(st.ino ?? 0);
      case 'h': return String(st.nlink ?? 1);
      case 'b': return String(st.type === 'symlink' ? 0 : Math.ceil(st.size / 4096) * 8);
      case 'B': return '512';
      case 'o': return '4096';
      case 'y': case 'z': case 'x': return timeString(st.mtime);
      case 'Y': case 'Z': case 'X': return String(Math.floor(st.mtime / 1000));
      case 'd': return '64768';
      case 'D': return 'fd00';
      case '%': return '%';
    }
    return '?';
  });
}

export const stat: Applet = async (io) => {
  const o = parseOpts(io, io.argv.slice(1), 'c:LtfF');
  if (!o) return 1;
  let status = 0;
  for (const f of o.args) {
    const p = io.path(f);
    let st: FileStat;
    try {
      st = o.has('L') ? io.fs.stat(p) : (io.fs.lstat ?? io.fs.stat).call(io.fs, p);
    } catch (e) {
      await io.err(`can't stat '${f}': ${errText(e)}`);
      status = 1;
      continue;
    }
    const target = st.type === 'symlink' && io.fs.readlink ? io.fs.readlink(p) : undefined;
    const c = o.last('c');
    if (c !== undefined) {
      await io.out(format(io, c, f, st, target) + '\n');
      continue;
    }
    const u = nameOf(io, '/etc/passwd', st.uid) ?? 'UNKNOWN';
    const g = nameOf(io, '/etc/group', st.gid) ?? 'UNKNOWN';
    const blocks = st.type === 'symlink' ? 0 : Math.ceil(st.size / 4096) * 8;
    await io.out(
      `  File: ${target !== undefined ? `'${f}' -> '${target}'` : f}\n` +
        `  Size: ${String(st.size).padEnd(10)}\tBlocks: ${String(blocks).padEnd(10)} IO Block: 4096   ${typeName(st)}\n` +
        `Device: fd00h/64768d\tInode: ${String(st.ino ?? 0).padEnd(11)} Links: ${st.nlink ?? 1}\n` +
        `Access: (${(st.mode & 0o7777).toString(8).padStart(4, '0')}/${modeString(st)})  Uid: (${String(st.uid).padStart(5)}/${u.padStart(8)})   Gid: (${String(st.gid).padStart(5)}/${g.padStart(8)})\n` +
        `Access: ${timeString(st.mtime)}\nModify: ${timeString(st.mtime)}\nChange: ${timeString(st.mtime)}\n`,
    );
  }
  return status;
};
