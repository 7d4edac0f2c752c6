// The FileSystem contract on top of "physical" operations. A subclass implements operations on
// physical paths (every component but possibly the last is a real directory); this base resolves
// symlinks component by component (relative targets against the link's directory, absolute ones
// against this filesystem's root, at most 40 links as Linux), validates the POSIX preconditions
// (EEXIST, ENOTDIR, ENOTEMPTY, EISDIR, EINVAL) once for every implementation, and gives a
// subclass one hook, authorize(), to refuse an operation (read-only mounts, permissions).
import type { DirEntry, FileStat, FileSystem, FsUsage, MkdirOptions, WriteOptions } from './types.ts';
import { FsError } from './types.ts';
import { dirname, isWithin, joinPath, normalizePath } from './path.ts';

const MAX_SYMLINKS = 40;

/** What an operation does to a physical path, for authorize(). */
export type AccessKind =
  /** read a file's content */
  | 'read'
  /** list a directory */
  | 'list'
  /** change a file's content */
  | 'write'
  /** add or remove entries of a directory (the path is the directory) */
  | 'modify-dir'
  /** change mode, owner or times of an inode */
  | 'attributes';

export abstract class ResolvingFs implements FileSystem {
  protected abstract lstatP(p: string): FileStat;
  protected abstract readlinkP(p: string): string;
  protected abstract readFileP(p: string): string;
  /** `p` is absent or a regular file; its parent is a directory. */
  protected abstract writeFileP(p: string, data: string, opts: WriteOptions): void;
  protected abstract readDirP(p: string): DirEntry[];
  /** `p` is absent; its parent is a directory. */
  protected abstract mkdirP(p: string, opts: MkdirOptions): void;
  protected abstract removeP(p: string): void;
  /** Preconditions checked: `from` exists, `to` is absent or replaceable, `to` is not below `from`. */
  protected abstract renameP(from: string, to: string): void;
  protected abstract chmodP(p: string, mode: number): void;
  protected abstract chownP(p: string, uid: number, gid: number): void;
  protected abstract setMtimeP(p: string, mtime: number): void;
  protected abstract symlinkP(target: string, p: string, opts: { uid?: number; gid?: number }): void;
  protected abstract usageP(p: string): FsUsage;

  /** Throws to refuse an operation; `stat` is the target's when it exists. Allows all by default. */
  protected authorize(_kind: AccessKind, _p: string, _stat?: FileStat): void {}

  /**
   * The physical path `path` names: symlinks resolved (the final component's only with
   * followLast). A missing final component is returned as is, a missing directory on the way
   * throws ENOENT.
   */
  resolve(path: string, followLast: boolean): string {
    let queue = rawParts(normalizeSlashes(path));
    let cur = '/';
    let links = 0;
    while (queue.length) {
      const c = queue.shift()!;
      if (c === '..') {
        cur = dirname(cur);
        continue;
      }
      const next = joinPath(cur, c);
      const last = queue.length === 0;
      let st: FileStat | undefined;
      try {
        st = this.tryLstatP(next);
      } catch (e) {
        throw rethrow(e, path);
      }
      if (!st) {
        if (last) return next;
        throw new FsError('ENOENT', path);
      }
      if (st.type === 'symlink' && (!last || followLast)) {
        if (++links > MAX_SYMLINKS) throw new FsError('ELOOP', path);
        const target = this.readlinkP(next);
        if (target.startsWith('/')) cur = '/';
        queue = [...rawParts(target), ...queue];
        continue;
      }
      if (!last && st.type !== 'dir') throw new FsError('ENOTDIR', path);
      cur = next;
    }
    return cur;
  }

  stat(path: string): FileStat {
    return this.existing(path, true).stat;
  }

  lstat(path: string): FileStat {
    return this.existing(path, false).stat;
  }

  exists(path: string): boolean {
    // Without building an error for the common miss: a missing final component resolves.
    try {
      return this.tryLstatP(this.resolve(path, true)) !== undefined;
    } catch {
      return false;
    }
  }

  readFile(path: string): string {
    const { p, stat } = this.existing(path, true);
    if (stat.type === 'dir') throw new FsError('EISDIR', path);
    this.authorize('read', p, stat);
    return this.readFileP(p);
  }

  writeFile(path: string, data: string, opts: WriteOptions = {}): void {
    const p = this.resolve(path, true);
    const stat = this.lstatOrUndefined(p);
    if (stat?.type === 'dir') throw new FsError('EISDIR', path);
    if (stat) this.authorize('write', p, stat);
    else this.authorize('modify-dir', this.parentDir(p, path), this.lstatP(dirname(p)));
    this.writeFileP(p, data, opts);
  }

  readDir(path: string): DirEntry[] {
    const { p, stat } = this.existing(path, true);
    if (stat.type !== 'dir') throw new FsError('ENOTDIR', path);
    this.authorize('list', p, stat);
    return this.readDirP(p);
  }

  mkdir(path: string, opts: MkdirOptions = {}): void {
    if (opts.recursive) {
      const parts = rawParts(normalizePath(path));
      let prefix = '';
      for (let i = 0; i < parts.length; i++) {
        prefix += '/' + parts[i];
        const p = this.resolve(prefix, true);
        const st = this.lstatOrUndefined(p);
        if (st?.type === 'dir') continue;
        if (st) throw new FsError(i === parts.length - 1 ? 'EEXIST' : 'ENOTDIR', path);
        this.authorize('modify-dir', this.parentDir(p, path), this.lstatP(dirname(p)));
        this.mkdirP(p, opts);
      }
      return;
    }
    const p = this.resolve(path, false);
    if (this.lstatOrUndefined(p)) throw new FsError('EEXIST', path);
    this.authorize('modify-dir', this.parentDir(p, path), this.lstatP(dirname(p)));
    this.mkdirP(p, opts);
  }

  remove(path: string, opts: { recursive?: boolean } = {}): void {
    const { p, stat } = this.existing(path, false);
    if (p === '/') throw new FsError('EBUSY', path);
    this.authorize('modify-dir', dirname(p), this.lstatP(dirname(p)));
    if (stat.type === 'dir') {
      const entries = this.readDirP(p);
      if (entries.length && !opts.recursive) throw new FsError('ENOTEMPTY', path);
      for (const e of entries) this.remove(joinPath(p, e.name), { recursive: true });
    }
    this.removeP(p);
  }

  rename(from: string, to: string): void {
    const src = this.existing(from, false);
    const dst = this.resolve(to, false);
    const dstStat = this.lstatOrUndefined(dst);
    if (src.p === dst) return;
    if (src.p === '/' ) throw new FsError('EBUSY', from);
    if (src.stat.type === 'dir' && isWithin(dst, src.p)) throw new FsError('EINVAL', to);
    if (dstStat) {
      if (dstStat.type === 'dir' && src.stat.type !== 'dir') throw new FsError('EISDIR', to);
      if (dstStat.type !== 'dir' && src.stat.type === 'dir') throw new FsError('ENOTDIR', to);
      if (dstStat.type === 'dir' && this.readDirP(dst).length) throw new FsError('ENOTEMPTY', to);
    }
    this.authorize('modify-dir', dirname(src.p), this.lstatP(dirname(src.p)));
    this.authorize('modify-dir', this.parentDir(dst, to), this.lstatP(dirname(dst)));
    this.renameP(src.p, dst);
  }

  chmod(path: string, mode: number): void {
    const { p, stat } = this.existing(path, true);
    this.authorize('attributes', p, stat);
    this.chmodP(p, mode & 0o7777);
  }

  chown(path: string, uid: number, gid: number): void {
    const { p, stat } = this.existing(path, true);
    this.authorize('attributes', p, stat);
    this.chownP(p, uid, gid);
  }

  setMtime(path: string, mtime: number): void {
    const { p, stat } = this.existing(path, true);
    this.authorize('attributes', p, stat);
    this.setMtimeP(p, mtime);
  }

  symlink(target: string, path: string, opts: { uid?: number; gid?: number } = {}): void {
    const p = this.resolve(path, false);
    if (this.lstatOrUndefined(p)) throw new FsError('EEXIST', path);
    this.authorize('modify-dir', this.parentDir(p, path), this.lstatP(dirname(p)));
    this.symlinkP(target, p, opts);
  }

  readlink(path: string): string {
    const { p, stat } = this.existing(path, false);
    if (stat.type !== 'symlink') throw new FsError('EINVAL', path);
    return this.readlinkP(p);
  }

  usage(path: string): FsUsage {
    return this.usageP(this.existing(path, true).p);
  }

  protected existing(path: string, followLast: boolean): { p: string; stat: FileStat } {
    const p = this.resolve(path, followLast);
    let stat: FileStat | undefined;
    try {
      stat = this.tryLstatP(p);
    } catch (e) {
      throw rethrow(e, path);
    }
    if (!stat) throw new FsError('ENOENT', path);
    return { p, stat };
  }

  protected lstatOrUndefined(p: string): FileStat | undefined {
    return this.tryLstatP(p);
  }

  /** lstatP, or undefined for ENOENT. Filesystems override it to avoid throwing on a miss. */
  protected tryLstatP(p: string): FileStat | undefined {
    try {
      return this.lstatP(p);
    } catch (e) {
      if (e instanceof FsError && e.code === 'ENOENT') return undefined;
      throw e;
    }
  }

  lstatResolved(p: string): FileStat | undefined {
    return this.tryLstatP(p);
  }

  tryLstat(path: string): FileStat | undefined {
    try {
      return this.existing(path, false).stat;
    } catch (e) {
      if (e instanceof FsError && e.code === 'ENOENT') return undefined;
      throw e;
    }
  }

  /** The parent of a physical path that is to be created; ENOENT when `/` has no parent. */
  private parentDir(p: string, path: string): string {
    if (p === '/') throw new FsError('EEXIST', path);
    return dirname(p);
  }
}

function normalizeSlashes(path: string): string {
  return path.startsWith('/') ? path : '/' + path;
}

/** Components, keeping `..` (resolved against the physical parent, not lexically). */
function rawParts(path: string): string[] {
  return path.split('/').filter((p) => p !== '' && p !== '.');
}

function rethrow(e: unknown, path: string): unknown {
  return e instanceof FsError && e.path !== path ? new FsError(e.code, path) : e;
}
