// The contract between the simulated kubelet and the image catalogue's process engine. The kubelet
// never branches on image names: it pulls (../pull.ts), lays the image's files into the
// container's filesystem (../image-files.ts), then calls startProcess() (./start.ts) and drives the
// RunningProcess it gets back: streams its logs, waits for its exit, sends probes and Service
// traffic to handleHttp()/connect(), stops it with signals, and reads usage() for metrics.
import type { FileSystem } from '../../fs/types.ts';
import type { HttpResponse, NetworkAccess, NetworkFailure, ProcessContext } from '../../shell/types.ts';
import type { SimClock } from '../../../sim/clock.ts';
import type { Signal, Stream } from '../catalogue/types.ts';
import type { NodeFacts } from './template.ts';

export type { Signal, Stream } from '../catalogue/types.ts';
export type { NodeFacts } from './template.ts';

/** One line a container wrote, as the kubelet's log file keeps it. */
export interface LogLine {
  /** Simulated ms since the epoch (for `kubectl logs --timestamps`, `--since`). */
  time: number;
  stream: Stream;
  /** Without the trailing newline. */
  text: string;
}

export interface ExitStatus {
  code: number;
  /** The kubelet's terminated reason: `Completed` (0), `Error`, `OOMKilled`. */
  reason: 'Completed' | 'Error' | 'OOMKilled';
  /** The signal that ended the process, if one did (SIGKILL → 137, SIGTERM unhandled...). */
  signal?: Signal;
}

/** An HTTP request reaching the container (probe, Service, port-forward, another pod). */
export interface IncomingHttpRequest {
  method: string;
  /** Path and query: `/healthz?verbose=1`. */
  path: string;
  port: number;
  headers: Record<string, string>;
  body?: string;
  /** The client's address as the container sees it (kubelet probes come from the node's IP). */
  clientIp: string;
}

export interface ResourceUsage {
  /** Average over the window, millicores. */
  cpuMillicores: number;
  memoryBytes: number;
}

/**
 * A port that accepts TCP but does not speak HTTP (redis, postgres): an HTTP client reads EOF, so
 * an httpGet probe fails with `Get "http://10.244.1.5:6379/": EOF`.
 */
export interface NotHttp {
  kind: 'not-http';
  port: number;
}

/** A container's main process (or an exec session's), as the kubelet drives it. */
export interface RunningProcess {
  /** Lines written so far. */
  readonly logs: readonly LogLine[];
  /** Called for each new line (kubectl logs -f); returns an unsubscribe function. */
  onLog(listener: (line: LogLine) => void): () => void;
  /** Raw output as written (an exec session's prompt has no newline); returns an unsubscribe function. */
  onOutput(listener: (stream: Stream, text: string) => void): () => void;
  /** Settles when the process ends. */
  readonly exited: Promise<ExitStatus>;
  /** The exit status once ended. */
  exitStatus(): ExitStatus | undefined;
  /** Whether a TCP connection to the port would be accepted now (tcpSocket probes, Services). */
  listening(port: number): boolean;
  /** Ports accepting connections now. */
  listeningPorts(): number[];
  /**
   * Answers an HTTP request on one of the container's ports. A port nobody listens on refuses the
   * connection (`{ kind: 'refused' }`), as the kubelet's HTTP probe then reports
   * `dial tcp 10.244.1.5:8080: connect: connection refused`.
   */
  handleHttp(req: IncomingHttpRequest): Promise<HttpResponse | NetworkFailure | NotHttp>;
  /**
   * Delivers a signal. Returns false when the process ignores it (PID 1 without a handler, e.g.
   * `sleep` under SIGTERM): the kubelet then waits out the grace period and sends SIGKILL.
   */
  signal(sig: Signal): boolean;
  /** CPU averaged over the last `windowMs` and the current memory. */
  usage(windowMs: number): ResourceUsage;
}

/**
 * Runs a shell or a shell utility (busybox applet, coreutil) for the engine. Supplied by the
 * kubelet from the shell package; the catalogue never interprets shell syntax itself.
 */
export interface ShellRunner {
  /**
   * Starts `argv` (a resolved executable and its arguments: `['/bin/sh', '-c', 'echo hi']`,
   * `['/bin/sleep', '3600']`, `['/usr/bin/bash']`) with the context's files, environment and
   * streams. `hooks.program` lets the shell start programs it does not know (`exec nginx -g
   * 'daemon off;'` inside a script): it returns undefined for a path the image does not simulate.
   */
  start(argv: string[], ctx: ProcessContext, hooks: ShellHooks, opts?: { tty?: boolean }): ShellProcess;
}

export interface ShellHooks {
  program(argv: string[], ctx: ProcessContext): Promise<number> | undefined;
}

export interface ShellProcess {
  readonly exitCode: Promise<number>;
  /**
   * Delivers a signal; false when ignored. A shell as PID 1 without a `trap` ignores SIGTERM and
   * SIGINT, as Linux gives PID 1 no default handlers. SIGKILL is delivered by aborting
   * `ctx.signal` instead.
   */
  signal(sig: Signal): boolean;
}

/** What the kubelet knows about the container and its surroundings when starting a process. */
export interface StartContext {
  clock: SimClock;
  /** The container's filesystem, with the image's files laid down (../image-files.ts) and volumes mounted. */
  fs: FileSystem;
  network: NetworkAccess;
  shell: ShellRunner;
  node: NodeFacts;
  pod: { ip: string; hostname: string };
  /** The runtime's container id (64 hex), for CreateContainerError messages. */
  containerId: string;
  /** Uniform in [0, 1), injected (seeded in tests). */
  random(): number;
  /** Standard input when the container has `stdin: true` (attached sessions); absent, input is at EOF. */
  readLine?(): Promise<string | undefined>;
  /** The container's memory limit, bytes: a working set above it is OOM-killed. */
  memoryLimitBytes?: number;
}

/** The container spec fields that decide what runs. */
export interface ContainerStartSpec {
  command?: string[];
  args?: string[];
  workingDir?: string;
  stdin?: boolean;
  tty?: boolean;
  /** From securityContext.runAsUser/runAsGroup. */
  runAsUser?: number;
  runAsGroup?: number;
}

export type StartResult =
  | { ok: true; process: RunningProcess }
  | {
      ok: false;
      /**
       * `CreateContainerError`: the runtime could not make a container (no command at all); the
       * container stays Waiting. `StartError`: the container was created but its process could not
       * start (executable missing); it terminates with exit code 128.
       */
      reason: 'CreateContainerError' | 'StartError';
      message: string;
      exitCode?: number;
    };

export type ExecResult =
  | { ok: true; process: RunningProcess }
  | {
      ok: false;
      /**
       * The runtime's error for `kubectl exec`; the API server answers it as an InternalError
       * Status with message `error executing command in container: <message>`.
       */
      message: string;
    };
