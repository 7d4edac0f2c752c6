// Finding what a command name runs, as ash does before exec: a name with a slash is that file, any
// other is searched in $PATH. The file found is then run the way the kernel would: a program the
// kubelet's image catalogue simulates (hooks.program), a busybox applet (by the name of the file
// or of the link it is: /bin/sh -> busybox runs `sh`), a `#!` script through its interpreter, or
// (ENOEXEC, as ash falls back) a shell script.
import { basename, joinPath, normalizePath } from '../fs/path.ts';
import type { FileSystem } from '../fs/types.ts';
import type { Applet, CommandIo, System } from './command.ts';

export const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

export type Resolved =
  | { kind: 'run'; path: string; run: (io: CommandIo) => Promise<number> }
  | { kind: 'notfound' }
  | { kind: 'denied' };

function statOrUndefined(fs: FileSystem, p: string) {
  try {
    return fs.stat(p);
  } catch {
    return undefined;
  }
}

export function resolveCommand(sys: System, name: string, pathVar: string | undefined, cwd: string): Resolved {
  const fs = sys.ctx.fs;
  let path: string | undefined;
  if (name.includes('/')) {
    path = normalizePath(name, cwd);
    if (!statOrUndefined(fs, path)) return { kind: 'notfound' };
  } else {
    for (const dir of (pathVar ?? DEFAULT_PATH).split(':')) {
      const p = normalizePath(joinPath(dir || '.', name), cwd);
      if (statOrUndefined(fs, p)?.type === 'file') {
        path = p;
        break;
      }
    }
    if (!path) {
      const applet = sys.standalone ? sys.applets.get(name) : undefined;
      return applet ? { kind: 'run', path: name, run: applet } : { kind: 'notfound' };
    }
  }
  const st = statOrUndefined(fs, path)!;
  if (st.type === 'dir') return { kind: 'denied' };
  const uid = sys.ctx.identity.uid;
  const xBits = uid === 0 ? 0o111 : st.uid === uid ? 0o100 : 0o011;
  if (!(st.mode & xBits)) return { kind: 'denied' };
  const file = path;
  return { kind: 'run', path: file, run: (io) => runFile(sys, file, io) };
}

/** The applet a file stands for: its own name, or the name of the file a symlink chain ends at. */
function appletFor(sys: System, fs: FileSystem, path: string): Applet | undefined {
  const direct = sys.applets.get(basename(path));
  if (direct) return direct;
  let p = path;
  for (let i = 0; i < 8 && fs.readlink; i++) {
    let target: string;
    try {
      target = fs.readlink(p);
    } catch {
      break;
    }
    p = normalizePath(target, normalizePath(p + '/..'));
    const a = sys.applets.get(basename(p));
    if (a && basename(p) !== 'busybox') return a;
  }
  return undefined;
}

async function runFile(sys: System, path: string, io: CommandIo): Promise<number> {
  const program = sys.hooks?.program([path, ...io.argv.slice(1)], { ...sys.ctx, env: io.env, cwd: io.cwd, signal: io.signal, stdout: (t) => void io.stdout.write(t), stderr: (t) => void io.stderr.write(t), readLine: () => io.stdin.readLine() });
  if (program) return program;
  const applet = appletFor(sys, io.fs, path);
  if (applet) return applet(io);
  let content: string;
  try {
    content = io.fs.readFile(path);
  } catch {
    await io.stderr.write(`${io.argv[0]}: Permission denied\n`);
    return 126;
  }
  const sh = sys.applets.get('sh')!;
  if (content.startsWith('#!')) {
    const line = content.slice(2, content.indexOf('\n') < 0 ? undefined : content.indexOf('\n')).trim();
    const [interp, ...iargs] = line.split(/\s+/).filter(Boolean);
    const argv = [interp, ...iargs.slice(0, 1), path, ...io.argv.slice(1)];
    const base = basename(interp ?? '');
    if (base === 'env' && iargs[0]) return io.spawn([iargs[0], path, ...io.argv.slice(1)]);
    if (['sh', 'ash', 'bash', 'dash'].includes(base)) return sh({ ...io, argv });
    return io.spawn(argv);
  }
  return sh({ ...io, argv: ['sh', path, ...io.argv.slice(1)] });
}
