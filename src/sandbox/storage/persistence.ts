// Where clusters outlive the process. The sandbox asks a SandboxPersistence to make each write
// durable before it is acknowledged, and to hand everything back after a restart or a crash.
// `memoryPersistence` keeps nothing (tests, `course test`); the write-ahead log in wal.ts keeps
// everything in the data dir.
import type { StoredObject } from '../../apimachinery/object.ts';
import type { ClusterRecord } from '../cluster.ts';
import { type JournalEntry, memoryJournal, type ObjectStore, type StoreJournal } from './object-store.ts';

export interface RecoveredCluster {
  record: ClusterRecord;
  /** The latest snapshot's objects, if any, and the resourceVersion it was taken at. */
  snapshot?: { rv: number; resources: Array<[string, StoredObject[]]> };
  /** Journal entries after the snapshot, in resourceVersion order. */
  tail: JournalEntry[];
}

export interface SandboxPersistence {
  /** Everything durable, cluster by cluster. Called once, before anything else. */
  recover(): Promise<RecoveredCluster[]>;
  /**
   * Records a new cluster together with its first objects (`entries`, already applied to `store`)
   * in one durable step, so a crash leaves the cluster either whole or absent. Returns the
   * cluster's journal for later writes and a promise that resolves once the creation is durable.
   */
  addCluster(record: ClusterRecord, store: ObjectStore, entries: JournalEntry[]): { journal: StoreJournal; durable: Promise<void> };
  /** The journal of a recovered cluster; the store is attached so snapshots can be taken from it. */
  attach(id: string, store: ObjectStore): StoreJournal;
  /** Records a cluster's removal durably, with the last resourceVersion it handed out. */
  clusterDeleted(id: string, lastRV: number): Promise<void>;
  /**
   * The last resourceVersion of a deleted cluster with this id, if one existed: a cluster created
   * again under the id continues above it.
   */
  retiredVersion(id: string): number | undefined;
  /** Makes everything written so far durable and releases the data dir. */
  close(): Promise<void>;
}

/**
 * Loads a recovered cluster into an empty store: snapshot state, then the journal tail replayed in
 * order (which rebuilds the watch window), then `skip` resourceVersions left unused, so a version a
 * client saw before a crash but that never became durable is never handed out again.
 */
export function restoreStore(store: ObjectStore, recovered: RecoveredCluster, skip: number): void {
  if (recovered.snapshot) store.load(recovered.snapshot.rv, recovered.snapshot.resources);
  for (const e of recovered.tail) store.replay(e);
  store.resume(skip);
}

export function memoryPersistence(): SandboxPersistence {
  const retired = new Map<string, number>();
  return {
    recover: () => Promise.resolve([]),
    addCluster: () => ({ journal: memoryJournal, durable: Promise.resolve() }),
    attach: () => memoryJournal,
    clusterDeleted: (id, lastRV) => {
      retired.set(id, lastRV);
      return Promise.resolve();
    },
    retiredVersion: (id) => retired.get(id),
    close: () => Promise.resolve(),
  };
}
