import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { container, get, text } from '../process/testing.ts';
import type { RunningProcess, StartResult } from '../process/types.ts';

function started(r: StartResult): RunningProcess {
  assert.ok(r.ok, r.ok ? '' : r.message);
  return r.process;
}

describe('redis', () => {
  it('prints the start banner and accepts connections on 6379', async () => {
    const c = container('redis:7.4');
    const p = started(c.start());
    await c.clock.advance(100);
    assert.deepEqual(text(p.logs).map((l) => l.replace(/\d\d Apr 2025 \d\d:\d\d:\d\d\.\d{3}/, 'T')), [
      "1:C T # WARNING Memory overcommit must be enabled! Without it, a background save or replication may fail under low memory condition. Being disabled, it can also cause failures without low memory condition, see https://github.com/jemalloc/jemalloc/issues/1328. To fix this issue add 'vm.overcommit_memory = 1' to /etc/sysctl.conf and then reboot or run the command 'sysctl vm.overcommit_memory=1' for this to take effect.",
      '1:C T * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo',
      '1:C T * Redis version=7.4.2, bits=64, commit=00000000, modified=0, pid=1, just started',
      '1:C T # Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf',
      '1:M T * monotonic clock: POSIX clock_gettime',
      '1:M T * Running mode=standalone, port=6379.',
      '1:M T * Server initialized',
      '1:M T * Ready to accept connections tcp',
    ]);
    assert.deepEqual(p.listeningPorts(), [6379]);
    assert.deepEqual(await p.handleHttp(get('/', 6379)), { kind: 'not-http', port: 6379 });
  });

  it('takes options after the entrypoint: --appendonly yes and --port', async () => {
    const c = container('redis');
    const p = started(c.start({ args: ['--appendonly', 'yes', '--port', '6380'] }));
    await c.clock.advance(100);
    const out = text(p.logs);
    assert.ok(out.some((l) => l.endsWith('* Configuration loaded')));
    assert.ok(out.some((l) => l.endsWith('* Creating AOF base file appendonly.aof.1.base.rdb on server start')));
    assert.ok(out.some((l) => l.endsWith('* Running mode=standalone, port=6380.')));
    assert.deepEqual(p.listeningPorts(), [6380]);
    assert.equal(c.fs.exists('/data/appendonlydir/appendonly.aof.manifest'), true);
  });

  it('saves dump.rdb on SIGTERM and loads it in the next pod on the same volume', async () => {
    const first = container('redis:7.4');
    const p = started(first.start());
    await first.clock.advance(100);
    assert.equal(p.signal('SIGTERM'), true);
    await first.clock.advance(500);
    assert.deepEqual(p.exitStatus(), { code: 0, reason: 'Completed' });
    assert.ok(text(p.logs).at(-1)!.endsWith('# Redis is now ready to exit, bye bye...'));
    const second = container('redis:7.4', { fs: first.fs, clock: first.clock });
    const q = started(second.start());
    await second.clock.advance(100);
    assert.ok(text(q.logs).some((l) => l.endsWith('* Loading RDB produced by version 7.4.2')));
  });

  it('keeps the older banner of redis 6', async () => {
    const c = container('redis:6.2');
    const p = started(c.start());
    await c.clock.advance(100);
    assert.ok(text(p.logs).some((l) => / # oO0OoO0OoO0Oo Redis is starting/.test(l)));
    assert.ok(text(p.logs).at(-1)!.endsWith('* Ready to accept connections'));
  });
});
