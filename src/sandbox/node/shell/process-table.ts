// The processes of one container (its PID namespace): what `ps` lists, what `kill` reaches, what
// the kubelet signals. PID 1 is the container's main process; exec sessions and every command a
// shell starts get the next pids. Signal semantics are Linux's where learners meet them: a
// process without a handler dies (128 + n) unless the signal is ignored by default, and PID 1
// without a handler ignores every signal but SIGKILL — which is why `sh -c 'sleep 3600'` takes
// the whole grace period to stop.
import { IGNORED_BY_DEFAULT, SIGNALS } from './signals.ts';

export interface ProcessInfo {
  pid: number;
  ppid: number;
  user: string;
  uid: number;
  /** Replaced when the process execs another program. */
  argv: string[];
  startTime: number;
  /** Simulated CPU ms, for ps TIME. */
  cpuMs(): number;
}

export interface ProcessEntry extends ProcessInfo {
  /** Aborted when the process is killed. */
  readonly signal: AbortSignal;
  /** Settles with the exit status once the process is killed. */
  readonly killed: Promise<number>;
  /**
   * Handler for signals other than KILL: returns 'handled' (a trap), or 'default' to get the
   * default action. Absent: default action.
   */
  onSignal?: (sig: string) => 'handled' | 'default';
  /** Ends the process with a status (the default action of a fatal signal). */
  kill(status: number): void;
  /** The status it was killed with, once killed. */
  killStatus?: number;
}

export class ProcessTable {
  private readonly procs = new Map<number, ProcessEntry>();
  private nextPid = 1;

  constructor(private readonly opts: { now(): number; maxProcesses?: number }) {}

  /** Starts a process, or returns undefined when the table is full (fork's EAGAIN). */
  spawn(spec: { ppid: number; user: string; uid: number; argv: string[]; parent?: AbortSignal; cpuMs?: () => number }): ProcessEntry | undefined {
    if (this.procs.size >= (this.opts.maxProcesses ?? 512)) return undefined;
    const ctrl = new AbortController();
    let resolveKilled!: (status: number) => void;
    const killed = new Promise<number>((r) => (resolveKilled = r));
    const pid = this.nextPid++;
    const onParentAbort = () => entry.kill(137);
    const entry: ProcessEntry = {
      pid,
      ppid: spec.ppid,
      user: spec.user,
      uid: spec.uid,
      argv: spec.argv,
      startTime: this.opts.now(),
      cpuMs: spec.cpuMs ?? (() => 0),
      signal: ctrl.signal,
      killed,
      kill: (status) => {
        if (ctrl.signal.aborted) return;
        entry.killStatus = status;
        ctrl.abort();
        spec.parent?.removeEventListener('abort', onParentAbort);
        resolveKilled(status);
      },
    };
    if (spec.parent?.aborted) entry.kill(137);
    else spec.parent?.addEventListener('abort', onParentAbort);
    this.procs.set(pid, entry);
    return entry;
  }

  /** Removes an ended process. */
  exit(pid: number): void {
    const p = this.procs.get(pid);
    if (!p) return;
    this.procs.delete(pid);
    if (!p.signal.aborted) p.kill(0);
  }

  get(pid: number): ProcessEntry | undefined {
    return this.procs.get(pid);
  }

  list(): ProcessEntry[] {
    return [...this.procs.values()].sort((a, b) => a.pid - b.pid);
  }

  /**
   * Sends `sig` (a name without SIG) to `pid`. Returns false when no such process exists.
   * The result's `acted` is false when the process ignored the signal.
   */
  send(pid: number, sig: string): { found: boolean; acted: boolean } {
    const p = this.procs.get(pid);
    if (!p) return { found: false, acted: false };
    if (sig === 'KILL') {
      p.kill(128 + SIGNALS.KILL);
      return { found: true, acted: true };
    }
    if (sig === 'EXIT' || sig === '0') return { found: true, acted: false };
    if (p.onSignal?.(sig) === 'handled') return { found: true, acted: true };
    if (IGNORED_BY_DEFAULT.has(sig) || pid === 1) return { found: true, acted: false };
    p.kill(128 + (SIGNALS[sig] ?? 15));
    return { found: true, acted: true };
  }

  /** Kills every process (the container stopped). */
  killAll(): void {
    for (const p of this.procs.values()) p.kill(137);
  }
}
