import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { container, text } from '../process/testing.ts';
import type { RunningProcess, StartResult } from '../process/types.ts';

function started(r: StartResult): RunningProcess {
  assert.ok(r.ok, r.ok ? '' : r.message);
  return r.process;
}

describe('mysql', () => {
  it('exits 1 without a root password option, with the entrypoint error', async () => {
    const c = container('mysql:8.4');
    const p = started(c.start());
    await c.clock.advance(5000);
    assert.deepEqual(p.exitStatus(), { code: 1, reason: 'Error' });
    assert.deepEqual(text(p.logs), [
      '2025-04-10 12:00:00+00:00 [Note] [Entrypoint]: Entrypoint script for MySQL Server 8.4.5-1.el9 started.',
      "2025-04-10 12:00:00+00:00 [Note] [Entrypoint]: Switching to dedicated user 'mysql'",
      '2025-04-10 12:00:00+00:00 [Note] [Entrypoint]: Entrypoint script for MySQL Server 8.4.5-1.el9 started.',
      '2025-04-10 12:00:00+00:00 [ERROR] [Entrypoint]: Database is uninitialized and password option is not specified',
      '    You need to specify one of the following as an environment variable:',
      '    - MYSQL_ROOT_PASSWORD',
      '    - MYSQL_ALLOW_EMPTY_PASSWORD',
      '    - MYSQL_RANDOM_ROOT_PASSWORD',
    ]);
  });

  it('initializes, creates the database and user, then listens on 3306 after about twelve seconds', async () => {
    const c = container('mysql');
    const p = started(c.start({}, { MYSQL_ROOT_PASSWORD: 'root', MYSQL_DATABASE: 'shop', MYSQL_USER: 'app', MYSQL_PASSWORD: 'pw' }));
    await c.clock.advance(8000);
    assert.equal(p.listening(3306), false);
    await c.clock.advance(6000);
    assert.deepEqual(p.listeningPorts(), [3306, 33060]);
    const out = text(p.logs);
    assert.ok(out.includes('2025-04-10 12:00:08+00:00 [Note] [Entrypoint]: Creating database shop'));
    assert.ok(out.includes('2025-04-10 12:00:08+00:00 [Note] [Entrypoint]: Giving user app access to schema shop'));
    assert.match(out.at(-1)!, /^2025-04-10T12:00:1\d\.\d{6}Z 0 \[System\] \[MY-010931\] \[Server\] \/usr\/sbin\/mysqld: ready for connections\. Version: '9\.3\.0' {2}socket: '\/var\/run\/mysqld\/mysqld\.sock' {2}port: 3306 {2}MySQL Community Server - GPL\.$/);
    assert.equal(c.fs.exists('/var/lib/mysql/shop'), true);
  });
});
