import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { container, text } from '../process/testing.ts';

describe('images without a shell', () => {
  it('distroless: kubectl exec -- sh fails with the runtime error', () => {
    const c = container('gcr.io/distroless/static-debian12:nonroot');
    const r = c.exec(['sh']);
    assert.ok(!r.ok);
    assert.equal(
      r.message,
      `failed to exec in container: failed to start exec "${'e'.repeat(64)}": OCI runtime exec failed: exec failed: unable to start container process: exec: "sh": executable file not found in $PATH: unknown`,
    );
    const bash = c.exec(['/bin/bash']);
    assert.ok(!bash.ok);
    assert.match(bash.message, /exec: "\/bin\/bash": stat \/bin\/bash: no such file or directory: unknown$/);
  });

  it('distroless without a command cannot be created', () => {
    const c = container('gcr.io/distroless/static-debian12');
    const r = c.start();
    assert.deepEqual(r, {
      ok: false,
      reason: 'CreateContainerError',
      message: `failed to generate container "${'c'.repeat(64)}" spec: failed to generate spec: no command specified`,
    });
  });

  it('distroless :debug has busybox under /busybox', () => {
    const c = container('gcr.io/distroless/static-debian12:debug');
    const r = c.exec(['sh']);
    assert.ok(r.ok);
    assert.deepEqual(c.shell.calls.at(-1)!.argv, ['/busybox/sh']);
  });

  it('pause runs until SIGTERM and says why it stops; it has no shell', async () => {
    const c = container('registry.k8s.io/pause:3.10');
    const r = c.start();
    assert.ok(r.ok);
    await c.clock.advance(60_000);
    assert.equal(r.process.exitStatus(), undefined);
    assert.equal(r.process.signal('SIGQUIT'), false);
    assert.equal(r.process.signal('SIGTERM'), true);
    await c.clock.advance(10);
    assert.deepEqual(r.process.exitStatus(), { code: 0, reason: 'Completed' });
    assert.deepEqual(text(r.process.logs, 'stderr'), ['Shutting down, got signal: Terminated']);
    assert.ok(!c.exec(['sh']).ok);
  });

  it('hello-world prints its greeting and completes', async () => {
    const c = container('hello-world');
    const r = c.start();
    assert.ok(r.ok);
    await c.clock.advance(10);
    assert.deepEqual(r.process.exitStatus(), { code: 0, reason: 'Completed' });
    assert.equal(text(r.process.logs)[1], 'Hello from Docker!');
  });
});
