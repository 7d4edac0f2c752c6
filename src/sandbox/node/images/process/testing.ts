// Test support: an image's container on a virtual clock with an in-memory filesystem, a scripted
// stand-in for the shell (the real one lives in ../../shell/ and has its own tests), and a network
// that reaches nothing. Tests start processes and advance the clock; nothing sleeps.
import { MemoryFs } from '../../fs/memory-fs.ts';
import type { FileSystem } from '../../fs/types.ts';
import type { NetworkAccess, ProcessContext } from '../../shell/types.ts';
import { VirtualClock } from '../../../sim/clock.ts';
import { ImageCatalogue, type CatalogueImage } from '../image-catalogue.ts';
import { writeImageFiles } from '../image-files.ts';
import { parseImageReference } from '../reference.ts';
import { startExec, startProcess, type StartOptions } from './start.ts';
import type { ContainerStartSpec, ExecResult, LogLine, ShellHooks, ShellProcess, ShellRunner, Signal, StartContext, StartResult } from './types.ts';

export const T0 = Date.parse('2025-04-10T12:00:00.000Z');

/** A deterministic uniform source (LCG), so "random" output is stable across runs. */
export function seededRandom(seed = 42): () => number {
  let x = seed >>> 0;
  return () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x / 2 ** 32;
  };
}

export const unreachableNetwork: NetworkAccess = {
  resolve: () => undefined,
  nameserver: () => '10.96.0.10',
  http: async (req) => ({ kind: 'unresolved', host: new URL(req.url).hostname }),
  connect: async (host) => ({ kind: 'unresolved', host }),
};

/** What the stand-in shell was asked to run. */
export interface ShellCall {
  argv: string[];
  ctx: ProcessContext;
}

/**
 * A stand-in for the shell: a shell without a script reads stdin to its end then exits 0; `-c`
 * scripts understand `echo`, `exit N`, `sleep N` and `exec prog args` (through the engine's
 * program hook); `sleep N` as a program waits. Like a real PID 1 without a trap, it ignores
 * SIGTERM unless the script contains `trap`.
 */
export class ScriptedShell implements ShellRunner {
  readonly calls: ShellCall[] = [];

  start(argv: string[], ctx: ProcessContext, hooks: ShellHooks): ShellProcess {
    this.calls.push({ argv, ctx });
    let trapped = false;
    let resolveTrap: (code: number) => void = () => {};
    const trap = new Promise<number>((r) => (resolveTrap = r));
    const name = argv[0].slice(argv[0].lastIndexOf('/') + 1);
    const run = async (): Promise<number> => {
      if (name === 'sleep') {
        await ctx.sleep(Number(argv[1]) * 1000);
        return 0;
      }
      if (['sh', 'ash', 'bash', 'dash'].includes(name)) {
        if (argv[1] !== '-c') {
          for (;;) {
            const line = ctx.readLine ? await ctx.readLine() : undefined;
            if (line === undefined) return 0;
            ctx.stdout(`${line}\n`);
          }
        }
        const script = argv[2] ?? '';
        trapped = script.includes('trap');
        for (const command of splitCommands(script)) {
          const words = command.match(/'[^']*'|"[^"]*"|\S+/g)!.map((w) => w.replace(/^['"]|['"]$/g, ''));
          if (words[0] === 'echo') ctx.stdout(`${words.slice(1).join(' ')}\n`);
          else if (words[0] === 'exit') return Number(words[1] ?? 0);
          else if (words[0] === 'sleep') await Promise.race([ctx.sleep(Number(words[1]) * 1000), trap]);
          else if (words[0] === 'trap') continue;
          else if (words[0] === 'exec') {
            const started = hooks.program(words.slice(1), ctx);
            if (!started) {
              ctx.stderr(`sh: exec: line 1: ${words[1]}: not found\n`);
              return 127;
            }
            return started;
          } else {
            ctx.stderr(`sh: ${words[0]}: not found\n`);
            return 127;
          }
        }
        return 0;
      }
      ctx.stderr(`${name}: not simulated by the test shell\n`);
      return 1;
    };
    return {
      exitCode: Promise.race([run(), trap]),
      signal: (sig: Signal) => {
        if (sig === 'SIGTERM' && trapped) {
          resolveTrap(143);
          return true;
        }
        return false;
      },
    };
  }
}

/** `a; b && c` → ['a', 'b', 'c'], leaving quoted separators alone. */
function splitCommands(script: string): string[] {
  const out: string[] = [];
  let current = '';
  let quote: string | undefined;
  for (let i = 0; i < script.length; i++) {
    const ch = script[i];
    if (quote) {
      if (ch === quote) quote = undefined;
      current += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      current += ch;
    } else if (ch === ';' || (ch === '&' && script[i + 1] === '&')) {
      if (ch === '&') i++;
      out.push(current);
      current = '';
    } else current += ch;
  }
  out.push(current);
  return out.map((c) => c.trim()).filter(Boolean);
}

export interface Container {
  image: CatalogueImage;
  clock: VirtualClock;
  fs: FileSystem;
  shell: ScriptedShell;
  ctx: StartContext;
  start(spec?: ContainerStartSpec, env?: Record<string, string>, opts?: StartOptions): StartResult;
  exec(argv: string[]): ExecResult;
}

export interface ContainerOptions {
  /** Share a filesystem between containers (a persistent volume surviving the pod). */
  fs?: FileSystem;
  clock?: VirtualClock;
  memoryLimitBytes?: number;
  stdinLines?: string[];
  hostname?: string;
  cpus?: number;
  ipv6?: boolean;
}

const catalogue = new ImageCatalogue();

/** A container of `image` (a reference as in a pod spec) with the image's files laid down. */
export function container(image: string, opts: ContainerOptions = {}): Container {
  const parsed = parseImageReference(image);
  if (!parsed.ok) throw new Error(parsed.message);
  const found = catalogue.lookup(parsed.ref);
  if (found.kind !== 'found') throw new Error(`${image}: ${found.kind}`);
  const clock = opts.clock ?? new VirtualClock(T0);
  const fs = opts.fs ?? new MemoryFs({ now: () => clock.now() });
  if (!opts.fs) writeImageFiles(fs, found.image.variant);
  const shell = new ScriptedShell();
  const lines = [...(opts.stdinLines ?? [])];
  const ctx: StartContext = {
    clock,
    fs,
    network: unreachableNetwork,
    shell,
    node: { cpus: opts.cpus ?? 2, kernel: '6.8.0-57-generic', name: 'node-1', ipv6: opts.ipv6 ?? true },
    pod: { ip: '10.244.1.5', hostname: opts.hostname ?? 'web-7d9f8b6c5d-x2x4k' },
    containerId: 'c'.repeat(64),
    random: seededRandom(),
    readLine: opts.stdinLines ? async () => lines.shift() : undefined,
    memoryLimitBytes: opts.memoryLimitBytes,
  };
  return {
    image: found.image,
    clock,
    fs,
    shell,
    ctx,
    start: (spec = {}, env = {}, startOpts = {}) => startProcess(found.image, spec, env, ctx, startOpts),
    exec: (argv) => startExec(found.image, argv, {}, ctx, { execId: 'e'.repeat(64) }),
  };
}

/** The text of log lines (optionally one stream). */
export function text(lines: readonly LogLine[], stream?: LogLine['stream']): string[] {
  return lines.filter((l) => !stream || l.stream === stream).map((l) => l.text);
}

/** A GET request as a kubelet probe or a Service would send it. */
export function get(path: string, port: number, extra: Record<string, string> = {}) {
  return { method: 'GET', path, port, clientIp: '10.244.1.1', headers: { Host: `10.244.1.5:${port}`, 'User-Agent': 'curl/8.5.0', ...extra } };
}
