// What a command (busybox applet, shell builtin, or a program the kubelet simulates) gets to run
// with, and the system-wide parts of a container the interpreter shares between its processes.
import type { FileSystem } from '../fs/types.ts';
import { FS_ERROR_TEXT, FsError } from '../fs/types.ts';
import type { ProcessContext } from './types.ts';
import type { CpuBudget } from './cpu-budget.ts';
import type { ShellLimits } from './limits.ts';
import type { ProcessTable } from './process-table.ts';
import type { InStream, Output } from './streams.ts';

export interface CommandIo {
  /** argv[0] is the name the command was invoked by (`ls`, `/bin/ls`). */
  argv: string[];
  /** The process's environment. */
  env: Record<string, string>;
  cwd: string;
  stdin: InStream;
  stdout: Output;
  stderr: Output;
  /** The container's context (files as this process's user, network, clock, identity). */
  ctx: ProcessContext;
  fs: FileSystem;
  /** Aborted when this process is killed. */
  signal: AbortSignal;
  pid: number;
  sys: System;
  /** Absolute path of `p` against cwd (lexically). */
  path(p: string): string;
  out(text: string): Promise<void>;
  /** Writes `<applet>: <msg>\n` to stderr. */
  err(msg: string): Promise<void>;
  /** Sleeps on the simulated clock; throws ProcessKilled if the process is killed meanwhile. */
  sleep(ms: number): Promise<void>;
  /** Runs another command as a child process (env, xargs, timeout, nohup). */
  spawn(argv: string[], opts?: { stdin?: InStream; stdout?: Output; env?: Record<string, string> }): Promise<number>;
  /** `%1` style job specs, for `kill` and `wait` inside a shell. */
  jobPid?(spec: string): number | undefined;
}

export type Applet = (io: CommandIo) => Promise<number>;

/** Lets the kubelet's image catalogue run programs the shell does not implement (nginx, ...). */
export interface ShellHooks {
  program(argv: string[], ctx: ProcessContext): Promise<number> | undefined;
}

export interface System {
  ctx: ProcessContext;
  table: ProcessTable;
  budget: CpuBudget;
  limits: ShellLimits;
  applets: ReadonlyMap<string, Applet>;
  hooks?: ShellHooks;
  /** Run known applets even when no file for them is on PATH (busybox's FEATURE_SH_STANDALONE). */
  standalone: boolean;
  /** A terminal is attached (exec -it): an `sh` reading commands prints prompts. */
  interactive?: boolean;
  /** What uname reports. */
  uname: UnameFacts;
}

export interface UnameFacts {
  sysname: string;
  release: string;
  version: string;
  machine: string;
}

/** The process ended by a signal or a fatal condition; `status` is its exit status. */
export class ProcessKilled extends Error {
  constructor(readonly status: number) {
    super(`killed: ${status}`);
  }
}

/** strerror() of a filesystem error. */
export function errText(e: unknown): string {
  if (e instanceof FsError) return FS_ERROR_TEXT[e.code];
  return e instanceof Error ? e.message : String(e);
}
