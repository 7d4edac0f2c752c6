// Which pod updates Pod Security re-evaluates (upstream isSignificantPodUpdate): only changes to
// the set of containers, their images, or their seccomp annotations; everything else a pod
// update can change is irrelevant to the policy.
import type * as corev1 from '../../../generated/k8s/core/v1.ts';

type Pod = corev1.Pod;

const SECCOMP_CONTAINER_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';

function significantContainerChange(c: { name: string; image?: string }, old: { image?: string }, pod: Pod, oldPod: Pod): boolean {
  if (c.image !== old.image) return true;
  const key = SECCOMP_CONTAINER_PREFIX + c.name;
  return pod.metadata?.annotations?.[key] !== oldPod.metadata?.annotations?.[key];
}

export function isSignificantPodUpdate(pod: Pod, oldPod: Pod): boolean {
  const containers = pod.spec?.containers ?? [];
  const oldContainers = oldPod.spec?.containers ?? [];
  const inits = pod.spec?.initContainers ?? [];
  const oldInits = oldPod.spec?.initContainers ?? [];
  if (containers.length !== oldContainers.length || inits.length !== oldInits.length) return true;
  if (containers.some((c, i) => significantContainerChange(c, oldContainers[i]!, pod, oldPod))) return true;
  if (inits.some((c, i) => significantContainerChange(c, oldInits[i]!, pod, oldPod))) return true;
  for (const c of pod.spec?.ephemeralContainers ?? []) {
    const old = oldPod.spec?.ephemeralContainers?.find((o) => o.name === c.name);
    if (!old || significantContainerChange(c, old, pod, oldPod)) return true;
  }
  return false;
}
