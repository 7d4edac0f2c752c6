// One contract, three implementations: every FileSystem the shell runs against behaves the same
// for the POSIX rules it relies on.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FileSystem, FsErrorCode } from './types.ts';
import { FsError } from './types.ts';
import { MemoryFs } from './memory-fs.ts';
import { OverlayFs } from './overlay-fs.ts';
import { MountedFs } from './mounted-fs.ts';
import { VirtualClock } from '../../sim/clock.ts';

function code(fn: () => unknown): FsErrorCode | 'none' {
  try {
    fn();
    return 'none';
  } catch (e) {
    if (e instanceof FsError) return e.code;
    throw e;
  }
}

const impls: Record<string, (clock: VirtualClock) => FileSystem> = {
  MemoryFs: (clock) => new MemoryFs({ now: () => clock.now() }),
  OverlayFs: (clock) => {
    const image = new MemoryFs({ now: () => clock.now() }).populate({ '/etc/os-release': 'NAME=test\n' });
    return new OverlayFs(image, new MemoryFs({ now: () => clock.now() }));
  },
  MountedFs: (clock) => {
    const image = new MemoryFs({ now: () => clock.now() }).populate({ '/etc/os-release': 'NAME=test\n' });
    const m = new MountedFs(new OverlayFs(image, new MemoryFs({ now: () => clock.now() })));
    m.mount('/data', new MemoryFs({ now: () => clock.now() }));
    return m;
  },
};

for (const [name, make] of Object.entries(impls)) {
  describe(`FileSystem contract: ${name}`, () => {
    it('writes, appends, reads and stats files with the clock time', async () => {
      const clock = new VirtualClock();
      const fs = make(clock);
      fs.mkdir('/work');
      fs.writeFile('/work/a.txt', 'hello\n');
      await clock.advance(5000);
      fs.writeFile('/work/a.txt', 'world\n', { append: true });
      assert.equal(fs.readFile('/work/a.txt'), 'hello\nworld\n');
      const st = fs.stat('/work/a.txt');
      assert.equal(st.type, 'file');
      assert.equal(st.size, 12);
      assert.equal(st.mode, 0o644);
      assert.equal(st.mtime, clock.now());
      assert.ok(fs.exists('/work/a.txt'));
      assert.ok(!fs.exists('/work/b.txt'));
    });

    it('reports POSIX errors', () => {
      const fs = make(new VirtualClock());
      fs.mkdir('/d');
      fs.writeFile('/d/f', 'x');
      assert.equal(code(() => fs.readFile('/nope')), 'ENOENT');
      assert.equal(code(() => fs.readFile('/d')), 'EISDIR');
      assert.equal(code(() => fs.readFile('/d/f/g')), 'ENOTDIR');
      assert.equal(code(() => fs.writeFile('/missing/f', 'x')), 'ENOENT');
      assert.equal(code(() => fs.writeFile('/d', 'x')), 'EISDIR');
      assert.equal(code(() => fs.mkdir('/d')), 'EEXIST');
      assert.equal(code(() => fs.mkdir('/a/b')), 'ENOENT');
      assert.equal(code(() => fs.remove('/d')), 'ENOTEMPTY');
      assert.equal(code(() => fs.readDir('/d/f')), 'ENOTDIR');
      assert.equal(code(() => fs.rename('/d', '/d/inside')), 'EINVAL');
    });

    it('creates directories recursively and lists them', () => {
      const fs = make(new VirtualClock());
      fs.mkdir('/a/b/c', { recursive: true });
      fs.mkdir('/a/b/c', { recursive: true });
      fs.writeFile('/a/b/c/f', '1');
      fs.writeFile('/a/b/g', '2');
      assert.deepEqual(fs.readDir('/a/b').map((e) => e.name).sort(), ['c', 'g']);
      assert.equal(fs.stat('/a/b').nlink, 3);
      assert.equal(code(() => fs.mkdir('/a/b/g/h', { recursive: true })), 'ENOTDIR');
    });

    it('removes recursively and renames files and directories', () => {
      const fs = make(new VirtualClock());
      fs.mkdir('/a/b', { recursive: true });
      fs.writeFile('/a/b/f', 'x');
      fs.rename('/a', '/z');
      assert.equal(fs.readFile('/z/b/f'), 'x');
      assert.ok(!fs.exists('/a'));
      fs.writeFile('/y', 'old');
      fs.writeFile('/w', 'new');
      fs.rename('/w', '/y');
      assert.equal(fs.readFile('/y'), 'new');
      fs.remove('/z', { recursive: true });
      assert.ok(!fs.exists('/z'));
    });

    it('follows symlinks, relative and absolute, and detects loops', () => {
      const fs = make(new VirtualClock());
      fs.mkdir('/real/dir', { recursive: true });
      fs.writeFile('/real/dir/f', 'content');
      fs.symlink!('real/dir', '/link');
      fs.symlink!('/real/dir/f', '/abs');
      fs.symlink!('/loop2', '/loop1');
      fs.symlink!('/loop1', '/loop2');
      assert.equal(fs.readFile('/link/f'), 'content');
      assert.equal(fs.readFile('/abs'), 'content');
      assert.equal(fs.lstat!('/link').type, 'symlink');
      assert.equal(fs.stat('/link').type, 'dir');
      assert.equal(fs.readlink!('/link'), 'real/dir');
      assert.equal(code(() => fs.readFile('/loop1')), 'ELOOP');
      fs.remove('/link');
      assert.ok(fs.exists('/real/dir/f'));
    });

    it('changes modes, owners and times', async () => {
      const clock = new VirtualClock();
      const fs = make(clock);
      fs.writeFile('/f', 'x', { mode: 0o600 });
      assert.equal(fs.stat('/f').mode, 0o600);
      fs.chmod('/f', 0o4755);
      assert.equal(fs.stat('/f').mode, 0o4755);
      fs.chown!('/f', 1000, 2000);
      assert.deepEqual([fs.stat('/f').uid, fs.stat('/f').gid], [1000, 2000]);
      fs.setMtime!('/f', 42);
      assert.equal(fs.stat('/f').mtime, 42);
    });
  });
}
