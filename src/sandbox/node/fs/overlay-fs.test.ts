import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MemoryFs } from './memory-fs.ts';
import { OverlayFs } from './overlay-fs.ts';

const now = () => Date.parse('2026-01-01T00:00:00Z');

function setup() {
  const image = new MemoryFs({ now: () => 1000 }).populate({
    '/etc/hosts': '127.0.0.1 localhost\n',
    '/etc/motd': { content: 'welcome\n', mode: 0o600, uid: 0, gid: 0 },
    '/usr/share/a': 'a',
    '/usr/share/b': 'b',
  });
  image.symlink('/usr/share', '/share');
  const upper = new MemoryFs({ now });
  return { image, upper, fs: new OverlayFs(image, upper) };
}

describe('OverlayFs', () => {
  it('copies a lower file up on first write and never changes the image', () => {
    const { image, upper, fs } = setup();
    fs.writeFile('/etc/hosts', '10.0.0.1 db\n', { append: true });
    assert.equal(fs.readFile('/etc/hosts'), '127.0.0.1 localhost\n10.0.0.1 db\n');
    assert.equal(image.readFile('/etc/hosts'), '127.0.0.1 localhost\n');
    assert.equal(upper.readFile('/etc/hosts'), '127.0.0.1 localhost\n10.0.0.1 db\n');
    assert.ok(!upper.exists('/etc/motd'));
  });

  it('keeps mode, owner and mtime on copy-up for chmod', () => {
    const { fs } = setup();
    fs.chmod('/etc/motd', 0o644);
    const st = fs.stat('/etc/motd');
    assert.deepEqual([st.mode, st.mtime, fs.readFile('/etc/motd')], [0o644, 1000, 'welcome\n']);
  });

  it('hides deleted lower entries and a recreated directory\'s old content', () => {
    const { image, fs } = setup();
    fs.remove('/usr/share/a');
    assert.deepEqual(fs.readDir('/usr/share').map((e) => e.name), ['b']);
    fs.remove('/usr/share', { recursive: true });
    assert.ok(!fs.exists('/usr/share/b'));
    fs.mkdir('/usr/share');
    assert.deepEqual(fs.readDir('/usr/share'), []);
    fs.writeFile('/usr/share/a', 'new');
    assert.equal(fs.readFile('/share/a'), 'new');
    assert.equal(image.readFile('/usr/share/a'), 'a');
  });

  it('merges directory listings with upper entries winning', () => {
    const { fs } = setup();
    fs.writeFile('/etc/new', 'n');
    fs.writeFile('/etc/hosts', 'replaced');
    const entries = fs.readDir('/etc');
    assert.deepEqual(entries.map((e) => e.name).sort(), ['hosts', 'motd', 'new']);
    assert.equal(entries.find((e) => e.name === 'hosts')!.stat.size, 8);
  });

  it('renames lower directories by copying them', () => {
    const { image, fs } = setup();
    fs.rename('/usr/share', '/opt');
    assert.deepEqual(fs.readDir('/opt').map((e) => e.name).sort(), ['a', 'b']);
    assert.ok(!fs.exists('/usr/share'));
    assert.ok(image.exists('/usr/share/a'));
  });

  it('counts the writable layer for df', () => {
    const { fs } = setup();
    fs.writeFile('/big', 'x'.repeat(100));
    assert.equal(fs.usage('/').usedBytes, 100);
  });
});
