// A shell's state: variables, functions, positional parameters, options, traps, jobs. A subshell
// ((...), pipeline elements, command substitution, background jobs) works on a copy.
import type { Command } from './ast.ts';

export interface Var {
  value: string;
  exported: boolean;
  readonly: boolean;
}

export interface Job {
  id: number;
  pid: number;
  text: string;
  done: Promise<number>;
  status?: number;
}

export class ShellState {
  vars = new Map<string, Var>();
  functions = new Map<string, Command>();
  positional: string[] = [];
  /** $0 */
  arg0 = 'sh';
  cwd = '/';
  status = 0;
  lastBg: number | undefined;
  opts = { errexit: false, nounset: false, xtrace: false, noglob: false };
  traps = new Map<string, string>();
  jobs: Job[] = [];
  /** Saved variables of `local` declarations, one frame per function call. */
  locals: Map<string, Var | undefined>[] = [];
  depth = 0;
  umask = 0o022;

  static fromEnv(env: Record<string, string>, cwd: string): ShellState {
    const s = new ShellState();
    for (const [k, v] of Object.entries(env)) s.vars.set(k, { value: v, exported: true, readonly: false });
    s.cwd = cwd;
    if (!s.vars.has('PWD')) s.vars.set('PWD', { value: cwd, exported: true, readonly: false });
    else s.vars.get('PWD')!.value = cwd;
    return s;
  }

  clone(): ShellState {
    const s = new ShellState();
    for (const [k, v] of this.vars) s.vars.set(k, { ...v });
    s.functions = new Map(this.functions);
    s.positional = [...this.positional];
    s.arg0 = this.arg0;
    s.cwd = this.cwd;
    s.status = this.status;
    s.lastBg = this.lastBg;
    s.opts = { ...this.opts };
    // A subshell keeps ignored signals but resets traps with actions (POSIX).
    for (const [k, v] of this.traps) if (v === '') s.traps.set(k, v);
    s.depth = this.depth;
    s.umask = this.umask;
    return s;
  }

  get(name: string): string | undefined {
    return this.vars.get(name)?.value;
  }

  exportedEnv(): Record<string, string> {
    const env: Record<string, string> = {};
    for (const [k, v] of this.vars) if (v.exported) env[k] = v.value;
    return env;
  }
}
