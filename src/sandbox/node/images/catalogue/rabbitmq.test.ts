import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { container, get, text } from '../process/testing.ts';
import type { RunningProcess, StartResult } from '../process/types.ts';

function started(r: StartResult): RunningProcess {
  assert.ok(r.ok, r.ok ? '' : r.message);
  return r.process;
}

describe('rabbitmq', () => {
  it('boots for a few seconds, prints the banner, then accepts AMQP on 5672', async () => {
    const c = container('rabbitmq:4.1', { hostname: 'rabbitmq-0' });
    const p = started(c.start());
    await c.clock.advance(3000);
    assert.equal(p.listening(5672), false);
    assert.ok(text(p.logs).includes('  ##  ##      RabbitMQ 4.1.0'));
    await c.clock.advance(3000);
    assert.equal(p.listening(5672), true);
    assert.equal(p.listening(15672), false, 'no management UI without the -management tag');
    assert.ok(text(p.logs).some((l) => l.endsWith('Server startup complete; 1 plugins started.')));
    assert.equal(c.fs.exists('/var/lib/rabbitmq/mnesia/rabbit@rabbitmq-0'), true);
  });

  it('serves the management UI on 15672 and asks for credentials on the API', async () => {
    const c = container('rabbitmq:management');
    const p = started(c.start());
    await c.clock.advance(6000);
    const ui = await p.handleHttp(get('/', 15672));
    assert.ok('status' in ui && ui.status === 200 && ui.body.includes('<title>RabbitMQ Management</title>'));
    const api = await p.handleHttp(get('/api/overview', 15672));
    assert.ok('status' in api);
    assert.equal(api.status, 401);
    assert.equal(api.body, '{"error":"not_authorized","reason":"Not_Authorized"}');
  });

  it('finds its node data again only under the same hostname', async () => {
    const first = container('rabbitmq', { hostname: 'rabbitmq-0' });
    started(first.start());
    await first.clock.advance(6000);
    const same = container('rabbitmq', { hostname: 'rabbitmq-0', fs: first.fs, clock: first.clock });
    const q = started(same.start());
    await same.clock.advance(6000);
    assert.ok(text(q.logs).some((l) => l.includes('is not empty, will not start as a new node')));
  });
});
