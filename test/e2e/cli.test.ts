// The `kubecamp` command as a user runs it: help, bad options, the ready line, the kubeconfig it
// writes, plain HTTP only on loopback, a clean stop on SIGTERM and SIGINT.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { Sandbox } from '../../src/sandbox/sandbox.ts';
import { kubectlBinary } from '../helpers/sandbox.ts';

const bin = fileURLToPath(new URL('../../bin/kubecamp.mjs', import.meta.url));
const dirs: string[] = [];
function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), 'kubecamp-cli-'));
  dirs.push(d);
  return d;
}

function startCli(args: string[]): Promise<{ child: ChildProcess; line: string }> {
  const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const line = out.split('\n').find((l) => l.includes('ready'));
      if (line) resolve({ child, line });
    });
    child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
    child.on('exit', (code) => reject(new Error(`kubecamp exited with ${code} before ready: ${err}`)));
  });
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.on('exit', (code) => resolve(code)));
}

describe('kubecamp CLI', () => {
  after(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('prints help for the command and for sandbox', () => {
    const top = spawnSync(process.execPath, [bin, '--help'], { encoding: 'utf8' });
    assert.equal(top.status, 0);
    assert.match(top.stdout, /^Usage: kubecamp <command> \[options\]/);
    const sb = spawnSync(process.execPath, [bin, 'sandbox', '--help'], { encoding: 'utf8' });
    assert.equal(sb.status, 0);
    for (const opt of ['--host', '--port', '--data', '--clusters', '--kubeconfig', '--speed']) assert.ok(sb.stdout.includes(opt), opt);
  });

  it('refuses bad options with exit code 2 and says why', () => {
    const r = spawnSync(process.execPath, [bin, 'sandbox', '--clusters', 'many'], { encoding: 'utf8' });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--clusters must be a positive integer, not many/);
    const unknown = spawnSync(process.execPath, [bin, 'frobnicate'], { encoding: 'utf8' });
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /unknown command "frobnicate"/);
  });

  it('serves N clusters, writes their kubeconfig and stops cleanly on SIGTERM and SIGINT', async () => {
    const data = tmp();
    const kubeconfig = join(data, 'kc.yaml');
    const { child, line } = await startCli(['sandbox', '--port', '0', '--data', data, '--clusters', '2', '--kubeconfig', kubeconfig]);
    assert.match(line, /ready: 2 cluster\(s\) at https:\/\/127\.0\.0\.1:\d+\/clusters\/<id>/);
    const cfg = parseYaml(readFileSync(kubeconfig, 'utf8')) as { 'current-context': string; contexts: Array<{ name: string }>; clusters: Array<{ cluster: Record<string, string> }> };
    assert.equal(cfg['current-context'], 'kubecamp-c1');
    assert.deepEqual(cfg.contexts.map((c) => c.name), ['kubecamp-c1', 'kubecamp-c2']);
    assert.ok(cfg.clusters.every((c) => c.cluster['certificate-authority-data']), 'kubectl verifies TLS with no flags');
    const r = spawnSync(kubectlBinary(), ['--context', 'kubecamp-c2', 'get', 'ns', 'default', '-o', 'name'], {
      encoding: 'utf8',
      env: { ...process.env, KUBECONFIG: kubeconfig, KUBECACHEDIR: join(data, 'cache') },
    });
    assert.equal(r.stdout.trim(), 'namespace/default', r.stderr);
    const exited = exitOf(child);
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
    // The same data dir comes back with the same clusters; SIGINT stops it too.
    const again = await startCli(['sandbox', '--port', '0', '--data', data, '--clusters', '1', '--kubeconfig', kubeconfig]);
    assert.match(again.line, /ready: 2 cluster\(s\)/);
    const exited2 = exitOf(again.child);
    again.child.kill('SIGINT');
    assert.equal(await exited2, 0);
  });

  it('stops and starts a node of a running sandbox with kubecamp node', async () => {
    const data = tmp();
    const { child, line } = await startCli(['sandbox', '--port', '0', '--data', data, '--clusters', '1', '--kubeconfig', join(data, 'kc')]);
    const server = /at (https:\/\/[^/]+)\/clusters/.exec(line)![1]!;
    const node = (...args: string[]) => spawnSync(process.execPath, [bin, 'node', ...args, '--server', server, '--data', data], { encoding: 'utf8' });
    try {
      const stop = node('stop', 'c1', 'kubecamp-worker');
      assert.deepEqual([stop.status, stop.stdout], [0, 'node/kubecamp-worker stopped\n'], stop.stderr);
      const start = node('start', 'c1', 'kubecamp-worker');
      assert.deepEqual([start.status, start.stdout], [0, 'node/kubecamp-worker started\n'], start.stderr);
      const missing = node('stop', 'c1', 'no-such-node');
      assert.equal(missing.status, 1);
      assert.match(missing.stderr, /^kubecamp: .*no-such-node/);
    } finally {
      const exited = exitOf(child);
      child.kill('SIGTERM');
      await exited;
    }
  });

  it('serves plain HTTP only on loopback, and only when asked', async () => {
    await assert.rejects(Sandbox.start({ host: '0.0.0.0', port: 0, insecureHttp: true }), /plain HTTP is only allowed on loopback addresses, not 0\.0\.0\.0/);
    const s = await Sandbox.start({ host: '127.0.0.1', port: 0, insecureHttp: true });
    try {
      await s.createCluster('plain');
      assert.match(s.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.doesNotMatch(s.kubeconfig(), /certificate-authority-data/);
    } finally {
      await s.stop();
    }
  });
});
