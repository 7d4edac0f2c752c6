// Durable sandbox state: one write-ahead log for all clusters (group commit: every write in a
// batch shares one fdatasync) plus per-cluster snapshots that let old log segments go.
//
//   <dir>/wal/0000000001.log   frames: u32 length | u32 crc32(payload) | payload (JSON)
//   <dir>/snapshots/<id>.json  a cluster's record and every object at one resourceVersion
//
// A write is acknowledged only once its frame is on disk. Recovery loads the snapshots, then
// replays the log; a torn frame at the end of the last segment (a crash mid-write) is cut off,
// so a crash never leaves a half-written object. Damage anywhere else stops start-up loudly.
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, truncateSync } from 'node:fs';
import { type FileHandle, open, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import type { StoredObject } from '../../apimachinery/object.ts';
import type { ClusterRecord } from '../cluster.ts';
import type { JournalEntry, ObjectStore, StoreJournal } from './object-store.ts';
import type { RecoveredCluster, SandboxPersistence } from './persistence.ts';

type WalRecord =
  | { t: 'c'; r: ClusterRecord }
  | { t: 'd'; id: string }
  | { t: 'w'; id: string; e: JournalEntry[] };

interface Snapshot {
  record: ClusterRecord;
  rv: number;
  resources: Array<[string, StoredObject[]]>;
}

export interface WalOptions {
  /** Roll to a new segment (and snapshot) once the active one exceeds this many bytes. */
  segmentBytes?: number;
}

const HEADER = 8;

export function encodeFrame(payload: string): Buffer {
  const body = Buffer.from(payload, 'utf8');
  const frame = Buffer.allocUnsafe(HEADER + body.length);
  frame.writeUInt32LE(body.length, 0);
  frame.writeUInt32LE(crc32(body), 4);
  body.copy(frame, HEADER);
  return frame;
}

/** Decodes frames; returns the records and the offset just after the last intact frame. */
export function decodeFrames(buf: Buffer): { records: WalRecord[]; end: number; torn: boolean } {
  const records: WalRecord[] = [];
  let off = 0;
  while (off < buf.length) {
    if (buf.length - off < HEADER) return { records, end: off, torn: true };
    const len = buf.readUInt32LE(off);
    const sum = buf.readUInt32LE(off + 4);
    if (buf.length - off - HEADER < len) return { records, end: off, torn: true };
    const body = buf.subarray(off + HEADER, off + HEADER + len);
    if (crc32(body) !== sum) return { records, end: off, torn: true };
    try {
      records.push(JSON.parse(body.toString('utf8')) as WalRecord);
    } catch {
      return { records, end: off, torn: true };
    }
    off += HEADER + len;
  }
  return { records, end: off, torn: false };
}

function fsyncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

const segName = (seq: number) => `${String(seq).padStart(10, '0')}.log`;

export class WalPersistence implements SandboxPersistence {
  private fh!: FileHandle;
  private seq = 0;
  private size = 0;
  private queue: Buffer[] = [];
  private waiters: Array<{ resolve: () => void; reject: (e: Error) => void }> = [];
  private flushing = false;
  private scheduled = false;
  private failed: Error | undefined;
  private readonly stores = new Map<string, ObjectStore>();
  private readonly records = new Map<string, ClusterRecord>();
  private compacting: Promise<void> | undefined;
  private closed = false;
  private readonly segmentBytes: number;

  private constructor(
    private readonly dir: string,
    options: WalOptions,
  ) {
    this.segmentBytes = options.segmentBytes ?? 64 * 1024 * 1024;
  }

  static async open(dir: string, options: WalOptions = {}): Promise<WalPersistence> {
    const w = new WalPersistence(dir, options);
    mkdirSync(join(dir, 'wal'), { recursive: true });
    mkdirSync(join(dir, 'snapshots'), { recursive: true });
    return w;
  }

  private segments(): number[] {
    return readdirSync(join(this.dir, 'wal'))
      .filter((f) => /^\d{10}\.log$/.test(f))
      .map((f) => Number(f.slice(0, 10)))
      .sort((a, b) => a - b);
  }

  async recover(): Promise<RecoveredCluster[]> {
    const clusters = new Map<string, RecoveredCluster>();
    for (const f of readdirSync(join(this.dir, 'snapshots'))) {
      if (!f.endsWith('.json')) continue;
      const snap = JSON.parse(readFileSync(join(this.dir, 'snapshots', f), 'utf8')) as Snapshot;
      clusters.set(snap.record.id, { record: snap.record, snapshot: { rv: snap.rv, resources: snap.resources }, tail: [] });
    }
    const segs = this.segments();
    segs.forEach((seq, i) => {
      const file = join(this.dir, 'wal', segName(seq));
      const buf = readFileSync(file);
      const { records, end, torn } = decodeFrames(buf);
      if (torn) {
        if (i !== segs.length - 1) {
          throw new Error(`sandbox data is damaged: ${file} has a bad record at byte ${end} (not at the end of the log); refusing to start`);
        }
        truncateSync(file, end);
      }
      for (const r of records) {
        if (r.t === 'c') clusters.set(r.r.id, { record: r.r, tail: [] });
        else if (r.t === 'd') clusters.delete(r.id);
        else {
          const c = clusters.get(r.id);
          if (!c) continue;
          const floor = c.snapshot?.rv ?? 0;
          for (const e of r.e) if (e.rv > floor) c.tail.push(e);
        }
      }
    });
    for (const c of clusters.values()) this.records.set(c.record.id, c.record);
    // New writes go to a fresh segment.
    this.seq = (segs[segs.length - 1] ?? 0) + 1;
    await this.openSegment();
    // Snapshots of clusters deleted in the log are stale.
    for (const f of readdirSync(join(this.dir, 'snapshots'))) {
      const id = f.replace(/\.json$/, '');
      if (f.endsWith('.json') && !clusters.has(id)) rmSync(join(this.dir, 'snapshots', f), { force: true });
    }
    return [...clusters.values()];
  }

  private async openSegment(): Promise<void> {
    this.fh = await open(join(this.dir, 'wal', segName(this.seq)), 'a');
    this.size = 0;
    fsyncDir(join(this.dir, 'wal'));
  }

  private append(record: WalRecord): Promise<void> {
    if (this.failed) return Promise.reject(this.failed);
    if (this.closed) return Promise.reject(new Error('sandbox persistence is closed'));
    this.queue.push(encodeFrame(JSON.stringify(record)));
    const p = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    this.schedule();
    return p;
  }

  private schedule(): void {
    if (this.flushing || this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    if (this.flushing || this.queue.length === 0) return;
    this.flushing = true;
    const batch = Buffer.concat(this.queue);
    const waiters = this.waiters;
    this.queue = [];
    this.waiters = [];
    try {
      await this.fh.write(batch);
      await this.fh.datasync();
      this.size += batch.length;
      for (const w of waiters) w.resolve();
    } catch (e) {
      // A log that cannot be written is fatal: acknowledging anything further would lie.
      this.failed = e as Error;
      for (const w of waiters) w.reject(this.failed);
      for (const w of this.waiters) w.reject(this.failed);
      console.error('kubecamp sandbox: cannot write the write-ahead log:', e);
    } finally {
      this.flushing = false;
    }
    if (this.size > this.segmentBytes && !this.compacting) this.compacting = this.compact().finally(() => (this.compacting = undefined));
    if (this.queue.length) this.schedule();
  }

  clusterCreated(record: ClusterRecord): Promise<void> {
    this.records.set(record.id, record);
    return this.append({ t: 'c', r: record });
  }

  async clusterDeleted(id: string): Promise<void> {
    this.records.delete(id);
    this.stores.delete(id);
    await this.append({ t: 'd', id });
    rmSync(join(this.dir, 'snapshots', `${id}.json`), { force: true });
  }

  attach(id: string, store: ObjectStore): StoreJournal {
    this.stores.set(id, store);
    return { append: (entries) => this.append({ t: 'w', id, e: entries }) };
  }

  /** Rolls to a new segment, snapshots every cluster, then drops the old segments. */
  async compact(): Promise<void> {
    const old = this.segments();
    await this.fh.close();
    this.seq++;
    await this.openSegment();
    for (const [id, store] of this.stores) {
      const record = this.records.get(id);
      if (!record) continue;
      const snap = store.snapshot();
      await this.writeSnapshot({ record, rv: snap.rv, resources: snap.resources });
      await new Promise((r) => setImmediate(r));
    }
    fsyncDir(join(this.dir, 'snapshots'));
    for (const seq of old) rmSync(join(this.dir, 'wal', segName(seq)), { force: true });
  }

  private async writeSnapshot(s: Snapshot): Promise<void> {
    const file = join(this.dir, 'snapshots', `${s.record.id}.json`);
    const tmp = `${file}.tmp`;
    await writeFile(tmp, JSON.stringify(s));
    const fd = openSync(tmp, 'r+');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, file);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.compacting;
    while (this.queue.length || this.flushing) {
      await this.flush();
      if (this.flushing) await new Promise((r) => setImmediate(r));
    }
    this.closed = true;
    await this.fh.close();
  }

  /** For tests: whether a data dir holds sandbox state. */
  static exists(dir: string): boolean {
    return existsSync(join(dir, 'wal'));
  }
}
