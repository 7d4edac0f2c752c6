import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { container, get, text } from '../process/testing.ts';
import type { RunningProcess, StartResult } from '../process/types.ts';

function started(r: StartResult): RunningProcess {
  assert.ok(r.ok, r.ok ? '' : r.message);
  return r.process;
}

async function body(p: RunningProcess, path: string): Promise<[number, string]> {
  const r = await p.handleHttp(get(path, 8080));
  assert.ok('status' in r, `${path}: ${JSON.stringify(r)}`);
  return [r.status, r.body];
}

describe('kubecamp/demo-app', () => {
  it('1.0 greets in text, is healthy, and is ready after its warm-up', async () => {
    const c = container('kubecamp/demo-app:1.0', { hostname: 'demo-5f7c9-abcde' });
    const p = started(c.start());
    await c.clock.advance(1000);
    assert.deepEqual(await body(p, '/'), [200, 'Hello from kubecamp! (demo-app 1.0.0, pod demo-5f7c9-abcde)\n']);
    assert.deepEqual(await body(p, '/healthz'), [200, 'ok\n']);
    assert.deepEqual(await body(p, '/ready'), [503, 'warming up\n']);
    await c.clock.advance(3000);
    assert.deepEqual(await body(p, '/ready'), [200, 'ready\n']);
    assert.deepEqual(await body(p, '/version'), [200, '{"version":"1.0.0"}\n']);
    assert.deepEqual(await body(p, '/nope'), [404, '404 page not found\n']);
  });

  it('1.1 fails /healthz, the bug rollouts and probes are taught with', async () => {
    const c = container('kubecamp/demo-app:1.1');
    const p = started(c.start());
    await c.clock.advance(5000);
    assert.deepEqual(await body(p, '/healthz'), [500, 'unhealthy: config watcher stopped\n']);
    assert.deepEqual(await body(p, '/'), [200, 'Hello from kubecamp! (demo-app 1.1.0, pod web-7d9f8b6c5d-x2x4k)\n']);
    assert.ok(text(p.logs).some((l) => l.includes('"level":"error","msg":"health check failed"')));
  });

  it('2.0 answers JSON and takes its message, port and warm-up from the environment', async () => {
    const c = container('kubecamp/demo-app');
    const p = started(c.start({}, { MESSAGE: 'Bonjour', PORT: '9090', WARMUP_MS: '0' }));
    await c.clock.advance(1000);
    assert.deepEqual(p.listeningPorts(), [9090]);
    const r = await p.handleHttp(get('/', 9090));
    assert.ok('status' in r);
    assert.equal(r.body, '{"message":"Bonjour","version":"2.0.0","pod":"web-7d9f8b6c5d-x2x4k"}\n');
    assert.equal(r.headers['Content-Type'], 'application/json');
    const ready = await p.handleHttp(get('/ready', 9090));
    assert.ok('status' in ready && ready.status === 200);
  });

  it('logs JSON lines, one per request, and stops cleanly on SIGTERM', async () => {
    const c = container('kubecamp/demo-app:2.0');
    const p = started(c.start());
    await c.clock.advance(5000);
    const [, greeting] = await body(p, '/');
    const lines = text(p.logs).map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.deepEqual(
      lines.map((l) => l.msg),
      ['starting', 'listening', 'ready', 'request'],
    );
    assert.deepEqual(lines[3], { time: '2025-04-10T12:00:05.000Z', level: 'info', msg: 'request', method: 'GET', path: '/', status: 200, remote: '10.244.1.1', bytes: Buffer.byteLength(greeting) });
    assert.equal(p.signal('SIGTERM'), true);
    await c.clock.advance(100);
    assert.deepEqual(p.exitStatus(), { code: 0, reason: 'Completed' });
  });

  it('uses CPU per request for metrics and the HPA', async () => {
    const c = container('kubecamp/demo-app');
    const p = started(c.start({}, {}, { cpuLimitMillicores: 500 }));
    await c.clock.advance(5000);
    assert.equal(p.usage(60_000).cpuMillicores, 1);
    for (let i = 0; i < 3000; i++) await p.handleHttp(get('/', 8080));
    assert.equal(p.usage(60_000).cpuMillicores, 101, '3000 requests × 2 ms over a minute');
    for (let i = 0; i < 30_000; i++) await p.handleHttp(get('/', 8080));
    assert.equal(p.usage(60_000).cpuMillicores, 500, 'capped at the limit');
    assert.equal(p.usage(60_000).memoryBytes, 12_500_000);
  });
});
