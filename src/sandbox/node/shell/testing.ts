// Test helpers: a busybox-like container (image files, /bin applets, passwd), an in-memory
// network stub, and a runner that collects output on a VirtualClock.
import { MemoryFs } from '../fs/memory-fs.ts';
import { MountedFs } from '../fs/mounted-fs.ts';
import { OverlayFs } from '../fs/overlay-fs.ts';
import type { Credentials } from '../fs/mounted-fs.ts';
import { VirtualClock } from '../../sim/clock.ts';
import { APPLETS } from './applets/index.ts';
import type { ShellHooks } from './command.ts';
import type { ShellProcess } from './runner.ts';
import { ShellRunner } from './runner.ts';
import type { HttpResponse, NetworkAccess, NetworkFailure, ProcessContext } from './types.ts';

export interface StubService {
  /** Responses by path; a function for dynamic ones. */
  http?: Record<string, HttpResponse | ((req: { method: string; url: string; body?: string }) => HttpResponse)>;
  /** Ports that accept TCP connections (for nc); default 80 when http is given. */
  ports?: number[];
  /** Connections to it are never answered (NetworkPolicy drop). */
  drop?: boolean;
}

/** DNS names (short and fully qualified) → service stub. */
export class StubNetwork implements NetworkAccess {
  /** Set to `() => false` to play a pod whose DNS traffic a policy drops. */
  dnsReachable?: () => boolean;

  constructor(readonly services: Record<string, { ip: string; fqdn: string } & StubService> = {}) {}

  private find(host: string) {
    for (const [short, s] of Object.entries(this.services)) if (host === short || host === s.fqdn || host === s.ip) return s;
    return undefined;
  }
  resolve(name: string): string[] | undefined {
    const s = this.find(name);
    return s ? [s.ip] : undefined;
  }
  lookup(name: string) {
    const s = this.find(name);
    return s ? { name: s.fqdn, addresses: [s.ip] } : undefined;
  }
  nameserver(): string {
    return '10.96.0.10';
  }
  async http(req: { method: string; url: string; headers: Record<string, string>; body?: string }): Promise<HttpResponse | NetworkFailure> {
    const u = new URL(req.url);
    const port = Number(u.port || 80);
    const s = this.find(u.hostname);
    if (!s) return { kind: 'unresolved', host: u.hostname };
    if (s.drop) return { kind: 'timeout', host: u.hostname, port };
    if (!s.http || !(s.ports ?? [80]).includes(port)) return { kind: 'refused', host: u.hostname, port };
    const h = s.http[u.pathname];
    if (!h) return { status: 404, statusText: 'Not Found', headers: { 'Content-Type': 'text/html' }, body: '<html>404</html>\n' };
    return typeof h === 'function' ? h(req) : h;
  }
  async connect(host: string, port: number): Promise<true | NetworkFailure> {
    const s = this.find(host);
    if (!s) return { kind: 'unresolved', host };
    if (s.drop) return { kind: 'timeout', host, port };
    return (s.ports ?? (s.http ? [80] : [])).includes(port) ? true : { kind: 'refused', host, port };
  }
}

const PASSWD = 'root:x:0:0:root:/root:/bin/sh\ndaemon:x:1:1:daemon:/usr/sbin:/bin/false\nnobody:x:65534:65534:nobody:/home:/bin/false\n';
const GROUP = 'root:x:0:\ndaemon:x:1:\nwheel:x:10:root\nnogroup:x:65533:\nnobody:x:65534:\n';

export interface Container {
  clock: VirtualClock;
  fs: MountedFs;
  image: MemoryFs;
  network: StubNetwork;
  runner: ShellRunner;
  out: string[];
  err: string[];
  /** Interleaved stdout/stderr as written. */
  log: string[];
  stdout(): string;
  stderr(): string;
  start(argv: string[], opts?: { env?: Record<string, string>; input?: string[]; hooks?: ShellHooks; signal?: AbortSignal }): ShellProcess;
  /** Runs to completion, advancing the clock as needed (up to `maxMs`). */
  run(argv: string[], opts?: { env?: Record<string, string>; input?: string[]; maxMs?: number; hooks?: ShellHooks }): Promise<number>;
  sh(script: string, opts?: { env?: Record<string, string>; maxMs?: number }): Promise<number>;
}

export function busyboxContainer(opts: { user?: Credentials & { name?: string }; network?: StubNetwork; files?: Record<string, string> } = {}): Container {
  const clock = new VirtualClock();
  const now = () => clock.now();
  const image = new MemoryFs({ now: () => Date.parse('2025-05-18T22:34:17Z') });
  image.populate({ '/etc/passwd': PASSWD, '/etc/group': GROUP, '/etc/hostname': 'web-0\n', ...opts.files });
  for (const d of ['/tmp', '/var/tmp']) image.mkdir(d, { recursive: true, mode: 0o1777 });
  image.chmod('/tmp', 0o1777);
  for (const d of ['/root', '/home', '/proc', '/dev']) image.mkdir(d, { recursive: true });
  image.mkdir('/bin', { recursive: true });
  for (const name of APPLETS.keys()) if (name !== 'bash' && name !== 'curl' && name !== 'getent') image.writeFile(`/bin/${name}`, '', { mode: 0o755 });
  image.mkdir('/usr/bin', { recursive: true });
  for (const name of ['curl', 'getent']) image.writeFile(`/usr/bin/${name}`, '', { mode: 0o755 });
  const user = opts.user ?? { uid: 0, gid: 0 };
  const fs = new MountedFs(new OverlayFs(image, new MemoryFs({ now })), { user });
  const network = opts.network ?? new StubNetwork();
  const runner = new ShellRunner();
  const out: string[] = [];
  const err: string[] = [];
  const log: string[] = [];
  const c: Container = {
    clock,
    fs,
    image,
    network,
    runner,
    out,
    err,
    log,
    stdout: () => out.join(''),
    stderr: () => err.join(''),
    start(argv, o = {}) {
      const input = [...(o.input ?? [])];
      const ctx: ProcessContext = {
        fs,
        env: { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', HOSTNAME: 'web-0', HOME: user.uid === 0 ? '/root' : '/', ...o.env },
        cwd: '/',
        identity: { uid: user.uid, gid: user.gid, user: opts.user?.name ?? (user.uid === 0 ? 'root' : String(user.uid)), hostname: 'web-0', groups: user.groups ? [...user.groups] : undefined },
        network,
        now,
        sleep: (ms) => clock.sleep(ms),
        stdout: (t) => {
          out.push(t);
          log.push(t);
        },
        stderr: (t) => {
          err.push(t);
          log.push(t);
        },
        readLine: o.input ? async () => input.shift() : undefined,
        signal: o.signal ?? new AbortController().signal,
      };
      return runner.start(argv, ctx, o.hooks);
    },
    async run(argv, o = {}) {
      const p = c.start(argv, o);
      let done: number | undefined;
      void p.exitCode.then((s) => (done = s));
      const max = o.maxMs ?? 3_600_000;
      for (let t = 0; done === undefined && t <= max; ) {
        await clock.advance(0);
        if (done !== undefined) break;
        const next = clock.nextIn();
        if (next === undefined) {
          await new Promise((r) => setImmediate(r));
          if (done !== undefined) break;
          if (clock.nextIn() === undefined) {
            await new Promise((r) => setTimeout(r, 5));
            if (done === undefined && clock.nextIn() === undefined) throw new Error('process is stuck with no timer pending');
          }
          continue;
        }
        await clock.advance(next);
        t += next;
      }
      if (done === undefined) throw new Error(`still running after ${max} ms`);
      return done;
    },
    sh(script, o = {}) {
      return c.run(['/bin/sh', '-c', script], o);
    },
  };
  return c;
}
