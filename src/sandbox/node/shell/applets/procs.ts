// ps and kill over the container's process table.
import type { Applet } from '../command.ts';
import { SIGNALS, signalName } from '../signals.ts';
import { nameOf } from './util.ts';

function cpuTime(ms: number): string {
  const s = Math.floor(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** busybox ps: `PID   USER     TIME  COMMAND`; -o pid,ppid,user,time,etime,comm,args. Other options are accepted (ps aux, ps -ef). */
export const ps: Applet = async (io) => {
  const args = io.argv.slice(1);
  let columns = ['pid', 'user', 'time', 'args'];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '-o' && args[i + 1]) columns = args[++i].split(',');
    else if (args[i].startsWith('-o') && args[i].length > 2) columns = args[i].slice(2).split(',');
  }
  const now = io.ctx.now();
  const head: Record<string, [string, number]> = {
    pid: ['PID', 5], ppid: ['PPID', 5], user: ['USER', 8], time: ['TIME', 5], etime: ['ELAPSED', 7], comm: ['COMMAND', 0], args: ['COMMAND', 0], rss: ['RSS', 5], vsz: ['VSZ', 5], stat: ['STAT', 4], group: ['GROUP', 8],
  };
  let out = columns.map((c, i) => (i === columns.length - 1 ? head[c]?.[0] ?? c.toUpperCase() : (head[c]?.[0] ?? c.toUpperCase()).padEnd(head[c]?.[1] ?? 5))).join(' ') + '\n';
  for (const p of io.sys.table.list()) {
    const cell = (c: string): string => {
      switch (c) {
        case 'pid': return String(p.pid).padStart(5);
        case 'ppid': return String(p.ppid).padStart(5);
        case 'user': return (nameOf(io, '/etc/passwd', p.uid) ?? String(p.uid)).slice(0, 8).padEnd(8);
        case 'group': return 'root'.padEnd(8);
        case 'time': return cpuTime(p.pid === io.pid ? 0 : p.cpuMs()).padStart(5);
        case 'etime': return cpuTime(now - p.startTime).padStart(7);
        case 'comm': return p.argv[0]?.replace(/^.*\//, '') ?? '';
        case 'args': return p.argv.join(' ');
        case 'rss': case 'vsz': return '1.2m'.padStart(5);
        case 'stat': return (p.pid === io.pid ? 'R' : 'S').padEnd(4);
      }
      return '?';
    };
    out += columns.map(cell).join(' ') + '\n';
  }
  await io.out(out);
  return 0;
};

export const kill: Applet = async (io) => {
  const args = io.argv.slice(1);
  let sig = 'TERM';
  if (args[0] === '-l' || args[0] === '-L') {
    if (args[1]) {
      const n = signalName(args[1]);
      await io.out(/^\d+$/.test(args[1]) ? `${n ?? ''}\n` : `${SIGNALS[n ?? ''] ?? ''}\n`);
      return 0;
    }
    await io.out(Object.entries(SIGNALS).map(([n, v]) => `${String(v).padStart(2)}) ${n}\n`).join(''));
    return 0;
  }
  if (args[0] === '-s' || args[0] === '-n') {
    args.shift();
    const s = signalName(args.shift() ?? '');
    if (!s) {
      await io.err(`bad signal name '${io.argv[2]}'`);
      return 1;
    }
    sig = s;
  } else if (args[0]?.startsWith('-') && args[0] !== '--') {
    const s = signalName(args[0].slice(1));
    if (!s) {
      await io.err(`bad signal name '${args[0].slice(1)}'`);
      return 1;
    }
    sig = s;
    args.shift();
  }
  if (args[0] === '--') args.shift();
  if (!args.length) {
    await io.stderr.write('BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: kill [-l] [-SIG] PID...\n');
    return 1;
  }
  let status = 0;
  for (const a of args) {
    const pid = a.startsWith('%') ? io.jobPid?.(a) : /^-?\d+$/.test(a) ? Number(a) : undefined;
    if (pid === undefined) {
      await io.err(a.startsWith('%') ? `${a}: no such job` : `invalid number '${a}'`);
      status = 1;
      continue;
    }
    const r = io.sys.table.send(pid, sig === 'EXIT' ? '0' : sig);
    if (!r.found) {
      await io.err(`can't kill pid ${pid}: No such process`);
      status = 1;
    }
  }
  return status;
};
