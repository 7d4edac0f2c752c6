import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MemoryFs } from '../../fs/memory-fs.ts';
import { effectiveArgv, lookPath, mergeEnv } from './command.ts';

describe('effectiveArgv: command and args over Entrypoint and Cmd', () => {
  const config = { entrypoint: ['/docker-entrypoint.sh'], cmd: ['nginx', '-g', 'daemon off;'], env: [] };
  it('runs Entrypoint + Cmd when the pod gives neither', () => {
    assert.deepEqual(effectiveArgv(config, {}), ['/docker-entrypoint.sh', 'nginx', '-g', 'daemon off;']);
  });
  it('replaces Cmd with args and keeps the Entrypoint', () => {
    assert.deepEqual(effectiveArgv(config, { args: ['nginx-debug'] }), ['/docker-entrypoint.sh', 'nginx-debug']);
  });
  it('drops both Entrypoint and Cmd when command is given', () => {
    assert.deepEqual(effectiveArgv(config, { command: ['sleep', '10'] }), ['sleep', '10']);
    assert.deepEqual(effectiveArgv(config, { command: ['sh'], args: ['-c', 'env'] }), ['sh', '-c', 'env']);
  });
});

describe('mergeEnv', () => {
  it('lays the container environment over the image Env', () => {
    assert.deepEqual(mergeEnv({ env: ['PATH=/bin', 'A=1', 'EMPTY'] }, { A: '2', B: '3' }), { PATH: '/bin', A: '2', EMPTY: '', B: '3' });
  });
});

describe('lookPath: runc error texts', () => {
  const fs = new MemoryFs({ now: () => 0 }).populate({
    '/bin/sh': { content: '', mode: 0o755 },
    '/etc/motd': { content: 'hi', mode: 0o644 },
    '/app/run': { content: '', mode: 0o755 },
  });
  const env = { PATH: '/usr/bin:/bin' };
  it('finds a name in $PATH and a relative path from the working directory', () => {
    assert.deepEqual(lookPath('sh', env, fs), { ok: true, path: '/bin/sh' });
    assert.deepEqual(lookPath('./run', env, fs, '/app'), { ok: true, path: '/app/run' });
  });
  it('reports a name missing from $PATH, a missing path, a directory and a file without x bits', () => {
    assert.deepEqual(lookPath('bash', env, fs), { ok: false, error: 'exec: "bash": executable file not found in $PATH' });
    assert.deepEqual(lookPath('/bin/bash', env, fs), { ok: false, error: 'exec: "/bin/bash": stat /bin/bash: no such file or directory' });
    assert.deepEqual(lookPath('/app', env, fs), { ok: false, error: 'exec: "/app": is a directory' });
    assert.deepEqual(lookPath('/etc/motd', env, fs), { ok: false, error: 'exec: "/etc/motd": permission denied' });
    assert.deepEqual(lookPath('motd', { PATH: '/etc' }, fs), { ok: false, error: 'exec: "motd": executable file not found in $PATH' });
  });
});
