// A container's filesystem as the runtime assembles it (upstream makeMounts plus containerd):
// the image's files under a writable layer of its own, the pod's volumes at their mountPaths
// (read-only when the mount or the plugin says so; subPath/subPathExpr mounts of a directory or
// file inside the volume), and the kubelet-managed /etc/hosts (unless the container mounts
// something there), /etc/hostname and /etc/resolv.conf. A subPath of a configMap, secret,
// downwardAPI or projected volume is a copy taken at start: it does not follow updates (as
// upstream, where the bind mount pins the file of the old `..data` directory).
import type * as core from '../../../../generated/k8s/core/v1.ts';
import { MemoryFs } from '../../fs/memory-fs.ts';
import { MountedFs } from '../../fs/mounted-fs.ts';
import { OverlayFs } from '../../fs/overlay-fs.ts';
import { joinPath, normalizePath } from '../../fs/path.ts';
import { FsError, type FileSystem } from '../../fs/types.ts';
import { expand, mappingFuncFor } from './expansion.ts';
import type { PodState } from './volume-data.ts';

export interface ContainerFsInputs {
  pod: core.Pod;
  container: core.Container;
  state: PodState;
  /** The image's read-only lower layer. */
  image: FileSystem;
  /** The container's environment, for subPathExpr. */
  env: Readonly<Record<string, string>>;
  /** Whether the kubelet mounts its /etc/hosts (the pod has an IP or uses the host network). */
  mountHosts: boolean;
  now: () => number;
}

/** The container's view; the pod directory must already hold etc-hosts, hostname and resolv.conf. */
export function assembleContainerFs(inp: ContainerFsInputs): MountedFs {
  const upper = new MemoryFs({ now: inp.now });
  const view = new MountedFs(new OverlayFs(inp.image, upper));
  const mounts = [...(inp.container.volumeMounts ?? [])].sort((a, b) => depth(a.mountPath) - depth(b.mountPath));
  const mapping = mappingFuncFor(inp.env);
  for (const m of mounts) {
    const vol = inp.state.volumes.get(m.name);
    if (!vol) continue;
    const subPath = m.subPathExpr ? expand(m.subPathExpr, mapping) : (m.subPath ?? '');
    let fs = vol.fs;
    let inner = subPath ? joinPath(vol.root, subPath) : vol.root;
    if (vol.projected && subPath) {
      fs = snapshot(vol.fs, normalizePath(inner), inp.now);
      inner = '/snapshot';
    }
    tryMount(() => view.mount(m.mountPath, fs, { readOnly: !!m.readOnly || vol.readOnly, subPath: inner, source: vol.source, fsType: vol.fsType }));
  }
  const userMounted = new Set(mounts.map((m) => normalizePath(m.mountPath)));
  const pod = inp.state.podDir;
  const etc = { source: '/dev/sda1', fsType: 'ext4' };
  if (inp.mountHosts && !userMounted.has('/etc/hosts')) tryMount(() => view.mount('/etc/hosts', pod, { subPath: '/etc-hosts', ...etc }));
  for (const [path, file] of [['/etc/hostname', '/hostname'], ['/etc/resolv.conf', '/resolv.conf']] as const) {
    if (!userMounted.has(path)) tryMount(() => view.mount(path, pod, { subPath: file, ...etc }));
  }
  const term = inp.container.terminationMessagePath || '/dev/termination-log';
  tryMount(() => {
    if (!view.exists(term)) {
      const dir = term.slice(0, term.lastIndexOf('/')) || '/';
      if (!view.exists(dir)) view.mkdir(dir, { recursive: true });
      view.writeFile(term, '', { mode: 0o666 });
    }
  });
  return view;
}

function depth(p: string): number {
  return normalizePath(p).split('/').filter(Boolean).length;
}

/** A mount the runtime cannot make (a file over a directory, ...) is left out rather than failing the container. */
function tryMount(fn: () => void): void {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof FsError)) throw e;
  }
}

/** A copy of `path` of `fs` (symlinks followed) at /snapshot of a new filesystem; a missing path becomes an empty directory, as the kubelet creates it. */
function snapshot(fs: FileSystem, path: string, now: () => number): MemoryFs {
  const out = new MemoryFs({ now, rootMode: 0o755 });
  const copy = (from: string, to: string) => {
    const st = fs.stat(from);
    if (st.type === 'dir') {
      out.mkdir(to, { mode: st.mode });
      for (const e of fs.readDir(from)) if (!e.name.startsWith('..')) copy(joinPath(from, e.name), joinPath(to, e.name));
    } else {
      out.writeFile(to, fs.readFile(from), { mode: st.mode, gid: st.gid });
    }
  };
  if (fs.exists(path)) copy(path, '/snapshot');
  else out.mkdir('/snapshot', { mode: 0o755 });
  return out;
}
