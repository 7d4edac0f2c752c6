// A Pod Security check (upstream pod-security-admission/policy/checks.go): an ID, a level, and
// one or more versions of the check, each applying from a minimum policy version. A restricted
// check's version may override (replace) baseline checks by ID. Results aggregate into upstream's
// messages: `reason (detail), reason, ...`.
import type * as corev1 from '../../../generated/k8s/core/v1.ts';
import type * as metav1 from '../../../generated/k8s/meta/v1.ts';

export type PodMetadata = metav1.ObjectMeta;
export type PodSpec = corev1.PodSpec;

export interface CheckResult {
  allowed: boolean;
  /** Short and always shown: `host ports`. */
  forbiddenReason?: string;
  /** Specific values, shown for a single object: `container "a" uses hostPort 8080`. */
  forbiddenDetail?: string;
}

export type CheckPodFn = (meta: PodMetadata | undefined, spec: PodSpec) => CheckResult;

export interface VersionedCheck {
  /** The first policy version (v1.<minor>) this revision applies to. */
  minimumVersion: number;
  checkPod: CheckPodFn;
  /** Baseline check IDs this restricted revision replaces. */
  overrideCheckIDs?: readonly string[];
}

export interface Check {
  id: string;
  level: 'baseline' | 'restricted';
  /** Strictly increasing minimum versions. */
  versions: readonly VersionedCheck[];
}

export const ALLOWED: CheckResult = { allowed: true };

export function forbiddenResult(reason: string, detail: string): CheckResult {
  return { allowed: false, forbiddenReason: reason, forbiddenDetail: detail };
}

export interface AggregateCheckResult {
  allowed: boolean;
  reasons: string[];
  details: string[];
}

export function aggregateCheckResults(results: readonly CheckResult[]): AggregateCheckResult {
  const reasons: string[] = [];
  const details: string[] = [];
  for (const r of results) {
    if (r.allowed) continue;
    reasons.push(r.forbiddenReason || 'unknown forbidden reason');
    details.push(r.forbiddenDetail ?? '');
  }
  return { allowed: reasons.length === 0, reasons, details };
}

/** `host ports, privileged`. */
export function forbiddenReason(a: AggregateCheckResult): string {
  return a.reasons.join(', ');
}

/** `host ports (8080, 9090), privileged (container "a" must not ...)`. */
export function forbiddenDetail(a: AggregateCheckResult): string {
  return a.reasons.map((r, i) => (a.details[i] ? `${r} (${a.details[i]})` : r)).join(', ');
}
