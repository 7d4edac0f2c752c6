// A scripted PodRuntime for tests of the HTTP layer (pods/log, exec, attach, portforward,
// metrics.k8s.io) in a sandbox started without the kubelet: tests write container log lines,
// end instances, and set usage; exec runs a handful of commands (echo, ls, cat, exit, and an
// `sh` reading lines after a prompt) without the real shell.
import type { LogLine, ResourceUsage, Stream } from '../../src/sandbox/node/images/process/types.ts';
import type { ContainerLog, ExecOptions, ExecSession, LogOptions, PodRuntime, RuntimeRefusal } from '../../src/sandbox/node/runtime.ts';
import type { HttpResponse, NetworkFailure } from '../../src/sandbox/node/shell/types.ts';
import type { SimClock } from '../../src/sandbox/sim/clock.ts';

class Instance implements ContainerLog {
  readonly lines: LogLine[] = [];
  private listeners = new Set<(l: LogLine) => void>();
  private done = false;
  private resolveEnded!: () => void;
  readonly ended = new Promise<void>((r) => (this.resolveEnded = r));
  follow(listener: (line: LogLine) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  finished(): boolean {
    return this.done;
  }
  get followers(): number {
    return this.listeners.size;
  }
  write(line: LogLine): void {
    this.lines.push(line);
    for (const l of this.listeners) l(line);
  }
  end(): void {
    this.done = true;
    this.resolveEnded();
  }
}

interface ContainerState {
  current?: Instance;
  previous?: Instance;
  waiting?: string;
}

export class FakePodRuntime implements PodRuntime {
  private containers = new Map<string, ContainerState>();
  private usages = new Map<string, Map<string, ResourceUsage>>();
  /** Ports answering HTTP, by pod IP. */
  readonly servers = new Map<string, Map<number, (path: string) => HttpResponse>>();
  readonly execs: Array<{ pod: string; container: string; argv: string[]; opts: ExecOptions }> = [];

  constructor(private readonly clock: SimClock) {}

  private key(ns: string, pod: string, container: string): string {
    return `${ns}/${pod}/${container}`;
  }

  private state(ns: string, pod: string, container: string): ContainerState {
    const k = this.key(ns, pod, container);
    let s = this.containers.get(k);
    if (!s) this.containers.set(k, (s = {}));
    return s;
  }

  /** The container's current instance writes a line (starting an instance if none runs). */
  log(ns: string, pod: string, container: string, text: string, stream: Stream = 'stdout'): void {
    const s = this.state(ns, pod, container);
    s.waiting = undefined;
    s.current ??= new Instance();
    s.current.write({ time: this.clock.now(), stream, text });
  }

  /** The current instance ends; with `restart`, a new one starts (the old becomes --previous). */
  end(ns: string, pod: string, container: string, restart = false): void {
    const s = this.state(ns, pod, container);
    s.current?.end();
    if (restart) {
      s.previous = s.current;
      s.current = new Instance();
    }
  }

  /** How many clients follow the current instance (`kubectl logs -f` attached). */
  followers(ns: string, pod: string, container: string): number {
    return this.state(ns, pod, container).current?.followers ?? 0;
  }

  /** Exec sessions started so far. */
  sessions(): number {
    return this.execs.length;
  }

  wait(ns: string, pod: string, container: string, reason: string): void {
    this.state(ns, pod, container).waiting = reason;
  }

  setUsage(ns: string, pod: string, usage: Record<string, ResourceUsage>): void {
    this.usages.set(`${ns}/${pod}`, new Map(Object.entries(usage)));
  }

  logs(ns: string, pod: string, container: string, opts: LogOptions): ContainerLog | RuntimeRefusal {
    const s = this.state(ns, pod, container);
    if (opts.previous) {
      if (!s.previous) return { refused: true, status: 400, reason: 'BadRequest', message: `previous terminated container "${container}" in pod "${pod}" not found` };
      return s.previous;
    }
    if (s.waiting || !s.current) {
      return { refused: true, status: 400, reason: 'BadRequest', message: `container "${container}" in pod "${pod}" is waiting to start: ${s.waiting ?? 'ContainerCreating'}` };
    }
    return s.current;
  }

  exec(ns: string, pod: string, container: string, argv: string[], opts: ExecOptions): ExecSession | RuntimeRefusal {
    const s = this.state(ns, pod, container);
    if (!s.current || s.current.finished()) return { refused: true, status: 404, reason: 'NotFound', message: `container not found ("${container}")` };
    this.execs.push({ pod, container, argv, opts });
    return new FakeSession(argv);
  }

  async http(ip: string, req: { path: string; port: number }): Promise<HttpResponse | NetworkFailure> {
    const handler = this.servers.get(ip)?.get(req.port);
    if (!handler) return { kind: 'refused', host: ip, port: req.port };
    return handler(req.path);
  }

  connect(ip: string, port: number): true | NetworkFailure {
    return this.servers.get(ip)?.has(port) ? true : { kind: 'refused', host: ip, port };
  }

  usage(ns: string, pod: string): Map<string, ResourceUsage> | undefined {
    return this.usages.get(`${ns}/${pod}`);
  }
}

const ROOT_LISTING = ['bin', 'dev', 'etc', 'home', 'lib', 'proc', 'root', 'sys', 'tmp', 'usr', 'var'];

/** A few commands, enough to see each stream, exit codes, stdin and a tty shell. */
class FakeSession implements ExecSession {
  private listeners = new Set<(stream: Stream, text: string) => void>();
  private resolveExit!: (code: number) => void;
  readonly exited = new Promise<number>((r) => (this.resolveExit = r));
  private pending = '';
  private done = false;
  readonly sizes: Array<[number, number]> = [];

  constructor(private readonly argv: string[]) {
    queueMicrotask(() => this.start());
  }

  private emit(stream: Stream, text: string): void {
    for (const l of this.listeners) l(stream, text);
  }

  private exit(code: number): void {
    if (this.done) return;
    this.done = true;
    this.resolveExit(code);
  }

  private start(): void {
    const [cmd, ...args] = this.argv;
    if (cmd === 'sh' && args.length === 0) {
      this.emit('stdout', '/ # ');
      return;
    }
    if (cmd === 'cat' && args.length === 0) return; // echoes stdin until closed
    this.exit(this.run(this.argv));
  }

  private run(argv: string[]): number {
    const [cmd, ...args] = argv;
    if (cmd === 'sh' && args[0] === '-c') return this.run(args[1]!.split(' '));
    if (cmd === 'echo') {
      this.emit('stdout', `${args.join(' ')}\n`);
      return 0;
    }
    if (cmd === 'ls' && args[0] === '/') {
      this.emit('stdout', `${ROOT_LISTING.join('\n')}\n`);
      return 0;
    }
    if (cmd === 'ls') {
      this.emit('stderr', `ls: ${args[0]}: No such file or directory\n`);
      return 1;
    }
    if (cmd === 'exit') return Number(args[0] ?? 0);
    this.emit('stderr', `sh: ${cmd}: not found\n`);
    return 127;
  }

  onOutput(listener: (stream: Stream, text: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  write(text: string): void {
    if (this.done) return;
    if (this.argv[0] === 'cat') {
      this.emit('stdout', text);
      return;
    }
    // A shell reading lines (the terminal in front of it echoes and edits).
    this.pending += text;
    let nl: number;
    while ((nl = this.pending.indexOf('\n')) >= 0) {
      const words = this.pending.slice(0, nl).trim().split(/\s+/).filter(Boolean);
      this.pending = this.pending.slice(nl + 1);
      if (words[0] === 'exit') {
        this.exit(Number(words[1] ?? 0));
        return;
      }
      if (words.length) this.run(words);
      this.emit('stdout', '/ # ');
    }
  }

  closeStdin(): void {
    if (this.argv[0] === 'cat' || this.argv[0] === 'sh') this.exit(0);
  }

  resize(cols: number, rows: number): void {
    this.sizes.push([cols, rows]);
  }

  kill(): void {
    this.exit(137);
  }
}
