// A container's filesystem namespace: a root filesystem (normally an OverlayFs of the image) and
// a mount table on top, as the container runtime sets up from the pod's volumeMounts.
//
// - A mount shadows whatever lies at and below its path; the deepest mount holding a path wins,
//   so mounts nest. A mount's root is `subPath` inside its filesystem (a directory or a single
//   file: `/etc/nginx/nginx.conf` from a configMap key). As the runtime does, mounting creates
//   the mount point (and its parents) in the filesystem below when missing, and kubelet's
//   creation of a missing subPath directory is reproduced.
// - Symlinks resolve across mounts (a link in a volume pointing to an absolute path sees the
//   container's view), up to 40 links.
// - Changing anything on a read-only mount (or a read-only root) fails with EROFS; renaming
//   across mounts fails with EXDEV; removing or renaming a mount point fails with EBUSY.
// - Permissions, deliberately simple: the view belongs to one process identity (uid, gid,
//   supplementary groups). uid 0 may do anything a read-only mount allows. Others need the read
//   bit to read a file or list a directory, the write bit to change a file, the write bit of a
//   directory to create, remove or rename entries in it, and ownership to chmod or change times;
//   only root may chown. The owner's, group's (primary or supplementary) or others' bits apply,
//   as in Linux; search (x) bits of directories on the way are not checked, nor is the sticky
//   bit. New files and directories belong to the process, with the directory's group when the
//   directory is setgid (fsGroup volumes).
import type { DirEntry, FileStat, FileSystem, FsUsage, MkdirOptions, WriteOptions } from './types.ts';
import { FsError } from './types.ts';
import type { AccessKind } from './resolving-fs.ts';
import { ResolvingFs } from './resolving-fs.ts';
import { basename, dirname, isWithin, joinPath, normalizePath } from './path.ts';

export interface Credentials {
  uid: number;
  gid: number;
  /** Supplementary groups (fsGroup, supplementalGroups). */
  groups?: readonly number[];
}

export interface MountOptions {
  readOnly?: boolean;
  /** A path inside `fs` to mount instead of its root. */
  subPath?: string;
  /** What `df` and `mount` show as the source (overlay, tmpfs, /dev/sda1, ...). */
  source?: string;
  /** What `mount` shows as the filesystem type (overlay, tmpfs, ext4). */
  fsType?: string;
}

export interface MountInfo {
  path: string;
  readOnly: boolean;
  source: string;
  fsType: string;
  fs: FileSystem;
  subPath: string;
}

interface Mount extends MountInfo {}

interface MountTable {
  mounts: Mount[];
}

export class MountedFs extends ResolvingFs {
  private readonly table: MountTable;
  readonly user: Credentials;

  constructor(
    root: FileSystem,
    opts: { readOnly?: boolean; user?: Credentials; source?: string; fsType?: string; table?: MountTable } = {},
  ) {
    super();
    this.user = opts.user ?? { uid: 0, gid: 0 };
    this.table = opts.table ?? {
      mounts: [{ path: '/', fs: root, readOnly: !!opts.readOnly, subPath: '/', source: opts.source ?? 'overlay', fsType: opts.fsType ?? 'overlay' }],
    };
  }

  /** The same namespace seen by another identity (a process with other credentials). */
  withUser(user: Credentials): MountedFs {
    return new MountedFs(this.table.mounts[this.table.mounts.length - 1].fs, { user, table: this.table });
  }

  mount(path: string, fs: FileSystem, opts: MountOptions = {}): void {
    const at = normalizePath(path);
    const subPath = normalizePath(opts.subPath ?? '/');
    if (this.table.mounts.some((m) => m.path === at)) throw new FsError('EBUSY', path);
    if (subPath !== '/' && !fs.exists(subPath)) fs.mkdir(subPath, { recursive: true });
    const isDir = fs.stat(subPath).type === 'dir';
    if (at !== '/') this.createMountPoint(at, isDir);
    this.table.mounts.push({ path: at, fs, readOnly: !!opts.readOnly, subPath, source: opts.source ?? 'tmpfs', fsType: opts.fsType ?? 'tmpfs' });
    // Deepest first, so the first match is the one that shadows the others.
    this.table.mounts.sort((a, b) => b.path.length - a.path.length);
  }

  unmount(path: string): void {
    const at = normalizePath(path);
    const i = this.table.mounts.findIndex((m) => m.path === at && at !== '/');
    if (i < 0) throw new FsError('EINVAL', path);
    this.table.mounts.splice(i, 1);
  }

  /** The mount table, outermost first (`mount`, `df`). */
  mounts(): MountInfo[] {
    return [...this.table.mounts].reverse().map((m) => ({ ...m }));
  }

  protected override authorize(kind: AccessKind, p: string, stat?: FileStat): void {
    if (kind !== 'read' && kind !== 'list' && this.find(p).readOnly) throw new FsError('EROFS', p);
    const u = this.user;
    if (u.uid === 0 || !stat) return;
    if (kind === 'attributes') {
      if (stat.uid !== u.uid) throw new FsError('EPERM', p);
      return;
    }
    const bit = kind === 'read' || kind === 'list' ? 4 : 2;
    const shift = stat.uid === u.uid ? 6 : stat.gid === u.gid || u.groups?.includes(stat.gid) ? 3 : 0;
    if (!((stat.mode >> shift) & bit)) throw new FsError('EACCES', p);
  }

  override chown(path: string, uid: number, gid: number): void {
    if (this.user.uid !== 0) {
      this.stat(path);
      throw new FsError('EPERM', path);
    }
    super.chown(path, uid, gid);
  }

  protected lstatP(p: string): FileStat {
    const { m, ip } = this.locate(p);
    return p === m.path ? m.fs.stat(ip) : m.fs.lstat ? m.fs.lstat(ip) : m.fs.stat(ip);
  }

  protected override tryLstatP(p: string): FileStat | undefined {
    const { m, ip } = this.locate(p);
    if (p !== m.path) {
      // `p` is resolved in this view, so below a mount of a whole filesystem it is resolved
      // there too; a subPath may hold symlinks of its own and is resolved by the filesystem.
      if (m.subPath === '/' && m.fs.lstatResolved) return m.fs.lstatResolved(ip);
      if (m.fs.tryLstat) return m.fs.tryLstat(ip);
    }
    return super.tryLstatP(p);
  }

  protected readlinkP(p: string): string {
    const { m, ip } = this.locate(p);
    if (!m.fs.readlink) throw new FsError('EINVAL', p);
    return m.fs.readlink(ip);
  }

  protected readFileP(p: string): string {
    const { m, ip } = this.locate(p);
    return m.fs.readFile(ip);
  }

  protected writeFileP(p: string, data: string, opts: WriteOptions): void {
    const { m, ip } = this.locate(p);
    m.fs.writeFile(ip, data, this.withOwner(p, opts));
  }

  protected readDirP(p: string): DirEntry[] {
    const { m, ip } = this.locate(p);
    const out = new Map<string, DirEntry>();
    for (const e of m.fs.readDir(ip)) out.set(e.name, e);
    for (const child of this.table.mounts) {
      if (child.path !== p && child.path !== '/' && dirname(child.path) === p) {
        out.set(basename(child.path), { name: basename(child.path), stat: this.lstatP(child.path) });
      }
    }
    return [...out.values()];
  }

  protected mkdirP(p: string, opts: MkdirOptions): void {
    const { m, ip } = this.locate(p);
    m.fs.mkdir(ip, { ...this.withOwner(p, opts), recursive: false });
  }

  protected removeP(p: string): void {
    const { m, ip } = this.locate(p);
    if (m.path === p) throw new FsError('EBUSY', p);
    m.fs.remove(ip, { recursive: true });
  }

  protected renameP(from: string, to: string): void {
    const a = this.locate(from);
    const b = this.locate(to);
    if (a.m.path === from || b.m.path === to) throw new FsError('EBUSY', from);
    if (a.m !== b.m) throw new FsError('EXDEV', from);
    a.m.fs.rename(a.ip, b.ip);
  }

  protected chmodP(p: string, mode: number): void {
    const { m, ip } = this.locate(p);
    m.fs.chmod(ip, mode);
  }

  protected chownP(p: string, uid: number, gid: number): void {
    const { m, ip } = this.locate(p);
    if (!m.fs.chown) throw new FsError('EPERM', p);
    m.fs.chown(ip, uid, gid);
  }

  protected setMtimeP(p: string, mtime: number): void {
    const { m, ip } = this.locate(p);
    if (!m.fs.setMtime) throw new FsError('EPERM', p);
    m.fs.setMtime(ip, mtime);
  }

  protected symlinkP(target: string, p: string, opts: { uid?: number; gid?: number }): void {
    const { m, ip } = this.locate(p);
    if (!m.fs.symlink) throw new FsError('EPERM', p);
    m.fs.symlink(target, ip, this.withOwner(p, opts));
  }

  protected usageP(p: string): FsUsage {
    const { m, ip } = this.locate(p);
    return m.fs.usage?.(ip) ?? { usedBytes: 0, limitBytes: 0, inodes: 0, maxInodes: 0 };
  }

  private find(p: string): Mount {
    return this.table.mounts.find((m) => isWithin(p, m.path))!;
  }

  private locate(p: string): { m: Mount; ip: string } {
    const m = this.find(p);
    const rest = m.path === '/' ? p : p.slice(m.path.length);
    return { m, ip: rest === '' || rest === '/' ? m.subPath : m.subPath === '/' ? rest : m.subPath + rest };
  }

  /** Owner of a new entry at `p`: the process, with the group of a setgid parent directory. */
  private withOwner<T extends { uid?: number; gid?: number }>(p: string, opts: T): T & { uid: number; gid: number } {
    let gid = this.user.gid;
    try {
      const parent = this.lstatP(dirname(p));
      if (parent.mode & 0o2000) gid = parent.gid;
    } catch {
      // the caller reports the missing parent
    }
    return { ...opts, uid: opts.uid ?? this.user.uid, gid: opts.gid ?? gid };
  }

  /** Creates a missing mount point (and its parents) in the filesystem below, as runc does. */
  private createMountPoint(at: string, isDir: boolean): void {
    let cur = '/';
    const parts = at.split('/').filter(Boolean);
    // Below a directory just created nothing exists: no need to look.
    let created = false;
    for (let i = 0; i < parts.length; i++) {
      const next = joinPath(cur, parts[i]);
      const last = i === parts.length - 1;
      const { m, ip } = this.locate(next);
      if (created || !m.fs.exists(ip)) {
        created = true;
        if (last && !isDir) m.fs.writeFile(ip, '');
        else m.fs.mkdir(ip);
      }
      cur = next;
    }
  }
}
