// Durable sandbox state: one write-ahead log for all clusters (group commit: every write in a
// batch shares one fdatasync) plus per-cluster snapshots that let old log segments go.
//
//   <dir>/wal/0000000001.log   frames: u32 length | u32 crc32(payload) | payload (JSON)
//   <dir>/snapshots/<id>.json  a cluster's record and every object at one resourceVersion
//   <dir>/retired.json         the last resourceVersion of deleted clusters, by id (so a cluster
//                              created again under an id continues above it)
//
// A write is acknowledged only once its frame is on disk (O_DSYNC writes, or write + fdatasync). A cluster's creation and its bootstrap
// objects are one frame, so a cluster is never half-created. Recovery loads the snapshots, then
// replays the log; a torn frame at the very end of the last segment (a crash mid-write, never
// acknowledged) is cut off, so a crash never leaves a half-written object. Damage anywhere else
// (an intact frame after a bad one, a bad frame in an older segment, an unreadable snapshot)
// stops start-up with an error naming the file and offset: acknowledged writes are never dropped
// silently.
//
// Compaction: when the active segment passes `segmentBytes` the log rolls to a new segment, every
// cluster that changed since its last snapshot is snapshotted (temp file, fsync, rename), stale
// snapshots are removed, and only then are the segments before the roll deleted.
import { closeSync, constants as fsConstants, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, truncateSync } from 'node:fs';
import { type FileHandle, open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import type { StoredObject } from '../../apimachinery/object.ts';
import type { ClusterRecord } from '../cluster.ts';
import { Interner } from './intern.ts';
import type { JournalEntry, ObjectStore, StoreJournal } from './object-store.ts';
import type { RecoveredCluster, SandboxPersistence } from './persistence.ts';

export type WalRecord =
  /** A cluster's creation with its bootstrap entries (`e` is absent in logs from before it was added). */
  | { t: 'c'; r: ClusterRecord; e?: JournalEntry[] }
  /** A cluster's deletion and the last resourceVersion it handed out (absent in older logs). */
  | { t: 'd'; id: string; rv?: number }
  | { t: 'w'; id: string; e: JournalEntry[] };

export interface Snapshot {
  record: ClusterRecord;
  rv: number;
  resources: Array<[string, StoredObject[]]>;
}

export interface WalOptions {
  /** Roll to a new segment (and snapshot) once the active one exceeds this many bytes. */
  segmentBytes?: number;
  /** Share identical subtrees of recovered objects (default true). */
  intern?: boolean;
}

export class WalDamagedError extends Error {}

const HEADER = 8;
const OPEN_BRACE = 0x7b;

export function encodeFrame(payload: string): Buffer {
  const len = Buffer.byteLength(payload, 'utf8');
  const frame = Buffer.allocUnsafe(HEADER + len);
  frame.write(payload, HEADER, 'utf8');
  frame.writeUInt32LE(len, 0);
  frame.writeUInt32LE(crc32(frame.subarray(HEADER)), 4);
  return frame;
}

/** The frame at `off` if it is intact (complete, checksum right, a JSON record), else undefined. */
function frameAt(buf: Buffer, off: number): { record: WalRecord; next: number } | undefined {
  if (buf.length - off < HEADER) return undefined;
  const len = buf.readUInt32LE(off);
  if (len === 0 || buf.length - off - HEADER < len) return undefined;
  const body = buf.subarray(off + HEADER, off + HEADER + len);
  if (body[0] !== OPEN_BRACE || crc32(body) !== buf.readUInt32LE(off + 4)) return undefined;
  try {
    return { record: JSON.parse(body.toString('utf8')) as WalRecord, next: off + HEADER + len };
  } catch {
    return undefined;
  }
}

/**
 * Decodes frames up to the first one that is not intact. `end` is the offset just after the last
 * intact frame; `damaged` says that an intact frame follows the bad one (so the bad bytes are not a
 * torn final write but damage to data that was acknowledged).
 */
export function decodeFrames(buf: Buffer): { records: WalRecord[]; end: number; torn: boolean; damaged: boolean } {
  const records: WalRecord[] = [];
  let off = 0;
  while (off < buf.length) {
    const f = frameAt(buf, off);
    if (!f) {
      let damaged = false;
      for (let o = buf.indexOf(OPEN_BRACE, off + 1); o !== -1; o = buf.indexOf(OPEN_BRACE, o + 1)) {
        if (o - HEADER > off && frameAt(buf, o - HEADER)) {
          damaged = true;
          break;
        }
      }
      return { records, end: off, torn: true, damaged };
    }
    records.push(f.record);
    off = f.next;
  }
  return { records, end: off, torn: false, damaged: false };
}

function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

async function writeFully(fh: FileHandle, buf: Buffer): Promise<void> {
  let off = 0;
  while (off < buf.length) {
    const { bytesWritten } = await fh.write(buf, off, buf.length - off, null);
    off += bytesWritten;
  }
}

const segName = (seq: number) => `${String(seq).padStart(10, '0')}.log`;

/**
 * Segments are opened with O_DSYNC where the platform has it, so a batch is durable when its
 * write returns: one trip to the thread pool per commit instead of two (write, then fdatasync),
 * which halves commit latency when the event loop is busy. Elsewhere each write is followed by
 * fdatasync.
 */
const DSYNC = fsConstants.O_DSYNC;
const SEGMENT_FLAGS = fsConstants.O_WRONLY | fsConstants.O_APPEND | fsConstants.O_CREAT | (DSYNC ?? 0);

function openSegment(path: string): Promise<FileHandle> {
  return open(path, SEGMENT_FLAGS, 0o600);
}
const noop = () => {};

export class WalPersistence implements SandboxPersistence {
  private fh!: FileHandle;
  private seq = 0;
  private size = 0;
  private queue: Buffer[] = [];
  private waiters: Array<{ resolve: () => void; reject: (e: Error) => void }> = [];
  private scheduled = false;
  /** Serializes every operation on the active segment (batch writes, rolls, close). */
  private chain: Promise<void> = Promise.resolve();
  private failed: Error | undefined;
  private readonly stores = new Map<string, ObjectStore>();
  private readonly records = new Map<string, ClusterRecord>();
  /** The resourceVersion of each cluster's snapshot on disk, to skip clusters that did not change. */
  private readonly snapshotRV = new Map<string, number>();
  /** The last resourceVersion of deleted clusters by id; `retiredOnDisk` is what retired.json holds. */
  private readonly retired = new Map<string, number>();
  private retiredOnDisk = '{}';
  private compacting: Promise<void> | undefined;
  private closed = false;
  private readonly segmentBytes: number;
  private readonly intern: boolean;
  private readonly walDir: string;
  private readonly snapDir: string;

  private constructor(
    private readonly dir: string,
    options: WalOptions,
  ) {
    this.segmentBytes = options.segmentBytes ?? 64 * 1024 * 1024;
    this.intern = options.intern ?? true;
    this.walDir = join(dir, 'wal');
    this.snapDir = join(dir, 'snapshots');
  }

  static async open(dir: string, options: WalOptions = {}): Promise<WalPersistence> {
    const w = new WalPersistence(dir, options);
    mkdirSync(w.walDir, { recursive: true });
    mkdirSync(w.snapDir, { recursive: true });
    return w;
  }

  private segments(): number[] {
    return readdirSync(this.walDir)
      .filter((f) => /^\d{10}\.log$/.test(f))
      .map((f) => Number(f.slice(0, 10)))
      .sort((a, b) => a - b);
  }

  async recover(): Promise<RecoveredCluster[]> {
    const interner = this.intern ? new Interner() : undefined;
    const clusters = new Map<string, RecoveredCluster>();
    const retiredFile = join(this.dir, 'retired.json');
    if (existsSync(retiredFile)) {
      try {
        this.retiredOnDisk = readFileSync(retiredFile, 'utf8');
        for (const [id, rv] of Object.entries(JSON.parse(this.retiredOnDisk) as Record<string, number>)) this.retired.set(id, rv);
      } catch (e) {
        throw new WalDamagedError(`sandbox data is damaged: ${retiredFile} cannot be read (${(e as Error).message}); refusing to start`);
      }
    }
    for (const f of readdirSync(this.snapDir)) {
      if (f.endsWith('.tmp')) rmSync(join(this.snapDir, f), { force: true });
      if (!f.endsWith('.json')) continue;
      const file = join(this.snapDir, f);
      let snap: Snapshot;
      try {
        snap = JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
      } catch (e) {
        throw new WalDamagedError(`sandbox data is damaged: snapshot ${file} cannot be read (${(e as Error).message}); refusing to start`);
      }
      if (snap.record?.id !== f.slice(0, -5) || !Number.isInteger(snap.rv) || !Array.isArray(snap.resources)) {
        throw new WalDamagedError(`sandbox data is damaged: snapshot ${file} is not a snapshot of cluster ${f.slice(0, -5)}; refusing to start`);
      }
      if (interner) for (const [, objects] of snap.resources) for (let i = 0; i < objects.length; i++) objects[i] = interner.intern(objects[i]!);
      clusters.set(snap.record.id, { record: snap.record, snapshot: { rv: snap.rv, resources: snap.resources }, tail: [] });
    }
    const segs = this.segments();
    segs.forEach((seq, i) => {
      const file = join(this.walDir, segName(seq));
      const buf = readFileSync(file);
      const { records, end, torn, damaged } = decodeFrames(buf);
      if (torn) {
        const last = i === segs.length - 1;
        if (!last || damaged) {
          throw new WalDamagedError(
            `sandbox data is damaged: ${file} has a bad record at byte ${end} of ${buf.length}` +
              (last ? ' followed by intact records' : ' and is not the last log segment') +
              '; refusing to start rather than drop acknowledged writes (restore the data dir from a backup, or move it away to start empty)',
          );
        }
        // A write cut short by the crash: it was never acknowledged. The cut is made durable
        // before anything new is written, so this segment cannot later look damaged.
        truncateSync(file, end);
        fsyncPath(file);
      }
      for (const r of records) this.replayRecord(clusters, r, interner);
    });
    for (const c of clusters.values()) {
      this.records.set(c.record.id, c.record);
      if (c.snapshot) this.snapshotRV.set(c.record.id, c.snapshot.rv);
    }
    // New writes go to a fresh segment.
    this.seq = (segs[segs.length - 1] ?? 0) + 1;
    this.fh = await openSegment(join(this.walDir, segName(this.seq)));
    fsyncPath(this.walDir);
    // Snapshots of clusters deleted in the log are stale.
    for (const f of readdirSync(this.snapDir)) {
      if (f.endsWith('.json') && !clusters.has(f.slice(0, -5))) rmSync(join(this.snapDir, f), { force: true });
    }
    return [...clusters.values()];
  }

  private replayRecord(clusters: Map<string, RecoveredCluster>, r: WalRecord, interner: Interner | undefined): void {
    if (r.t === 'd') {
      clusters.delete(r.id);
      if (r.rv !== undefined) this.retired.set(r.id, Math.max(r.rv, this.retired.get(r.id) ?? 0));
      return;
    }
    let c = clusters.get(r.t === 'c' ? r.r.id : r.id);
    if (r.t === 'c') {
      // A creation record that a snapshot already covers (same incarnation: same signing key) was
      // kept in a segment that compaction had not removed yet; otherwise it starts the cluster over.
      if (!c?.snapshot || c.record.tokenKey !== r.r.tokenKey) clusters.set(r.r.id, (c = { record: r.r, tail: [] }));
    }
    if (!c) return;
    const floor = c.snapshot?.rv ?? 0;
    for (const e of r.e ?? []) {
      if (e.rv <= floor) continue;
      if (interner && e.object) e.object = interner.intern(e.object);
      c.tail.push(e);
    }
  }

  /** Runs `fn` after every earlier operation on the active segment. */
  private serial(fn: () => Promise<void>): Promise<void> {
    const p = this.chain.then(fn);
    this.chain = p.then(noop, noop);
    return p;
  }

  private append(record: WalRecord): Promise<void> {
    if (this.failed) return Promise.reject(this.failed);
    if (this.closed) return Promise.reject(new Error('sandbox persistence is closed'));
    this.queue.push(encodeFrame(JSON.stringify(record)));
    const p = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    if (!this.scheduled) {
      this.scheduled = true;
      // Everything appended until this runs (and while the previous batch is being synced)
      // shares one write and one fdatasync.
      setImmediate(() => void this.serial(() => this.writeQueued()));
    }
    return p;
  }

  private async writeQueued(): Promise<void> {
    this.scheduled = false;
    if (this.queue.length === 0) return;
    const batch = this.queue.length === 1 ? this.queue[0]! : Buffer.concat(this.queue);
    const waiters = this.waiters;
    this.queue = [];
    this.waiters = [];
    if (this.failed) {
      for (const w of waiters) w.reject(this.failed);
      return;
    }
    try {
      await writeFully(this.fh, batch);
      if (DSYNC === undefined) await this.fh.datasync();
    } catch (e) {
      // A log that cannot be written is fatal: acknowledging anything further would lie.
      this.failed = e as Error;
      for (const w of waiters) w.reject(this.failed);
      console.error('kubecamp sandbox: cannot write the write-ahead log; no further writes are accepted:', e);
      return;
    }
    this.size += batch.length;
    for (const w of waiters) w.resolve();
    if (this.size > this.segmentBytes && !this.compacting && !this.closed) {
      const old = await this.roll();
      if (old) this.startCheckpoint(old);
    }
  }

  /** Switches to a new segment (inside the serial chain); returns the segments before it. */
  private async roll(): Promise<number[] | undefined> {
    const old = this.segments().filter((s) => s <= this.seq);
    let next: FileHandle;
    try {
      next = await openSegment(join(this.walDir, segName(this.seq + 1)));
      fsyncPath(this.walDir);
    } catch (e) {
      console.error('kubecamp sandbox: cannot start a new log segment; the current one keeps growing:', e);
      return undefined;
    }
    const prev = this.fh;
    this.fh = next;
    this.seq++;
    this.size = 0;
    await prev.close();
    return old;
  }

  /** Queues a checkpoint after any running one (checkpoints never overlap). */
  private startCheckpoint(old: number[]): void {
    const p: Promise<void> = (this.compacting ?? Promise.resolve())
      .then(() => this.checkpoint(old))
      .catch((e: unknown) => console.error('kubecamp sandbox: compaction failed; the old log segments are kept:', e))
      .finally(() => {
        if (this.compacting === p) this.compacting = undefined;
      });
    this.compacting = p;
  }

  /** Snapshots every cluster that changed, removes stale snapshots, then the segments in `old`. */
  private async checkpoint(old: number[]): Promise<void> {
    for (const [id, store] of this.stores) {
      const record = this.records.get(id);
      if (!record) continue;
      const snap = store.snapshot();
      if (this.snapshotRV.get(id) === snap.rv) continue;
      const file = join(this.snapDir, `${id}.json`);
      await writeDurably(file, JSON.stringify({ record, rv: snap.rv, resources: snap.resources } satisfies Snapshot));
      if (this.records.get(id) !== record) {
        // Deleted (or deleted and re-created) while its snapshot was being written.
        await rm(file, { force: true });
        continue;
      }
      this.snapshotRV.set(id, snap.rv);
    }
    for (const f of readdirSync(this.snapDir)) {
      if (f.endsWith('.json') && !this.records.has(f.slice(0, -5))) await rm(join(this.snapDir, f), { force: true });
    }
    fsyncPath(this.snapDir);
    // Deletions in the old segments are remembered here once those segments are gone.
    const retired = JSON.stringify(Object.fromEntries(this.retired));
    if (retired !== this.retiredOnDisk) {
      await writeDurably(join(this.dir, 'retired.json'), retired);
      fsyncPath(this.dir);
      this.retiredOnDisk = retired;
    }
    for (const seq of old) await rm(join(this.walDir, segName(seq)), { force: true });
    fsyncPath(this.walDir);
  }

  addCluster(record: ClusterRecord, store: ObjectStore, entries: JournalEntry[]): { journal: StoreJournal; durable: Promise<void> } {
    this.records.set(record.id, record);
    this.snapshotRV.delete(record.id);
    const journal = this.attach(record.id, store);
    return { journal, durable: this.append({ t: 'c', r: record, e: entries }) };
  }

  retiredVersion(id: string): number | undefined {
    return this.retired.get(id);
  }

  async clusterDeleted(id: string, lastRV: number): Promise<void> {
    this.records.delete(id);
    this.stores.delete(id);
    this.snapshotRV.delete(id);
    this.retired.set(id, Math.max(lastRV, this.retired.get(id) ?? 0));
    await this.append({ t: 'd', id, rv: lastRV });
    await rm(join(this.snapDir, `${id}.json`), { force: true });
  }

  attach(id: string, store: ObjectStore): StoreJournal {
    this.stores.set(id, store);
    return { append: (entries) => this.append({ t: 'w', id, e: entries }) };
  }

  /** Rolls to a new segment, snapshots every changed cluster, then drops the old segments. */
  async compact(): Promise<void> {
    let old: number[] | undefined;
    await this.serial(async () => {
      old = await this.roll();
    });
    if (old) this.startCheckpoint(old);
    while (this.compacting) await this.compacting;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    while (this.compacting) await this.compacting;
    this.closed = true;
    // Whatever was appended before closing is written, then the segment is closed.
    await this.serial(() => this.writeQueued());
    await this.serial(() => this.fh.close());
  }
}

/** Writes a file so that it is either absent or whole after a crash. */
async function writeDurably(file: string, text: string): Promise<void> {
  const tmp = `${file}.tmp`;
  const fh = await open(tmp, 'w', 0o600);
  try {
    await fh.writeFile(text);
    await fh.sync();
  } finally {
    await fh.close();
  }
  await rename(tmp, file);
}
