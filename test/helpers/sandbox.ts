// Test harness: an in-process sandbox on a free port and the real kubectl binary pointed at it.
// kubectl is required; when it is missing the suite fails loudly rather than passing silently.
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Sandbox, type SandboxOptions } from '../../src/sandbox/sandbox.ts';

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
  stop(): Promise<void>;
}

function splitArgs(s: string): string[] {
  const out: string[] = [];
  const re = /"([^"]*)"|'([^']*)'|(\S+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) out.push(m[1] ?? m[2] ?? m[3]!);
  return out;
}

export async function startSandbox(options: SandboxOptions & { clusters?: number } = {}): Promise<TestCluster> {
  const bin = kubectlBinary();
  const dir = mkdtempSync(join(tmpdir(), 'kubecamp-test-'));
  const sandbox = await Sandbox.start({ port: 0, ...options });
  const n = options.clusters ?? 1;
  const ids: string[] = [...sandbox.clusters.keys()];
  for (let i = ids.length; i < n; i++) ids.push((await sandbox.createCluster()).id);
  const kubeconfig = join(dir, 'kubeconfig');
  writeFileSync(kubeconfig, sandbox.kubeconfig(ids));
  const cacheDir = join(dir, 'cache');
  return {
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
    async stop() {
      await sandbox.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Strips kubectl's version-skew warning (1.32 client against the 1.36 API) from stderr. */
export function cleanStderr(s: string): string {
  return s
    .split('\n')
    .filter((l) => !l.startsWith('WARNING: version difference between client'))
    .join('\n');
}
