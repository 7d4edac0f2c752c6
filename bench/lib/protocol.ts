// Messages between the benchmark and the sandbox process it measures (Node IPC).
import type { Summary } from './stats.ts';

export type Command =
  | { id: number; cmd: 'create'; count: number }
  | { id: number; cmd: 'memory' }
  | { id: number; cmd: 'record'; on: boolean }
  | { id: number; cmd: 'samples' }
  | { id: number; cmd: 'clusters' }
  | { id: number; cmd: 'cpu' }
  | { id: number; cmd: 'profile'; on: boolean; file?: string }
  | { id: number; cmd: 'stop' }
  /** Simulation: deploy the idle workload in every cluster. */
  | { id: number; cmd: 'workload' }
  /** Simulation: how many clusters have their idle workload ready. */
  | { id: number; cmd: 'converged' }
  /** Simulation: time `count` 10-replica Deployment rollouts, one after another, after one warm-up rollout. */
  | { id: number; cmd: 'rollout'; count: number };

export interface ClusterCredentials {
  id: string;
  token: string;
}

export interface MemoryReport {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
  clusters: number;
  objects: number;
  byResource: Record<string, number>;
}

export type Reply =
  | { id: number; ok: true; created: ClusterCredentials[]; ms: number[] }
  | { id: number; ok: true; memory: MemoryReport }
  | { id: number; ok: true; samples: Record<string, Summary> }
  | { id: number; ok: true; clusters: ClusterCredentials[] }
  | { id: number; ok: true; cpu: { user: number; system: number } }
  | { id: number; ok: true; ready: number; pods: number }
  | { id: number; ok: true; rollouts: number[] }
  | { id: number; ok: true }
  | { id: number; ok: false; error: string };

export interface Ready {
  ready: true;
  url: string;
  caPem: string;
  adminToken: string;
  /** Sandbox.start() (recovery included), ms. */
  startMs: number;
  clusters: number;
}
