// A container's root filesystem as overlayfs builds it: the image's files as a read-only lower
// layer (shared by every container of the image, never written) and a private writable upper
// layer. Reads see the upper entry when there is one; the first change to a lower file, directory
// or link copies it up (content, mode, owner, mtime) with its parent directories; deleting a
// lower entry leaves a whiteout, and a directory deleted then created again is opaque (the lower
// directory's entries stay hidden). Renames copy (overlayfs without redirect_dir returns EXDEV
// for lower directories and `mv` then copies; the result a process sees is the same).
import type { DirEntry, FileStat, FileSystem, FsUsage, MkdirOptions, WriteOptions } from './types.ts';
import { FsError } from './types.ts';
import type { MemoryFs } from './memory-fs.ts';
import { ResolvingFs } from './resolving-fs.ts';
import { dirname, isWithin, joinPath } from './path.ts';

export class OverlayFs extends ResolvingFs {
  private readonly whiteouts = new Set<string>();
  private readonly opaque = new Set<string>();

  constructor(
    private readonly lower: FileSystem,
    private readonly upper: MemoryFs,
  ) {
    super();
    const root = lower.stat('/');
    upper.chmod('/', root.mode);
    upper.chown('/', root.uid, root.gid);
    upper.setMtime('/', root.mtime);
  }

  protected lstatP(p: string): FileStat {
    const st = this.upperStat(p) ?? this.lowerStat(p);
    if (!st) throw new FsError('ENOENT', p);
    return st;
  }

  protected readlinkP(p: string): string {
    if (this.upperStat(p)) return this.upper.readlink(p);
    if (!this.lower.readlink) throw new FsError('EINVAL', p);
    return this.lower.readlink(p);
  }

  protected readFileP(p: string): string {
    return this.upperStat(p) ? this.upper.readFile(p) : this.lower.readFile(p);
  }

  protected writeFileP(p: string, data: string, opts: WriteOptions): void {
    if (this.upperStat(p) || this.lowerStat(p)) this.copyUp(p);
    else this.copyUpParent(p);
    this.upper.writeFile(p, data, opts);
    this.whiteouts.delete(p);
  }

  protected readDirP(p: string): DirEntry[] {
    const out = new Map<string, DirEntry>();
    if (!this.opaque.has(p) && this.lowerStat(p)?.type === 'dir') {
      for (const e of this.lower.readDir(p)) if (!this.whiteouts.has(joinPath(p, e.name))) out.set(e.name, e);
    }
    if (this.upperStat(p)?.type === 'dir') for (const e of this.upper.readDir(p)) out.set(e.name, e);
    return [...out.values()];
  }

  protected mkdirP(p: string, opts: MkdirOptions): void {
    this.copyUpParent(p);
    this.upper.mkdir(p, opts);
    if (this.whiteouts.delete(p)) this.opaque.add(p);
  }

  protected removeP(p: string): void {
    if (this.upperStat(p)) this.upper.remove(p, { recursive: true });
    if (this.lowerStat(p)) {
      this.copyUpParent(p);
      this.whiteouts.add(p);
    }
    for (const set of [this.whiteouts, this.opaque]) for (const q of set) if (q !== p && isWithin(q, p)) set.delete(q);
    this.opaque.delete(p);
  }

  protected renameP(from: string, to: string): void {
    if (this.upperStat(to) || this.lowerStat(to)) this.removeP(to);
    this.copyTree(from, to);
    this.remove(from, { recursive: true });
  }

  protected chmodP(p: string, mode: number): void {
    this.copyUp(p);
    this.upper.chmod(p, mode);
  }

  protected chownP(p: string, uid: number, gid: number): void {
    this.copyUp(p);
    this.upper.chown(p, uid, gid);
  }

  protected setMtimeP(p: string, mtime: number): void {
    this.copyUp(p);
    this.upper.setMtime(p, mtime);
  }

  protected symlinkP(target: string, p: string, opts: { uid?: number; gid?: number }): void {
    this.copyUpParent(p);
    this.upper.symlink(target, p, opts);
    this.whiteouts.delete(p);
  }

  protected usageP(): FsUsage {
    return this.upper.usage('/');
  }

  // `p` is a physical path of the overlay (resolved by ResolvingFs), so its directories are
  // directories in each layer too, or absent there: the layers look it up without resolving again.
  private upperStat(p: string): FileStat | undefined {
    try {
      return this.upper.lstatResolved(p);
    } catch {
      return undefined;
    }
  }

  private lowerStat(p: string): FileStat | undefined {
    if (!this.lowerVisible(p)) return undefined;
    try {
      if (this.lower.lstatResolved) return this.lower.lstatResolved(p);
      if (this.lower.tryLstat) return this.lower.tryLstat(p);
      return this.lower.lstat ? this.lower.lstat(p) : this.lower.stat(p);
    } catch {
      return undefined;
    }
  }

  protected override tryLstatP(p: string): FileStat | undefined {
    return this.upperStat(p) ?? this.lowerStat(p);
  }

  /** False when `p` or a directory above it was deleted, or lies below an opaque directory. */
  private lowerVisible(p: string): boolean {
    if (!this.whiteouts.size && !this.opaque.size) return true;
    if (this.whiteouts.has(p)) return false;
    for (let q = p; q !== '/'; ) {
      q = dirname(q);
      if (this.whiteouts.has(q) || this.opaque.has(q)) return false;
    }
    return true;
  }

  private copyUp(p: string): void {
    if (this.upperStat(p)) return;
    const st = this.lowerStat(p);
    if (!st) throw new FsError('ENOENT', p);
    this.copyUpParent(p);
    const owner = { uid: st.uid, gid: st.gid };
    if (st.type === 'dir') this.upper.mkdir(p, { mode: st.mode, ...owner });
    else if (st.type === 'symlink') this.upper.symlink(this.readlinkP(p), p, owner);
    else this.upper.writeFile(p, this.lower.readFile(p), { mode: st.mode, ...owner });
    if (st.type !== 'symlink') this.upper.setMtime(p, st.mtime);
  }

  private copyUpParent(p: string): void {
    const parent = dirname(p);
    if (parent !== '/') this.copyUp(parent);
  }

  private copyTree(from: string, to: string): void {
    const st = this.lstatP(from);
    const owner = { uid: st.uid, gid: st.gid };
    if (st.type === 'dir') {
      this.mkdirP(to, { mode: st.mode, ...owner });
      for (const e of this.readDirP(from)) this.copyTree(joinPath(from, e.name), joinPath(to, e.name));
    } else if (st.type === 'symlink') {
      this.symlinkP(this.readlinkP(from), to, owner);
    } else {
      this.writeFileP(to, this.readFileP(from), { mode: st.mode, ...owner });
    }
    if (st.type !== 'symlink') this.upper.setMtime(to, st.mtime);
  }
}
