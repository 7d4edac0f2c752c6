import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { StoredObject } from '../../apimachinery/object.ts';
import type { ClusterRecord } from '../cluster.ts';
import { ExpiredError, ObjectStore, type StoreEvent, type StoredObjectDraft, type WriteOp } from './object-store.ts';
import { restoreStore } from './persistence.ts';
import { decodeFrames, encodeFrame, WalDamagedError, WalPersistence, type WalOptions } from './wal.ts';

const SKIP = 1000;

function record(id: string): ClusterRecord {
  return { id, createdAt: 0, adminToken: `admin-${id}`, tokenKey: `key-${id}-${Math.random()}`, nodes: 1 };
}

let uidSeq = 0;
function configMap(name: string, data: Record<string, string>, namespace = 'default'): StoredObjectDraft {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace, uid: `uid-${++uidSeq}` }, data } as StoredObjectDraft;
}

function put(name: string, data: Record<string, string> = { v: name }): WriteOp {
  return { type: 'create', resource: 'configmaps', object: configMap(name, data) };
}

/** A persistence and its clusters' stores, recovered the way the sandbox does it. */
interface Opened {
  wal: WalPersistence;
  stores: Map<string, ObjectStore>;
}

async function openDir(dir: string, options: WalOptions = {}): Promise<Opened> {
  const wal = await WalPersistence.open(dir, options);
  const stores = new Map<string, ObjectStore>();
  for (const r of await wal.recover()) {
    const store = new ObjectStore();
    restoreStore(store, r, SKIP);
    store.setJournal(wal.attach(r.record.id, store));
    stores.set(r.record.id, store);
  }
  return { wal, stores };
}

async function addCluster(o: Opened, id: string, ops: WriteOp[] = [put('kube-root-ca.crt')]): Promise<ObjectStore> {
  const store = new ObjectStore();
  const entries = store.seed(ops);
  const { journal, durable } = o.wal.addCluster(record(id), store, entries);
  store.setJournal(journal);
  await durable;
  o.stores.set(id, store);
  return store;
}

async function write(store: ObjectStore, ops: WriteOp[]): Promise<StoredObject[]> {
  const { results, durable } = store.write(ops);
  await durable;
  return results;
}

/** Every object of a store, by resource and key, as plain JSON (uid and resourceVersion included). */
function contents(store: ObjectStore): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const r of store.resources().sort()) for (const o of store.list(r)) out[`${r}/${o.metadata.namespace ?? ''}/${o.metadata.name}`] = JSON.parse(JSON.stringify(o));
  return out;
}

function segments(dir: string): string[] {
  return readdirSync(join(dir, 'wal')).sort();
}

function lastSegment(dir: string): string {
  return join(dir, 'wal', segments(dir).at(-1)!);
}

/** Watches configmaps from `rv` and returns the events delivered synchronously (the replay). */
function replayFrom(store: ObjectStore, rv: number): StoreEvent[] {
  const got: StoreEvent[] = [];
  store.watch({ resource: 'configmaps' }, rv, (ev) => got.push(ev)).cancel();
  return got;
}

describe('write-ahead log', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kubecamp-wal-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('brings back every acknowledged object with its uid and resourceVersion', async () => {
    const a = await openDir(dir);
    const s1 = await addCluster(a, 'c1');
    const s2 = await addCluster(a, 'c2');
    await write(s1, [put('one'), put('two')]);
    const [two] = await write(s1, [{ type: 'update', resource: 'configmaps', object: { ...configMap('two', { v: '2' }), metadata: { name: 'two', namespace: 'default', uid: s1.get('configmaps', 'default', 'two')!.metadata.uid } } }]);
    await write(s1, [{ type: 'delete', resource: 'configmaps', namespace: 'default', name: 'one' }]);
    await write(s2, [put('other')]);
    const before1 = contents(s1);
    const before2 = contents(s2);
    await a.wal.close();

    const b = await openDir(dir);
    assert.deepEqual([...b.stores.keys()].sort(), ['c1', 'c2']);
    assert.deepEqual(contents(b.stores.get('c1')!), before1);
    assert.deepEqual(contents(b.stores.get('c2')!), before2);
    assert.equal(b.stores.get('c1')!.get('configmaps', 'default', 'two')!.metadata.resourceVersion, two!.metadata.resourceVersion);
    assert.equal(b.stores.get('c1')!.get('configmaps', 'default', 'one'), undefined);
    await b.wal.close();
  });

  it('cuts a torn final frame and keeps every frame before it', async () => {
    const a = await openDir(dir);
    const s = await addCluster(a, 'c1');
    await write(s, [put('kept')]);
    const before = contents(s);
    await a.wal.close();
    const file = lastSegment(dir);
    const intactSize = statSync(file).size;
    // The first 20 bytes of a frame that a crash interrupted.
    const frame = encodeFrame(JSON.stringify({ t: 'w', id: 'c1', e: [{ rv: 99, op: 'put', resource: 'configmaps', key: 'default/torn', object: configMap('torn', {}) }] }));
    appendFileSync(file, frame.subarray(0, 20));

    const b = await openDir(dir);
    assert.deepEqual(contents(b.stores.get('c1')!), before);
    assert.equal(b.stores.get('c1')!.get('configmaps', 'default', 'torn'), undefined);
    assert.equal(statSync(file).size, intactSize, 'the torn bytes are cut off');
    await write(b.stores.get('c1')!, [put('after')]);
    await b.wal.close();

    // The cut segment is now an older one: it must read as intact, not as damage.
    const c = await openDir(dir);
    assert.ok(c.stores.get('c1')!.get('configmaps', 'default', 'after'));
    assert.ok(c.stores.get('c1')!.get('configmaps', 'default', 'kept'));
    await c.wal.close();
  });

  it('cuts zero-filled and garbage tails too', async () => {
    for (const tail of [Buffer.alloc(4096), Buffer.from('{"t":"w","id":"c1","e":[')]) {
      rmSync(dir, { recursive: true, force: true });
      const a = await openDir(dir);
      const s = await addCluster(a, 'c1');
      await write(s, [put('kept')]);
      await a.wal.close();
      appendFileSync(lastSegment(dir), tail);
      const b = await openDir(dir);
      assert.ok(b.stores.get('c1')!.get('configmaps', 'default', 'kept'));
      await b.wal.close();
    }
  });

  it('refuses to start, naming the file and offset, when a frame in an older segment is damaged', async () => {
    const a = await openDir(dir);
    const s = await addCluster(a, 'c1');
    await write(s, [put('x')]);
    await a.wal.close();
    const damaged = lastSegment(dir);
    const b = await openDir(dir); // a restart starts a new segment
    await write(b.stores.get('c1')!, [put('y')]);
    await b.wal.close();
    assert.equal(segments(dir).length, 2);

    const buf = readFileSync(damaged);
    buf[buf.length - 5] ^= 0xff;
    writeFileSync(damaged, buf);
    await assert.rejects(openDir(dir), (e: Error) => {
      assert.ok(e instanceof WalDamagedError);
      assert.match(e.message, new RegExp(`${damaged.replace(/[/.]/g, '\\$&')} has a bad record at byte \\d+`));
      assert.match(e.message, /refusing to start/);
      return true;
    });
    assert.equal(readFileSync(damaged).length, buf.length, 'nothing was truncated');
  });

  it('refuses to start when a damaged frame in the last segment is followed by intact ones', async () => {
    const a = await openDir(dir);
    const s = await addCluster(a, 'c1');
    await write(s, [put('x')]);
    await write(s, [put('y')]);
    await a.wal.close();
    const file = lastSegment(dir);
    const buf = readFileSync(file);
    const first = decodeFrames(buf.subarray(0, buf.readUInt32LE(0) + 8));
    assert.equal(first.records.length, 1);
    buf[20] ^= 0xff; // inside the first frame (the cluster's creation)
    writeFileSync(file, buf);
    await assert.rejects(openDir(dir), /has a bad record at byte 0 of \d+ followed by intact records/);
  });

  it('compacts with small segments and keeps everything', async () => {
    const opts = { segmentBytes: 4096 };
    const a = await openDir(dir, opts);
    const ids = ['c1', 'c2', 'c3'];
    for (const id of ids) await addCluster(a, id);
    for (let i = 0; i < 60; i++) {
      const store = a.stores.get(ids[i % 3]!)!;
      await write(store, [put(`cm-${i}`, { payload: 'x'.repeat(200), i: String(i) })]);
      if (i % 7 === 0) await write(store, [{ type: 'delete', resource: 'configmaps', namespace: 'default', name: `cm-${i}` }]);
    }
    // Concurrent writes across a roll.
    await Promise.all(ids.map((id, k) => Promise.all(Array.from({ length: 20 }, (_, i) => write(a.stores.get(id)!, [put(`burst-${k}-${i}`, { payload: 'y'.repeat(300) })])))));
    await a.wal.compact();
    const before = new Map(ids.map((id) => [id, contents(a.stores.get(id)!)]));
    const rvs = new Map(ids.map((id) => [id, a.stores.get(id)!.currentRV()]));
    await a.wal.close();

    assert.ok(readdirSync(join(dir, 'snapshots')).filter((f) => f.endsWith('.json')).length === 3);
    const totalLog = segments(dir).reduce((n, f) => n + statSync(join(dir, 'wal', f)).size, 0);
    assert.ok(totalLog < 3 * 4096, `old segments were removed (log is ${totalLog} bytes)`);

    const b = await openDir(dir, opts);
    for (const id of ids) {
      assert.deepEqual(contents(b.stores.get(id)!), before.get(id), id);
      assert.ok(b.stores.get(id)!.currentRV() > rvs.get(id)!, 'resourceVersions keep increasing');
    }
    await b.wal.close();
  });

  it('keeps deleted clusters deleted, across compactions and restarts', async () => {
    const opts = { segmentBytes: 1 << 30 };
    const a = await openDir(dir, opts);
    for (const id of ['c1', 'c2', 'c3']) await addCluster(a, id);
    await write(a.stores.get('c3')!, [put('more'), put('and-more')]);
    const lastOfC3 = a.stores.get('c3')!.currentRV();
    await a.wal.compact(); // all three have snapshots now
    await a.wal.clusterDeleted('c2', a.stores.get('c2')!.currentRV());
    // Deleted while a compaction writes snapshots.
    const compaction = a.wal.compact();
    await a.wal.clusterDeleted('c3', a.stores.get('c3')!.currentRV());
    await compaction;
    // A snapshot that a compaction renamed into place just after its cluster's deletion removed
    // the previous one: the next compaction sweeps it before the log with the deletion goes.
    const stale = JSON.parse(readFileSync(join(dir, 'snapshots', 'c1.json'), 'utf8')) as { record: ClusterRecord };
    stale.record = record('c9');
    writeFileSync(join(dir, 'snapshots', 'c9.json'), JSON.stringify(stale));
    await a.wal.compact();
    await a.wal.close();

    const b = await openDir(dir, opts);
    assert.deepEqual([...b.stores.keys()], ['c1']);
    await b.wal.compact(); // the log with the deletions is gone now
    await b.wal.close();
    assert.deepEqual(readdirSync(join(dir, 'snapshots')), ['c1.json']);

    const c = await openDir(dir, opts);
    assert.deepEqual([...c.stores.keys()], ['c1']);
    // The last version of a deleted cluster outlives the log that recorded its deletion.
    assert.equal(c.wal.retiredVersion('c3'), lastOfC3);
    assert.equal(c.wal.retiredVersion('c1'), undefined);
    // A cluster re-created under a deleted id starts from its own bootstrap only.
    const again = await addCluster(c, 'c2', [put('fresh')]);
    assert.deepEqual(again.list('configmaps').map((o) => o.metadata.name), ['fresh']);
    await c.wal.close();
    const d = await openDir(dir, opts);
    assert.deepEqual(d.stores.get('c2')!.list('configmaps').map((o) => o.metadata.name), ['fresh']);
    await d.wal.close();
  });

  it('recovers from a snapshot plus the log tail, and watches resume from the tail', async () => {
    const a = await openDir(dir, { segmentBytes: 1 << 30 });
    const s = await addCluster(a, 'c1');
    await write(s, [put('before-snapshot')]);
    await a.wal.compact();
    const snapshotRV = s.currentRV();
    await write(s, [put('tail-1')]);
    const seen = s.currentRV();
    const [t2] = await write(s, [put('tail-2')]);
    await write(s, [{ type: 'delete', resource: 'configmaps', namespace: 'default', name: 'tail-1' }]);
    const before = contents(s);
    await a.wal.close();

    const b = await openDir(dir);
    const r = b.stores.get('c1')!;
    assert.deepEqual(contents(r), before);
    assert.deepEqual(
      replayFrom(r, seen).map((e) => [e.type, e.object.metadata.name, e.rv]),
      [
        ['ADDED', 'tail-2', Number(t2!.metadata.resourceVersion)],
        ['DELETED', 'tail-1', Number(t2!.metadata.resourceVersion) + 1],
      ],
    );
    assert.equal(replayFrom(r, snapshotRV).length, 3, 'the snapshot version itself is retained');
    assert.throws(() => replayFrom(r, snapshotRV - 1), ExpiredError, 'history before the snapshot is gone');
    await b.wal.close();
  });

  it('never reuses a version handed out before a crash, and the version after restart is watchable', async () => {
    const a = await openDir(dir);
    const s = await addCluster(a, 'c1');
    await write(s, [put('x')]);
    const durableRV = s.currentRV();
    await a.wal.close();

    const b = await openDir(dir);
    const r = b.stores.get('c1')!;
    const resumed = r.currentRV();
    assert.equal(resumed, durableRV + SKIP);
    // A client that saw durableRV + 1 (in memory, never durable) must relist.
    assert.throws(() => replayFrom(r, durableRV + 1), ExpiredError);
    assert.deepEqual(replayFrom(r, durableRV), []);
    assert.deepEqual(replayFrom(r, resumed), [], 'a list right after the restart can be watched from');
    const [y] = await write(r, [put('y')]);
    assert.equal(Number(y!.metadata.resourceVersion), resumed + 1);
    await b.wal.close();

    // After a second restart the first gap is still known from the jump in the log.
    const c = await openDir(dir);
    const r2 = c.stores.get('c1')!;
    assert.throws(() => replayFrom(r2, durableRV + 1), ExpiredError);
    assert.deepEqual(replayFrom(r2, durableRV).map((e) => e.object.metadata.name), ['y']);
    assert.deepEqual(replayFrom(r2, resumed).map((e) => e.object.metadata.name), ['y']);
    await c.wal.close();
  });

  it('rejects writes after the log failed, without acknowledging them', async () => {
    const a = await openDir(dir);
    const s = await addCluster(a, 'c1');
    await a.wal.close();
    await assert.rejects(s.write([put('late')]).durable, /closed/);
  });

  it('shares identical subtrees of recovered objects', async () => {
    const a = await openDir(dir);
    const labels = { app: 'web', tier: 'frontend' };
    for (const id of ['c1', 'c2']) await addCluster(a, id, [{ type: 'create', resource: 'configmaps', object: { ...configMap('cfg', { big: 'z'.repeat(1000) }), metadata: { name: 'cfg', namespace: 'default', uid: `u-${id}`, labels } } as StoredObjectDraft }]);
    await a.wal.close();
    const b = await openDir(dir);
    const o1 = b.stores.get('c1')!.get('configmaps', 'default', 'cfg')! as StoredObject & { data: object };
    const o2 = b.stores.get('c2')!.get('configmaps', 'default', 'cfg')! as StoredObject & { data: object };
    assert.notEqual(o1, o2);
    assert.equal(o1.metadata.labels, o2.metadata.labels);
    assert.equal(o1.data, o2.data);
    assert.deepEqual(o1.metadata.labels, labels);
    await b.wal.close();
  });
});
