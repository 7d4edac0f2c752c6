// Where clusters outlive the process. The sandbox asks a SandboxPersistence to make each write
// durable before it is acknowledged, and to hand everything back after a restart or a crash.
// `memoryPersistence` keeps nothing (tests, `course test`); the write-ahead log in wal.ts keeps
// everything in the data dir.
import type { StoredObject } from '../../apimachinery/object.ts';
import type { ClusterRecord } from '../cluster.ts';
import type { JournalEntry, ObjectStore, StoreJournal } from './object-store.ts';

export interface RecoveredCluster {
  record: ClusterRecord;
  /** The latest snapshot's objects, if any, and the resourceVersion it was taken at. */
  snapshot?: { rv: number; resources: Array<[string, StoredObject[]]> };
  /** Journal entries after the snapshot, in order. */
  tail: JournalEntry[];
}

export interface SandboxPersistence {
  /** Everything durable, cluster by cluster. */
  recover(): Promise<RecoveredCluster[]>;
  /** Records a new cluster durably. */
  clusterCreated(record: ClusterRecord): Promise<void>;
  /** Records a cluster's removal durably. */
  clusterDeleted(id: string): Promise<void>;
  /** The journal of one cluster; the store is attached so snapshots can be taken from it. */
  attach(id: string, store: ObjectStore): StoreJournal;
  close(): Promise<void>;
}

export function memoryPersistence(): SandboxPersistence {
  const journal: StoreJournal = { append: () => Promise.resolve() };
  return {
    recover: () => Promise.resolve([]),
    clusterCreated: () => Promise.resolve(),
    clusterDeleted: () => Promise.resolve(),
    attach: () => journal,
    close: () => Promise.resolve(),
  };
}
