// A container's view of files: the image's own files, its writable layer, and volume mounts
// (configMap, secret, downwardAPI, projected, emptyDir, hostPath, persistent volumes). The shell,
// `kubectl exec` and the kubelet all go through this interface. Errors carry POSIX codes so
// commands print what busybox prints (`cat: can't open '/x': No such file or directory`).
//
// Extensions over the first version (all compatible: new codes, optional fields and methods):
// - ENOSPC/ELOOP/EPERM/EXDEV/EBUSY: a bounded filesystem fills up, symlink loops, chown by a
//   non-root process, rename across mounts, removing a mount point.
// - ino/nlink on FileStat: `ls -l` and `stat` print link counts and inode numbers.
// - uid/gid on write/mkdir options: the container view creates files owned by the process.
// - lstat/readlink/symlink/chown/setMtime/usage/mounts: projected volumes are `..data` symlink trees,
//   `ls -l` shows owners, `touch` sets times, `df` reports usage. An implementation without them
//   still works with the shell (it falls back to stat and reports the feature as unsupported).

export type FsErrorCode =
  | 'ENOENT'
  | 'EISDIR'
  | 'ENOTDIR'
  | 'EEXIST'
  | 'EROFS'
  | 'EACCES'
  | 'ENOTEMPTY'
  | 'EINVAL'
  | 'ENOSPC'
  | 'ELOOP'
  | 'EPERM'
  | 'EXDEV'
  | 'EBUSY';

/** strerror() texts, as busybox prints them after a colon. */
export const FS_ERROR_TEXT: Record<FsErrorCode, string> = {
  ENOENT: 'No such file or directory',
  EISDIR: 'Is a directory',
  ENOTDIR: 'Not a directory',
  EEXIST: 'File exists',
  EROFS: 'Read-only file system',
  EACCES: 'Permission denied',
  ENOTEMPTY: 'Directory not empty',
  EINVAL: 'Invalid argument',
  ENOSPC: 'No space left on device',
  ELOOP: 'Symbolic link loop',
  EPERM: 'Operation not permitted',
  EXDEV: 'Invalid cross-device link',
  EBUSY: 'Resource busy',
};

/**
 * A failed file operation. Thrown often and expected (lookups along PATH, `exists` checks), so it
 * carries no stack trace: capturing one was most of the CPU a pod start cost.
 */
export class FsError extends Error {
  readonly code: FsErrorCode;
  readonly path: string;
  constructor(code: FsErrorCode, path: string) {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(`${code}: ${path}`);
    Error.stackTraceLimit = limit;
    this.code = code;
    this.path = path;
  }
}

export interface FileStat {
  type: 'file' | 'dir' | 'symlink';
  size: number;
  /** Octal permission bits, e.g. 0o644 (setuid/setgid/sticky bits included when set). */
  mode: number;
  /** Simulated ms since the epoch. */
  mtime: number;
  uid: number;
  gid: number;
  /** Inode number, unique within one filesystem. */
  ino?: number;
  /** Hard link count: 1 for files and links, 2 + subdirectories for directories. */
  nlink?: number;
}

export interface DirEntry {
  name: string;
  stat: FileStat;
}

export interface WriteOptions {
  append?: boolean;
  /** Mode of a file this call creates (an existing file keeps its mode). */
  mode?: number;
  /** Owner of a file this call creates. */
  uid?: number;
  gid?: number;
}

export interface MkdirOptions {
  recursive?: boolean;
  mode?: number;
  uid?: number;
  gid?: number;
}

export interface FsUsage {
  usedBytes: number;
  limitBytes: number;
  inodes: number;
  maxInodes: number;
}

/** Paths are absolute or relative to the caller's cwd, resolved by the caller. */
export interface FileSystem {
  stat(path: string): FileStat;
  exists(path: string): boolean;
  readFile(path: string): string;
  writeFile(path: string, data: string, opts?: WriteOptions): void;
  readDir(path: string): DirEntry[];
  mkdir(path: string, opts?: MkdirOptions): void;
  remove(path: string, opts?: { recursive?: boolean }): void;
  rename(from: string, to: string): void;
  chmod(path: string, mode: number): void;

  /** stat() without following a final symlink. */
  lstat?(path: string): FileStat;
  /** lstat, or undefined when nothing is at `path` (no error thrown: the common case of lookups). */
  tryLstat?(path: string): FileStat | undefined;
  /**
   * tryLstat of a path the caller has already resolved: a normalized absolute path whose
   * directories are real directories (no symlink or `..` to follow). A layered filesystem
   * (overlay, mounts) calls it on its layers instead of resolving every path again.
   */
  lstatResolved?(path: string): FileStat | undefined;
  readlink?(path: string): string;
  symlink?(target: string, path: string, opts?: { uid?: number; gid?: number }): void;
  chown?(path: string, uid: number, gid: number): void;
  setMtime?(path: string, mtime: number): void;
  /** Space accounting of the filesystem holding `path` (df). */
  usage?(path: string): FsUsage;
  /** The mount table of a container's view (df, mount), outermost first. */
  mounts?(): MountEntry[];
}

export interface MountEntry {
  path: string;
  readOnly: boolean;
  /** `overlay`, `tmpfs`, `/dev/sda1`, ... */
  source: string;
  fsType: string;
}
