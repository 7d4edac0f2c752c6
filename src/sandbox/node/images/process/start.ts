// Starting a container's process and `kubectl exec` sessions, as the runtime does: decide argv from
// the spec and the image config, merge the environment, resolve the executable (or fail with
// containerd's message), then run it (./program-runner.ts) in a RunningProcess.
import type { ProcessIdentity } from '../../shell/types.ts';
import type { CatalogueImage } from '../image-catalogue.ts';
import { imagePrograms, imageUser } from '../image-files.ts';
import { OS_LAYERS } from '../catalogue/os-files.ts';
import { effectiveArgv, execErrorMessage, lookPath, mergeEnv, noCommandMessage, startErrorMessage } from './command.ts';
import { ContainerProcess } from './container-process.ts';
import { Killed, runResolved, type ProgramIo, type RunnerContext } from './program-runner.ts';
import type { ContainerStartSpec, ExecResult, StartContext, StartResult } from './types.ts';

export interface StartOptions {
  /** The container's CPU limit, millicores: reported usage never exceeds it (throttling). */
  cpuLimitMillicores?: number;
}

/**
 * Starts a container's main process. `env` is the container's environment as the kubelet computed
 * it (env, envFrom, Service variables); the image's Env is merged under it here, and HOSTNAME and
 * HOME are set as the runtime sets them.
 */
export function startProcess(
  image: CatalogueImage,
  spec: ContainerStartSpec,
  env: Readonly<Record<string, string>>,
  ctx: StartContext,
  opts: StartOptions = {},
): StartResult {
  const argv = effectiveArgv(image.variant.config, spec);
  if (argv.length === 0) return { ok: false, reason: 'CreateContainerError', message: noCommandMessage(ctx.containerId) };
  const identity = identityOf(image, spec, ctx);
  const fullEnv = runtimeEnv(image, env, identity, ctx);
  const cwd = spec.workingDir ?? image.variant.config.workingDir ?? '/';
  const found = lookPath(argv[0], fullEnv, ctx.fs, cwd);
  if (!found.ok) return { ok: false, reason: 'StartError', message: startErrorMessage(found.error), exitCode: 128 };

  const proc = new ContainerProcess(ctx.clock, opts.cpuLimitMillicores);
  const stderr = spec.tty ? 'stdout' : 'stderr';
  const io: ProgramIo = {
    env: fullEnv,
    cwd,
    identity,
    stdout: (t) => proc.write('stdout', t),
    stderr: (t) => proc.write(stderr, t),
    readLine: spec.stdin ? ctx.readLine : undefined,
    tty: spec.tty,
  };
  run(proc, found.path, argv, { proc, image, start: ctx, programs: imagePrograms(image.variant) }, io);
  return { ok: true, process: proc };
}

/**
 * Runs `kubectl exec` argv in a running container. `env` is the container's environment (as given
 * to startProcess). The session's output is the returned process's output, not the container's log.
 */
export function startExec(
  image: CatalogueImage,
  argv: string[],
  env: Readonly<Record<string, string>>,
  ctx: StartContext,
  opts: { execId: string; tty?: boolean; workingDir?: string; runAsUser?: number; runAsGroup?: number },
): ExecResult {
  const spec: ContainerStartSpec = { workingDir: opts.workingDir, runAsUser: opts.runAsUser, runAsGroup: opts.runAsGroup, tty: opts.tty };
  const identity = identityOf(image, spec, ctx);
  const fullEnv = runtimeEnv(image, env, identity, ctx);
  const cwd = opts.workingDir ?? image.variant.config.workingDir ?? '/';
  const found = lookPath(argv[0] ?? '', fullEnv, ctx.fs, cwd);
  if (!found.ok) return { ok: false, message: execErrorMessage(opts.execId, found.error) };
  const proc = new ContainerProcess(ctx.clock);
  const io: ProgramIo = {
    env: fullEnv,
    cwd,
    identity,
    stdout: (t) => proc.write('stdout', t),
    stderr: (t) => proc.write(opts.tty ? 'stdout' : 'stderr', t),
    readLine: ctx.readLine,
    tty: opts.tty,
  };
  run(proc, found.path, argv, { proc, image, start: ctx, programs: imagePrograms(image.variant) }, io);
  return { ok: true, process: proc };
}

function run(proc: ContainerProcess, path: string, argv: string[], rc: RunnerContext, io: ProgramIo): void {
  runResolved(path, argv, rc, io).then(
    (code) => proc.finish({ code, reason: code === 0 ? 'Completed' : 'Error' }),
    (err: unknown) => {
      if (err instanceof Killed) return;
      proc.write('stderr', `${err instanceof Error ? err.message : String(err)}\n`);
      proc.finish({ code: 1, reason: 'Error' });
    },
  );
}

function identityOf(image: CatalogueImage, spec: ContainerStartSpec, ctx: StartContext): ProcessIdentity {
  const user = imageUser(image.variant);
  const base = 'error' in user ? { uid: 0, gid: 0, name: 'root' } : user;
  const uid = spec.runAsUser ?? base.uid;
  const gid = spec.runAsGroup ?? (spec.runAsUser !== undefined && spec.runAsUser !== base.uid ? 0 : base.gid);
  return { uid, gid, user: passwdEntry(image, uid)?.[0] ?? String(uid), hostname: ctx.pod.hostname };
}

function runtimeEnv(image: CatalogueImage, env: Readonly<Record<string, string>>, identity: ProcessIdentity, ctx: StartContext): Record<string, string> {
  const merged = mergeEnv(image.variant.config, env);
  merged.HOSTNAME ??= ctx.pod.hostname;
  merged.HOME ??= passwdEntry(image, identity.uid)?.[5] ?? '/';
  return merged;
}

function passwdEntry(image: CatalogueImage, uid: number): string[] | undefined {
  const lines = [...OS_LAYERS[image.variant.os].passwd, ...(image.variant.users?.passwd ?? [])];
  return lines.map((l) => l.split(':')).find((p) => p[2] === String(uid));
}
