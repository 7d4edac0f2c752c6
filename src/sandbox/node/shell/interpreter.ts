// Runs a parsed script the way busybox ash does: lists, and-or lists, pipelines (each element in a
// subshell, connected by bounded pipes), compound commands, functions, redirections, background
// jobs, traps, and command lookup (special builtins, functions, builtins, then files on $PATH).
// The interpreter is cooperative: every command and loop iteration spends a step of the
// container's CPU budget (cpu-budget.ts), which also hands the event loop back regularly.
import { basename, normalizePath } from '../fs/path.ts';
import { FS_ERROR_TEXT, FsError } from '../fs/types.ts';
import type { Command, List, Redirect } from './ast.ts';
import type { CommandIo, System } from './command.ts';
import { ProcessKilled, errText } from './command.ts';
import { abortable } from './cpu-budget.ts';
import type { ExpandHost } from './expand.ts';
import { ExpansionError, expandFields, expandPattern, expandString } from './expand.ts';
import { parseScript, ShellSyntaxError } from './parser.ts';
import { patternMatch } from './pattern.ts';
import type { ProcessEntry } from './process-table.ts';
import { resolveCommand } from './resolve-command.ts';
import { SIGNALS } from './signals.ts';
import type { Job } from './state.ts';
import { ShellState } from './state.ts';
import type { Output } from './streams.ts';
import { BrokenPipe, BufferOutput, FileOutput, InStream, nullOutput, Pipe, WriteError } from './streams.ts';
import { BUILTINS, SPECIAL_BUILTINS } from './builtins.ts';

export interface Fd {
  input?: InStream;
  output?: Output;
}
export type Fds = Record<number, Fd | undefined>;

/** `exit`: unwinds to the shell (or subshell) boundary. */
export class ExitShell {
  constructor(readonly status: number) {}
}
/** `break`/`continue` with their level count. */
export class LoopControl {
  constructor(
    readonly kind: 'break' | 'continue',
    readonly levels: number,
  ) {}
}
export class ReturnFromFunction {
  constructor(readonly status: number) {}
}
/** An error that ends a non-interactive shell (syntax, expansion, special builtin): printed, status 2. */
export class ShellFatal {
  constructor(
    readonly message: string,
    readonly status = 2,
  ) {}
}

class RedirError extends Error {}

/** Builtins that busybox ash runs in-process from their applet implementation. */
const INPROC_APPLETS = new Set(['echo', 'printf', 'test', '[', '[[', 'true', 'false', 'kill', 'pwd']);

export interface ShellOptions {
  /** Message prefix and $0: `sh`, `/bin/sh`, or a script's path. */
  arg0: string;
  /** The applet name in-process builtins report errors under (`sh: invalid number 'x'`). */
  appletName: string;
  /** A script file (messages carry `line N:`), not `-c`. */
  scriptFile?: boolean;
  /** Number of the script's first line: 0 for `-c`, 1 for files (as ash). */
  lineBase?: number;
}

export class Shell implements ExpandHost {
  line = 0;
  private loopDepth = 0;
  private noErrexit = 0;
  private pendingSignals: string[] = [];
  private signalWaiters: (() => void)[] = [];
  private substStatus: number | undefined;
  private nextJobId = 1;

  constructor(
    readonly sys: System,
    readonly proc: ProcessEntry,
    readonly state: ShellState,
    public fds: Fds,
    readonly opts: ShellOptions,
  ) {}

  // ---- ExpandHost ----
  get nounset(): boolean {
    return this.state.opts.nounset;
  }
  get noglob(): boolean {
    return this.state.opts.noglob;
  }
  get fs() {
    return this.sys.ctx.fs;
  }
  get cwd(): string {
    return this.state.cwd;
  }
  get maxString(): number {
    return this.sys.limits.maxString;
  }
  getVar(name: string): string | undefined {
    switch (name) {
      case '?':
        return String(this.state.status);
      case '$':
        return String(this.rootPid());
      case '#':
        return String(this.state.positional.length);
      case '!':
        return this.state.lastBg === undefined ? '' : String(this.state.lastBg);
      case '-':
        return (this.state.opts.errexit ? 'e' : '') + (this.state.opts.noglob ? 'f' : '') + (this.state.opts.nounset ? 'u' : '') + (this.state.opts.xtrace ? 'x' : '');
      case '0':
        return this.state.arg0;
    }
    if (/^[1-9]\d*$/.test(name)) return this.state.positional[Number(name) - 1];
    return this.state.get(name);
  }
  setVar(name: string, value: string): void {
    this.assign(name, value);
  }
  positional(): string[] {
    return this.state.positional;
  }
  home(user: string): string | undefined {
    try {
      for (const line of this.fs.readFile('/etc/passwd').split('\n')) {
        const f = line.split(':');
        if (f[0] === user) return f[5];
      }
    } catch {
      // no passwd file
    }
    return user === 'root' ? '/root' : undefined;
  }
  async substitute(body: List): Promise<string> {
    const out = new BufferOutput(this.sys.limits.maxString);
    const sub = this.subshell({ ...this.fds, 1: { output: out } });
    const status = await sub.runSubshell(body);
    this.substStatus = status;
    this.state.status = status;
    return out.text;
  }

  private rootPid(): number {
    let p = this.proc;
    // $$ is the pid of the shell that was started, not of subshells
    for (;;) {
      const parent = this.sys.table.get(p.ppid);
      if (!parent || !this.subshellPids.has(p.pid)) return p.pid;
      p = parent;
    }
  }
  /** Pids of background subshells (their $$ is their parent's). */
  private subshellPids = new Set<number>();

  // ---- messages ----
  /** `sh: msg`, `script: line N: msg`, `sh: cd: line N: msg` as ash's ash_msg. */
  message(text: string, builtin?: string): string {
    let s = `${this.opts.arg0}: `;
    if (builtin) s += `${builtin}: `;
    if (builtin || this.opts.scriptFile) s += `line ${this.line}: `;
    return s + text + '\n';
  }
  async errLine(text: string, builtin?: string, fds = this.fds): Promise<void> {
    await this.write(fds[2]?.output, this.message(text, builtin));
  }
  private async write(out: Output | undefined, text: string): Promise<void> {
    try {
      await (out ?? nullOutput).write(text);
    } catch (e) {
      if (!(e instanceof BrokenPipe || e instanceof WriteError)) throw e;
    }
  }

  // ---- entry points ----
  /** Runs a whole script in this shell: exit status, after the EXIT trap. */
  async runScript(src: string): Promise<number> {
    this.installSignalHandler();
    let status: number;
    try {
      const list = this.parse(src, this.opts.lineBase ?? 0);
      status = await this.runList(list, this.fds, true);
    } catch (e) {
      status = await this.settle(e);
    }
    return this.runExitTrap(status);
  }

  /** Runs commands read line by line from standard input (`sh` with no script, exec -i). */
  async runInteractive(input: InStream, prompt?: () => string): Promise<number> {
    this.installSignalHandler();
    let buf = '';
    let status = 0;
    for (;;) {
      if (prompt) await this.write(this.fds[2]?.output, buf ? '> ' : prompt());
      const line = await input.readLine();
      if (line === undefined) break;
      buf += line + '\n';
      let list: List;
      try {
        list = parseScript(buf, 1);
      } catch (e) {
        if (e instanceof ShellSyntaxError && /end of file|unterminated/.test(e.message)) continue;
        buf = '';
        if (e instanceof ShellSyntaxError) {
          await this.errLine(`syntax error: ${e.message}`);
          this.state.status = 2;
          continue;
        }
        throw e;
      }
      buf = '';
      try {
        status = await this.runList(list, this.fds, false);
      } catch (e) {
        if (e instanceof ExitShell || e instanceof ProcessKilled) {
          status = await this.settle(e);
          return this.runExitTrap(status);
        }
        status = await this.settle(e);
      }
    }
    return this.runExitTrap(status);
  }

  /** A copy of this shell for a subshell, sharing the process. */
  subshell(fds: Fds = this.fds): Shell {
    const s = new Shell(this.sys, this.proc, this.state.clone(), fds, this.opts);
    s.line = this.line;
    s.subshellPids = this.subshellPids;
    return s;
  }

  /** Runs a list as a subshell: exit, fatal errors and broken pipes end only the subshell. */
  async runSubshell(list: List, execLast = false): Promise<number> {
    try {
      return await this.runList(list, this.fds, execLast);
    } catch (e) {
      return this.settle(e);
    }
  }

  private async settle(e: unknown): Promise<number> {
    if (e instanceof ExitShell) return e.status;
    if (e instanceof ShellFatal) {
      await this.errLine(e.message);
      return e.status;
    }
    if (e instanceof BrokenPipe) return 128 + SIGNALS.PIPE;
    if (e instanceof ReturnFromFunction) return e.status;
    if (e instanceof LoopControl) return 0;
    throw e;
  }

  parse(src: string, lineBase: number): List {
    try {
      return parseScript(src, lineBase);
    } catch (e) {
      if (e instanceof ShellSyntaxError) throw new ShellFatal(`syntax error: ${e.message}`);
      throw e;
    }
  }

  // ---- signals and traps ----
  private installSignalHandler(): void {
    this.proc.onSignal = (sig) => {
      const action = this.state.traps.get(sig);
      if (action === undefined) return 'default';
      if (action !== '') {
        this.pendingSignals.push(sig);
        const ws = this.signalWaiters;
        this.signalWaiters = [];
        for (const w of ws) w();
      }
      return 'handled';
    };
  }

  /** Resolves when a trapped signal arrives (interrupts `wait`). */
  signalArrived(): Promise<void> {
    if (this.pendingSignals.length) return Promise.resolve();
    return new Promise((r) => this.signalWaiters.push(r));
  }

  hasPendingSignals(): boolean {
    return this.pendingSignals.length > 0;
  }

  async runPendingTraps(): Promise<void> {
    while (this.pendingSignals.length) {
      const sig = this.pendingSignals.shift()!;
      const action = this.state.traps.get(sig);
      if (!action) continue;
      const saved = this.state.status;
      await this.evalString(action, this.fds);
      this.state.status = saved;
    }
  }

  private async runExitTrap(status: number): Promise<number> {
    const action = this.state.traps.get('EXIT');
    if (!action) return status;
    this.state.traps.delete('EXIT');
    this.state.status = status;
    try {
      await this.runList(this.parse(action, this.line), this.fds, false);
    } catch (e) {
      if (e instanceof ExitShell) return e.status;
      if (e instanceof ProcessKilled) throw e;
      return this.settle(e);
    }
    return status;
  }

  async evalString(src: string, fds: Fds): Promise<number> {
    return this.runList(this.parse(src, this.line), fds, false);
  }

  // ---- execution ----
  private checkAlive(): void {
    if (this.proc.signal.aborted) throw new ProcessKilled(this.proc.killStatus ?? 137);
  }

  private async tick(): Promise<void> {
    this.checkAlive();
    await this.sys.budget.charge(1, this.proc.signal);
    this.checkAlive();
  }

  async runList(list: List, fds: Fds, execLast: boolean): Promise<number> {
    let status = this.state.status;
    const n = list.items.length;
    for (let i = 0; i < n; i++) {
      const item = list.items[i];
      if (item.background) {
        await this.startBackground(item.andOr, fds);
        status = 0;
      } else {
        status = await this.runAndOr(item.andOr, fds, execLast && i === n - 1);
      }
      this.state.status = status;
      if (this.pendingSignals.length) await this.runPendingTraps();
    }
    return status;
  }

  private async runAndOr(ao: List['items'][number]['andOr'], fds: Fds, execLast: boolean): Promise<number> {
    const last = ao.rest.length;
    this.noErrexit += last > 0 ? 1 : 0;
    let status: number;
    let ranLast = last === 0;
    try {
      status = await this.runPipeline(ao.first, fds, execLast && last === 0);
      for (let i = 0; i < last; i++) {
        const { op, pipeline } = ao.rest[i];
        if ((op === '&&' && status === 0) || (op === '||' && status !== 0)) {
          if (i === last - 1) {
            this.noErrexit--;
            ranLast = true;
          }
          status = await this.runPipeline(pipeline, fds, execLast && i === last - 1);
          if (i === last - 1) this.noErrexit++;
        }
      }
    } finally {
      this.noErrexit -= last > 0 ? 1 : 0;
    }
    const negated = ranLast && (last === 0 ? ao.first.negate : ao.rest[last - 1].pipeline.negate);
    if (status !== 0 && ranLast && !negated && this.state.opts.errexit && this.noErrexit === 0) throw new ExitShell(status);
    return status;
  }

  private async runPipeline(p: List['items'][number]['andOr']['first'], fds: Fds, execLast: boolean): Promise<number> {
    let status: number;
    if (p.negate) this.noErrexit++;
    try {
      if (p.cmds.length === 1) {
        status = await this.runCommand(p.cmds[0], fds, execLast && !p.negate);
      } else {
        const pipes = p.cmds.slice(1).map(() => new Pipe());
        const runs = p.cmds.map(async (cmd, i) => {
          const f: Fds = { ...fds };
          if (i > 0) f[0] = { input: new InStream(() => pipes[i - 1].reader.read()) };
          if (i < pipes.length) f[1] = { output: pipes[i].writer };
          const sub = this.subshell(f);
          try {
            return await sub.runSubshell({ items: [{ andOr: { first: { negate: false, cmds: [cmd] }, rest: [] }, background: false }] });
          } finally {
            if (i < pipes.length) pipes[i].writer.close();
            if (i > 0) pipes[i - 1].reader.close();
          }
        });
        const statuses = await Promise.all(runs);
        status = statuses[statuses.length - 1];
      }
    } finally {
      if (p.negate) this.noErrexit--;
    }
    if (p.negate) status = status === 0 ? 1 : 0;
    return status;
  }

  async runCommand(cmd: Command, fds: Fds, execLast = false): Promise<number> {
    await this.tick();
    this.line = cmd.line;
    if (cmd.k === 'simple') return this.runSimple(cmd, fds, execLast);
    if (cmd.k === 'func') {
      this.state.functions.set(cmd.name, cmd.body);
      return 0;
    }
    let f: Fds;
    try {
      f = await this.redirect(cmd.redirs, fds);
    } catch (e) {
      if (e instanceof RedirError) {
        await this.errLine(e.message, undefined, fds);
        return 1;
      }
      throw e;
    }
    switch (cmd.k) {
      case 'group':
        return this.runList(cmd.body, f, execLast);
      case 'subshell':
        return this.subshell(f).runSubshell(cmd.body, execLast);
      case 'if': {
        for (const c of cmd.clauses) {
          if ((await this.condition(c.cond, f)) === 0) return this.runList(c.body, f, execLast);
        }
        return cmd.else ? this.runList(cmd.else, f, execLast) : 0;
      }
      case 'while': {
        let status = 0;
        this.loopDepth++;
        try {
          for (;;) {
            await this.tick();
            const c = await this.condition(cmd.cond, f);
            if (cmd.until ? c === 0 : c !== 0) break;
            const r = await this.loopBody(cmd.body, f);
            status = r.status;
            if (r.brk) break;
          }
        } finally {
          this.loopDepth--;
        }
        return status;
      }
      case 'for': {
        let items: string[];
        try {
          items = cmd.items ? await expandFields(cmd.items, this) : [...this.state.positional];
        } catch (e) {
          throw this.fatalFromExpansion(e);
        }
        let status = 0;
        this.loopDepth++;
        try {
          for (const v of items) {
            await this.tick();
            this.assign(cmd.name, v);
            const r = await this.loopBody(cmd.body, f);
            status = r.status;
            if (r.brk) break;
          }
        } finally {
          this.loopDepth--;
        }
        return status;
      }
      case 'case': {
        let w: string;
        try {
          w = await expandString(cmd.word, this);
          for (const item of cmd.items) {
            for (const pat of item.patterns) {
              if (patternMatch(await expandPattern(pat, this), w)) return this.runList(item.body, f, execLast);
            }
          }
        } catch (e) {
          throw this.fatalFromExpansion(e);
        }
        return 0;
      }
    }
  }

  private async condition(list: List, fds: Fds): Promise<number> {
    this.noErrexit++;
    try {
      return await this.runList(list, fds, false);
    } finally {
      this.noErrexit--;
    }
  }

  private async loopBody(body: List, fds: Fds): Promise<{ status: number; brk: boolean }> {
    try {
      return { status: await this.runList(body, fds, false), brk: false };
    } catch (e) {
      if (!(e instanceof LoopControl)) throw e;
      if (e.levels > 1) throw new LoopControl(e.kind, e.levels - 1);
      return { status: 0, brk: e.kind === 'break' };
    }
  }

  /** break/continue: levels beyond the enclosing loops are capped, outside a loop a no-op. */
  loopControl(kind: 'break' | 'continue', levels: number): number {
    if (this.loopDepth === 0) return 0;
    throw new LoopControl(kind, Math.min(levels, this.loopDepth));
  }

  private fatalFromExpansion(e: unknown): unknown {
    if (e instanceof ExpansionError) return new ShellFatal(e.message);
    return e;
  }

  assign(name: string, value: string): void {
    const v = this.state.vars.get(name);
    if (v?.readonly) throw new ShellFatal(`${name}: is read only`);
    if (value.length > this.sys.limits.maxString) throw new ShellFatal('out of memory');
    if (v) v.value = value;
    else this.state.vars.set(name, { value, exported: false, readonly: false });
  }

  private async runSimple(cmd: Extract<Command, { k: 'simple' }>, fds: Fds, execLast: boolean): Promise<number> {
    let argv: string[];
    const assigns: [string, string][] = [];
    this.substStatus = undefined;
    try {
      argv = await expandFields(cmd.words, this);
      for (const a of cmd.assigns) assigns.push([a.name, await expandString(a.value, this)]);
    } catch (e) {
      throw this.fatalFromExpansion(e);
    }
    if (argv.length === 0) {
      for (const [k, v] of assigns) {
        this.assign(k, v);
        if (this.state.opts.xtrace) await this.write(fds[2]?.output, `+ ${k}=${v}\n`);
      }
      if (cmd.redirs.length) {
        try {
          await this.redirect(cmd.redirs, fds);
        } catch (e) {
          if (e instanceof RedirError) {
            await this.errLine(e.message, undefined, fds);
            return 1;
          }
          throw e;
        }
      }
      return this.substStatus ?? 0;
    }
    if (this.state.opts.xtrace) await this.write(fds[2]?.output, `+ ${argv.join(' ')}\n`);
    let f: Fds;
    try {
      f = await this.redirect(cmd.redirs, fds);
    } catch (e) {
      if (e instanceof RedirError) {
        await this.errLine(e.message, undefined, fds);
        if (SPECIAL_BUILTINS.has(argv[0])) throw new ExitShell(2);
        return 1;
      }
      throw e;
    }
    const name = argv[0];
    const special = SPECIAL_BUILTINS.get(name);
    if (special) {
      for (const [k, v] of assigns) this.assign(k, v);
      return special(this, argv, f);
    }
    const fn = this.state.functions.get(name);
    if (fn) return this.callFunction(fn, argv, f, assigns);
    const builtin = BUILTINS.get(name);
    if (builtin) return builtin(this, argv, f);
    const env = { ...this.state.exportedEnv(), ...Object.fromEntries(assigns) };
    if (INPROC_APPLETS.has(name)) {
      const applet = this.sys.applets.get(name);
      if (applet) return this.runInProcess(applet, argv, f, env);
    }
    return this.runExternal(argv, f, env, execLast);
  }

  async callFunction(body: Command, argv: string[], fds: Fds, assigns: [string, string][] = []): Promise<number> {
    if (this.state.depth >= this.sys.limits.maxDepth) throw new ProcessKilled(128 + SIGNALS.SEGV);
    const savedPositional = this.state.positional;
    const frame = new Map<string, import('./state.ts').Var | undefined>();
    for (const [k, v] of assigns) {
      frame.set(k, this.state.vars.get(k) && { ...this.state.vars.get(k)! });
      this.state.vars.set(k, { value: v, exported: true, readonly: false });
    }
    this.state.positional = argv.slice(1);
    this.state.depth++;
    this.state.locals.push(frame);
    const savedLoops = this.loopDepth;
    this.loopDepth = 0;
    try {
      return await this.runCommand(body, fds);
    } catch (e) {
      if (e instanceof ReturnFromFunction) return e.status;
      throw e;
    } finally {
      this.loopDepth = savedLoops;
      this.state.depth--;
      this.state.positional = savedPositional;
      const saved = this.state.locals.pop()!;
      for (const [k, v] of saved) {
        if (v) this.state.vars.set(k, v);
        else this.state.vars.delete(k);
      }
    }
  }

  /** Declares `name` local to the current function call. */
  makeLocal(name: string): boolean {
    const frame = this.state.locals[this.state.locals.length - 1];
    if (!frame) return false;
    if (!frame.has(name)) {
      const v = this.state.vars.get(name);
      frame.set(name, v && { ...v });
    }
    return true;
  }

  /** An in-process builtin implemented as an applet (echo, printf, test, kill, pwd). */
  private async runInProcess(applet: (io: CommandIo) => Promise<number>, argv: string[], fds: Fds, env: Record<string, string>): Promise<number> {
    const io = this.makeIo(argv, env, fds, this.proc);
    io.err = (m) => io.stderr.write(`${this.opts.appletName}: ${m}\n`);
    try {
      return await applet(io);
    } catch (e) {
      // A builtin writing to a pipe whose reader has gone: SIGPIPE kills the shell process
      // itself (the pipeline's subshell), as with `while true; do echo x; done | head -n 1`.
      if (e instanceof BrokenPipe) throw e;
      return this.commandError(e, io);
    }
  }

  private async commandError(e: unknown, io: CommandIo): Promise<number> {
    if (e instanceof BrokenPipe) return 128 + SIGNALS.PIPE;
    if (e instanceof ProcessKilled) throw e;
    if (e instanceof WriteError) {
      await this.write(io.stderr, `${basename(io.argv[0])}: write error: ${e.reason}\n`);
      return 1;
    }
    if (e instanceof FsError) {
      await this.write(io.stderr, `${basename(io.argv[0])}: ${FS_ERROR_TEXT[e.code]}\n`);
      return 1;
    }
    if (e instanceof ExitShell || e instanceof ShellFatal || e instanceof LoopControl || e instanceof ReturnFromFunction) throw e;
    await this.write(io.stderr, `${basename(io.argv[0])}: ${errText(e)}\n`);
    return 1;
  }

  /** Runs a file or applet as a child process (or in place of this shell: exec, last command of -c). */
  async runExternal(argv: string[], fds: Fds, env: Record<string, string>, execInPlace: boolean, ppid = this.proc.pid): Promise<number> {
    const r = resolveCommand(this.sys, argv[0], env.PATH ?? this.state.get('PATH'), this.state.cwd);
    if (r.kind === 'notfound') {
      await this.errLine(`${argv[0]}: not found`, undefined, fds);
      return 127;
    }
    if (r.kind === 'denied') {
      await this.errLine(`${argv[0]}: Permission denied`, undefined, fds);
      return 126;
    }
    const inPlace = execInPlace && this.state.traps.size === 0;
    let entry: ProcessEntry | undefined;
    if (inPlace) {
      entry = this.proc;
      entry.argv = argv;
      entry.onSignal = undefined;
    } else {
      entry = this.sys.table.spawn({
        ppid,
        user: this.sys.ctx.identity.user,
        uid: this.sys.ctx.identity.uid,
        argv,
        parent: this.sys.ctx.signal,
      });
      if (!entry) {
        await this.errLine("can't fork: Resource temporarily unavailable", undefined, fds);
        return 2;
      }
    }
    const child = entry;
    const io = this.makeIo(argv, env, fds, child);
    const run = (async () => {
      try {
        return await r.run(io);
      } catch (e) {
        if (e instanceof ProcessKilled) return e.status;
        return this.commandError(e, io);
      }
    })();
    try {
      const never = new Promise<number>(() => {});
      const self = inPlace ? never : this.proc.killed.then((s) => -1 - s);
      const status = await Promise.race([run, child.killed.then((s) => (s === 0 ? never : s)), self]);
      if (status < 0) throw new ProcessKilled(-1 - status);
      if (child.signal.aborted && child.killStatus) return child.killStatus;
      return status;
    } finally {
      if (!inPlace) this.sys.table.exit(child.pid);
    }
  }

  makeIo(argv: string[], env: Record<string, string>, fds: Fds, entry: ProcessEntry): CommandIo {
    const sys = this.sys;
    const cwd = this.state.cwd;
    const wrap = (out: Output | undefined): Output => {
      const base = out ?? nullOutput;
      return {
        write: async (text: string) => {
          if (entry.signal.aborted) throw new ProcessKilled(entry.killStatus ?? 137);
          await sys.budget.charge(1 + Math.floor(text.length / sys.limits.bytesPerStep), entry.signal);
          if (entry.signal.aborted) throw new ProcessKilled(entry.killStatus ?? 137);
          await base.write(text);
        },
      };
    };
    const stdout = wrap(fds[1]?.output);
    const stderr = wrap(fds[2]?.output);
    const name = basename(argv[0]);
    const io: CommandIo = {
      argv,
      env,
      cwd,
      stdin: fds[0]?.input ?? InStream.empty(),
      stdout,
      stderr,
      ctx: sys.ctx,
      fs: sys.ctx.fs,
      signal: entry.signal,
      pid: entry.pid,
      sys,
      path: (p) => normalizePath(p, cwd),
      out: (t) => stdout.write(t),
      err: (m) => stderr.write(`${name}: ${m}\n`),
      sleep: async (ms) => {
        await abortable(sys.ctx.sleep(ms), entry.signal);
        if (entry.signal.aborted) throw new ProcessKilled(entry.killStatus ?? 137);
      },
      spawn: async (childArgv, o = {}) => {
        const f: Fds = { ...fds };
        if (o.stdin) f[0] = { input: o.stdin };
        if (o.stdout) f[1] = { output: o.stdout };
        const saved = this.state.cwd;
        this.state.cwd = cwd;
        try {
          return await this.runExternal(childArgv, f, o.env ?? env, false, entry.pid);
        } finally {
          this.state.cwd = saved;
        }
      },
      jobPid: (spec) => this.jobPid(spec),
    };
    return io;
  }

  jobPid(spec: string): number | undefined {
    const m = /^%(\d+|[%+-])$/.exec(spec);
    if (!m) return undefined;
    const jobs = this.state.jobs;
    const job = /\d/.test(m[1]) ? jobs.find((j) => j.id === Number(m[1])) : jobs[jobs.length - 1];
    return job?.pid;
  }

  private async startBackground(ao: List['items'][number]['andOr'], fds: Fds): Promise<void> {
    const running = this.state.jobs.filter((j) => j.status === undefined).length;
    const entry =
      running < this.sys.limits.maxJobs
        ? this.sys.table.spawn({ ppid: this.proc.pid, user: this.sys.ctx.identity.user, uid: this.sys.ctx.identity.uid, argv: [...this.proc.argv], parent: this.sys.ctx.signal })
        : undefined;
    if (!entry) {
      await this.errLine("can't fork: Resource temporarily unavailable", undefined, fds);
      this.state.status = 2;
      return;
    }
    this.subshellPids.add(entry.pid);
    // Non-interactive shells give background commands /dev/null as standard input.
    const sub = new Shell(this.sys, entry, this.state.clone(), { ...fds, 0: { input: InStream.empty() } }, this.opts);
    sub.line = this.line;
    sub.subshellPids = this.subshellPids;
    const list: List = { items: [{ andOr: ao, background: false }] };
    const done = (async () => {
      try {
        const status = await Promise.race([sub.runSubshell(list, true).catch((e) => (e instanceof ProcessKilled ? e.status : Promise.reject(e))), entry.killed.then((s) => (s === 0 ? new Promise<number>(() => {}) : s))]);
        return entry.signal.aborted && entry.killStatus ? entry.killStatus : status;
      } finally {
        this.sys.table.exit(entry.pid);
        this.subshellPids.delete(entry.pid);
      }
    })();
    const job: Job = { id: this.nextJobId++, pid: entry.pid, text: '', done };
    void done.then((s) => (job.status = s));
    this.state.jobs.push(job);
    this.state.lastBg = entry.pid;
  }

  // ---- redirections ----
  async redirect(redirs: Redirect[], fds: Fds): Promise<Fds> {
    if (!redirs.length) return fds;
    const f: Fds = { ...fds };
    for (const r of redirs) {
      const fd = r.fd ?? (r.op.startsWith('<') ? 0 : 1);
      let target: string;
      try {
        target = r.op === '<<' || r.op === '<<-' ? '' : await expandString(r.target, this);
      } catch (e) {
        throw this.fatalFromExpansion(e);
      }
      switch (r.op) {
        case '<<':
        case '<<-': {
          let body: string;
          try {
            body = await expandString(r.body ?? { parts: [] }, this);
          } catch (e) {
            throw this.fatalFromExpansion(e);
          }
          f[fd] = { input: InStream.of(body) };
          break;
        }
        case '<<<':
          f[fd] = { input: InStream.of(target + '\n') };
          break;
        case '<':
        case '<>':
          f[fd] = { input: this.openInput(target, f) };
          break;
        case '>':
        case '>|':
        case '>>':
          f[fd] = { output: this.openOutput(target, r.op === '>>', f) };
          break;
        case '>&':
        case '<&': {
          if (target === '-') {
            f[fd] = undefined;
          } else if (/^\d+$/.test(target)) {
            const src = f[Number(target)];
            if (!src) throw new RedirError(`${target}: Bad file descriptor`);
            f[fd] = src;
          } else if (r.op === '>&') {
            f[fd] = { output: this.openOutput(target, false, f) };
            f[2] = f[fd];
          } else throw new RedirError(`${target}: Bad file descriptor`);
          break;
        }
      }
    }
    return f;
  }

  private openInput(target: string, f: Fds): InStream {
    if (target === '/dev/null') return InStream.empty();
    if (target === '/dev/stdin' || target === '/proc/self/fd/0') return f[0]?.input ?? InStream.empty();
    const p = normalizePath(target, this.state.cwd);
    try {
      const st = this.fs.stat(p);
      if (st.type === 'dir') return InStream.empty();
      return InStream.of(this.fs.readFile(p));
    } catch (e) {
      throw new RedirError(`can't open ${target}: ${ashErr(e, 'no such file')}`);
    }
  }

  private openOutput(target: string, append: boolean, f: Fds): Output {
    if (target === '/dev/null') return nullOutput;
    if (target === '/dev/stdout' || target === '/proc/self/fd/1') return f[1]?.output ?? nullOutput;
    if (target === '/dev/stderr' || target === '/proc/self/fd/2') return f[2]?.output ?? nullOutput;
    const p = normalizePath(target, this.state.cwd);
    try {
      if (!append || !this.fs.exists(p)) this.fs.writeFile(p, '', { mode: 0o666 & ~this.state.umask });
      else if (this.fs.stat(p).type === 'dir') throw new FsError('EISDIR', p);
      else this.fs.writeFile(p, '', { append: true }); // open(O_APPEND) checks write permission
    } catch (e) {
      throw new RedirError(`can't create ${target}: ${ashErr(e, 'nonexistent directory')}`);
    }
    return new FileOutput(this.fs, p);
  }
}

/** ash's errmsg(): its own words for ENOENT/ENOTDIR, strerror otherwise. */
function ashErr(e: unknown, enoent: string): string {
  if (e instanceof FsError) return e.code === 'ENOENT' || e.code === 'ENOTDIR' ? enoent : FS_ERROR_TEXT[e.code];
  return errText(e);
}

export { ShellState };
