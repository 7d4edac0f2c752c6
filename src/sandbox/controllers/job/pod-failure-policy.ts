// spec.podFailurePolicy (upstream pod_failure_policy.go): the first rule matching a failed pod
// decides — by a non-zero exit code of a terminated container (In/NotIn, optionally one
// container) or by a pod condition — whether the Job fails at once (FailJob, with upstream's
// message), the failure is ignored (Ignore: not counted against backoffLimit), only its index
// fails (FailIndex) or it counts as usual (Count, and when no rule matches).
import type * as batch from '../../../generated/k8s/batch/v1.ts';
import type * as core from '../../../generated/k8s/core/v1.ts';
import type { Pod } from './pods.ts';

export type PodFailurePolicyAction = 'FailJob' | 'FailIndex' | 'Ignore' | 'Count';

export interface PodFailureMatch {
  /** Set for FailJob: the Job's failure message. */
  failJobMessage?: string;
  /** Whether the failure counts against backoffLimit (and backoffLimitPerIndex). */
  countFailed: boolean;
  action?: PodFailurePolicyAction;
}

function matchingContainer(statuses: core.ContainerStatus[] | undefined, req: batch.PodFailurePolicyOnExitCodesRequirement): core.ContainerStatus | undefined {
  for (const s of statuses ?? []) {
    const code = s.state?.terminated?.exitCode;
    if (code === undefined || code === 0) continue;
    if (req.containerName !== undefined && req.containerName !== s.name) continue;
    const listed = req.values.includes(code);
    if ((req.operator === 'In' && listed) || (req.operator === 'NotIn' && !listed)) return s;
  }
  return undefined;
}

export function matchPodFailurePolicy(policy: batch.PodFailurePolicy | undefined, pod: Pod): PodFailureMatch {
  if (!policy) return { countFailed: true };
  for (const [index, rule] of policy.rules.entries()) {
    const action = rule.action as PodFailurePolicyAction;
    let failJobMessage: string | undefined;
    if (rule.onExitCodes) {
      const c = matchingContainer(pod.status?.containerStatuses, rule.onExitCodes) ?? matchingContainer(pod.status?.initContainerStatuses, rule.onExitCodes);
      if (!c) continue;
      failJobMessage = `Container ${c.name} for pod ${pod.metadata.namespace}/${pod.metadata.name} failed with exit code ${c.state!.terminated!.exitCode} matching ${action} rule at index ${index}`;
    } else if (rule.onPodConditions) {
      const cond = (pod.status?.conditions ?? []).find((pc) => rule.onPodConditions!.some((p) => p.type === pc.type && (p.status ?? 'True') === pc.status));
      if (!cond) continue;
      failJobMessage = `Pod ${pod.metadata.namespace}/${pod.metadata.name} has condition ${cond.type} matching ${action} rule at index ${index}`;
    } else {
      continue;
    }
    switch (action) {
      case 'Ignore':
        return { countFailed: false, action };
      case 'FailIndex':
      case 'Count':
        return { countFailed: true, action };
      case 'FailJob':
        return { failJobMessage, countFailed: true, action };
    }
  }
  return { countFailed: true };
}
