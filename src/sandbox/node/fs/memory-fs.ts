// An in-memory filesystem: an image's files, a container's writable layer, an emptyDir, the
// files of a projected volume. Bounded: content bytes (UTF-8) and inodes are counted against
// limits and a write that would pass them fails with ENOSPC, as a full disk does, so a container
// writing in a loop fills its volume instead of the sandbox's memory. Times come from the
// simulated clock passed in.
import type { DirEntry, FileStat, FsUsage, MkdirOptions, WriteOptions } from './types.ts';
import { FsError } from './types.ts';
import { ResolvingFs } from './resolving-fs.ts';
import { basename, dirname, splitPath } from './path.ts';

export interface MemoryFsOptions {
  /** Simulated clock for mtimes. */
  now: () => number;
  /** Bytes of file content (and symlink targets) the filesystem holds at most. Default 64 MiB. */
  limitBytes?: number;
  /** Inodes at most. Default 65536. */
  maxInodes?: number;
  /** The root directory's mode and owner. Default 0755 root:root. */
  rootMode?: number;
  rootUid?: number;
  rootGid?: number;
}

interface BaseNode {
  ino: number;
  mode: number;
  uid: number;
  gid: number;
  mtime: number;
}
interface FileNode extends BaseNode {
  type: 'file';
  data: string;
  size: number;
}
interface DirNode extends BaseNode {
  type: 'dir';
  entries: Map<string, Node>;
}
interface LinkNode extends BaseNode {
  type: 'symlink';
  target: string;
  size: number;
}
type Node = FileNode | DirNode | LinkNode;

export const DEFAULT_LIMIT_BYTES = 64 * 1024 * 1024;
export const DEFAULT_MAX_INODES = 65536;

export class MemoryFs extends ResolvingFs {
  private readonly root: DirNode;
  private nextIno = 1;
  private usedBytes = 0;
  private inodes = 1;
  readonly limitBytes: number;
  readonly maxInodes: number;
  private readonly now: () => number;

  constructor(opts: MemoryFsOptions) {
    super();
    this.now = opts.now;
    this.limitBytes = opts.limitBytes ?? DEFAULT_LIMIT_BYTES;
    this.maxInodes = opts.maxInodes ?? DEFAULT_MAX_INODES;
    this.root = {
      type: 'dir',
      ino: this.nextIno++,
      mode: opts.rootMode ?? 0o755,
      uid: opts.rootUid ?? 0,
      gid: opts.rootGid ?? 0,
      mtime: this.now(),
      entries: new Map(),
    };
  }

  /** Writes files (creating their directories) in one call: an image's or a test's content. */
  populate(files: Record<string, string | { content: string; mode?: number; uid?: number; gid?: number }>): this {
    for (const [path, spec] of Object.entries(files)) {
      const f = typeof spec === 'string' ? { content: spec } : spec;
      this.mkdir(dirname(path), { recursive: true });
      this.writeFile(path, f.content, { mode: f.mode, uid: f.uid, gid: f.gid });
    }
    return this;
  }

  protected lstatP(p: string): FileStat {
    return this.statOf(this.node(p, p));
  }

  protected override tryLstatP(p: string): FileStat | undefined {
    const n = this.findNode(p, p);
    return n && this.statOf(n);
  }

  protected readlinkP(p: string): string {
    const n = this.node(p, p);
    if (n.type !== 'symlink') throw new FsError('EINVAL', p);
    return n.target;
  }

  protected readFileP(p: string): string {
    const n = this.node(p, p);
    if (n.type === 'dir') throw new FsError('EISDIR', p);
    if (n.type === 'symlink') throw new FsError('EINVAL', p);
    return n.data;
  }

  protected writeFileP(p: string, data: string, opts: WriteOptions): void {
    const dir = this.dirNode(dirname(p), p);
    const name = basename(p);
    const existing = dir.entries.get(name);
    const bytes = Buffer.byteLength(data);
    if (existing) {
      if (existing.type !== 'file') throw new FsError('EISDIR', p);
      const size = opts.append ? existing.size + bytes : bytes;
      this.reserve(size - existing.size, 0, p);
      existing.data = opts.append ? existing.data + data : data;
      existing.size = size;
      existing.mtime = this.now();
    } else {
      this.reserve(bytes, 1, p);
      dir.entries.set(name, { type: 'file', ...this.meta(opts.mode ?? 0o644, opts), data, size: bytes });
    }
    dir.mtime = existing ? dir.mtime : this.now();
  }

  protected readDirP(p: string): DirEntry[] {
    const n = this.dirNode(p, p);
    return [...n.entries].map(([name, child]) => ({ name, stat: this.statOf(child) }));
  }

  protected mkdirP(p: string, opts: MkdirOptions): void {
    const dir = this.dirNode(dirname(p), p);
    this.reserve(0, 1, p);
    dir.entries.set(basename(p), { type: 'dir', ...this.meta(opts.mode ?? 0o755, opts), entries: new Map() });
    dir.mtime = this.now();
  }

  protected removeP(p: string): void {
    const dir = this.dirNode(dirname(p), p);
    const n = dir.entries.get(basename(p));
    if (!n) throw new FsError('ENOENT', p);
    if (n.type === 'dir' && n.entries.size) throw new FsError('ENOTEMPTY', p);
    dir.entries.delete(basename(p));
    this.usedBytes -= n.type === 'dir' ? 0 : n.size;
    this.inodes--;
    dir.mtime = this.now();
  }

  protected renameP(from: string, to: string): void {
    const fromDir = this.dirNode(dirname(from), from);
    const n = fromDir.entries.get(basename(from));
    if (!n) throw new FsError('ENOENT', from);
    const toDir = this.dirNode(dirname(to), to);
    const replaced = toDir.entries.get(basename(to));
    if (replaced) {
      this.usedBytes -= replaced.type === 'dir' ? 0 : replaced.size;
      this.inodes--;
    }
    fromDir.entries.delete(basename(from));
    toDir.entries.set(basename(to), n);
    fromDir.mtime = toDir.mtime = this.now();
  }

  protected chmodP(p: string, mode: number): void {
    this.node(p, p).mode = mode;
  }

  protected chownP(p: string, uid: number, gid: number): void {
    const n = this.node(p, p);
    if (uid >= 0) n.uid = uid;
    if (gid >= 0) n.gid = gid;
  }

  protected setMtimeP(p: string, mtime: number): void {
    this.node(p, p).mtime = mtime;
  }

  protected symlinkP(target: string, p: string, opts: { uid?: number; gid?: number }): void {
    const dir = this.dirNode(dirname(p), p);
    const size = Buffer.byteLength(target);
    this.reserve(size, 1, p);
    dir.entries.set(basename(p), { type: 'symlink', ...this.meta(0o777, opts), target, size });
    dir.mtime = this.now();
  }

  protected usageP(): FsUsage {
    return { usedBytes: this.usedBytes, limitBytes: this.limitBytes, inodes: this.inodes, maxInodes: this.maxInodes };
  }

  private reserve(bytes: number, inodes: number, p: string): void {
    if (bytes > 0 && this.usedBytes + bytes > this.limitBytes) throw new FsError('ENOSPC', p);
    if (inodes > 0 && this.inodes + inodes > this.maxInodes) throw new FsError('ENOSPC', p);
    this.usedBytes += bytes;
    this.inodes += inodes;
  }

  private meta(mode: number, opts: { uid?: number; gid?: number }): BaseNode {
    return { ino: this.nextIno++, mode: mode & 0o7777, uid: opts.uid ?? 0, gid: opts.gid ?? 0, mtime: this.now() };
  }

  /** The node at a physical path (no symlink is followed). */
  private node(p: string, path: string): Node {
    const n = this.findNode(p, path);
    if (!n) throw new FsError('ENOENT', path);
    return n;
  }

  /** The node at a physical path, or undefined when a component is missing. */
  private findNode(p: string, path: string): Node | undefined {
    let n: Node = this.root;
    for (const part of splitPath(p)) {
      if (n.type !== 'dir') throw new FsError('ENOTDIR', path);
      const child: Node | undefined = n.entries.get(part);
      if (!child) return undefined;
      n = child;
    }
    return n;
  }

  private dirNode(p: string, path: string): DirNode {
    const n = this.node(p, path);
    if (n.type !== 'dir') throw new FsError('ENOTDIR', path);
    return n;
  }

  private statOf(n: Node): FileStat {
    let nlink = 1;
    if (n.type === 'dir') {
      nlink = 2;
      for (const c of n.entries.values()) if (c.type === 'dir') nlink++;
    }
    return {
      type: n.type,
      size: n.type === 'dir' ? 4096 : n.size,
      mode: n.mode,
      mtime: n.mtime,
      uid: n.uid,
      gid: n.gid,
      ino: n.ino,
      nlink,
    };
  }
}
