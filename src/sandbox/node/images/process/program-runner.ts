// Runs a program of an image: resolves argv[0] to an executable of the container's filesystem and
// runs it as the image says: through the shell (shells, busybox applets, coreutils), as a
// catalogue behaviour (its steps interpreted here), as a `#!` script, or not at all ("exec format
// error"). A behaviour's steps write output, wait on the simulated clock, write files, listen on
// ports, serve until a signal it handles arrives, and may `exec` the next program, as an
// entrypoint script's `exec "$@"` does.
import { FsError, FS_ERROR_TEXT } from '../../fs/types.ts';
import type { ProcessContext, ProcessIdentity } from '../../shell/types.ts';
import type { Behaviour, ProgramRef, ResourceModel, Signal, Step } from '../catalogue/types.ts';
import type { CatalogueImage } from '../image-catalogue.ts';
import { lookPath, realPath } from './command.ts';
import { holds } from './conditions.ts';
import type { ContainerProcess } from './container-process.ts';
import { renderTemplate, type TemplateScope } from './template.ts';
import type { StartContext } from './types.ts';

export interface RunnerContext {
  proc: ContainerProcess;
  image: CatalogueImage;
  start: StartContext;
  programs: Record<string, ProgramRef>;
}

/** What a program runs with: environment, directory, identity and where its output goes. */
export interface ProgramIo {
  env: Record<string, string>;
  cwd: string;
  identity: ProcessIdentity;
  stdout(text: string): void;
  stderr(text: string): void;
  readLine?(): Promise<string | undefined>;
  /** A terminal is attached (`kubectl exec -it`, a container with tty: true): an interactive sh prompts. */
  tty?: boolean;
}

/** Thrown through a program's steps when the process was killed (SIGKILL, OOM) to unwind quietly. */
export class Killed extends Error {
  constructor() {
    super('killed');
  }
}

/** Runs `argv`, resolving argv[0] in $PATH as `exec` in a script would. */
export async function runCommand(argv: string[], rc: RunnerContext, io: ProgramIo): Promise<number> {
  const found = lookPath(argv[0] ?? '', io.env, rc.start.fs, io.cwd);
  if (!found.ok) {
    io.stderr(`exec: ${argv[0] ?? ''}: not found\n`);
    return 127;
  }
  return runResolved(found.path, argv, rc, io);
}

/** Runs the executable at `path` (already resolved) with `argv`. */
export async function runResolved(path: string, argv: string[], rc: RunnerContext, io: ProgramIo): Promise<number> {
  const fs = rc.start.fs;
  const real = realPath(fs, path);
  const ref = rc.programs[real] ?? rc.programs[path];
  if (ref && 'shell' in ref) {
    applyResources(rc.image.variant.resources, (t) => t, rc);
    return runShell([path, ...argv.slice(1)], rc, io);
  }
  if (ref && 'behaviour' in ref) return runBehaviour(rc.image.family.behaviours[ref.behaviour], [path, ...argv.slice(1)], rc, io);
  let head = '';
  try {
    head = fs.readFile(real).split('\n')[0];
  } catch {
    // unreadable: treated as a binary below
  }
  if (head.startsWith('#!')) {
    const [interpreter, ...interpreterArgs] = head.slice(2).trim().split(/\s+/);
    return runCommand([interpreter, ...interpreterArgs, path, ...argv.slice(1)], rc, io);
  }
  io.stderr(`exec ${path}: exec format error\n`);
  return 1;
}

async function runShell(argv: string[], rc: RunnerContext, io: ProgramIo): Promise<number> {
  const { proc, start } = rc;
  const ctx: ProcessContext = {
    fs: start.fs,
    env: io.env,
    cwd: io.cwd,
    identity: io.identity,
    network: start.network,
    now: () => start.clock.now(),
    sleep: (ms) => start.clock.sleep(ms),
    stdout: io.stdout,
    stderr: io.stderr,
    readLine: io.readLine,
    signal: proc.abort.signal,
  };
  const previous = proc.signalHandler;
  const shellProcess = start.shell.start(argv, ctx, { program: (a, c) => runHookedProgram(a, c, rc) }, { tty: io.tty });
  proc.signalHandler = (sig) => shellProcess.signal(sig);
  try {
    return await untilKilled(shellProcess.exitCode, rc);
  } finally {
    proc.signalHandler = previous;
  }
}

/** A program the shell met in a script (`exec nginx -g 'daemon off;'`), if the image simulates it. */
function runHookedProgram(argv: string[], ctx: ProcessContext, rc: RunnerContext): Promise<number> | undefined {
  const found = lookPath(argv[0] ?? '', ctx.env, ctx.fs, ctx.cwd);
  if (!found.ok) return undefined;
  const ref = rc.programs[realPath(ctx.fs, found.path)] ?? rc.programs[found.path];
  if (!ref || !('behaviour' in ref)) return undefined;
  const io: ProgramIo = { env: ctx.env, cwd: ctx.cwd, identity: ctx.identity, stdout: ctx.stdout, stderr: ctx.stderr, readLine: ctx.readLine };
  return runBehaviour(rc.image.family.behaviours[ref.behaviour], [found.path, ...argv.slice(1)], rc, io);
}

type Outcome = { kind: 'done' } | { kind: 'exit'; code: number } | { kind: 'exec' } | { kind: 'signal'; signal: Signal };

async function runBehaviour(behaviour: Behaviour, argv: string[], rc: RunnerContext, io: ProgramIo): Promise<number> {
  const { proc, start, image } = rc;
  const fs = start.fs;
  const vars: Record<string, string> = {};
  let args = argv.slice(1);
  let pid = Number(image.variant.vars.pidBase ?? 7);
  // The scope's functions are made once per process, not once per rendered string; the spread in
  // scope() reads `args` as it is at that moment.
  const base: TemplateScope = {
    env: io.env,
    image: image.variant.vars,
    node: start.node,
    pod: start.pod,
    get args() {
      return args;
    },
    vars,
    now: () => start.clock.now(),
    random: () => start.random(),
    nextPid: () => pid++,
    readFile: (path) => {
      try {
        return fs.readFile(path);
      } catch {
        return undefined;
      }
    },
  };
  const scope = (extra: Partial<TemplateScope> = {}): TemplateScope => ({ ...base, ...extra });
  const render = (text: string, extra?: Partial<TemplateScope>) => renderTemplate(text, scope(extra));
  const hasStdin = io.readLine !== undefined;

  applyResources(behaviour.resources ?? image.variant.resources, render, rc);

  let pending: Signal | undefined;
  let wake: () => void = () => {};
  const signalled = new Promise<void>((resolve) => (wake = resolve));
  const previous = proc.signalHandler;
  proc.signalHandler = (sig) => {
    if (!behaviour.signals?.[sig]) return false;
    if (!pending) {
      pending = sig;
      wake();
    }
    return true;
  };

  const wait = async (ms: number): Promise<boolean> => {
    await untilKilled(Promise.race([start.clock.sleep(ms), signalled]), rc);
    return pending !== undefined;
  };
  const fail = (what: string, e: unknown): Outcome => {
    const code = e instanceof FsError ? FS_ERROR_TEXT[e.code] : String(e);
    io.stderr(`${argv[0]}: ${what}: ${code}\n`);
    return { kind: 'exit', code: 1 };
  };

  const run = async (steps: readonly Step[], extra: Partial<TemplateScope> = {}): Promise<Outcome> => {
    for (const step of steps) {
      if (pending) return { kind: 'signal', signal: pending };
      const t = (s: string) => render(s, extra);
      if ('log' in step) {
        const out = (step.stream ?? 'stdout') === 'stdout' ? io.stdout : io.stderr;
        for (const line of step.log) out(t(line) + '\n');
      } else if ('sleep' in step) {
        const ms = typeof step.sleep === 'number' ? step.sleep : Number.parseInt(t(step.sleep), 10) || 0;
        if (await wait(ms)) return { kind: 'signal', signal: pending! };
      } else if ('if' in step) {
        const branch = holds(step.if, { scope: scope(extra), fs, hasStdin }) ? step.then : (step.else ?? []);
        const out = await run(branch, extra);
        if (out.kind !== 'done') return out;
      } else if ('write' in step) {
        try {
          fs.writeFile(t(step.write), t(step.content), { append: step.append, mode: step.mode, uid: io.identity.uid, gid: io.identity.gid });
        } catch (e) {
          return fail(`cannot write ${t(step.write)}`, e);
        }
      } else if ('mkdir' in step) {
        try {
          fs.mkdir(t(step.mkdir), { recursive: true, uid: io.identity.uid, gid: io.identity.gid });
        } catch (e) {
          return fail(`cannot create directory ${t(step.mkdir)}`, e);
        }
      } else if ('remove' in step) {
        try {
          fs.remove(t(step.remove));
        } catch {
          // already gone
        }
      } else if ('replace' in step) {
        const path = t(step.replace);
        try {
          fs.writeFile(path, fs.readFile(path).replace(t(step.find), t(step.with)));
        } catch (e) {
          return fail(`cannot edit ${path}`, e);
        }
      } else if ('set' in step) {
        for (const [k, v] of Object.entries(step.set)) vars[k] = t(v);
      } else if ('setArgs' in step) {
        args = step.setArgs.flatMap((a) => (a === '$@' ? args : [t(a)]));
      } else if ('repeat' in step) {
        const n = Number.parseInt(t(step.repeat), 10) || 0;
        for (let i = 0; i < n; i++) {
          const out = await run(step.steps, { ...extra, i });
          if (out.kind !== 'done') return out;
        }
      } else if ('forEachFile' in step) {
        const dir = t(step.forEachFile);
        let files: string[] = [];
        try {
          files = fs
            .readDir(dir)
            .filter((e) => e.stat.type !== 'dir')
            .map((e) => `${dir.replace(/\/$/, '')}/${e.name}`)
            .sort();
        } catch {
          files = [];
        }
        for (const file of files) {
          const out = await run(step.steps, { ...extra, file });
          if (out.kind !== 'done') return out;
        }
      } else if ('listen' in step) {
        for (const p of step.listen) listenOn(Number(t(p)));
      } else if ('listenFrom' in step) {
        const ports = portsFromConfig(t(step.listenFrom.path), step.listenFrom.pattern);
        for (const p of ports.length ? ports : step.listenFrom.otherwise.map((o) => Number(t(o)))) listenOn(p);
      } else if ('serve' in step) {
        await untilKilled(signalled, rc);
        return { kind: 'signal', signal: pending! };
      } else if ('exec' in step) {
        return { kind: 'exec' };
      } else if ('exit' in step) {
        return { kind: 'exit', code: step.exit };
      }
    }
    return { kind: 'done' };
  };

  const listenOn = (port: number) => {
    if (!Number.isInteger(port) || port <= 0) return;
    const http = behaviour.http;
    const service = http && (http.port === '*' || Number(render(http.port)) === port) ? http : undefined;
    proc.listen(port, {
      service,
      scope: scope(),
      fs,
      hasStdin,
      cpuMsPerRequest: (behaviour.resources ?? image.variant.resources).cpuMsPerRequest,
    });
  };

  const portsFromConfig = (path: string, pattern: string): number[] => {
    const texts: string[] = [];
    try {
      if (fs.stat(path).type === 'dir') {
        for (const e of fs.readDir(path)) if (e.name.endsWith('.conf')) texts.push(fs.readFile(`${path}/${e.name}`));
      } else texts.push(fs.readFile(path));
    } catch {
      return [];
    }
    const re = new RegExp(pattern, 'gm');
    const ports = new Set<number>();
    for (const text of texts) for (const m of text.matchAll(re)) ports.add(Number(m[1]));
    return [...ports].filter((p) => Number.isInteger(p) && p > 0);
  };

  try {
    const outcome = await run(behaviour.steps);
    if (outcome.kind === 'signal') {
      const handler = behaviour.signals![outcome.signal]!;
      const tail = await runHandler(handler.steps);
      return tail ?? handler.exitCode;
    }
    if (outcome.kind === 'exit') return outcome.code;
    if (outcome.kind === 'exec') {
      proc.signalHandler = previous;
      // `exec "$@"` with no arguments does nothing: the script ends.
      return args.length === 0 ? 0 : await runCommand(args, rc, io);
    }
    return 0;
  } finally {
    if (proc.signalHandler !== previous) proc.signalHandler = previous;
  }

  /** A handler's steps run to completion (a second signal does not interrupt them). */
  async function runHandler(steps: readonly Step[]): Promise<number | undefined> {
    const saved = pending;
    pending = undefined;
    proc.signalHandler = () => true;
    const out = await runUninterrupted(steps);
    pending = saved;
    return out;
  }

  async function runUninterrupted(steps: readonly Step[]): Promise<number | undefined> {
    for (const step of steps) {
      if ('sleep' in step) {
        const ms = typeof step.sleep === 'number' ? step.sleep : Number.parseInt(render(step.sleep), 10) || 0;
        await untilKilled(start.clock.sleep(ms), rc);
        continue;
      }
      const out = await run([step]);
      if (out.kind === 'exit') return out.code;
    }
    return undefined;
  }
}

/** Sets the process's CPU and memory model; a working set above the memory limit is OOM-killed. */
function applyResources(model: ResourceModel, render: (s: string) => string, rc: RunnerContext): void {
  const memory = typeof model.memoryBytes === 'number' ? model.memoryBytes : parseMemory(render(model.memoryBytes));
  rc.proc.memoryBytes = memory;
  rc.proc.idleCpuMillicores = model.idleCpuMillicores;
  const limit = rc.start.memoryLimitBytes;
  if (limit !== undefined && memory > limit) {
    rc.start.clock.setTimer(OOM_DELAY_MS, () => rc.proc.finish({ code: 137, reason: 'OOMKilled' }));
  }
}

/** How long a program runs before its working set passes an insufficient limit. */
const OOM_DELAY_MS = 250;

/** `150M`, `1G`, `512Mi`, `1048576`: sizes as stress and friends take them (K/M/G are powers of 1024). */
export function parseMemory(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([kmgt]i?)?b?$/i.exec(text.trim());
  if (!m) return 0;
  const unit = (m[2] ?? '').toLowerCase().replace('i', '');
  const power = { '': 0, k: 1, m: 2, g: 3, t: 4 }[unit] ?? 0;
  return Math.round(Number(m[1]) * 1024 ** power);
}

/** Resolves with `p`, or throws Killed once the process has ended (SIGKILL, OOM). */
async function untilKilled<T>(p: Promise<T>, rc: RunnerContext): Promise<T> {
  const signal = rc.proc.abort.signal;
  if (signal.aborted) throw new Killed();
  let onAbort: () => void = () => {};
  const killed = new Promise<never>((_, reject) => {
    onAbort = () => reject(new Killed());
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([p, killed]);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}
