// One cluster's object store: every object of every resource, one monotonic resourceVersion
// sequence, and the recent-events window that watches resume from.
//
// Writes apply to memory at once (so the next request sees them) and are handed to the journal;
// watchers over HTTP receive an event only once the journal reports the write durable, in
// resourceVersion order. In-process observers (controllers) hear of a write synchronously.
// Stored objects are never mutated: a write always stores a new object.
import { serviceUnavailable } from '../../apimachinery/errors.ts';
import { deepFreeze, FREEZE_STORED, type StoredObject } from '../../apimachinery/object.ts';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoreEvent {
  type: WatchEventType;
  rv: number;
  /** Qualified resource: `pods`, `deployments.apps`. */
  resource: string;
  key: string;
  namespace: string | undefined;
  object: StoredObject;
  /** The object before the change, for MODIFIED and DELETED. */
  prev?: StoredObject;
}

export type WriteOp =
  | { type: 'create'; resource: string; object: StoredObjectDraft }
  | { type: 'update'; resource: string; object: StoredObjectDraft }
  | { type: 'delete'; resource: string; namespace: string | undefined; name: string };

/** An object about to be stored: the store assigns metadata.resourceVersion. */
export type StoredObjectDraft = Omit<StoredObject, 'metadata'> & {
  metadata: Omit<StoredObject['metadata'], 'resourceVersion'> & { resourceVersion?: string };
};

export interface JournalEntry {
  rv: number;
  op: 'put' | 'delete';
  resource: string;
  key: string;
  object?: StoredObject;
}

/** Where writes become durable. `append` resolves once the entries survive a crash. */
export interface StoreJournal {
  append(entries: JournalEntry[]): Promise<void>;
}

export const memoryJournal: StoreJournal = { append: () => Promise.resolve() };

export interface WatchFilter {
  resource: string;
  namespace?: string;
}

export interface WatchRegistration {
  cancel(): void;
}

export class ExpiredError extends Error {
  constructor(
    readonly requested: number,
    readonly oldest: number,
  ) {
    super(`too old resource version: ${requested} (${oldest})`);
  }
}

interface Table {
  objects: Map<string, StoredObject>;
  sorted: string[] | null;
}

interface Watcher {
  filter: WatchFilter;
  deliver: (ev: StoreEvent) => void;
  /** Events at or below this rv were replayed from the window and must not be delivered twice. */
  after: number;
}

export interface ObjectStoreOptions {
  journal?: StoreJournal;
  /** How many recent events a watch can resume from. */
  eventWindow?: number;
  /** The resourceVersion to continue from (after recovery). */
  initialRV?: number;
}

export function keyOf(namespace: string | undefined, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}

export class ObjectStore {
  /** Set when the sandbox stops: writes after that (timers of stopping controllers) are refused. */
  private closed = false;
  private rv: number;
  private readonly tables = new Map<string, Table>();
  private journal: StoreJournal;
  private readonly window: StoreEvent[] = [];
  private readonly windowSize: number;
  /** Watches may resume from any rv >= windowStart. */
  private windowStart: number;
  /**
   * Versions no durable state corresponds to (open intervals): the block skipped at each restart,
   * which may hold versions a client saw before a crash but that were never made durable. A watch
   * from inside one must relist.
   */
  private readonly gaps: Array<{ from: number; to: number }> = [];
  private readonly watchers = new Map<string, Set<Watcher>>();
  private readonly observers = new Set<(ev: StoreEvent) => void>();
  /** Events whose journal write is in flight, delivered in order once durable. */
  private pending: Promise<void> = Promise.resolve();
  /** The highest resourceVersion already delivered to watchers. */
  private lastDispatched: number;

  constructor(options: ObjectStoreOptions = {}) {
    this.journal = options.journal ?? memoryJournal;
    this.windowSize = options.eventWindow ?? 1000;
    this.rv = options.initialRV ?? 0;
    this.windowStart = this.rv;
    this.lastDispatched = this.rv;
  }

  /** Connects the store to its durable journal (after recovery has loaded it). */
  setJournal(journal: StoreJournal): void {
    this.journal = journal;
  }

  currentRV(): number {
    return this.rv;
  }

  private table(resource: string): Table {
    let t = this.tables.get(resource);
    if (!t) this.tables.set(resource, (t = { objects: new Map(), sorted: null }));
    return t;
  }

  get(resource: string, namespace: string | undefined, name: string): StoredObject | undefined {
    return this.tables.get(resource)?.objects.get(keyOf(namespace, name));
  }

  /** Objects of a resource sorted by key (namespace/name), optionally in one namespace. */
  list(resource: string, namespace?: string): StoredObject[] {
    const t = this.tables.get(resource);
    if (!t) return [];
    if (!t.sorted) t.sorted = [...t.objects.keys()].sort();
    const out: StoredObject[] = [];
    if (namespace) {
      const prefix = `${namespace}/`;
      let lo = 0;
      let hi = t.sorted.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (t.sorted[mid]! < prefix) lo = mid + 1;
        else hi = mid;
      }
      for (let i = lo; i < t.sorted.length; i++) {
        const k = t.sorted[i]!;
        if (!k.startsWith(prefix)) break;
        out.push(t.objects.get(k)!);
      }
      return out;
    }
    for (const k of t.sorted) out.push(t.objects.get(k)!);
    return out;
  }

  count(resource: string): number {
    return this.tables.get(resource)?.objects.size ?? 0;
  }

  /** Every resource that holds at least one object. */
  resources(): string[] {
    return [...this.tables.entries()].filter(([, t]) => t.objects.size > 0).map(([r]) => r);
  }

  /** Refuses every later write (503), so nothing reaches a closed journal. */
  close(): void {
    this.closed = true;
  }

  /**
   * Applies the operations in order, each with its own resourceVersion. The caller has checked
   * preconditions (existence, conflicts). Returns the stored objects (for deletes, the object as it
   * was, stamped with the deletion's resourceVersion) and a promise that resolves once durable.
   */
  write(ops: WriteOp[]): { results: StoredObject[]; durable: Promise<void> } {
    if (this.closed) throw serviceUnavailable('the sandbox is shutting down');
    const { entries, events, results } = this.apply(ops);
    for (const ev of events) for (const o of this.observers) o(ev);
    const appended = this.journal.append(entries);
    const durable = (this.pending = this.pending.then(
      () => appended,
      () => appended,
    )).then(() => {
      for (const ev of events) this.dispatch(ev);
      if (events.length) this.lastDispatched = events[events.length - 1]!.rv;
    });
    return { results, durable };
  }

  /**
   * Fills a new store that nobody watches yet (a cluster's bootstrap objects) without the journal:
   * the caller makes the returned entries durable as part of the cluster's creation record. The
   * sequence continues after `startRV` (the versions up to it belong to an earlier cluster, and a
   * watch from one of them gets 410 Expired).
   */
  seed(ops: WriteOp[], startRV = 0): JournalEntry[] {
    if (this.rv !== 0 || this.watchers.size) throw new Error('internal: seed of a store in use');
    this.rv = startRV;
    this.windowStart = startRV > 0 ? startRV + 1 : 0;
    const { entries } = this.apply(ops);
    this.lastDispatched = this.rv;
    return entries;
  }

  private apply(ops: WriteOp[]): { entries: JournalEntry[]; events: StoreEvent[]; results: StoredObject[] } {
    this.checkPreconditions(ops);
    const entries: JournalEntry[] = [];
    const events: StoreEvent[] = [];
    const results: StoredObject[] = [];
    for (const op of ops) {
      const rv = ++this.rv;
      const t = this.table(op.resource);
      if (op.type === 'delete') {
        const key = keyOf(op.namespace, op.name);
        const prev = t.objects.get(key)!;
        t.objects.delete(key);
        t.sorted = null;
        const obj = { ...prev, metadata: { ...prev.metadata, resourceVersion: String(rv) } } as StoredObject;
        if (FREEZE_STORED) deepFreeze(obj);
        entries.push({ rv, op: 'delete', resource: op.resource, key });
        events.push({ type: 'DELETED', rv, resource: op.resource, key, namespace: op.namespace, object: obj, prev });
        results.push(obj);
      } else {
        const meta = op.object.metadata;
        const key = keyOf(meta.namespace, meta.name);
        const prev = t.objects.get(key);
        const obj = { ...op.object, metadata: { ...meta, resourceVersion: String(rv) } } as StoredObject;
        if (FREEZE_STORED) deepFreeze(obj);
        t.objects.set(key, obj);
        if (!prev) t.sorted = null;
        entries.push({ rv, op: 'put', resource: op.resource, key, object: obj });
        events.push({
          type: prev ? 'MODIFIED' : 'ADDED',
          rv,
          resource: op.resource,
          key,
          namespace: meta.namespace || undefined,
          object: obj,
          prev,
        });
        results.push(obj);
      }
    }
    for (const ev of events) this.remember(ev);
    return { entries, events, results };
  }

  /**
   * Checks a batch before anything is applied, so a batch that would fail leaves the store (and
   * the journal) untouched rather than half-applied.
   */
  private checkPreconditions(ops: WriteOp[]): void {
    if (ops.length === 1) {
      const op = ops[0]!;
      const key = op.type === 'delete' ? keyOf(op.namespace, op.name) : keyOf(op.object.metadata.namespace, op.object.metadata.name);
      this.checkOp(op, key, this.tables.get(op.resource)?.objects.has(key) ?? false);
      return;
    }
    const exists = new Map<string, boolean>();
    for (const op of ops) {
      const key = op.type === 'delete' ? keyOf(op.namespace, op.name) : keyOf(op.object.metadata.namespace, op.object.metadata.name);
      const id = `${op.resource}\u0000${key}`;
      this.checkOp(op, key, exists.get(id) ?? this.tables.get(op.resource)?.objects.has(key) ?? false);
      exists.set(id, op.type !== 'delete');
    }
  }

  private checkOp(op: WriteOp, key: string, exists: boolean): void {
    if (op.type === 'create' && exists) throw new Error(`internal: create of existing ${op.resource} ${key}`);
    if (op.type !== 'create' && !exists) throw new Error(`internal: ${op.type} of missing ${op.resource} ${key}`);
  }

  /**
   * Recovery, step 1: the objects of a snapshot taken at `rv`. The snapshot holds state, not
   * history, so watches can resume from `rv` onwards only.
   */
  load(rv: number, resources: Array<[string, StoredObject[]]>): void {
    for (const [resource, objects] of resources) {
      const t = this.table(resource);
      for (const o of objects) {
        if (FREEZE_STORED) deepFreeze(o);
        t.objects.set(keyOf(o.metadata.namespace, o.metadata.name), o);
      }
      t.sorted = null;
    }
    this.rv = rv;
    this.windowStart = rv;
    this.lastDispatched = rv;
  }

  /**
   * Recovery, step 2: re-applies one journal entry (entries come in resourceVersion order). The
   * watch window is rebuilt from them, so a watch from a retained version gets exactly the events
   * after it. A jump in the sequence is a block skipped at an earlier restart.
   */
  replay(entry: JournalEntry): void {
    if (entry.rv <= this.rv) throw new Error(`internal: replay of resourceVersion ${entry.rv} after ${this.rv}`);
    if (entry.rv > this.rv + 1) this.gaps.push({ from: this.rv, to: entry.rv - 1 });
    const t = this.table(entry.resource);
    const prev = t.objects.get(entry.key);
    if (entry.op === 'put') {
      const object = entry.object!;
      if (FREEZE_STORED) deepFreeze(object);
      t.objects.set(entry.key, object);
      if (!prev) t.sorted = null;
      this.remember({ type: prev ? 'MODIFIED' : 'ADDED', rv: entry.rv, resource: entry.resource, key: entry.key, namespace: object.metadata.namespace || undefined, object, prev });
    } else if (prev) {
      t.objects.delete(entry.key);
      t.sorted = null;
      const object = { ...prev, metadata: { ...prev.metadata, resourceVersion: String(entry.rv) } } as StoredObject;
      if (FREEZE_STORED) deepFreeze(object);
      this.remember({ type: 'DELETED', rv: entry.rv, resource: entry.resource, key: entry.key, namespace: prev.metadata.namespace || undefined, object, prev });
    }
    this.rv = entry.rv;
    this.lastDispatched = entry.rv;
  }

  /**
   * Recovery, step 3: continues the sequence `skip` versions past the last durable one. Versions
   * handed out before the crash but never made durable are never reused; a watch from one of them
   * gets 410 Expired and relists.
   */
  resume(skip: number): void {
    for (let i = this.gaps.length - 1; i >= 0; i--) if (this.gaps[i]!.to <= this.windowStart) this.gaps.splice(i, 1);
    if (skip > 1) this.gaps.push({ from: this.rv, to: this.rv + skip });
    this.rv += skip;
    this.lastDispatched = this.rv;
  }

  /** Starts a snapshot of the store at a resourceVersion: all objects (for persistence). */
  snapshot(): { rv: number; resources: Array<[string, StoredObject[]]> } {
    const resources: Array<[string, StoredObject[]]> = [];
    for (const [r, t] of this.tables) if (t.objects.size) resources.push([r, [...t.objects.values()]]);
    return { rv: this.rv, resources };
  }

  private remember(ev: StoreEvent): void {
    this.window.push(ev);
    if (this.window.length > this.windowSize) {
      const dropped = this.window.shift()!;
      this.windowStart = dropped.rv;
    }
  }

  private dispatch(ev: StoreEvent): void {
    const set = this.watchers.get(ev.resource);
    if (!set) return;
    for (const w of set) {
      if (ev.rv <= w.after) continue;
      if (w.filter.namespace && w.filter.namespace !== ev.namespace) continue;
      w.deliver(ev);
    }
  }

  /** Synchronous notification of every write, before durability (for in-process controllers). */
  observe(handler: (ev: StoreEvent) => void): () => void {
    this.observers.add(handler);
    return () => this.observers.delete(handler);
  }

  /**
   * Watches a resource from `fromRV` (exclusive): events from the window are replayed first.
   * Throws ExpiredError when `fromRV` is older than the window or falls in a post-crash gap.
   * With `fromRV` undefined the watch starts at the current version with no replay.
   */
  watch(filter: WatchFilter, fromRV: number | undefined, deliver: (ev: StoreEvent) => void): WatchRegistration {
    const start = fromRV ?? this.rv;
    if (fromRV !== undefined) {
      const inGap = this.gaps.some((g) => fromRV > g.from && fromRV < g.to);
      if (fromRV < this.windowStart || fromRV > this.rv || inGap) throw new ExpiredError(fromRV, this.windowStart + 1);
    }
    const w: Watcher = { filter, deliver, after: 0 };
    // Replay durable history: anything in the window after `start` that is already dispatched.
    // Events still in flight (not yet durable) will be dispatched to this watcher when they land.
    let set = this.watchers.get(filter.resource);
    if (!set) this.watchers.set(filter.resource, (set = new Set()));
    set.add(w);
    for (const ev of this.window) {
      if (ev.rv <= start || ev.resource !== filter.resource) continue;
      if (ev.rv > this.lastDispatched) break;
      if (filter.namespace && filter.namespace !== ev.namespace) continue;
      deliver(ev);
    }
    w.after = Math.max(start, this.lastDispatched);
    return {
      cancel: () => {
        set!.delete(w);
      },
    };
  }
}
