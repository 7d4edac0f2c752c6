// Test fixtures for the workload controllers' plan functions: pods and ReplicaSets as the store
// would hold them, with only the fields a test cares about spelled out.
import type { StoredPod } from './pods.ts';

const T0 = Date.parse('2026-01-01T00:00:00Z');

export const at = (seconds: number) => `${new Date(T0 + seconds * 1000).toISOString().slice(0, 19)}Z`;
export const ms = (seconds: number) => T0 + seconds * 1000;

export interface PodFixture {
  name: string;
  labels?: Record<string, string>;
  phase?: string;
  ready?: boolean;
  /** Seconds after T0 the pod became Ready. */
  readySince?: number;
  created?: number;
  node?: string;
  owner?: { kind: string; name: string; uid: string };
  deleting?: boolean;
  restarts?: number;
  annotations?: Record<string, string>;
}

export function pod(f: PodFixture): StoredPod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: f.name,
      namespace: 'default',
      uid: `uid-${f.name}`,
      resourceVersion: '1',
      labels: f.labels ?? { app: 'web' },
      annotations: f.annotations,
      creationTimestamp: at(f.created ?? 0),
      deletionTimestamp: f.deleting ? at(100) : undefined,
      ownerReferences: f.owner ? [{ apiVersion: 'apps/v1', ...f.owner, controller: true }] : undefined,
    },
    spec: { containers: [{ name: 'c', image: 'nginx' }], nodeName: f.node },
    status: {
      phase: f.phase ?? 'Running',
      conditions: [{ type: 'Ready', status: f.ready === false ? 'False' : f.phase === 'Pending' ? 'False' : 'True', lastTransitionTime: at(f.readySince ?? 0) }],
      containerStatuses: [{ name: 'c', image: 'nginx', imageID: '', ready: f.ready !== false, restartCount: f.restarts ?? 0 }],
    },
  } as StoredPod;
}
