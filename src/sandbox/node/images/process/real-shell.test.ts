// The process engine with the real shell package (not the ScriptedShell stand-in): busybox
// commands run by the interpreter, their output becomes the container's log, and exit codes and
// signals reach the kubelet's view of the process.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ShellRunner } from '../../shell/runner.ts';
import type { ShellRunner as EngineShell } from './types.ts';
import { container, text } from './testing.ts';

async function settle(c: ReturnType<typeof container>, p: Promise<unknown>, maxMs = 60_000): Promise<void> {
  let done = false;
  void p.then(() => (done = true));
  for (let t = 0; !done && t < maxMs; t += 100) {
    await new Promise((r) => setImmediate(r));
    await c.clock.advance(100);
  }
}

function withRealShell(image: string) {
  const c = container(image);
  const shell: EngineShell = new ShellRunner();
  c.ctx.shell = shell;
  return c;
}

describe('process engine with the real shell', () => {
  it('runs a busybox command: output in the log, exit code as written', async () => {
    const c = withRealShell('busybox:1.36');
    const r = c.start({ command: ['sh', '-c', 'echo hello; echo oops >&2; sleep 5; exit 3'] });
    assert.ok(r.ok);
    await settle(c, r.process.exited);
    const st = r.process.exitStatus();
    assert.deepEqual({ code: st?.code, reason: st?.reason }, { code: 3, reason: 'Error' });
    assert.deepEqual(text(r.process.logs, 'stdout'), ['hello']);
    assert.deepEqual(text(r.process.logs, 'stderr'), ['oops']);
  });

  it('ignores SIGTERM as PID 1 without a trap, and honours a trap', async () => {
    const c = withRealShell('busybox:1.36');
    const plain = c.start({ command: ['sh', '-c', 'sleep 3600'] });
    assert.ok(plain.ok);
    await settle(c, Promise.resolve());
    assert.equal(plain.process.signal('SIGTERM'), false);
    const trapped = c.start({ command: ['sh', '-c', 'trap "echo bye; exit 0" TERM; while true; do sleep 1; done'] });
    assert.ok(trapped.ok);
    await settle(c, new Promise((r) => setTimeout(r, 0)), 2_000);
    assert.equal(trapped.process.signal('SIGTERM'), true);
    await settle(c, trapped.process.exited);
    assert.equal(trapped.process.exitStatus()?.code, 0);
    assert.deepEqual(text(trapped.process.logs, 'stdout'), ['bye']);
  });
});
