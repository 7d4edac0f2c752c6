import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { container, get, text } from '../process/testing.ts';
import type { RunningProcess, StartResult } from '../process/types.ts';

function started(r: StartResult): RunningProcess {
  assert.ok(r.ok, r.ok ? '' : r.message);
  return r.process;
}

describe('httpd', () => {
  it('warns about ServerName with the pod IP and starts on port 80', async () => {
    const c = container('httpd:2.4');
    const p = started(c.start());
    await c.clock.advance(100);
    const warning = "AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using 10.244.1.5. Set the 'ServerName' directive globally to suppress this message";
    const out = text(p.logs, 'stderr');
    assert.deepEqual(out.slice(0, 2), [warning, warning]);
    assert.match(out[2], /^\[Thu Apr 10 12:00:00\.\d{6} 2025\] \[mpm_event:notice\] \[pid 1:tid 1\] AH00489: Apache\/2\.4\.63 \(Unix\) configured -- resuming normal operations$/);
    assert.match(out[3], /AH00094: Command line: 'httpd -D FOREGROUND'$/);
    assert.deepEqual(p.listeningPorts(), [80]);
  });

  it('answers "It works!" and Apache\'s 404 page, with the common log format', async () => {
    const c = container('httpd');
    const p = started(c.start());
    await c.clock.advance(100);
    const ok = await p.handleHttp(get('/', 80));
    assert.ok('status' in ok);
    assert.equal(ok.body, '<html><body><h1>It works!</h1></body></html>\n');
    assert.equal(ok.headers.Server, 'Apache/2.4.63 (Unix)');
    assert.equal(ok.headers['Content-Length'], '45');
    const missing = await p.handleHttp(get('/x', 80));
    assert.ok('status' in missing);
    assert.equal(missing.status, 404);
    assert.equal(
      missing.body,
      '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n',
    );
    assert.equal(missing.headers['Content-Type'], 'text/html; charset=iso-8859-1');
    assert.deepEqual(text(p.logs, 'stdout'), [
      '10.244.1.1 - - [10/Apr/2025:12:00:00 +0000] "GET / HTTP/1.1" 200 45',
      '10.244.1.1 - - [10/Apr/2025:12:00:00 +0000] "GET /x HTTP/1.1" 404 196',
    ]);
  });

  it('stops gracefully on SIGWINCH, its stop signal', async () => {
    const c = container('httpd');
    assert.equal(c.image.stopSignal, 'SIGWINCH');
    const p = started(c.start());
    await c.clock.advance(100);
    assert.equal(p.signal('SIGWINCH'), true);
    await c.clock.advance(100);
    assert.deepEqual(p.exitStatus(), { code: 0, reason: 'Completed' });
  });
});
