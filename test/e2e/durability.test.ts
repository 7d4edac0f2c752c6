// Crash recovery, black-box: the real CLI as a child process, SIGKILLed in the middle of
// concurrent writes (at a random point), restarted on the same data dir. Every acknowledged
// write must be back with its uid and resourceVersion, an unacknowledged one must be wholly
// present or wholly absent, resourceVersions must keep increasing, and a watch resumed from the
// last version a client saw must get exactly the events it missed (or 410 Expired when that
// version is older than what was kept, after which a relist works).
//
// The random kill points come from a seed printed as a test diagnostic; set DURABILITY_SEED to
// replay one.
import assert from 'node:assert/strict';
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it, type TestContext } from 'node:test';
import { fileURLToPath } from 'node:url';
import { kubectlBinary } from '../helpers/sandbox.ts';
import { Sandbox } from '../../src/sandbox/sandbox.ts';
import { KubeHttp, type KubeTarget, targetsOf, type WatchEvent } from '../helpers/kube-http.ts';

const BIN = fileURLToPath(new URL('../../bin/kubecamp.mjs', import.meta.url));
const CLUSTERS = ['c1', 'c2', 'c3'];
const NS_PATH = '/api/v1/namespaces/default/configmaps';

interface ConfigMap {
  apiVersion?: string;
  kind?: string;
  metadata: { name: string; uid: string; resourceVersion: string; namespace?: string };
  data?: Record<string, string>;
}

interface ConfigMapList {
  metadata: { resourceVersion: string };
  items: ConfigMap[];
}

/** mulberry32: a small seeded generator, so a failing run can be replayed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Child {
  proc: ChildProcess;
  url: string;
  kubeconfig: string;
  targets: Map<string, KubeTarget>;
  exited: Promise<void>;
}

const children = new Set<ChildProcess>();
const dirs: string[] = [];

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'kubecamp-durability-'));
  dirs.push(d);
  return d;
}

/** Starts `kubecamp sandbox` on a free port and waits for its "ready" line. */
function startChild(dataDir: string, env: Record<string, string> = {}): Promise<Child> {
  const proc = spawn(process.execPath, [BIN, 'sandbox', '--data', dataDir, '--port', '0', '--clusters', String(CLUSTERS.length)], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  children.add(proc);
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  void exited.then(() => children.delete(proc));
  let out = '';
  let err = '';
  proc.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  return new Promise((resolve, reject) => {
    proc.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /ready: .* at (https:\/\/\S+)\/clusters\/<id>; kubeconfig (\S+)\n/.exec(out);
      if (m) {
        const kubeconfig = m[2]!;
        resolve({ proc, url: m[1]!, kubeconfig, targets: targetsOf(readFileSync(kubeconfig, 'utf8')), exited });
      }
    });
    void exited.then(() => reject(new Error(`the sandbox exited before it was ready:\n${out}\n${err}`)));
    // A sandbox that hangs during start-up fails the test rather than stalling it.
    setTimeout(() => reject(new Error(`the sandbox was not ready after 60 s:\n${out}\n${err}`)), 60_000).unref();
  });
}

async function kill9(child: Child): Promise<void> {
  child.proc.kill('SIGKILL');
  await child.exited;
}

after(() => {
  for (const p of children) p.kill('SIGKILL');
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** What a client knows about one object: its acknowledged state and the write in flight, if any. */
interface Known {
  acked: ConfigMap | undefined;
  inflight?: { op: 'create' | 'update' | 'delete'; data?: Record<string, string> };
}

function dataFor(name: string, n: number): Record<string, string> {
  // Several keys, so a half-written object could not pass for a whole one.
  return { name, n: String(n), a: `${name}-${n}-a`, b: 'x'.repeat(50 + (n % 7) * 30), c: `${n * 7}` };
}

async function listConfigMaps(http: KubeHttp): Promise<ConfigMapList> {
  const r = await http.request<ConfigMapList>('GET', NS_PATH);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body;
}

function byName(list: ConfigMap[]): Map<string, ConfigMap> {
  return new Map(list.filter((o) => o.metadata.name !== 'kube-root-ca.crt').map((o) => [o.metadata.name, o]));
}

function sameObject(a: ConfigMap, b: ConfigMap): boolean {
  return a.metadata.uid === b.metadata.uid && a.metadata.resourceVersion === b.metadata.resourceVersion && JSON.stringify(a.data) === JSON.stringify(b.data);
}

/** A client-side mirror of one cluster's default configmaps, fed by a watch. */
class Mirror {
  readonly objects = new Map<string, ConfigMap>();
  lastRV = 0;
  errors: ConfigMap[] = [];
  maxRV = 0;

  apply(ev: WatchEvent<ConfigMap>): void {
    if (ev.type === 'ERROR') {
      this.errors.push(ev.object);
      return;
    }
    if (ev.type === 'BOOKMARK') return;
    const rv = Number(ev.object.metadata.resourceVersion);
    assert.ok(rv > this.lastRV, `watch events arrive in increasing resourceVersion order (${rv} after ${this.lastRV})`);
    this.lastRV = rv;
    this.maxRV = Math.max(this.maxRV, rv);
    if (ev.object.metadata.name === 'kube-root-ca.crt') return;
    if (ev.type === 'DELETED') this.objects.delete(ev.object.metadata.name);
    else this.objects.set(ev.object.metadata.name, ev.object);
  }
}

/**
 * Workers write their own objects (create, update with the acknowledged resourceVersion, delete)
 * until `stop()`; every acknowledgement is recorded before the next write starts.
 */
class Writers {
  readonly known = new Map<string, Map<string, Known>>(CLUSTERS.map((c) => [c, new Map()]));
  acks = 0;
  /** The highest resourceVersion acknowledged, per cluster. */
  readonly maxRV = new Map<string, number>(CLUSTERS.map((c) => [c, 0]));
  private stopped = false;
  private counter = 0;

  constructor(
    private readonly http: Map<string, KubeHttp>,
    private readonly random: () => number,
    private readonly onAck: (acks: number) => void,
  ) {}

  stop(): void {
    this.stopped = true;
  }

  async run(workersPerCluster: number, namesPerWorker: number): Promise<void> {
    const workers: Array<Promise<void>> = [];
    for (const c of CLUSTERS) for (let w = 0; w < workersPerCluster; w++) workers.push(this.worker(c, Array.from({ length: namesPerWorker }, (_, i) => `w${w}-n${i}`)));
    await Promise.all(workers);
  }

  private async worker(cluster: string, names: string[]): Promise<void> {
    const http = this.http.get(cluster)!;
    const known = this.known.get(cluster)!;
    while (!this.stopped) {
      const name = names[Math.floor(this.random() * names.length)]!;
      const k = known.get(name) ?? { acked: undefined };
      known.set(name, k);
      const n = ++this.counter;
      let op: 'create' | 'update' | 'delete';
      let res;
      try {
        if (!k.acked) {
          op = 'create';
          k.inflight = { op, data: dataFor(name, n) };
          res = await http.request<ConfigMap>('POST', NS_PATH, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: k.inflight.data });
        } else if (this.random() < 0.7) {
          op = 'update';
          k.inflight = { op, data: dataFor(name, n) };
          res = await http.request<ConfigMap>('PUT', `${NS_PATH}/${name}`, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, uid: k.acked.metadata.uid, resourceVersion: k.acked.metadata.resourceVersion }, data: k.inflight.data });
        } else {
          op = 'delete';
          k.inflight = { op };
          res = await http.request<ConfigMap>('DELETE', `${NS_PATH}/${name}`);
        }
      } catch (e) {
        if (this.stopped) return; // the connection died with the server: the write stays in flight
        throw new Error(`${cluster}/${name}: a write failed before the kill: ${(e as Error).message}`);
      }
      if (this.stopped) return;
      if (res.status === 429) {
        k.inflight = undefined;
        await new Promise((r) => setTimeout(r, Number(res.headers['retry-after'] ?? 1) * 1000));
        continue;
      }
      assert.ok(res.status === 200 || res.status === 201, `${op} ${cluster}/${name}: ${res.status} ${JSON.stringify(res.body)}`);
      k.acked = op === 'delete' ? undefined : res.body;
      k.inflight = undefined;
      if (op !== 'delete') {
        // (A delete answers with a Status, as upstream does for configmaps.)
        const rv = Number(res.body.metadata.resourceVersion);
        assert.ok(rv > 0, `${op} ${cluster}/${name} answered with a resourceVersion: ${JSON.stringify(res.body)}`);
        this.maxRV.set(cluster, Math.max(this.maxRV.get(cluster)!, rv));
      }
      this.onAck(++this.acks);
    }
  }
}

/**
 * Checks a restarted cluster against what its clients knew: acknowledged objects are back exactly;
 * an object with a write in flight shows that write wholly or not at all. Adopts the outcome.
 */
function checkAgainstKnown(cluster: string, known: Map<string, Known>, actual: Map<string, ConfigMap>): void {
  for (const name of new Set([...known.keys(), ...actual.keys()])) {
    const k = known.get(name);
    const got = actual.get(name);
    assert.ok(k, `${cluster}/${name} exists after the restart but was never written`);
    const where = `${cluster}/${name} (acknowledged: ${k.acked ? `rv ${k.acked.metadata.resourceVersion}` : 'absent'}, in flight: ${k.inflight?.op ?? 'nothing'})`;
    const asAcked = k.acked ? got !== undefined && sameObject(got, k.acked) : got === undefined;
    if (!asAcked) {
      const f = k.inflight;
      assert.ok(f, `${where}: an acknowledged write was lost: ${JSON.stringify(got)}`);
      if (f.op === 'delete') assert.equal(got, undefined, `${where}: neither the acknowledged state nor the in-flight delete`);
      else {
        assert.ok(got, `${where}: neither the acknowledged state nor the in-flight ${f.op}`);
        assert.deepEqual(got.data, f.data, `${where}: the in-flight ${f.op} is only partly present`);
        if (f.op === 'update') {
          assert.equal(got.metadata.uid, k.acked!.metadata.uid, `${where}: the update changed the uid`);
          assert.ok(Number(got.metadata.resourceVersion) > Number(k.acked!.metadata.resourceVersion));
        }
      }
    }
    k.acked = got;
    k.inflight = undefined;
  }
}

/** Watches from `fromRV`, writes a marker, and collects the events up to the marker's. */
async function resumeWatch(http: KubeHttp, fromRV: number, marker: string): Promise<Array<WatchEvent<ConfigMap>>> {
  const events: Array<WatchEvent<ConfigMap>> = [];
  let sawMarker: () => void = () => {};
  const markerSeen = new Promise<void>((r) => (sawMarker = r));
  const w = http.watch<ConfigMap>(`${NS_PATH}?watch=1&allowWatchBookmarks=true&resourceVersion=${fromRV}`, (ev) => {
    if (ev.type === 'ERROR') {
      events.push(ev);
      sawMarker();
      return;
    }
    if (ev.type === 'BOOKMARK') return;
    if (ev.object.metadata.name === marker) sawMarker();
    else events.push(ev);
  });
  assert.equal(await w.ready, 200);
  const created = await http.request('POST', NS_PATH, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: marker }, data: { marker: 'yes' } });
  assert.equal(created.status, 201);
  await Promise.race([markerSeen, w.done]);
  w.close();
  return events;
}

async function crashRounds(t: TestContext, opts: { rounds: number; env?: Record<string, string>; label: string }): Promise<{ resumed: number; expired: number }> {
  const seed = Number(process.env.DURABILITY_SEED ?? Math.floor(Math.random() * 2 ** 31));
  t.diagnostic(`${opts.label}: DURABILITY_SEED=${seed}`);
  const random = rng(seed);
  const dir = tempDir();
  const known = new Map<string, Map<string, Known>>(CLUSTERS.map((c) => [c, new Map()]));
  const mirrors = new Map<string, Mirror>();
  let maxSeenRV = new Map<string, number>(CLUSTERS.map((c) => [c, 0]));
  let resumed = 0;
  let expired = 0;
  for (let round = 0; round <= opts.rounds; round++) {
    const child = await startChild(dir, opts.env);
    const http = new Map(CLUSTERS.map((c) => [c, new KubeHttp(child.targets.get(c)!)]));
    try {
      for (const c of CLUSTERS) {
        const h = http.get(c)!;
        const list = await listConfigMaps(h);
        const actual = byName(list.items);
        if (round > 0) {
          checkAgainstKnown(c, known.get(c)!, actual);
          // A watch resumed from the last version the client saw before the crash.
          const m = mirrors.get(c)!;
          const events = await resumeWatch(h, m.lastRV, `marker-${round}`);
          if (events.length === 1 && events[0]!.type === 'ERROR') {
            const status = events[0]!.object as unknown as { code: number; reason: string };
            assert.equal(status.code, 410, JSON.stringify(status));
            assert.equal(status.reason, 'Expired');
            expired++;
          } else {
            for (const ev of events) {
              assert.ok(Number(ev.object.metadata.resourceVersion) > m.lastRV, 'no event the client already had');
              m.apply(ev);
            }
            assert.deepEqual(
              [...m.objects.values()].map((o) => `${o.metadata.name} ${o.metadata.uid} ${o.metadata.resourceVersion}`).sort(),
              [...actual.values()].map((o) => `${o.metadata.name} ${o.metadata.uid} ${o.metadata.resourceVersion}`).sort(),
              `${c}: the resumed watch brought exactly the missing events`,
            );
            resumed++;
          }
          const del = await h.request('DELETE', `${NS_PATH}/marker-${round}`);
          assert.equal(del.status, 200);
        }
        // Versions keep increasing across the restart.
        const listRV = Number((await listConfigMaps(h)).metadata.resourceVersion);
        assert.ok(listRV > maxSeenRV.get(c)!, `${c}: resourceVersion ${listRV} after the restart is above ${maxSeenRV.get(c)} seen before`);
      }
      if (round === opts.rounds) break;

      // Mirrors: list, then watch from the list's version.
      const watches: Array<{ close(): void }> = [];
      for (const c of CLUSTERS) {
        const h = http.get(c)!;
        const list = await listConfigMaps(h);
        const m = new Mirror();
        for (const o of byName(list.items).values()) m.objects.set(o.metadata.name, o);
        m.lastRV = Number(list.metadata.resourceVersion);
        m.maxRV = m.lastRV;
        mirrors.set(c, m);
        const w = h.watch<ConfigMap>(`${NS_PATH}?watch=1&resourceVersion=${m.lastRV}`, (ev) => m.apply(ev));
        assert.equal(await w.ready, 200);
        watches.push(w);
      }

      const killAfter = 20 + Math.floor(random() * 250);
      t.diagnostic(`${opts.label} round ${round}: SIGKILL after ${killAfter} acknowledged writes`);
      let killed: Promise<void> | undefined;
      const writers = new Writers(http, random, (acks) => {
        if (acks >= killAfter && !killed) {
          writers.stop();
          killed = kill9(child);
        }
      });
      for (const [c, k] of known) writers.known.set(c, k);
      await writers.run(2, 6);
      await (killed ?? kill9(child));
      for (const w of watches) w.close();
      maxSeenRV = new Map(CLUSTERS.map((c) => [c, Math.max(writers.maxRV.get(c)!, mirrors.get(c)!.maxRV, maxSeenRV.get(c)!)]));
      for (const c of CLUSTERS) assert.deepEqual(mirrors.get(c)!.errors, [], `${c}: no watch errors before the crash`);
    } finally {
      for (const h of http.values()) h.destroy();
      if (child.proc.exitCode === null && child.proc.signalCode === null) await kill9(child);
    }
  }
  return { resumed, expired };
}

describe('durability: kill -9 and restart', { timeout: 240_000 }, () => {
  it('keeps every acknowledged write, never half an unacknowledged one, and resumes watches', async (t) => {
    const { resumed, expired } = await crashRounds(t, { rounds: 3, label: 'wal' });
    // Without compaction every version a client saw is still in the log: every watch resumes.
    assert.equal(expired, 0);
    assert.equal(resumed, 3 * CLUSTERS.length);
  });

  it('does the same while the log compacts all the time (tiny segments)', async (t) => {
    const { resumed, expired } = await crashRounds(t, { rounds: 3, label: 'compacting', env: { KUBECAMP_WAL_SEGMENT_BYTES: '8192' } });
    assert.equal(resumed + expired, 3 * CLUSTERS.length);
  });

  it('creates clusters whole or not at all', async (t) => {
    const seed = Number(process.env.DURABILITY_SEED ?? Math.floor(Math.random() * 2 ** 31));
    t.diagnostic(`DURABILITY_SEED=${seed}`);
    const random = rng(seed);
    const dir = tempDir();
    const child = await startChild(dir);
    const admin = new KubeHttp({ server: `${child.url}/admin/v1`, token: readFileSync(join(dir, 'admin-token'), 'utf8').trim(), ca: child.targets.get('c1')!.ca });
    const killAfter = 3 + Math.floor(random() * 20);
    const created: string[] = [];
    let killed: Promise<void> | undefined;
    await Promise.all(
      Array.from({ length: 4 }, async (_, w) => {
        for (let i = 0; !killed; i++) {
          const id = `x${w}-${i}`;
          const r = await admin.request('POST', '/clusters', { id }).catch(() => undefined);
          if (!r || killed) return;
          assert.equal(r.status, 201, JSON.stringify(r.body));
          created.push(id);
          if (created.length >= killAfter) killed = kill9(child);
        }
      }),
    );
    await killed;
    admin.destroy();

    const again = await startChild(dir);
    const admin2 = new KubeHttp({ server: `${again.url}/admin/v1`, token: readFileSync(join(dir, 'admin-token'), 'utf8').trim(), ca: again.targets.get('c1')!.ca });
    try {
      const listed = await admin2.request<{ items: Array<{ id: string; token: string; server: string }> }>('GET', '/clusters');
      const ids = listed.body.items.map((c) => c.id);
      for (const id of created) assert.ok(ids.includes(id), `acknowledged cluster ${id} is back`);
      const shape = async (c: { token: string; server: string }) => {
        const h = new KubeHttp({ server: c.server, token: c.token, ca: again.targets.get('c1')!.ca });
        try {
          const parts: string[] = [];
          for (const path of ['/api/v1/namespaces', '/api/v1/configmaps', '/api/v1/serviceaccounts']) {
            const r = await h.request<ConfigMapList>('GET', path);
            assert.equal(r.status, 200);
            parts.push(...r.body.items.map((o) => `${path} ${o.metadata.namespace ?? ''}/${o.metadata.name}`));
          }
          return parts.sort();
        } finally {
          h.destroy();
        }
      };
      const reference = await shape(listed.body.items.find((c) => c.id === 'c1')!);
      assert.ok(reference.length > 0);
      for (const c of listed.body.items) assert.deepEqual(await shape(c), reference, `cluster ${c.id} has every bootstrap object`);
    } finally {
      admin2.destroy();
      await kill9(again);
    }
  });

  it('keeps unusual but valid content exactly, and bad requests change nothing', async () => {
    const dir = tempDir();
    const child = await startChild(dir);
    const http = new KubeHttp(child.targets.get('c1')!);
    const odd: Record<string, Record<string, string>> = {
      'proto-keys': { PROTO: 'a', constructor: 'b', toString: 'c', hasOwnProperty: 'd' },
      unicode: { text: 'grüße 日本語 🚀 \u2028\u2029', lone: '\ud800 and \udfff', nul: 'a\u0000b', ctl: '\u0001\u001f\\"' },
      large: { blob: 'x'.repeat(900 * 1024) },
    };
    const acked = new Map<string, ConfigMap>();
    try {
      for (const [name, data] of Object.entries(odd)) {
        // Sent as text, so that the key "__proto__" arrives as a key (an object literal would not have it).
        const text = JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, labels: { 'a.b/c': 'd' }, annotations: { note: 'ü\n' } }, data }).replace('"PROTO"', '"__proto__"');
        const r = await http.request<ConfigMap>('POST', NS_PATH, text);
        assert.equal(r.status, 201, JSON.stringify(r.body).slice(0, 500));
        acked.set(name, r.body);
      }
      // Rejected requests must leave no trace.
      const bad: Array<[string, string, unknown, Record<string, string>?]> = [
        ['POST', NS_PATH, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'Bad_Name' } }],
        ['POST', NS_PATH, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'too-big' }, data: { blob: 'y'.repeat(1100 * 1024) } }],
        ['PUT', `${NS_PATH}/unicode`, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'unicode', resourceVersion: '1' }, data: { stale: 'yes' } }],
        ['POST', NS_PATH, '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"torn"', { 'Content-Type': 'application/json' }],
      ];
      for (const [method, path, body, headers] of bad) {
        const r = await http.request(method, path, body, headers);
        assert.ok(r.status >= 400 && r.status < 500, `${method} ${path} is refused (${r.status})`);
      }
      await kill9(child);

      const again = await startChild(dir);
      const h2 = new KubeHttp(again.targets.get('c1')!);
      try {
        const list = await listConfigMaps(h2);
        assert.deepEqual(list.items.map((o) => o.metadata.name).sort(), ['kube-root-ca.crt', 'large', 'proto-keys', 'unicode']);
        for (const [name, body] of acked) {
          const r = await h2.request<ConfigMap>('GET', `${NS_PATH}/${name}`);
          assert.equal(r.status, 200);
          assert.deepEqual(r.body, body, `${name} is back exactly as acknowledged`);
        }
        assert.equal(Object.getOwnPropertyDescriptor(acked.get('proto-keys')!.data, '__proto__')?.value, 'a', 'the key "__proto__" was stored as data');
      } finally {
        h2.destroy();
        await kill9(again);
      }
    } finally {
      http.destroy();
      if (child.proc.exitCode === null && child.proc.signalCode === null) await kill9(child);
    }
  });

  it('answers a watch from before a cluster reset with 410 Expired, in the same process and after a restart', async () => {
    const dir = tempDir();
    let sandbox = await Sandbox.start({ port: 0, dataDir: dir });
    try {
      await sandbox.createCluster('r1');
      // Many writes, so the old cluster's versions are well ahead of a fresh cluster's.
      const old = new KubeHttp(targetsOf(sandbox.kubeconfig(['r1'])).get('r1')!);
      for (let i = 0; i < 30; i++) assert.equal((await old.request('POST', NS_PATH, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${i}` } })).status, 201);
      const before = Number((await listConfigMaps(old)).metadata.resourceVersion);
      old.destroy();

      for (const restart of [false, true]) {
        await sandbox.deleteCluster('r1');
        if (restart) {
          const port = sandbox.port;
          await sandbox.stop();
          sandbox = await Sandbox.start({ port, dataDir: dir });
        }
        await sandbox.createCluster('r1');
        const fresh = new KubeHttp(targetsOf(sandbox.kubeconfig(['r1'])).get('r1')!);
        try {
          const now = Number((await listConfigMaps(fresh)).metadata.resourceVersion);
          assert.ok(now > before, `the new cluster's versions (${now}) are above the old one's (${before})`);
          // From the old cluster's last version itself, and from one before it.
          for (const from of [before, before - 5]) {
            let first: (ev: WatchEvent<ConfigMap>) => void = () => {};
            const firstEvent = new Promise<WatchEvent<ConfigMap>>((r) => (first = r));
            const w = fresh.watch<ConfigMap>(`${NS_PATH}?watch=1&resourceVersion=${from}`, (ev) => first(ev));
            const ev = await Promise.race([firstEvent, w.done.then(() => undefined)]);
            w.close();
            assert.equal(ev?.type, 'ERROR', `watch from ${from} (restart: ${restart}): ${JSON.stringify(ev)?.slice(0, 200)}`);
            assert.equal((ev.object as unknown as { code: number }).code, 410);
          }
        } finally {
          fresh.destroy();
        }
      }
    } finally {
      await sandbox.stop();
    }
  });

  it('lets kubectl read, resume a watch and watch again after kill -9', async () => {
    const kubectl = kubectlBinary();
    const dir = tempDir();
    const run = (kubeconfig: string, args: string[], input?: string) =>
      new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
        const p = execFile(kubectl, args, { env: { ...process.env, KUBECONFIG: kubeconfig, HOME: dir }, timeout: 60_000 }, (err, stdout, stderr) =>
          resolve({ code: err ? 1 : 0, stdout, stderr }),
        );
        p.stdin!.end(input ?? '');
      });
    const cm = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  k: ${name}\n`;

    const child = await startChild(dir);
    for (const name of ['one', 'two', 'three']) {
      const r = await run(child.kubeconfig, ['apply', '-f', '-'], cm(name));
      assert.equal(r.code, 0, r.stderr);
    }
    const seen = await run(child.kubeconfig, ['get', 'configmap', 'two', '-o', 'jsonpath={.metadata.uid} {.metadata.resourceVersion}']);
    const rvTwo = Number(seen.stdout.split(' ')[1]);
    assert.equal((await run(child.kubeconfig, ['apply', '-f', '-'], cm('four'))).code, 0);
    assert.equal((await run(child.kubeconfig, ['delete', 'configmap', 'one'])).code, 0);
    await kill9(child);

    const again = await startChild(dir);
    try {
      const back = await run(again.kubeconfig, ['get', 'configmap', 'two', '-o', 'jsonpath={.metadata.uid} {.metadata.resourceVersion}']);
      assert.equal(back.stdout, seen.stdout, 'same uid and resourceVersion');
      const names = await run(again.kubeconfig, ['get', 'configmaps', '-o', 'name']);
      assert.deepEqual(names.stdout.trim().split('\n').sort(), ['configmap/four', 'configmap/kube-root-ca.crt', 'configmap/three', 'configmap/two']);

      // A watch resumed (through kubectl; --raw paths are absolute) from the version seen before the crash replays what came after.
      const resumed = await run(again.kubeconfig, ['get', '--raw', `/clusters/c1/api/v1/namespaces/default/configmaps?watch=1&resourceVersion=${rvTwo}&timeoutSeconds=1`]);
      assert.equal(resumed.code, 0, resumed.stderr);
      const events = resumed.stdout.trim().split('\n').map((l) => JSON.parse(l) as WatchEvent<ConfigMap>);
      assert.deepEqual(events.map((e) => `${e.type} ${e.object.metadata.name}`), ['ADDED three', 'ADDED four', 'DELETED one']);

      // `kubectl get -w` lists and then watches from the list's version (the first after the restart).
      const watcher = spawn(kubectl, ['get', 'configmaps', '-w', '-o', 'name'], { env: { ...process.env, KUBECONFIG: again.kubeconfig, HOME: dir } });
      children.add(watcher);
      let out = '';
      let err = '';
      const lines = (n: number) =>
        new Promise<void>((resolve, reject) => {
          const check = () => (out.trim().split('\n').filter(Boolean).length >= n ? resolve() : undefined);
          watcher.stdout.on('data', (c: Buffer) => {
            out += c.toString();
            check();
          });
          watcher.once('exit', () => reject(new Error(`kubectl get -w exited: ${out}\n${err}`)));
          check();
        });
      watcher.stderr.on('data', (c: Buffer) => (err += c.toString()));
      await lines(4);
      assert.equal((await run(again.kubeconfig, ['apply', '-f', '-'], cm('five'))).code, 0);
      await lines(5);
      watcher.kill();
      assert.deepEqual(out.trim().split('\n').slice(4), ['configmap/five']);
      assert.doesNotMatch(err, /too old resource version|Expired/);
    } finally {
      await kill9(again);
    }
  });
});
