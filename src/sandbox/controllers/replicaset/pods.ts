// Pod predicates the workload controllers share (upstream podutil and controller_utils):
// active, terminating, ready, available after minReadySeconds, and controller references.
import type { OwnerReference, StoredObject } from '../../../apimachinery/object.ts';
import type { Pod } from '../../registry/core/pod/validation.ts';

export type StoredPod = Pod & StoredObject;

export function parseTime(t: string | undefined | null): number | undefined {
  if (!t) return undefined;
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? undefined : ms;
}

/** controller.IsPodActive: not finished and not being deleted. */
export function isPodActive(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed' && !pod.metadata.deletionTimestamp;
}

/** controller.IsPodTerminating: being deleted but not yet finished. */
export function isPodTerminating(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return !!pod.metadata.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed';
}

function readyCondition(pod: Pod) {
  return (pod.status?.conditions ?? []).find((c) => c.type === 'Ready');
}

/** podutil.IsPodReady. */
export function isPodReady(pod: Pod): boolean {
  return readyCondition(pod)?.status === 'True';
}

/** When the pod last became Ready, if it is. */
export function podReadyTime(pod: Pod): number | undefined {
  const c = readyCondition(pod);
  return c?.status === 'True' ? parseTime(c.lastTransitionTime) : undefined;
}

/** podutil.IsPodAvailable: Ready for more than minReadySeconds (strictly, as upstream's Before). */
export function isPodAvailable(pod: Pod, minReadySeconds: number, now: number): boolean {
  if (!isPodReady(pod)) return false;
  if (minReadySeconds <= 0) return true;
  const since = podReadyTime(pod);
  return since !== undefined && since + minReadySeconds * 1000 < now;
}

/** The moment a Ready but not yet available pod becomes available (for a recheck timer). */
export function podAvailableAt(pod: Pod, minReadySeconds: number): number | undefined {
  const since = podReadyTime(pod);
  return since === undefined ? undefined : since + minReadySeconds * 1000 + 1;
}

/** metav1.GetControllerOf. */
export function controllerOf(obj: { metadata?: { ownerReferences?: OwnerReference[] } }): OwnerReference | undefined {
  return obj.metadata?.ownerReferences?.find((o) => o.controller === true);
}

/** metav1.NewControllerRef. */
export function newControllerRef(owner: StoredObject, apiVersion: string, kind: string): OwnerReference {
  return { apiVersion, kind, name: owner.metadata.name, uid: owner.metadata.uid, controller: true, blockOwnerDeletion: true };
}
