// Pod predicates the workload controllers share (upstream api/v1/pod util and the controllers'
// helpers): readiness from the Ready condition, availability after minReadySeconds, and the pod a
// controller creates from its template (controller.GetPodFromTemplate).
import type * as core from '../../../generated/k8s/core/v1.ts';
import type { KubeObject, OwnerReference, StoredObject } from '../../../apimachinery/object.ts';

export type Pod = core.Pod & { metadata: NonNullable<core.Pod['metadata']> };
export type PersistentVolumeClaim = core.PersistentVolumeClaim & { metadata: NonNullable<core.PersistentVolumeClaim['metadata']> };

function readyCondition(pod: Pod): core.PodCondition | undefined {
  return pod.status?.conditions?.find((c) => c.type === 'Ready');
}

/** podutil.IsPodReady */
export function isPodReady(pod: Pod): boolean {
  return readyCondition(pod)?.status === 'True';
}

/** The time at which a ready pod becomes available (podutil.IsPodAvailable), undefined if not ready. */
export function availableAt(pod: Pod, minReadySeconds: number): number | undefined {
  const c = readyCondition(pod);
  if (c?.status !== 'True') return undefined;
  if (!minReadySeconds) return 0;
  if (!c.lastTransitionTime) return undefined;
  // Available strictly after lastTransitionTime + minReadySeconds.
  return Date.parse(c.lastTransitionTime) + minReadySeconds * 1000 + 1;
}

/** podutil.IsPodAvailable */
export function isPodAvailable(pod: Pod, minReadySeconds: number, now: number): boolean {
  const at = availableAt(pod, minReadySeconds);
  return at !== undefined && at <= now;
}

export const isTerminating = (pod: Pod): boolean => !!pod.metadata.deletionTimestamp;

/** metav1.NewControllerRef */
export function controllerRef(owner: StoredObject): OwnerReference {
  return { apiVersion: owner.apiVersion!, kind: owner.kind!, name: owner.metadata.name, uid: owner.metadata.uid!, controller: true, blockOwnerDeletion: true };
}

/** The controller reference of an object, if any. */
export function controllerOf(obj: KubeObject): OwnerReference | undefined {
  return obj.metadata?.ownerReferences?.find((o) => o.controller);
}

/** controller.GetPodFromTemplate: template labels, annotations, finalizers and spec; generateName `<owner>-`. */
export function podFromTemplate(template: core.PodTemplateSpec | undefined, owner: StoredObject): Pod {
  const meta = template?.metadata ?? {};
  const clone = <T>(v: T): T => structuredClone(v);
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName: `${owner.metadata.name}-`,
      namespace: owner.metadata.namespace,
      ...(meta.labels ? { labels: { ...meta.labels } } : {}),
      ...(meta.annotations ? { annotations: { ...meta.annotations } } : {}),
      ...(meta.finalizers ? { finalizers: [...meta.finalizers] } : {}),
      ownerReferences: [controllerRef(owner)],
    },
    spec: clone(template?.spec ?? { containers: [] }),
  };
}
