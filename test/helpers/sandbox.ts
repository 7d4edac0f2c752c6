// Test harness: an in-process sandbox on a free port and the real kubectl binary pointed at it.
// kubectl is required; when it is missing the suite fails loudly rather than passing silently.
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Sandbox, type SandboxOptions } from '../../src/sandbox/sandbox.ts';
import { VirtualClock } from '../../src/sandbox/sim/clock.ts';
import { defaultComponents } from '../../src/sandbox/components.ts';

export interface KubectlResult {
  stdout: string;
  stderr: string;
  code: number;
}

export function kubectlBinary(): string {
  const bin = process.env.KUBECTL ?? 'kubectl';
  const probe = spawnSync(bin, ['version', '--client'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new Error(`kubectl is required for the black-box tests (install Debian's kubernetes-client or set KUBECTL): ${probe.error?.message ?? probe.stderr}`);
  }
  return bin;
}

export interface TestCluster {
  sandbox: Sandbox;
  dir: string;
  kubeconfig: string;
  /** Runs the real kubectl against the first cluster; stdin from `input`. */
  kubectl(args: string[] | string, opts?: { input?: string; context?: string; env?: Record<string, string> }): Promise<KubectlResult>;
  /** Runs kubectl, asserts it succeeded (its stderr in the failure message) and returns its stdout. */
  ok(args: string[] | string, input?: string): Promise<string>;
  stop(): Promise<void>;
  /**
   * Moves the sandbox's VirtualClock forward by `ms`, timer by timer, letting every controller
   * catch up between timers (so a chain pull → start → probe → ready runs as in real time).
   */
  advance(ms: number): Promise<void>;
  /**
   * Advances simulated time timer by timer until `cond` holds (checked after each step), failing
   * after `maxMs` of simulated time. Returns the simulated ms it took.
   */
  until(cond: () => boolean | Promise<boolean>, maxMs?: number, what?: string): Promise<number>;
}

/** Advances a sandbox on a VirtualClock: see TestCluster.advance. */
export async function advanceSandbox(sandbox: Sandbox, ms: number): Promise<void> {
  const clock = virtualClockOf(sandbox);
  const target = clock.now() + ms;
  for (;;) {
    await sandbox.settle();
    const next = clock.nextIn();
    if (next === undefined || clock.now() + next > target) break;
    await clock.advance(next);
  }
  await clock.advance(Math.max(0, target - clock.now()));
  await sandbox.settle();
}

/** See TestCluster.until. */
export async function untilSandbox(sandbox: Sandbox, cond: () => boolean | Promise<boolean>, maxMs = 10 * 60_000, what = 'condition'): Promise<number> {
  const clock = virtualClockOf(sandbox);
  const start = clock.now();
  for (;;) {
    await sandbox.settle();
    if (await cond()) return clock.now() - start;
    const next = clock.nextIn();
    const elapsed = clock.now() - start;
    if (next === undefined || elapsed + next > maxMs) {
      throw new Error(`${what} did not hold within ${maxMs} ms of simulated time (${next === undefined ? 'no timer pending' : `next timer in ${next} ms`})`);
    }
    await clock.advance(Math.max(next, 1));
  }
}

function virtualClockOf(sandbox: Sandbox): VirtualClock {
  if (!(sandbox.clock instanceof VirtualClock)) throw new Error('advance/until need a sandbox started with { clock: new VirtualClock() }');
  return sandbox.clock;
}

function splitArgs(s: string): string[] {
  const out: string[] = [];
  const re = /"([^"]*)"|'([^']*)'|(\S+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) out.push(m[1] ?? m[2] ?? m[3]!);
  return out;
}

export interface TestSandboxOptions extends SandboxOptions {
  clusters?: number;
  /**
   * Controllers to leave out by name (`['kubelet']`: pods are scheduled but nothing runs them;
   * a test then plays the kubelet with test/helpers/pod-status.ts).
   */
  without?: string[];
}

export async function startSandbox(options: TestSandboxOptions = {}): Promise<TestCluster> {
  const bin = kubectlBinary();
  const dir = mkdtempSync(join(tmpdir(), 'kubecamp-test-'));
  const without = options.without;
  if (without?.length && !options.components?.controllers) {
    const all = defaultComponents().controllers;
    options = { ...options, components: { ...options.components, controllers: () => all().filter((c) => !without.includes(c.name)) } };
  }
  const sandbox = await Sandbox.start({ port: 0, ...options });
  const n = options.clusters ?? 1;
  const ids: string[] = [...sandbox.clusters.keys()];
  for (let i = ids.length; i < n; i++) ids.push((await sandbox.createCluster()).id);
  const kubeconfig = join(dir, 'kubeconfig');
  writeFileSync(kubeconfig, sandbox.kubeconfig(ids));
  const cacheDir = join(dir, 'cache');
  const tc: TestCluster = {
    sandbox,
    dir,
    kubeconfig,
    kubectl(args, opts = {}) {
      const argv = typeof args === 'string' ? splitArgs(args) : args;
      if (opts.context) argv.unshift('--context', opts.context);
      return new Promise((resolve) => {
        const child = execFile(
          bin,
          argv,
          { env: { ...process.env, KUBECONFIG: kubeconfig, KUBECACHEDIR: cacheDir, HOME: dir, ...opts.env }, maxBuffer: 64 * 1024 * 1024, timeout: 60_000 },
          (err, stdout, stderr) => {
            const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? ((err as { code: number }).code) : 1) : 0;
            resolve({ stdout, stderr, code });
          },
        );
        if (opts.input !== undefined) child.stdin!.end(opts.input);
        else child.stdin!.end();
      });
    },
    async ok(args, input) {
      const r = await tc.kubectl(args, input === undefined ? {} : { input });
      assert.equal(r.code, 0, `kubectl ${Array.isArray(args) ? args.join(' ') : args}: ${cleanStderr(r.stderr)}`);
      return r.stdout;
    },
    advance: (ms) => advanceSandbox(sandbox, ms),
    until: (cond, maxMs, what) => untilSandbox(sandbox, cond, maxMs, what),
    async stop() {
      await sandbox.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return tc;
}

/** Strips kubectl's version-skew warning (1.32 client against the 1.36 API) from stderr. */
export function cleanStderr(s: string): string {
  return s
    .split('\n')
    .filter((l) => !l.startsWith('WARNING: version difference between client'))
    .join('\n');
}
