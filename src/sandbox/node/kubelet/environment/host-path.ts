// A node's own filesystem as hostPath volumes see it (a kind node: Debian with containerd and
// the kubelet's directories), and upstream's hostPath type checks (pkg/volume/hostpath
// checkType): DirectoryOrCreate/FileOrCreate create what is missing, the other types must
// already be there. Sockets and devices are ordinary files here, with their kind recorded aside.
import { MemoryFs } from '../../fs/memory-fs.ts';
import { FsError, FS_ERROR_TEXT } from '../../fs/types.ts';
import { nodeHostsFile, NODE_RESOLV, resolvConf } from './etc-files.ts';

export type SpecialFile = 'socket' | 'char' | 'block';

export interface NodeFilesystem {
  fs: MemoryFs;
  special: Map<string, SpecialFile>;
}

const DIRS = [
  '/etc', '/home', '/mnt', '/opt', '/root', '/srv', '/usr/bin', '/usr/lib', '/usr/local/bin', '/usr/share',
  '/var/lib/kubelet/pods', '/var/lib/containerd', '/var/lib/etcd', '/var/log/pods', '/var/log/containers', '/var/local',
  '/run/containerd', '/proc', '/sys', '/dev', '/data',
];

/** A fresh node filesystem for `nodeName` at `nodeIP`. */
export function nodeFilesystem(nodeName: string, nodeIP: string, now: () => number): NodeFilesystem {
  const fs = new MemoryFs({ now, limitBytes: 256 * 1024 * 1024 });
  for (const d of DIRS) fs.mkdir(d, { recursive: true });
  fs.mkdir('/tmp', { mode: 0o1777 });
  fs.chmod('/tmp', 0o1777);
  fs.symlink('/run', '/var/run');
  fs.populate({
    '/etc/hostname': `${nodeName}\n`,
    '/etc/hosts': nodeHostsFile(nodeName, nodeIP),
    '/etc/resolv.conf': resolvConf(NODE_RESOLV),
    '/etc/os-release': 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION="12 (bookworm)"\nID=debian\n',
    '/etc/machine-id': '',
    '/etc/kubernetes/manifests/.keep': '',
    '/var/lib/kubelet/config.yaml': 'apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nclusterDNS:\n- 10.96.0.10\nclusterDomain: cluster.local\n',
  });
  fs.remove('/etc/kubernetes/manifests/.keep');
  const special = new Map<string, SpecialFile>();
  const add = (path: string, kind: SpecialFile, mode: number) => {
    fs.writeFile(path, '', { mode });
    fs.chmod(path, mode);
    special.set(path, kind);
  };
  add('/run/containerd/containerd.sock', 'socket', 0o660);
  for (const d of ['null', 'zero', 'random', 'urandom', 'tty', 'kmsg', 'fuse']) add(`/dev/${d}`, 'char', 0o666);
  add('/dev/sda', 'block', 0o660);
  add('/dev/sda1', 'block', 0o660);
  return { fs, special };
}

const TYPE_WORD: Record<string, string> = {
  Directory: 'a directory',
  File: 'a file',
  Socket: 'a socket file',
  CharDevice: 'a character device',
  BlockDevice: 'a block device',
};

/**
 * Checks (and for the *OrCreate types creates) `path` on the node. Returns the plugin's error,
 * e.g. `hostPath type check failed: /data is not a directory`.
 */
export function checkHostPathType(node: NodeFilesystem, path: string, type: string | undefined): string | undefined {
  const { fs } = node;
  const kindOf = (): 'dir' | 'file' | SpecialFile | undefined => {
    if (!fs.exists(path)) return undefined;
    const real = fs.stat(path).type === 'dir' ? 'dir' : 'file';
    if (real === 'dir') return 'dir';
    for (const [p, k] of node.special) if (p === path || (fs.exists(p) && sameFile(fs, p, path))) return k;
    return 'file';
  };
  switch (type ?? '') {
    case '':
      return undefined;
    case 'DirectoryOrCreate': {
      const k = kindOf();
      if (k === undefined) {
        fs.mkdir(path, { recursive: true, mode: 0o755 });
        return undefined;
      }
      return k === 'dir' ? undefined : `hostPath type check failed: ${path} is not a directory`;
    }
    case 'FileOrCreate': {
      const k = kindOf();
      if (k === undefined) {
        try {
          fs.writeFile(path, '', { mode: 0o644 });
        } catch (e) {
          if (e instanceof FsError) return `open ${path}: ${FS_ERROR_TEXT[e.code].toLowerCase()}`;
          throw e;
        }
        return undefined;
      }
      return k === 'dir' ? `hostPath type check failed: ${path} is not a file` : undefined;
    }
    case 'Directory':
    case 'File':
    case 'Socket':
    case 'CharDevice':
    case 'BlockDevice': {
      const want = { Directory: 'dir', File: 'file', Socket: 'socket', CharDevice: 'char', BlockDevice: 'block' }[type!];
      const k = kindOf();
      const ok = k === want || (want === 'file' && k !== undefined && k !== 'dir');
      return ok ? undefined : `hostPath type check failed: ${path} is not ${TYPE_WORD[type!]}`;
    }
    default:
      return `invalid HostPathType: ${type}`;
  }
}

function sameFile(fs: MemoryFs, a: string, b: string): boolean {
  const sa = fs.stat(a);
  const sb = fs.stat(b);
  return sa.ino !== undefined && sa.ino === sb.ino;
}
