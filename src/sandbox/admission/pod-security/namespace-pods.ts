// Checking a namespace's existing pods against a newly labelled enforce level (upstream
// Admission.EvaluatePodsInNamespace): one warning naming the namespace and level, then one per
// distinct set of violations, led by the lexically first pod that has it and how many others do,
// in sorted order. Pods of one controller are checked once before their siblings, and at most
// 3000 pods are checked.
import { goQuote } from '../../../apimachinery/go-format.ts';
import type * as corev1 from '../../../generated/k8s/core/v1.ts';
import { type LevelVersion, levelVersionString } from './api.ts';
import { aggregateCheckResults, forbiddenReason } from './check.ts';
import { goSort } from './checks/helpers.ts';
import type { PolicyEvaluator } from './evaluator.ts';

export const MAX_PODS_TO_CHECK = 3000;

type Pod = corev1.Pod & { metadata: { name: string } };

/** Pods without a controller, and the first pod of each controller, before the others. */
function prioritize(pods: readonly Pod[]): Pod[] {
  const first: Pod[] = [];
  const later: Pod[] = [];
  const seen = new Set<string>();
  for (const pod of pods) {
    const controller = pod.metadata.ownerReferences?.find((r) => r.controller === true);
    if (!controller) first.push(pod);
    else if (seen.has(controller.uid)) later.push(pod);
    else {
      seen.add(controller.uid);
      first.push(pod);
    }
  }
  return [...first, ...later];
}

export function evaluatePodsInNamespace(evaluator: PolicyEvaluator, namespace: string, pods: readonly Pod[], enforce: LevelVersion): string[] {
  const ordered = prioritize(pods);
  const checked = ordered.slice(0, MAX_PODS_TO_CHECK);
  const byReason = new Map<string, { podName: string; count: number }>();
  for (const pod of checked) {
    const result = aggregateCheckResults(evaluator.evaluatePod(enforce, pod.metadata, pod.spec ?? { containers: [] }));
    if (result.allowed) continue;
    const reason = forbiddenReason(result);
    const entry = byReason.get(reason);
    if (!entry) byReason.set(reason, { podName: pod.metadata.name, count: 1 });
    else {
      entry.count++;
      if (pod.metadata.name < entry.podName) entry.podName = pod.metadata.name;
    }
  }
  const warnings: string[] = [];
  if (checked.length < ordered.length) {
    warnings.push(`new PodSecurity enforce level only checked against the first ${checked.length} of ${ordered.length} existing pods`);
  }
  if (byReason.size) {
    warnings.push(`existing pods in namespace ${goQuote(namespace)} violate the new PodSecurity enforce level ${goQuote(levelVersionString(enforce))}`);
  }
  const perPod = [...byReason].map(([reason, { podName, count }]) => {
    if (count === 1) return `${podName}: ${reason}`;
    if (count === 2) return `${podName} (and 1 other pod): ${reason}`;
    return `${podName} (and ${count - 1} other pods): ${reason}`;
  });
  return [...warnings, ...goSort(perPod)];
}
