// The ReplicaSet controller's pure steps (upstream pkg/controller/replicaset/replica_set.go):
// claiming pods by selector (adopt orphans, release pods that no longer match), how many pods to
// create or which to delete, slow-start batch sizes, and the status the controller reports.
// ReplicationControllers share all of it, as upstream.
import type { Selector } from '../../../apimachinery/labels.ts';
import { rfc3339 } from '../../registry/core/pod/conditions.ts';
import { podsToDelete } from './pod-ranking.ts';
import { controllerOf, isPodActive, isPodAvailable, isPodReady, isPodTerminating, podAvailableAt, type StoredPod } from './pods.ts';

/** Upstream BurstReplicas: at most this many pods are created or deleted per sync. */
export const BURST_REPLICAS = 500;

export interface ReplicaSetCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
}

/** What the controller reads of a ReplicaSet (or ReplicationController). */
export interface ReplicaSetView {
  metadata: { name: string; uid: string; generation?: number; deletionTimestamp?: string };
  spec?: { replicas?: number; minReadySeconds?: number; template?: { metadata?: { labels?: Record<string, string> } } };
  status?: ReplicaSetStatus;
}

export interface ReplicaSetStatus {
  replicas: number;
  fullyLabeledReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  terminatingReplicas?: number;
  observedGeneration?: number;
  conditions?: ReplicaSetCondition[];
}

export interface PodClaim {
  /** Pods this ReplicaSet controls after the claim (adopted ones included). */
  owned: StoredPod[];
  adopt: StoredPod[];
  release: StoredPod[];
}

/** ClaimPods: orphans matching the selector are adopted; owned pods that stopped matching are released. */
export function claimPods(rs: ReplicaSetView, selector: Selector, pods: StoredPod[]): PodClaim {
  const out: PodClaim = { owned: [], adopt: [], release: [] };
  const deleting = !!rs.metadata.deletionTimestamp;
  for (const pod of pods) {
    const ref = controllerOf(pod);
    const matches = selector.matches(pod.metadata.labels);
    if (ref) {
      if (ref.uid !== rs.metadata.uid) continue;
      if (matches || deleting) out.owned.push(pod);
      else out.release.push(pod);
    } else if (matches && !deleting && !pod.metadata.deletionTimestamp) {
      out.adopt.push(pod);
      out.owned.push(pod);
    }
  }
  return out;
}

export interface ManagePlan {
  create: number;
  delete: StoredPod[];
}

/** manageReplicas: the difference between active pods and spec.replicas, capped at BURST_REPLICAS. */
export function planManageReplicas(rs: ReplicaSetView, active: StoredPod[], related: StoredPod[], now: number): ManagePlan {
  const diff = active.length - (rs.spec?.replicas ?? 1);
  if (diff < 0) return { create: Math.min(-diff, BURST_REPLICAS), delete: [] };
  if (diff > 0) return { create: 0, delete: podsToDelete(active, related, Math.min(diff, BURST_REPLICAS), now) };
  return { create: 0, delete: [] };
}

/** slowStartBatch: creations go in batches of 1, 2, 4, ... so a failing template fails fast. */
export function slowStartBatches(count: number, initial = 1): number[] {
  const out: number[] = [];
  let size = Math.min(count, initial);
  for (let left = count; left > 0; left -= size, size = Math.min(2 * size, left)) out.push(Math.min(size, left));
  return out;
}

export interface StatusPlan {
  status: ReplicaSetStatus;
  /** When a Ready pod becomes available (minReadySeconds), so the controller rechecks then. */
  recheckAt?: number;
}

function labelsMatch(template: Record<string, string> | undefined, labels: Record<string, string> | undefined): boolean {
  return Object.entries(template ?? {}).every(([k, v]) => labels?.[k] === v);
}

/**
 * calculateStatus: counts over the claimed pods (active ones; terminating ones separately, for
 * ReplicaSets), and the ReplicaFailure condition from the last create/delete error.
 */
export function calculateReplicaSetStatus(
  rs: ReplicaSetView,
  owned: StoredPod[],
  manageError: { reason: 'FailedCreate' | 'FailedDelete'; message: string } | undefined,
  now: number,
  opts: { terminatingReplicas: boolean },
): StatusPlan {
  const minReady = rs.spec?.minReadySeconds ?? 0;
  const active = owned.filter(isPodActive);
  const templateLabels = rs.spec?.template?.metadata?.labels;
  let fullyLabeled = 0;
  let ready = 0;
  let available = 0;
  let recheckAt: number | undefined;
  for (const pod of active) {
    if (labelsMatch(templateLabels, pod.metadata.labels)) fullyLabeled++;
    if (!isPodReady(pod)) continue;
    ready++;
    if (isPodAvailable(pod, minReady, now)) available++;
    else {
      const at = podAvailableAt(pod, minReady);
      if (at !== undefined && (recheckAt === undefined || at < recheckAt)) recheckAt = at;
    }
  }
  const status: ReplicaSetStatus = { replicas: active.length };
  if (fullyLabeled) status.fullyLabeledReplicas = fullyLabeled;
  if (ready) status.readyReplicas = ready;
  if (available) status.availableReplicas = available;
  if (opts.terminatingReplicas) status.terminatingReplicas = owned.filter(isPodTerminating).length;
  if (rs.metadata.generation) status.observedGeneration = rs.metadata.generation;
  const conditions = (rs.status?.conditions ?? []).map((c) => ({ ...c }));
  const failure = conditions.findIndex((c) => c.type === 'ReplicaFailure');
  if (manageError && failure < 0) {
    conditions.push({ type: 'ReplicaFailure', status: 'True', lastTransitionTime: rfc3339(now), reason: manageError.reason, message: manageError.message });
  } else if (!manageError && failure >= 0) conditions.splice(failure, 1);
  if (conditions.length) status.conditions = conditions;
  return { status, recheckAt };
}
