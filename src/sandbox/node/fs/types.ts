// A container's view of files: the image's own files, its writable layer, and volume mounts
// (configMap, secret, downwardAPI, projected, emptyDir, hostPath, persistent volumes). The shell,
// `kubectl exec` and the kubelet all go through this interface. Errors carry POSIX codes so
// commands print what busybox prints (`cat: can't open '/x': No such file or directory`).

export type FsErrorCode = 'ENOENT' | 'EISDIR' | 'ENOTDIR' | 'EEXIST' | 'EROFS' | 'EACCES' | 'ENOTEMPTY' | 'EINVAL';

export class FsError extends Error {
  constructor(
    readonly code: FsErrorCode,
    readonly path: string,
  ) {
    super(`${code}: ${path}`);
  }
}

export interface FileStat {
  type: 'file' | 'dir' | 'symlink';
  size: number;
  /** Octal permission bits, e.g. 0o644. */
  mode: number;
  /** Simulated ms since the epoch. */
  mtime: number;
  uid: number;
  gid: number;
}

export interface DirEntry {
  name: string;
  stat: FileStat;
}

/** Paths are absolute or relative to the caller's cwd, resolved by the caller. */
export interface FileSystem {
  stat(path: string): FileStat;
  exists(path: string): boolean;
  readFile(path: string): string;
  writeFile(path: string, data: string, opts?: { append?: boolean; mode?: number }): void;
  readDir(path: string): DirEntry[];
  mkdir(path: string, opts?: { recursive?: boolean }): void;
  remove(path: string, opts?: { recursive?: boolean }): void;
  rename(from: string, to: string): void;
  chmod(path: string, mode: number): void;
}
