import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { container, text } from '../process/testing.ts';

describe('images that run their command through the shell', () => {
  it('busybox with its default `sh` and no stdin exits 0 at once (Completed, then CrashLoopBackOff)', async () => {
    const c = container('busybox');
    const r = c.start();
    assert.ok(r.ok);
    await c.clock.advance(0);
    assert.deepEqual(r.process.exitStatus(), { code: 0, reason: 'Completed' });
    const call = c.shell.calls[0];
    assert.deepEqual(call.argv, ['/bin/sh']);
    assert.equal(call.ctx.readLine, undefined, 'no stdin attached');
    assert.equal(call.ctx.env.HOSTNAME, 'web-7d9f8b6c5d-x2x4k');
    assert.equal(call.ctx.env.HOME, '/root');
  });

  it('with stdin attached (kubectl run -it) the shell reads it', async () => {
    const c = container('busybox', { stdinLines: ['echo hi'] });
    const r = c.start({ stdin: true, tty: true });
    assert.ok(r.ok);
    await c.clock.advance(0);
    assert.deepEqual(text(r.process.logs), ['echo hi']);
    assert.deepEqual(r.process.exitStatus(), { code: 0, reason: 'Completed' });
  });

  it('runs command and args through the shell, in $PATH', async () => {
    const c = container('busybox:1.28');
    const r = c.start({ command: ['sh', '-c'], args: ['echo hello; sleep 3600'] });
    assert.ok(r.ok);
    await c.clock.advance(1000);
    assert.deepEqual(c.shell.calls[0].argv, ['/bin/sh', '-c', 'echo hello; sleep 3600']);
    assert.deepEqual(text(r.process.logs), ['hello']);
    assert.equal(r.process.exitStatus(), undefined);
  });

  it('as PID 1 ignores SIGTERM (the kubelet waits out the grace period) and dies with 137 on SIGKILL', async () => {
    const c = container('busybox');
    const r = c.start({ command: ['sleep', '3600'] });
    assert.ok(r.ok);
    await c.clock.advance(100);
    assert.equal(r.process.signal('SIGTERM'), false);
    assert.equal(r.process.exitStatus(), undefined);
    r.process.signal('SIGKILL');
    assert.deepEqual(r.process.exitStatus(), { code: 137, reason: 'Error', signal: 'SIGKILL' });
  });

  it('a missing executable is a StartError with exit code 128', () => {
    const c = container('busybox');
    assert.deepEqual(c.start({ command: ['curl', 'http://web'] }), {
      ok: false,
      reason: 'StartError',
      exitCode: 128,
      message:
        'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: "curl": executable file not found in $PATH: unknown',
    });
  });

  it('ubuntu and debian use bash; /bin/sh is dash through the /bin symlink', () => {
    const u = container('ubuntu');
    assert.ok(u.start().ok);
    assert.deepEqual(u.shell.calls[0].argv, ['/bin/bash']);
    assert.match(u.fs.readFile('/etc/os-release'), /^PRETTY_NAME="Ubuntu 24\.04\.2 LTS"/);
    const d = container('debian:bookworm-slim');
    assert.ok(d.exec(['/bin/sh', '-c', 'true']).ok);
    assert.equal(d.exec(['ps']).ok, false, 'debian-slim has no ps');
  });

  it('curlimages/curl puts curl in front of a URL', async () => {
    const c = container('curlimages/curl');
    const r = c.start({ args: ['http://web'] });
    assert.ok(r.ok);
    await c.clock.advance(0);
    assert.deepEqual(c.shell.calls[0].argv, ['/usr/bin/curl', 'http://web']);
  });

  it('a script on a volume runs through its #! interpreter', async () => {
    const c = container('alpine');
    c.fs.mkdir('/scripts');
    c.fs.writeFile('/scripts/run.sh', '#!/bin/sh\necho from script\n', { mode: 0o755 });
    const r = c.start({ command: ['/scripts/run.sh', 'x'] });
    assert.ok(r.ok);
    await c.clock.advance(0);
    assert.deepEqual(c.shell.calls[0].argv, ['/bin/sh', '/scripts/run.sh', 'x']);
  });

  it('a shell script can exec a server program of the image', async () => {
    const c = container('nginx');
    const r = c.start({ command: ['sh', '-c', "echo starting && exec nginx -g 'daemon off;'"] });
    assert.ok(r.ok);
    await c.clock.advance(1000);
    assert.deepEqual(r.process.listeningPorts(), [80]);
    assert.equal(text(r.process.logs, 'stdout')[0], 'starting');
  });

  it('stress over its memory limit is OOMKilled', async () => {
    const c = container('polinux/stress', { memoryLimitBytes: 100 * 1024 * 1024 });
    const r = c.start({ command: ['stress'], args: ['--vm', '1', '--vm-bytes', '150M', '--vm-hang', '1'] });
    assert.ok(r.ok);
    await c.clock.advance(1000);
    assert.deepEqual(r.process.exitStatus(), { code: 137, reason: 'OOMKilled' });
    assert.deepEqual(text(r.process.logs), ['stress: info: [1] dispatching hogs: 0 cpu, 0 io, 1 vm, 0 hdd']);
    const fits = container('polinux/stress', { memoryLimitBytes: 200 * 1024 * 1024 });
    const ok = fits.start({ command: ['stress'], args: ['--vm', '1', '--vm-bytes', '150M'] });
    assert.ok(ok.ok);
    await fits.clock.advance(1000);
    assert.equal(ok.process.exitStatus(), undefined);
    assert.equal(ok.process.usage(60_000).memoryBytes, 150 * 1024 * 1024);
  });
});
