// The observable state of a container's process: its output (split into log lines per stream),
// the ports it listens on and what answers there, its exit, the signal handler of whatever runs in
// the foreground, and the numbers metrics are made of. The program runner (./program-runner.ts)
// drives it; the kubelet sees it as a RunningProcess.
import type { HttpResponse, NetworkFailure } from '../../shell/types.ts';
import type { SimClock } from '../../../sim/clock.ts';
import type { FileSystem } from '../../fs/types.ts';
import type { HttpService } from '../catalogue/types.ts';
import { answerHttp } from './http.ts';
import type { TemplateScope } from './template.ts';
import type { ExitStatus, IncomingHttpRequest, LogLine, NotHttp, ResourceUsage, RunningProcess, Signal, Stream } from './types.ts';

export interface PortListener {
  service?: HttpService;
  scope: TemplateScope;
  fs: FileSystem;
  hasStdin: boolean;
  cpuMsPerRequest: number;
}

/**
 * How much of its log an instance keeps, in characters: the kubelet rotates container logs at
 * 10 MiB (containerLogMaxSize) and `kubectl logs` reads the current file; the sandbox keeps less
 * so that a chatty loop in each of 1,000 clusters cannot exhaust memory over a multi-day event.
 */
export const LOG_KEEP_CHARS = 2 * 1024 * 1024;

export class ContainerProcess implements RunningProcess {
  readonly logs: LogLine[] = [];
  private logChars = 0;
  readonly exited: Promise<ExitStatus>;
  private status?: ExitStatus;
  private resolveExit!: (s: ExitStatus) => void;
  private readonly lineListeners = new Set<(l: LogLine) => void>();
  private readonly chunkListeners = new Set<(stream: Stream, text: string) => void>();
  private readonly partial: Record<Stream, string> = { stdout: '', stderr: '' };
  private readonly ports = new Map<number, PortListener>();
  private readonly requests: { at: number; cpuMs: number }[] = [];
  private connections = 0;
  /** The foreground program's handler; false when it ignores the signal. */
  signalHandler: (sig: Signal) => boolean = () => false;
  readonly abort = new AbortController();
  memoryBytes = 0;
  idleCpuMillicores = 0;

  constructor(
    private readonly clock: SimClock,
    private readonly cpuLimitMillicores?: number,
  ) {
    this.exited = new Promise((resolve) => (this.resolveExit = resolve));
  }

  /** Raw output (exec sessions stream prompts without newlines); returns an unsubscribe function. */
  onOutput(listener: (stream: Stream, text: string) => void): () => void {
    this.chunkListeners.add(listener);
    return () => this.chunkListeners.delete(listener);
  }

  onLog(listener: (line: LogLine) => void): () => void {
    this.lineListeners.add(listener);
    return () => this.lineListeners.delete(listener);
  }

  write(stream: Stream, text: string): void {
    if (this.status || text === '') return;
    for (const l of this.chunkListeners) l(stream, text);
    const parts = (this.partial[stream] + text).split('\n');
    this.partial[stream] = parts.pop()!;
    for (const line of parts) this.emit(stream, line);
  }

  private emit(stream: Stream, text: string): void {
    const line: LogLine = { time: this.clock.now(), stream, text };
    this.logs.push(line);
    this.logChars += text.length + 1;
    if (this.logChars > LOG_KEEP_CHARS) this.rotate();
    for (const l of this.lineListeners) l(line);
  }

  /** Drops the oldest lines down to three quarters of the limit (a rotation, amortized). */
  private rotate(): void {
    let drop = 0;
    while (drop < this.logs.length - 1 && this.logChars > (LOG_KEEP_CHARS * 3) / 4) this.logChars -= this.logs[drop++]!.text.length + 1;
    this.logs.splice(0, drop);
  }

  listen(port: number, listener: PortListener): void {
    if (!this.status) this.ports.set(port, listener);
  }

  listening(port: number): boolean {
    return this.ports.has(port);
  }

  listeningPorts(): number[] {
    return [...this.ports.keys()].sort((a, b) => a - b);
  }

  async handleHttp(req: IncomingHttpRequest): Promise<HttpResponse | NetworkFailure | NotHttp> {
    const l = this.ports.get(req.port);
    if (!l) return { kind: 'refused', host: (req.headers.Host ?? req.headers.host ?? '').replace(/:\d+$/, ''), port: req.port };
    if (!l.service) return { kind: 'not-http', port: req.port };
    const result = answerHttp(l.service, req, { fs: l.fs, scope: l.scope, hasStdin: l.hasStdin }, ++this.connections);
    this.requests.push({ at: this.clock.now(), cpuMs: l.cpuMsPerRequest });
    for (const line of result.logs) this.write(line.stream, line.text + '\n');
    return result.response;
  }

  signal(sig: Signal): boolean {
    if (this.status) return false;
    if (sig === 'SIGKILL') {
      this.finish({ code: 137, reason: 'Error', signal: 'SIGKILL' });
      return true;
    }
    return this.signalHandler(sig);
  }

  usage(windowMs: number): ResourceUsage {
    const since = this.clock.now() - windowMs;
    while (this.requests.length && this.requests[0].at < since - 600_000) this.requests.shift();
    const busyMs = this.requests.filter((r) => r.at >= since).reduce((sum, r) => sum + r.cpuMs, 0);
    const running = this.status === undefined;
    let cpu = running ? this.idleCpuMillicores + (busyMs / Math.max(windowMs, 1)) * 1000 : 0;
    if (this.cpuLimitMillicores !== undefined) cpu = Math.min(cpu, this.cpuLimitMillicores);
    return { cpuMillicores: Math.round(cpu), memoryBytes: running ? this.memoryBytes : 0 };
  }

  exitStatus(): ExitStatus | undefined {
    return this.status;
  }

  /** Ends the process once: flushes partial lines, closes ports, stops whatever still runs. */
  finish(status: ExitStatus): void {
    if (this.status) return;
    for (const stream of ['stdout', 'stderr'] as const) {
      if (this.partial[stream] !== '') this.emit(stream, this.partial[stream]);
      this.partial[stream] = '';
    }
    this.status = status;
    this.ports.clear();
    this.abort.abort();
    this.resolveExit(status);
  }
}
