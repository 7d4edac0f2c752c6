import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MemoryFs } from './memory-fs.ts';
import { FsError } from './types.ts';

const now = () => Date.parse('2026-01-01T00:00:00Z');

describe('MemoryFs limits', () => {
  it('fails a write past the byte limit with ENOSPC and keeps the file as it was', () => {
    const fs = new MemoryFs({ now, limitBytes: 10 });
    fs.writeFile('/log', '12345');
    fs.writeFile('/log', '6789', { append: true });
    assert.throws(() => fs.writeFile('/log', 'ab', { append: true }), (e: unknown) => e instanceof FsError && e.code === 'ENOSPC');
    assert.equal(fs.readFile('/log'), '123456789');
    assert.deepEqual(fs.usage('/'), { usedBytes: 9, limitBytes: 10, inodes: 2, maxInodes: 65536 });
  });

  it('frees space when files shrink or go', () => {
    const fs = new MemoryFs({ now, limitBytes: 10 });
    fs.writeFile('/a', '1234567890');
    fs.writeFile('/a', '1');
    fs.writeFile('/b', '123456789');
    fs.remove('/a');
    fs.writeFile('/c', '1');
    assert.equal(fs.usage('/').usedBytes, 10);
  });

  it('counts UTF-8 bytes and bounds the number of inodes', () => {
    const fs = new MemoryFs({ now, limitBytes: 100, maxInodes: 3 });
    fs.writeFile('/é', 'ééé');
    assert.equal(fs.stat('/é').size, 6);
    fs.mkdir('/d');
    assert.throws(() => fs.mkdir('/e'), /ENOSPC/);
  });

  it('populates an image from a map', () => {
    const fs = new MemoryFs({ now }).populate({ '/etc/passwd': 'root:x:0:0:root:/root:/bin/sh\n', '/bin/run.sh': { content: '#!/bin/sh\n', mode: 0o755 } });
    assert.equal(fs.stat('/bin/run.sh').mode, 0o755);
    assert.equal(fs.stat('/etc').mode, 0o755);
  });
});
