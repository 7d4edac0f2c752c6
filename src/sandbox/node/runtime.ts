// What the live parts of a cluster offer each other beyond the object store. The kubelet
// controller (node/kubelet/) fills `pods`; the cluster network (node/network/) fills `network`.
// The HTTP layer (pods/log, pods/exec, pods/attach, pods/portforward, metrics.k8s.io), the
// network and the autoscaler read them. Either may be absent (a cluster built without the
// simulation): callers then answer as a cluster whose nodes do not respond.
import type { IncomingHttpRequest, LogLine, NotHttp, ResourceUsage, Stream } from './images/process/types.ts';
import type { HttpResponse, NetworkAccess, NetworkFailure } from './shell/types.ts';

export interface ClusterRuntime {
  pods?: PodRuntime;
  network?: ClusterNetwork;
}

export interface LogOptions {
  /** The previous (terminated) instance of the container: `kubectl logs --previous`. */
  previous?: boolean;
}

/** One container instance's log: what it wrote so far, and what it writes next. */
export interface ContainerLog {
  readonly lines: readonly LogLine[];
  /** Subscribes to new lines (`-f`); returns an unsubscribe function. */
  follow(listener: (line: LogLine) => void): () => void;
  /** Resolves when the instance has ended (its log is complete). */
  readonly ended: Promise<void>;
  /** Whether the instance has ended already. */
  finished(): boolean;
}

export interface ExecOptions {
  stdin: boolean;
  tty: boolean;
}

/** A running `kubectl exec` (or attach) session. */
export interface ExecSession {
  /** Raw output as written (prompts have no newline). */
  onOutput(listener: (stream: Stream, text: string) => void): () => void;
  /** Feeds standard input (a tty sends keystrokes; lines are split by the session). */
  write(text: string): void;
  /** Closes standard input (end of input). */
  closeStdin(): void;
  /** The terminal size changed (tty only). */
  resize?(cols: number, rows: number): void;
  /** Settles with the exit code when the session ends. */
  readonly exited: Promise<number>;
  /** Ends the session (the client went away). */
  kill(): void;
}

/**
 * The runtime's answer when a log or exec request cannot be served. `status` is the HTTP code
 * and `message` the Status message kubectl prints (`container "x" in pod "y" is waiting to
 * start: ContainerCreating`, `previous terminated container "x" in pod "y" not found`).
 */
export interface RuntimeRefusal {
  refused: true;
  status: number;
  reason: 'BadRequest' | 'NotFound' | 'InternalError';
  message: string;
}

export interface PodRuntime {
  logs(namespace: string, pod: string, container: string, opts: LogOptions): ContainerLog | RuntimeRefusal;
  exec(namespace: string, pod: string, container: string, argv: string[], opts: ExecOptions): ExecSession | RuntimeRefusal;
  /** Attaches to the container's main process (output from now on, its stdin when `stdin: true`). */
  attach?(namespace: string, pod: string, container: string, opts: ExecOptions): ExecSession | RuntimeRefusal;
  /** Delivers an HTTP request to a pod IP and port (Services, other pods, port-forward). */
  http(ip: string, req: IncomingHttpRequest): Promise<HttpResponse | NetworkFailure | NotHttp>;
  /** Whether a TCP connection to a pod IP and port is accepted. */
  connect(ip: string, port: number): true | NetworkFailure;
  /** CPU and memory of each running container of a pod (metrics.k8s.io), or undefined when not running. */
  usage(namespace: string, pod: string, windowMs: number): Map<string, ResourceUsage> | undefined;
}

export interface ClusterNetwork {
  /** What a process in `pod` can reach: DNS with its search path, Services, pods, policies. */
  forPod(namespace: string, pod: string): NetworkAccess;
}
