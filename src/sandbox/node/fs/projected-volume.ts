// The files of configMap, secret, downwardAPI and projected volumes, laid out as kubelet's
// AtomicWriter does, so `ls -la` in a pod matches a real one:
//
//   ..2026_01_01_00_00_00.123456789/   the current payload (0755 directory)
//   ..data -> ..2026_01_01_00_00_00.123456789
//   key    -> ..data/key                 (one link per top-level name of the payload)
//
// An update writes a new timestamped directory, swaps `..data` to it with a rename (readers see
// the old or the new payload, never a mix), fixes the top-level links and removes the old
// directory, as upstream does. Files get the item's mode or `defaultMode` (0644 by default).
import type { FileSystem } from './types.ts';
import { MemoryFs } from './memory-fs.ts';
import { FsError } from './types.ts';
import { dirname, joinPath, splitPath } from './path.ts';

export interface ProjectedFile {
  /** Relative path inside the volume (`key`, or `path` of an item: `conf/app.yaml`). */
  path: string;
  content: string;
  /** Overrides defaultMode for this file. */
  mode?: number;
}

export interface ProjectedVolumeOptions {
  /** The volume's defaultMode. Default 0644. */
  defaultMode?: number;
  /** Group of the files (fsGroup). */
  gid?: number;
  /** Simulated time, for the `..YYYY_MM_DD_hh_mm_ss.N` directory name. */
  now: () => number;
  /**
   * The digits after the timestamp (upstream: os.MkdirTemp's random number). Default: derived
   * from the payload and the time, so tests are deterministic and successive updates differ.
   */
  suffix?: () => string;
}

const DATA = '..data';

/**
 * Writes `files` as the payload of the volume rooted at `root` of `fs` (which must support
 * symlinks): the first call lays the volume out, later calls update it atomically. Returns the
 * name of the new payload directory.
 */
export function writeProjectedVolume(fs: FileSystem, root: string, files: ProjectedFile[], opts: ProjectedVolumeOptions): string {
  if (!fs.symlink || !fs.readlink) throw new FsError('EPERM', root);
  for (const f of files) validatePath(f.path);
  if (!fs.exists(root)) fs.mkdir(root, { recursive: true });
  const old = currentPayloadDir(fs, root);
  let name = payloadDirName(opts.now(), opts.suffix?.() ?? defaultSuffix(files, opts.now()));
  while (fs.exists(joinPath(root, name))) name = payloadDirName(opts.now(), defaultSuffix(files, opts.now() + name.length));
  const dir = joinPath(root, name);
  fs.mkdir(dir, { mode: 0o755 });
  for (const f of files) {
    const target = joinPath(dir, f.path);
    if (dirname(f.path) !== '.') fs.mkdir(dirname(target), { recursive: true, mode: 0o755 });
    fs.writeFile(target, f.content, { mode: f.mode ?? opts.defaultMode ?? 0o644, gid: opts.gid });
    fs.chmod(target, f.mode ?? opts.defaultMode ?? 0o644);
    if (opts.gid !== undefined) fs.chown?.(target, -1, opts.gid);
  }
  // Swap ..data atomically: a new link renamed over the old one.
  const tmp = joinPath(root, '..data_tmp');
  if (lexists(fs, tmp)) fs.remove(tmp);
  fs.symlink(name, tmp);
  fs.rename(tmp, joinPath(root, DATA));
  const top = new Set(files.map((f) => splitPath(f.path)[0]));
  for (const t of top) {
    const link = joinPath(root, t);
    if (!lexists(fs, link)) fs.symlink(joinPath(DATA, t), link);
  }
  if (old) {
    for (const t of topLevelNames(fs, joinPath(root, old))) {
      if (!top.has(t) && lexists(fs, joinPath(root, t))) fs.remove(joinPath(root, t));
    }
    fs.remove(joinPath(root, old), { recursive: true });
  }
  return name;
}

/** `..2026_01_01_00_00_00.123456789`: Go's "..2006_01_02_15_04_05." plus a number. */
export function payloadDirName(now: number, suffix: string): string {
  const d = new Date(now);
  const p = (n: number) => String(n).padStart(2, '0');
  return `..${d.getUTCFullYear()}_${p(d.getUTCMonth() + 1)}_${p(d.getUTCDate())}_${p(d.getUTCHours())}_${p(d.getUTCMinutes())}_${p(d.getUTCSeconds())}.${suffix}`;
}

function currentPayloadDir(fs: FileSystem, root: string): string | undefined {
  try {
    return fs.readlink!(joinPath(root, DATA));
  } catch {
    return undefined;
  }
}

function topLevelNames(fs: FileSystem, dir: string): string[] {
  try {
    return fs.readDir(dir).map((e) => e.name);
  } catch {
    return [];
  }
}

function lexists(fs: FileSystem, p: string): boolean {
  try {
    (fs.lstat ?? fs.stat).call(fs, p);
    return true;
  } catch {
    return false;
  }
}

function validatePath(p: string): void {
  const parts = p.split('/');
  if (!p || p.startsWith('/') || parts.includes('..') || parts[0].startsWith('..')) throw new FsError('EINVAL', p);
}

/** A 9–10 digit number from an FNV-1a hash of the payload and the time. */
function defaultSuffix(files: ProjectedFile[], now: number): string {
  let h = 0x811c9dc5;
  const feed = (s: string) => {
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  };
  feed(String(now));
  for (const f of files) feed(`${f.path}\0${f.content}\0`);
  return String(100_000_000 + (h % 900_000_000));
}

/**
 * A filesystem holding one projected volume at its root, as kubelet sets one up: the volume
 * directory is 0777 for configMap/downwardAPI/projected volumes (an emptyDir underneath) and
 * 01777 for secrets (a tmpfs).
 */
export function projectedVolumeFs(files: ProjectedFile[], opts: ProjectedVolumeOptions & { secret?: boolean; limitBytes?: number }): MemoryFs {
  const fs = new MemoryFs({ now: opts.now, rootMode: opts.secret ? 0o1777 : 0o777, limitBytes: opts.limitBytes });
  writeProjectedVolume(fs, '/', files, opts);
  return fs;
}
