import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { VirtualClock } from '../../sim/clock.ts';
import { MemoryFs } from './memory-fs.ts';
import { OverlayFs } from './overlay-fs.ts';
import { MountedFs } from './mounted-fs.ts';
import { payloadDirName, projectedVolumeFs, writeProjectedVolume } from './projected-volume.ts';

describe('projected volumes', () => {
  it('lays out ..data and key links as AtomicWriter does', () => {
    const clock = new VirtualClock();
    const vol = projectedVolumeFs([{ path: 'game.properties', content: 'lives=3\n' }, { path: 'ui/theme', content: 'dark' }], {
      now: () => clock.now(),
      suffix: () => '123456789',
    });
    const names = vol.readDir('/').map((e) => e.name).sort();
    assert.deepEqual(names, ['..2026_01_01_00_00_00.123456789', '..data', 'game.properties', 'ui']);
    assert.equal(vol.stat('/').mode, 0o777);
    assert.equal(vol.readlink('/..data'), '..2026_01_01_00_00_00.123456789');
    assert.equal(vol.readlink('/game.properties'), '..data/game.properties');
    assert.equal(vol.readlink('/ui'), '..data/ui');
    assert.equal(vol.readFile('/ui/theme'), 'dark');
    assert.equal(vol.stat('/game.properties').mode, 0o644);
  });

  it('applies defaultMode and item modes, and reads through a container mount', () => {
    const now = () => 0;
    const vol = projectedVolumeFs([{ path: 'token', content: 't' }, { path: 'ca.crt', content: 'c', mode: 0o600 }], { now, defaultMode: 0o400, secret: true });
    assert.equal(vol.stat('/token').mode, 0o400);
    assert.equal(vol.stat('/ca.crt').mode, 0o600);
    assert.equal(vol.stat('/').mode, 0o1777);
    const fs = new MountedFs(new OverlayFs(new MemoryFs({ now }), new MemoryFs({ now })));
    fs.mount('/var/run/secrets/kubernetes.io/serviceaccount', vol, { readOnly: true });
    assert.equal(fs.readFile('/var/run/secrets/kubernetes.io/serviceaccount/token'), 't');
  });

  it('updates atomically: new payload directory, links for added keys, removed keys gone', async () => {
    const clock = new VirtualClock();
    const vol = new MemoryFs({ now: () => clock.now(), rootMode: 0o777 });
    const first = writeProjectedVolume(vol, '/', [{ path: 'a', content: '1' }, { path: 'b', content: '2' }], { now: () => clock.now() });
    await clock.advance(61_000);
    const second = writeProjectedVolume(vol, '/', [{ path: 'a', content: '10' }, { path: 'c', content: '3' }], { now: () => clock.now() });
    assert.notEqual(first, second);
    assert.match(second, /^\.\.2026_01_01_00_01_01\.\d{9}$/);
    assert.deepEqual(vol.readDir('/').map((e) => e.name).sort(), [second, '..data', 'a', 'c'].sort());
    assert.equal(vol.readFile('/a'), '10');
  });

  it('names payload directories with Go\'s layout', () => {
    assert.equal(payloadDirName(Date.parse('2026-03-04T05:06:07Z'), '42'), '..2026_03_04_05_06_07.42');
  });
});
