// The disruption controller's arithmetic (upstream pkg/controller/disruption/disruption.go):
// expected pods (from the controllers' scale, or the matching pods for an integer minAvailable),
// desired healthy pods, current healthy pods (Ready, not being deleted, not just evicted), and
// the status with its DisruptionAllowed condition (SufficientPods / InsufficientPods).
import type * as policy from '../../../generated/k8s/policy/v1.ts';
import { rfc3339 } from '../../registry/core/pod/conditions.ts';
import { isPodReady, parseTime, type StoredPod } from '../replicaset/pods.ts';
import { scaledValue } from '../deployment/util.ts';
import type { StoredObject } from '../../../apimachinery/object.ts';

export type StoredPDB = policy.PodDisruptionBudget & StoredObject;
export type PDBStatus = policy.PodDisruptionBudgetStatus;
type Condition = NonNullable<PDBStatus['conditions']>[number];

/** How long an evicted pod may take to be deleted before it counts again (DeletionTimeout). */
export const DELETION_TIMEOUT_MS = 2 * 60_000;

/** A pod's controller and its scale, or undefined when the controller cannot be found. */
export type ScaleFinder = (pod: StoredPod) => { uid: string; scale: number } | undefined;

export class NoControllerError extends Error {}

export interface ExpectedCount {
  expectedCount: number;
  desiredHealthy: number;
  unmanaged: string[];
}

/** getExpectedScale: the sum of the scales of the pods' controllers; pods with none are unmanaged. */
export function expectedScale(pods: StoredPod[], find: ScaleFinder, controllerOf: (p: StoredPod) => unknown): { expected: number; unmanaged: string[] } {
  const scales = new Map<string, number>();
  const unmanaged: string[] = [];
  for (const pod of pods) {
    if (!controllerOf(pod)) {
      unmanaged.push(pod.metadata.name);
      continue;
    }
    const found = find(pod);
    if (!found) throw new NoControllerError(`found no controllers for pod "${pod.metadata.name}"`);
    scales.set(found.uid, found.scale);
  }
  let expected = 0;
  for (const n of scales.values()) expected += n;
  return { expected, unmanaged };
}

/** getExpectedPodCount. */
export function expectedPodCount(pdb: StoredPDB, pods: StoredPod[], scale: () => { expected: number; unmanaged: string[] }): ExpectedCount {
  const spec = pdb.spec ?? {};
  if (spec.maxUnavailable !== undefined) {
    const { expected, unmanaged } = scale();
    const maxUnavailable = scaledValue(spec.maxUnavailable, expected, true);
    return { expectedCount: expected, desiredHealthy: Math.max(0, expected - maxUnavailable), unmanaged };
  }
  if (typeof spec.minAvailable === 'number') return { expectedCount: pods.length, desiredHealthy: spec.minAvailable, unmanaged: [] };
  if (typeof spec.minAvailable === 'string') {
    const { expected, unmanaged } = scale();
    return { expectedCount: expected, desiredHealthy: scaledValue(spec.minAvailable, expected, true), unmanaged };
  }
  return { expectedCount: 0, desiredHealthy: 0, unmanaged: [] };
}

/** buildDisruptedPodMap: evictions still expected to complete, and when the earliest expires. */
export function disruptedPodMap(pdb: StoredPDB, pods: StoredPod[], now: number): { disrupted: Record<string, string>; recheckAt?: number; overdue: string[] } {
  const recorded = pdb.status?.disruptedPods ?? {};
  const disrupted: Record<string, string> = {};
  const overdue: string[] = [];
  let recheckAt: number | undefined;
  for (const pod of pods) {
    if (pod.metadata.deletionTimestamp) continue;
    const at = recorded[pod.metadata.name];
    const t = parseTime(at);
    if (t === undefined) continue;
    const expected = t + DELETION_TIMEOUT_MS;
    if (expected < now) overdue.push(pod.metadata.name);
    else {
      if (recheckAt === undefined || expected < recheckAt) recheckAt = expected;
      disrupted[pod.metadata.name] = at!;
    }
  }
  return { disrupted, recheckAt, overdue };
}

/** countHealthyPods. */
export function countHealthyPods(pods: StoredPod[], disrupted: Record<string, string>, now: number): number {
  let n = 0;
  for (const pod of pods) {
    if (pod.metadata.deletionTimestamp) continue;
    const t = parseTime(disrupted[pod.metadata.name]);
    if (t !== undefined && t + DELETION_TIMEOUT_MS > now) continue;
    if (isPodReady(pod)) n++;
  }
  return n;
}

/** meta.SetStatusCondition. */
function setStatusCondition(conditions: Condition[], c: Omit<Condition, 'lastTransitionTime'>, now: number): Condition[] {
  const out = conditions.map((x) => ({ ...x }));
  const cur = out.find((x) => x.type === c.type);
  if (!cur) return [...out, { ...c, lastTransitionTime: rfc3339(now) }];
  if (cur.status !== c.status) {
    cur.status = c.status;
    cur.lastTransitionTime = rfc3339(now);
  }
  cur.reason = c.reason;
  cur.message = c.message;
  cur.observedGeneration = c.observedGeneration;
  return out;
}

function conditionsUpToDate(pdb: StoredPDB): boolean {
  const c = pdb.status?.conditions?.find((x) => x.type === 'DisruptionAllowed');
  if (!c || (pdb.status?.observedGeneration ?? 0) !== (pdb.metadata.generation ?? 0)) return false;
  return (pdb.status?.disruptionsAllowed ?? 0) > 0 ? c.status === 'True' : c.status === 'False';
}

function sameMap(a: Record<string, string> | undefined, b: Record<string, string>): boolean {
  const ka = Object.keys(a ?? {});
  return ka.length === Object.keys(b).length && ka.every((k) => a![k] === b[k]);
}

/** updatePdbStatus: the new status, or undefined when nothing changed. */
export function planPdbStatus(pdb: StoredPDB, currentHealthy: number, desiredHealthy: number, expectedCount: number, disrupted: Record<string, string>, now: number): PDBStatus | undefined {
  let allowed = currentHealthy - desiredHealthy;
  if (expectedCount <= 0 || allowed <= 0) allowed = 0;
  const s = pdb.status;
  const generation = pdb.metadata.generation ?? 0;
  if (
    s &&
    s.currentHealthy === currentHealthy &&
    s.desiredHealthy === desiredHealthy &&
    s.expectedPods === expectedCount &&
    s.disruptionsAllowed === allowed &&
    sameMap(s.disruptedPods, disrupted) &&
    (s.observedGeneration ?? 0) === generation &&
    conditionsUpToDate(pdb)
  ) {
    return undefined;
  }
  const status: PDBStatus = { currentHealthy, desiredHealthy, disruptionsAllowed: allowed, expectedPods: expectedCount, observedGeneration: generation };
  if (Object.keys(disrupted).length) status.disruptedPods = disrupted;
  status.conditions = setStatusCondition(
    s?.conditions ?? [],
    allowed > 0
      ? { type: 'DisruptionAllowed', status: 'True', reason: 'SufficientPods', message: '', observedGeneration: generation }
      : { type: 'DisruptionAllowed', status: 'False', reason: 'InsufficientPods', message: '', observedGeneration: generation },
    now,
  );
  return status;
}

/** failSafe: no disruptions while the status cannot be computed (SyncFailed). */
export function failSafeStatus(pdb: StoredPDB, err: string, now: number): PDBStatus {
  const s = pdb.status ?? { currentHealthy: 0, desiredHealthy: 0, disruptionsAllowed: 0, expectedPods: 0 };
  return {
    ...s,
    disruptionsAllowed: 0,
    conditions: setStatusCondition(s.conditions ?? [], { type: 'DisruptionAllowed', status: 'False', reason: 'SyncFailed', message: err, observedGeneration: s.observedGeneration }, now),
  };
}
