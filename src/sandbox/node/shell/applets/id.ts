// id and whoami: names from the image's /etc/passwd and /etc/group. Supplementary groups are the
// identity's (set by the kubelet from fsGroup/supplementalGroups) or, absent, the primary group
// and the groups /etc/group lists the user in, as containerd computes them.
import type { Applet, CommandIo } from '../command.ts';
import { nameOf, parseOpts } from './util.ts';

function groupsOf(io: CommandIo): number[] {
  const id = io.ctx.identity;
  if (id.groups) return [...id.groups];
  const out = [id.gid];
  const user = nameOf(io, '/etc/passwd', id.uid);
  try {
    for (const line of io.fs.readFile('/etc/group').split('\n')) {
      const f = line.split(':');
      if (f.length < 4 || !user) continue;
      if (f[3].split(',').includes(user) && !out.includes(Number(f[2]))) out.push(Number(f[2]));
    }
  } catch {
    // no /etc/group
  }
  return out;
}

export const id: Applet = async (io) => {
  const o = parseOpts(io, io.argv.slice(1), 'ugGnr');
  if (!o) return 1;
  const ident = io.ctx.identity;
  const named = (file: '/etc/passwd' | '/etc/group', n: number) => {
    const name = nameOf(io, file, n);
    return name ? `${n}(${name})` : String(n);
  };
  const only = (file: '/etc/passwd' | '/etc/group', n: number) => (o.has('n') ? (nameOf(io, file, n) ?? String(n)) : String(n));
  if (o.has('u')) return (await io.out(only('/etc/passwd', ident.uid) + '\n'), 0);
  if (o.has('g')) return (await io.out(only('/etc/group', ident.gid) + '\n'), 0);
  if (o.has('G')) return (await io.out(groupsOf(io).map((g) => only('/etc/group', g)).join(' ') + '\n'), 0);
  const groups = groupsOf(io);
  await io.out(`uid=${named('/etc/passwd', ident.uid)} gid=${named('/etc/group', ident.gid)}${groups.length ? ` groups=${groups.map((g) => named('/etc/group', g)).join(',')}` : ''}\n`);
  return 0;
};

export const whoami: Applet = async (io) => {
  const name = nameOf(io, '/etc/passwd', io.ctx.identity.uid);
  if (!name) {
    await io.err(`unknown uid ${io.ctx.identity.uid}`);
    return 1;
  }
  await io.out(name + '\n');
  return 0;
};
