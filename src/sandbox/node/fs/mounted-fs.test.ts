import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MemoryFs } from './memory-fs.ts';
import { OverlayFs } from './overlay-fs.ts';
import { MountedFs } from './mounted-fs.ts';
import { FsError } from './types.ts';
import type { FsErrorCode } from './types.ts';

const now = () => Date.parse('2026-01-01T00:00:00Z');

function container(user = { uid: 0, gid: 0 }) {
  const image = new MemoryFs({ now }).populate({ '/etc/passwd': 'root:x:0:0::/root:/bin/sh\n', '/etc/config/from-image': 'hidden' });
  image.mkdir('/tmp', { mode: 0o1777 });
  return new MountedFs(new OverlayFs(image, new MemoryFs({ now })), { user });
}

function code(fn: () => unknown): FsErrorCode | 'none' {
  try {
    fn();
    return 'none';
  } catch (e) {
    if (e instanceof FsError) return e.code;
    throw e;
  }
}

describe('MountedFs', () => {
  it('shadows what lies below a mount and creates missing mount points', () => {
    const fs = container();
    const vol = new MemoryFs({ now }).populate({ '/app.yaml': 'a: 1\n' });
    fs.mount('/etc/config', vol, { readOnly: true });
    fs.mount('/var/lib/data', new MemoryFs({ now }));
    assert.deepEqual(fs.readDir('/etc/config').map((e) => e.name), ['app.yaml']);
    assert.ok(fs.readDir('/var/lib').some((e) => e.name === 'data'));
    fs.writeFile('/var/lib/data/x', '1');
    assert.equal(fs.readFile('/var/lib/data/x'), '1');
  });

  it('refuses changes on a read-only mount with EROFS, before permissions', () => {
    const fs = container({ uid: 1000, gid: 1000 });
    fs.mount('/etc/config', new MemoryFs({ now }).populate({ '/k': 'v' }), { readOnly: true });
    assert.equal(code(() => fs.writeFile('/etc/config/x', '')), 'EROFS');
    assert.equal(code(() => fs.writeFile('/etc/config/k', '')), 'EROFS');
    assert.equal(code(() => fs.remove('/etc/config/k')), 'EROFS');
    assert.equal(code(() => fs.mkdir('/etc/config/d')), 'EROFS');
    assert.equal(fs.readFile('/etc/config/k'), 'v');
  });

  it('honours a read-only root filesystem but keeps writable mounts writable', () => {
    const image = new MemoryFs({ now }).populate({ '/etc/hosts': '' });
    const fs = new MountedFs(image, { readOnly: true });
    fs.mount('/tmp', new MemoryFs({ now }));
    assert.equal(code(() => fs.writeFile('/x', '')), 'EROFS');
    fs.writeFile('/tmp/x', 'ok');
  });

  it('mounts a single file with subPath, and nested mounts', () => {
    const fs = container();
    const cm = new MemoryFs({ now }).populate({ '/nginx.conf': 'events {}\n', '/other': 'x' });
    fs.mount('/etc/nginx/nginx.conf', cm, { subPath: 'nginx.conf', readOnly: true });
    assert.equal(fs.readFile('/etc/nginx/nginx.conf'), 'events {}\n');
    assert.equal(fs.stat('/etc/nginx/nginx.conf').type, 'file');
    assert.deepEqual(fs.readDir('/etc/nginx').map((e) => e.name), ['nginx.conf']);

    const data = new MemoryFs({ now });
    fs.mount('/data', data);
    fs.mount('/data/cache', new MemoryFs({ now }), { readOnly: true });
    fs.writeFile('/data/a', '1');
    assert.equal(code(() => fs.writeFile('/data/cache/a', '1')), 'EROFS');
    assert.deepEqual(fs.readDir('/data').map((e) => e.name).sort(), ['a', 'cache']);
    const emptyDir = new MemoryFs({ now });
    fs.mount('/logs', emptyDir, { subPath: 'app/logs' });
    fs.writeFile('/logs/out', 'x');
    assert.equal(emptyDir.readFile('/app/logs/out'), 'x');
  });

  it('answers EBUSY for mount points and EXDEV across mounts', () => {
    const fs = container();
    fs.mount('/data', new MemoryFs({ now }));
    fs.writeFile('/data/f', '');
    assert.equal(code(() => fs.rename('/data/f', '/f')), 'EXDEV');
    // as `rm -rf` on a mount point: the content goes, the mount point stays
    assert.equal(code(() => fs.remove('/data', { recursive: true })), 'EBUSY');
    assert.deepEqual(fs.readDir('/data'), []);
  });

  it('resolves absolute symlinks inside a volume against the container root', () => {
    const fs = container();
    const vol = new MemoryFs({ now });
    vol.symlink('/etc/passwd', '/pw');
    fs.mount('/vol', vol);
    assert.match(fs.readFile('/vol/pw'), /^root:/);
  });

  it('checks permissions of a non-root process and creates files it owns', () => {
    const fs = container({ uid: 1000, gid: 3000 });
    assert.equal(code(() => fs.writeFile('/etc/passwd', 'x')), 'EACCES');
    assert.equal(code(() => fs.writeFile('/etc/new', 'x')), 'EACCES');
    assert.equal(code(() => fs.chmod('/etc/passwd', 0o777)), 'EPERM');
    assert.equal(code(() => fs.chown('/tmp', 1000, 1000)), 'EPERM');
    fs.writeFile('/tmp/mine', 'x');
    assert.deepEqual([fs.stat('/tmp/mine').uid, fs.stat('/tmp/mine').gid], [1000, 3000]);
    fs.chmod('/tmp/mine', 0o600);
    const secret = new MemoryFs({ now }).populate({ '/token': { content: 's', mode: 0o600 } });
    fs.mount('/secret', secret, { readOnly: true });
    assert.equal(code(() => fs.readFile('/secret/token')), 'EACCES');
  });

  it('gives new files the group of a setgid directory and lets group members write (fsGroup)', () => {
    const vol = new MemoryFs({ now, rootMode: 0o2777, rootGid: 2000 });
    const fs = container({ uid: 1000, gid: 3000 });
    fs.mount('/data', vol);
    fs.writeFile('/data/f', 'x');
    assert.equal(fs.stat('/data/f').gid, 2000);
    vol.writeFile('/shared', '', { mode: 0o664, uid: 0, gid: 2000 });
    const member = fs.withUser({ uid: 1001, gid: 1001, groups: [2000] });
    member.writeFile('/data/shared', 'ok');
    assert.equal(code(() => fs.withUser({ uid: 1002, gid: 1002 }).writeFile('/data/shared', 'no')), 'EACCES');
  });
});
