import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { container, get, text } from '../process/testing.ts';
import type { RunningProcess, StartResult } from '../process/types.ts';

function started(r: StartResult): RunningProcess {
  assert.ok(r.ok, r.ok ? '' : r.message);
  return r.process;
}

const PASSWORD = { POSTGRES_PASSWORD: 'secret' };

describe('postgres', () => {
  it('crash-loops without POSTGRES_PASSWORD, printing the entrypoint error', async () => {
    const c = container('postgres:17');
    const p = started(c.start());
    await c.clock.advance(1000);
    assert.deepEqual(p.exitStatus(), { code: 1, reason: 'Error' });
    assert.deepEqual(text(p.logs, 'stderr'), [
      'Error: Database is uninitialized and superuser password is not specified.',
      '       You must specify POSTGRES_PASSWORD to a non-empty value for the',
      '       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".',
      '',
      '       You may also use "POSTGRES_HOST_AUTH_METHOD=trust" to allow all',
      '       connections without a password. This is *not* recommended.',
      '',
      '       See PostgreSQL documentation about "trust":',
      '       https://www.postgresql.org/docs/current/auth-trust.html',
    ]);
    assert.equal(c.fs.exists('/var/lib/postgresql/data/PG_VERSION'), false);
  });

  it('accepts POSTGRES_HOST_AUTH_METHOD=trust instead of a password', async () => {
    const c = container('postgres');
    const p = started(c.start({}, { POSTGRES_HOST_AUTH_METHOD: 'trust' }));
    await c.clock.advance(10_000);
    assert.equal(p.listening(5432), true);
  });

  it('initializes the database, then listens on 5432 after about four seconds', async () => {
    const c = container('postgres:17', { hostname: 'db-0' });
    const p = started(c.start({}, { ...PASSWORD, POSTGRES_DB: 'shop' }));
    await c.clock.advance(3000);
    assert.equal(p.listening(5432), false, 'initdb is still running');
    await c.clock.advance(2000);
    assert.equal(p.listening(5432), true);
    const out = text(p.logs);
    assert.equal(out[0], 'The files belonging to this database system will be owned by user "postgres".');
    assert.ok(out.includes('fixing permissions on existing directory /var/lib/postgresql/data ... ok'));
    assert.ok(out.includes('CREATE DATABASE'), 'POSTGRES_DB=shop creates a database');
    assert.ok(out.includes('/usr/local/bin/docker-entrypoint.sh: ignoring /docker-entrypoint-initdb.d/*'));
    assert.ok(out.includes('PostgreSQL init process complete; ready for start up.'));
    assert.match(out.at(-1)!, /^2025-04-10 12:00:0\d\.\d{3} UTC \[1\] LOG: {2}database system is ready to accept connections$/);
    assert.ok(out.some((l) => /\[1\] LOG: {2}starting PostgreSQL 17\.4 \(Debian 17\.4-1\.pgdg120\+1\) on x86_64-pc-linux-gnu/.test(l)));
    assert.equal(c.fs.readFile('/var/lib/postgresql/data/PG_VERSION'), '17\n');
    assert.deepEqual(await p.handleHttp(get('/', 5432)), { kind: 'not-http', port: 5432 });
  });

  it('keeps its data on the volume: a new pod skips initialization', async () => {
    const first = container('postgres:16');
    const p = started(first.start({}, PASSWORD));
    await first.clock.advance(10_000);
    assert.equal(p.signal('SIGINT'), true);
    await first.clock.advance(1000);
    assert.deepEqual(p.exitStatus(), { code: 0, reason: 'Completed' });
    assert.equal(first.fs.exists('/var/lib/postgresql/data/postmaster.pid'), false);

    const second = container('postgres:16', { fs: first.fs, clock: first.clock });
    const q = started(second.start({}, {}));
    await second.clock.advance(1000);
    const out = text(q.logs);
    assert.deepEqual(out.slice(0, 3), ['', 'PostgreSQL Database directory appears to contain a database; Skipping initialization', '']);
    assert.ok(out.some((l) => l.includes('database system was shut down at 2025-04-10 12:00:10 UTC')));
    assert.equal(q.listening(5432), true, 'no password is needed once initialized');
  });

  it('recovers after being killed without a clean shutdown', async () => {
    const first = container('postgres:17');
    const p = started(first.start({}, PASSWORD));
    await first.clock.advance(10_000);
    p.signal('SIGKILL');
    assert.deepEqual(p.exitStatus(), { code: 137, reason: 'Error', signal: 'SIGKILL' });
    const second = container('postgres:17', { fs: first.fs, clock: first.clock });
    const q = started(second.start({}, PASSWORD));
    await second.clock.advance(2000);
    assert.ok(text(q.logs).some((l) => l.endsWith('LOG:  database system was not properly shut down; automatic recovery in progress')));
    assert.equal(q.listening(5432), true);
  });

  it('refuses a volume root with lost+found, as initdb does', async () => {
    const c = container('postgres:17');
    c.fs.mkdir('/var/lib/postgresql/data/lost+found', { recursive: true });
    const p = started(c.start({}, PASSWORD));
    await c.clock.advance(2000);
    assert.deepEqual(p.exitStatus(), { code: 1, reason: 'Error' });
    assert.deepEqual(text(p.logs, 'stderr'), [
      'initdb: error: directory "/var/lib/postgresql/data" exists but is not empty',
      'initdb: detail: It contains a lost+found directory, perhaps due to it being a mount point.',
      'initdb: hint: Using a mount point directly as the data directory is not recommended.',
      'Create a subdirectory under the mount point.',
    ]);
  });

  it('runs files from /docker-entrypoint-initdb.d and honours PGDATA', async () => {
    const c = container('postgres:17-alpine');
    c.fs.writeFile('/docker-entrypoint-initdb.d/10-schema.sql', 'CREATE TABLE t (id int);\n');
    const p = started(c.start({}, { ...PASSWORD, PGDATA: '/var/lib/postgresql/data/pgdata' }));
    await c.clock.advance(10_000);
    assert.ok(text(p.logs).includes('/usr/local/bin/docker-entrypoint.sh: running /docker-entrypoint-initdb.d/10-schema.sql'));
    assert.equal(c.fs.exists('/var/lib/postgresql/data/pgdata/PG_VERSION'), true);
    assert.ok(text(p.logs).some((l) => l.includes('starting PostgreSQL 17.4 on x86_64-pc-linux-musl')));
  });
});
