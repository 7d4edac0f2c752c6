import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { container, get, text } from '../process/testing.ts';
import type { RunningProcess, StartResult } from '../process/types.ts';
import { NGINX_INDEX_HTML } from './nginx.ts';

function started(r: StartResult): RunningProcess {
  assert.ok(r.ok, r.ok ? '' : r.message);
  return r.process;
}

describe('nginx', () => {
  it('logs the entrypoint and nginx start lines of the real image', async () => {
    const c = container('nginx:1.27', { cpus: 2 });
    const p = started(c.start());
    await c.clock.advance(1000);
    assert.deepEqual(text(p.logs, 'stdout'), [
      '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
      '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
      '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
      '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf',
      '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf',
      '/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh',
      '/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh',
      '/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh',
      '/docker-entrypoint.sh: Configuration complete; ready for start up',
    ]);
    assert.deepEqual(text(p.logs, 'stderr'), [
      '2025/04/10 12:00:00 [notice] 1#1: using the "epoll" event method',
      '2025/04/10 12:00:00 [notice] 1#1: nginx/1.27.5',
      '2025/04/10 12:00:00 [notice] 1#1: built by gcc 12.2.0 (Debian 12.2.0-14) ',
      '2025/04/10 12:00:00 [notice] 1#1: OS: Linux 6.8.0-57-generic',
      '2025/04/10 12:00:00 [notice] 1#1: getrlimit(RLIMIT_NOFILE): 1048576:1048576',
      '2025/04/10 12:00:00 [notice] 1#1: start worker processes',
      '2025/04/10 12:00:00 [notice] 1#1: start worker process 29',
      '2025/04/10 12:00:00 [notice] 1#1: start worker process 30',
    ]);
    assert.match(c.fs.readFile('/etc/nginx/conf.d/default.conf'), /listen {7}80;\n {4}listen {2}\[::\]:80;\n/);
  });

  it('listens on port 80 a few tens of milliseconds after start', async () => {
    const c = container('nginx');
    const p = started(c.start());
    await c.clock.advance(10);
    assert.equal(p.listening(80), false);
    assert.deepEqual(await p.handleHttp(get('/', 80)), { kind: 'refused', host: '10.244.1.5', port: 80 });
    await c.clock.advance(100);
    assert.deepEqual(p.listeningPorts(), [80]);
  });

  it('serves the welcome page and the 404 page exactly as nginx does, and logs both', async () => {
    const c = container('nginx');
    const p = started(c.start());
    await c.clock.advance(1000);
    const ok = await p.handleHttp(get('/', 80));
    assert.ok('status' in ok);
    assert.equal(ok.status, 200);
    assert.equal(ok.body, NGINX_INDEX_HTML);
    assert.equal(Buffer.byteLength(ok.body), 615);
    assert.deepEqual(Object.keys(ok.headers), ['Server', 'Date', 'Content-Type', 'Content-Length', 'Last-Modified', 'Connection', 'ETag', 'Accept-Ranges']);
    assert.equal(ok.headers.Server, 'nginx/1.27.5');
    assert.equal(ok.headers['Content-Length'], '615');
    assert.match(ok.headers.ETag, /^"[0-9a-f]+-267"$/);

    const missing = await p.handleHttp(get('/nope.html', 80));
    assert.ok('status' in missing);
    assert.equal(missing.status, 404);
    assert.equal(
      missing.body,
      '<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx/1.27.5</center>\r\n</body>\r\n</html>\r\n',
    );
    assert.equal(missing.headers['Content-Length'], '153');
    assert.deepEqual(text(p.logs).slice(-3), [
      '10.244.1.1 - - [10/Apr/2025:12:00:01 +0000] "GET / HTTP/1.1" 200 615 "-" "curl/8.5.0" "-"',
      '2025/04/10 12:00:01 [error] 29#29: *2 open() "/usr/share/nginx/html/nope.html" failed (2: No such file or directory), client: 10.244.1.1, server: localhost, request: "GET /nope.html HTTP/1.1", host: "10.244.1.5:80"',
      '10.244.1.1 - - [10/Apr/2025:12:00:01 +0000] "GET /nope.html HTTP/1.1" 404 153 "-" "curl/8.5.0" "-"',
    ]);
  });

  it('serves what a volume put in the document root', async () => {
    const c = container('nginx:alpine');
    c.fs.writeFile('/usr/share/nginx/html/index.html', '<h1>Hello from a ConfigMap</h1>\n');
    const p = started(c.start());
    await c.clock.advance(1000);
    const r = await p.handleHttp(get('/', 80));
    assert.ok('status' in r);
    assert.equal(r.body, '<h1>Hello from a ConfigMap</h1>\n');
  });

  it('reports a read-only default.conf and listens where a mounted config says', async () => {
    const c = container('nginx');
    c.fs.writeFile('/etc/nginx/conf.d/default.conf', 'server {\n    listen 8080;\n    location / { root /usr/share/nginx/html; }\n}\n');
    const p = started(c.start());
    await c.clock.advance(1000);
    assert.ok(text(p.logs).includes('10-listen-on-ipv6-by-default.sh: info: /etc/nginx/conf.d/default.conf differs from the packaged version'));
    assert.deepEqual(p.listeningPorts(), [8080]);

    const ro = container('nginx');
    const readOnly = Object.assign(Object.create(ro.fs) as typeof ro.fs, {
      writeFile(path: string, data: string) {
        if (path.startsWith('/etc/nginx/conf.d/')) throw Object.assign(new Error('EROFS'), { code: 'EROFS' });
        return ro.fs.writeFile(path, data);
      },
    });
    ro.ctx.fs = readOnly;
    const q = started(ro.start());
    await ro.clock.advance(1000);
    assert.ok(text(q.logs).includes('10-listen-on-ipv6-by-default.sh: info: can not modify /etc/nginx/conf.d/default.conf (read-only file system?)'));
  });

  it('daemonizes and exits 0 at once without "daemon off;"', async () => {
    const c = container('nginx');
    const p = started(c.start({ command: ['nginx'] }));
    await c.clock.advance(1000);
    assert.deepEqual(p.exitStatus(), { code: 0, reason: 'Completed' });
    assert.equal(text(p.logs, 'stdout').length, 0, 'the entrypoint did not run');
  });

  it('shuts down gracefully on its stop signal, SIGQUIT', async () => {
    const c = container('nginx');
    assert.equal(c.image.stopSignal, 'SIGQUIT');
    const p = started(c.start());
    await c.clock.advance(1000);
    assert.equal(p.signal('SIGQUIT'), true);
    await c.clock.advance(1000);
    assert.deepEqual(p.exitStatus(), { code: 0, reason: 'Completed' });
    assert.equal(text(p.logs).at(-1), '2025/04/10 12:00:01 [notice] 1#1: exit');
    assert.equal(p.listening(80), false);
  });

  it('runs the 1.14 image of the Kubernetes docs without entrypoint or notices', async () => {
    const c = container('nginx:1.14.2');
    const p = started(c.start());
    await c.clock.advance(1000);
    assert.deepEqual(text(p.logs), []);
    const r = await p.handleHttp(get('/', 80));
    assert.ok('status' in r);
    assert.equal(Buffer.byteLength(r.body), 612);
    assert.equal(r.headers.Server, 'nginx/1.14.2');
  });

  it('answers nginx -v and -t in an exec session', async () => {
    const c = container('nginx');
    const r = c.exec(['nginx', '-v']);
    assert.ok(r.ok);
    await c.clock.advance(10);
    assert.deepEqual(text(r.process.logs, 'stderr'), ['nginx version: nginx/1.27.5']);
    assert.deepEqual(r.process.exitStatus(), { code: 0, reason: 'Completed' });
  });
});
