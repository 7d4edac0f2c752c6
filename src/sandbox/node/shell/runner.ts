// The shell package's entry point for the kubelet and `kubectl exec`: one ShellRunner per
// container. start() runs an argv (a container's command/args, an exec session's command) as a
// process of the container — PID 1 for the first, the next pid for each exec — with the
// container's files, environment, network, clock and output streams from the ProcessContext.
// Every process of a runner shares the container's process table (`ps`, `kill`) and CPU budget.
import type { Applet, ShellHooks, System, UnameFacts } from './command.ts';
import { CpuBudget } from './cpu-budget.ts';
import { Shell } from './interpreter.ts';
import type { ShellLimits } from './limits.ts';
import { DEFAULT_LIMITS } from './limits.ts';
import type { ProcessInfo } from './process-table.ts';
import { ProcessTable } from './process-table.ts';
import { ShellState } from './state.ts';
import { FunctionOutput, InStream } from './streams.ts';
import type { ProcessContext } from './types.ts';
import { APPLETS } from './applets/index.ts';

export interface ShellRunnerOptions {
  limits?: Partial<ShellLimits>;
  /** Run applets without a file for them on PATH (tests, images whose files are not laid out). */
  standalone?: boolean;
  /** Restricts or extends the applets (default: all of applets/index.ts). */
  applets?: ReadonlyMap<string, Applet>;
  uname?: Partial<UnameFacts>;
}

export interface StartOptions {
  /** A terminal is attached (kubectl exec -it): an interactive `sh` prints prompts. */
  tty?: boolean;
}

/** A started process. Structurally the kubelet's ShellProcess (images/process/types.ts). */
export interface ShellProcess {
  readonly pid: number;
  /** Settles with the exit status: 128 + n when ended by signal n (137 for SIGKILL/abort). */
  readonly exitCode: Promise<number>;
  /**
   * Delivers a signal (`SIGTERM`, `TERM`); false when the process ignores it (PID 1 without a
   * trap). SIGKILL is better delivered by aborting ctx.signal, which ends every command promptly.
   */
  signal(sig: string): boolean;
}

export class ShellRunner {
  private table: ProcessTable | undefined;
  private budget: CpuBudget | undefined;
  private readonly limits: ShellLimits;

  constructor(private readonly opts: ShellRunnerOptions = {}) {
    this.limits = { ...DEFAULT_LIMITS, ...opts.limits };
  }

  start(argv: string[], ctx: ProcessContext, hooks?: ShellHooks, startOpts: StartOptions = {}): ShellProcess {
    this.table ??= new ProcessTable({ now: () => ctx.now(), maxProcesses: this.limits.maxProcesses });
    this.budget ??= new CpuBudget({ now: () => ctx.now(), sleep: (ms) => ctx.sleep(ms), stepsPerSecond: this.limits.stepsPerSecond });
    const sys: System = {
      ctx,
      table: this.table,
      budget: this.budget,
      limits: this.limits,
      applets: this.opts.applets ?? APPLETS,
      hooks,
      standalone: this.opts.standalone ?? false,
      interactive: startOpts.tty,
      uname: {
        sysname: 'Linux',
        release: '6.8.0-kubecamp',
        version: '#1 SMP PREEMPT_DYNAMIC Thu Jan  1 00:00:00 UTC 2026',
        machine: 'x86_64',
        ...this.opts.uname,
      },
    };
    const entry = this.table.spawn({ ppid: 0, user: ctx.identity.user, uid: ctx.identity.uid, argv: [...argv], parent: ctx.signal, cpuMs: () => this.budget!.cpuMs() });
    if (!entry) {
      ctx.stderr('fork: Resource temporarily unavailable\n');
      return { pid: -1, exitCode: Promise.resolve(1), signal: () => false };
    }
    const table = this.table;
    const fds = {
      0: { input: ctx.readLine ? new InStream(async () => {
        const l = await ctx.readLine!();
        return l === undefined ? undefined : l + '\n';
      }) : InStream.empty() },
      1: { output: new FunctionOutput((t) => ctx.stdout(t)) },
      2: { output: new FunctionOutput((t) => ctx.stderr(t)) },
    };
    const host = new Shell(sys, entry, ShellState.fromEnv(ctx.env, ctx.cwd), fds, { arg0: 'sh', appletName: 'sh' });
    const exitCode = (async () => {
      try {
        return await host.runExternal([...argv], fds, { ...ctx.env }, true);
      } catch (e) {
        if (e instanceof Error && 'status' in e && typeof e.status === 'number') return e.status;
        throw e;
      } finally {
        table.exit(entry.pid);
      }
    })();
    return {
      pid: entry.pid,
      exitCode,
      signal: (sig) => table.send(entry.pid, sig.toUpperCase().replace(/^SIG/, '')).acted,
    };
  }

  /** The container's processes now (for `kubectl top`-like views and tests). */
  processes(): ProcessInfo[] {
    return this.table?.list() ?? [];
  }

  /** Simulated CPU milliseconds the container's processes have used. */
  cpuMs(): number {
    return this.budget?.cpuMs() ?? 0;
  }

  /** Kills every process of the container (it stopped). */
  killAll(): void {
    this.table?.killAll();
  }
}
