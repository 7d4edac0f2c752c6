// Toleration matching (core/v1 Toleration.ToleratesTaint and v1helper.FindMatchingUntoleratedTaint).
import type * as corev1 from '../../generated/k8s/core/v1.ts';

/**
 * An empty effect matches every effect, an empty key every key; operator Exists matches any value,
 * Equal (or empty) needs the same value. Other operators tolerate nothing.
 */
export function toleratesTaint(t: corev1.Toleration, taint: corev1.Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  switch (t.operator ?? '') {
    case '':
    case 'Equal':
      return (t.value ?? '') === (taint.value ?? '');
    case 'Exists':
      return true;
    default:
      return false;
  }
}

export function tolerationsTolerateTaint(tolerations: readonly corev1.Toleration[] | undefined, taint: corev1.Taint): boolean {
  return (tolerations ?? []).some((t) => toleratesTaint(t, taint));
}

/** The NoSchedule and NoExecute taints, the ones that keep pods off a node. */
export const isDoNotScheduleTaint = (t: corev1.Taint): boolean => t.effect === 'NoSchedule' || t.effect === 'NoExecute';

/** The first taint (in the node's order) passing `filter` that no toleration tolerates. */
export function findUntoleratedTaint(
  taints: readonly corev1.Taint[] | undefined,
  tolerations: readonly corev1.Toleration[] | undefined,
  filter: (t: corev1.Taint) => boolean,
): corev1.Taint | undefined {
  for (const taint of taints ?? []) {
    if (filter(taint) && !tolerationsTolerateTaint(tolerations, taint)) return taint;
  }
  return undefined;
}
