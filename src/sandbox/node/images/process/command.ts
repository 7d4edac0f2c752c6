// What a container runs and how the runtime finds it: Kubernetes' command/args over the image's
// Entrypoint/Cmd, the environment merge, and runc's executable lookup with its error texts
// (Go's exec.LookPath, wrapped by runc and containerd).
import type { FileSystem } from '../../fs/types.ts';
import { FsError } from '../../fs/types.ts';
import { joinPath, normalizePath } from '../../fs/path.ts';
import type { ImageConfig } from '../catalogue/types.ts';
import type { ContainerStartSpec } from './types.ts';

const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/**
 * The process's argv: `command` replaces the Entrypoint (and then the image's Cmd is not used),
 * `args` replaces the Cmd (Kubernetes "Define a Command and Arguments for a Container").
 */
export function effectiveArgv(config: ImageConfig, spec: ContainerStartSpec): string[] {
  const entry = spec.command ?? config.entrypoint ?? [];
  const rest = spec.args ?? (spec.command ? [] : (config.cmd ?? []));
  return [...entry, ...rest];
}

/** The image's Env with the container's variables over it (the runtime's merge). */
export function mergeEnv(config: ImageConfig, containerEnv: Readonly<Record<string, string>>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const kv of config.env) {
    const eq = kv.indexOf('=');
    env[eq < 0 ? kv : kv.slice(0, eq)] = eq < 0 ? '' : kv.slice(eq + 1);
  }
  return { ...env, ...containerEnv };
}

export type LookPathResult = { ok: true; path: string } | { ok: false; error: string };

/**
 * exec.LookPath as runc's init runs it: a name with a slash is checked directly (relative to the
 * working directory), any other name is searched in $PATH. The error is Go's, e.g.
 * `exec: "sh": executable file not found in $PATH` or
 * `exec: "/bin/bash": stat /bin/bash: no such file or directory`.
 */
export function lookPath(name: string, env: Readonly<Record<string, string>>, fs: FileSystem, cwd = '/'): LookPathResult {
  const quoted = JSON.stringify(name);
  if (name.includes('/')) {
    const path = normalizePath(name, cwd);
    const problem = executableProblem(fs, path);
    if (problem === undefined) return { ok: true, path };
    if (problem === 'ENOENT') return { ok: false, error: `exec: ${quoted}: stat ${name}: no such file or directory` };
    if (problem === 'EISDIR') return { ok: false, error: `exec: ${quoted}: is a directory` };
    return { ok: false, error: `exec: ${quoted}: permission denied` };
  }
  if (name === '') return { ok: false, error: `exec: "": executable file not found in $PATH` };
  for (const dir of (env.PATH ?? DEFAULT_PATH).split(':')) {
    const path = joinPath(dir === '' ? '.' : dir, name);
    if (executableProblem(fs, normalizePath(path, cwd)) === undefined) return { ok: true, path: normalizePath(path, cwd) };
  }
  return { ok: false, error: `exec: ${quoted}: executable file not found in $PATH` };
}

function executableProblem(fs: FileSystem, path: string): 'ENOENT' | 'EISDIR' | 'EACCES' | undefined {
  try {
    const st = fs.stat(path);
    if (st.type === 'dir') return 'EISDIR';
    if ((st.mode & 0o111) === 0) return 'EACCES';
    return undefined;
  } catch (e) {
    if (e instanceof FsError) return 'ENOENT';
    throw e;
  }
}

/** The path with every symlink resolved, when the filesystem can read links; otherwise the path. */
export function realPath(fs: FileSystem, path: string): string {
  if (!fs.lstat || !fs.readlink) return path;
  const parts = normalizePath(path).split('/').filter(Boolean);
  let current = '/';
  for (let hops = 0; parts.length > 0 && hops < 40; ) {
    const next = joinPath(current, parts.shift()!);
    let st;
    try {
      st = fs.lstat(next);
    } catch {
      return normalizePath([next, ...parts].join('/'));
    }
    if (st.type === 'symlink') {
      hops++;
      const target = fs.readlink(next);
      const resolved = normalizePath(target, current);
      parts.unshift(...resolved.split('/').filter(Boolean));
      current = '/';
    } else current = next;
  }
  return current;
}

/** containerd's message when the container's process cannot be started (terminated, exit code 128). */
export function startErrorMessage(lookPathError: string): string {
  return (
    'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: ' +
    `unable to start container process: error during container init: ${lookPathError}: unknown`
  );
}

/** containerd's message when neither the pod nor the image gives a command (CreateContainerError). */
export function noCommandMessage(containerId: string): string {
  return `failed to generate container ${JSON.stringify(containerId)} spec: failed to generate spec: no command specified`;
}

/** containerd's message when `kubectl exec` names a missing executable. */
export function execErrorMessage(execId: string, lookPathError: string): string {
  return (
    `failed to exec in container: failed to start exec ${JSON.stringify(execId)}: OCI runtime exec failed: ` +
    `exec failed: unable to start container process: ${lookPathError}: unknown`
  );
}
