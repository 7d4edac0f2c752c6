// An image's filesystem: the base distribution's files (catalogue/os-files.ts), /etc/passwd and
// /etc/group with the image's users, a file for every executable, and the image's own files (later
// entries win). The kubelet lays this down as the container's lower layer with writeImageFiles().
import type { FileSystem } from '../fs/types.ts';
import { dirname } from '../fs/path.ts';
import { OS_LAYERS } from './catalogue/os-files.ts';
import type { ImageFile, ImageVariant, ProgramRef } from './catalogue/types.ts';

/** A placeholder for binaries: `cat /usr/sbin/nginx` shows an ELF header, not source code. */
const BINARY = '\u007fELF\u0002\u0001\u0001\u0000';

/** Every executable of the variant (its own and its base's), by absolute path. */
export function imagePrograms(variant: ImageVariant): Record<string, ProgramRef> {
  return { ...OS_LAYERS[variant.os].programs, ...variant.programs };
}

/** The variant's files, directories and symlinks, one entry per path. */
export function imageFiles(variant: ImageVariant): ImageFile[] {
  const os = OS_LAYERS[variant.os];
  const byPath = new Map<string, ImageFile>();
  const add = (f: ImageFile) => byPath.set(f.path, f);
  os.files.forEach(add);
  const passwd = [...os.passwd, ...(variant.users?.passwd ?? [])];
  const group = [...os.group, ...(variant.users?.group ?? [])];
  if (passwd.length) add({ path: '/etc/passwd', content: passwd.join('\n') + '\n' });
  if (group.length) add({ path: '/etc/group', content: group.join('\n') + '\n' });
  for (const path of Object.keys(imagePrograms(variant))) add({ path, content: BINARY, mode: 0o755 });
  (variant.files ?? []).forEach(add);
  return [...byPath.values()];
}

/**
 * Writes the image's files into a filesystem (the container's image layer). Directories first,
 * then symlinks, then files, so files placed through a symlinked directory (/bin → usr/bin) land
 * in the real one. A filesystem without symlink support gets the link's target copied where it can.
 */
export function writeImageFiles(fs: FileSystem, variant: ImageVariant): void {
  const files = imageFiles(variant);
  const mkdirp = (path: string) => {
    if (path !== '/' && !fs.exists(path)) fs.mkdir(path, { recursive: true });
  };
  for (const f of files.filter((f) => f.type === 'dir').sort((a, b) => a.path.length - b.path.length)) {
    mkdirp(f.path);
    if (f.mode !== undefined) fs.chmod(f.path, f.mode);
    if (f.uid !== undefined && fs.chown) fs.chown(f.path, f.uid, f.gid ?? f.uid);
  }
  for (const f of files.filter((f) => f.type === 'symlink')) {
    mkdirp(dirname(f.path));
    if (fs.symlink) fs.symlink(f.target ?? '', f.path, { uid: f.uid, gid: f.gid });
    else if (!f.target?.startsWith('/dev/')) mkdirp(f.path);
  }
  for (const f of files.filter((f) => f.type === undefined || f.type === 'file')) {
    mkdirp(dirname(f.path));
    fs.writeFile(f.path, f.content ?? '', { mode: f.mode ?? 0o644, uid: f.uid, gid: f.gid });
    if (f.mode !== undefined) fs.chmod(f.path, f.mode);
  }
}

/** The image's user as `uid`/`gid`/name, resolved through its /etc/passwd (the runtime does this at start). */
export function imageUser(variant: ImageVariant): { uid: number; gid: number; name: string } | { error: string } {
  const spec = variant.config.user ?? '';
  if (spec === '') return { uid: 0, gid: 0, name: 'root' };
  const [user, group] = spec.split(':');
  const passwd = [...OS_LAYERS[variant.os].passwd, ...(variant.users?.passwd ?? [])].map((l) => l.split(':'));
  const entry = /^\d+$/.test(user) ? passwd.find((p) => p[2] === user) : passwd.find((p) => p[0] === user);
  if (!entry && !/^\d+$/.test(user)) return { error: `unable to find user ${user}: no matching entries in passwd file` };
  const uid = Number(entry?.[2] ?? user);
  const gid = group !== undefined ? Number(group) : Number(entry?.[3] ?? uid);
  return { uid, gid, name: entry?.[0] ?? user };
}
