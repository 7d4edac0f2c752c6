// Crafting pods for the check tests: a spec with named containers and a one-line runner.
import type * as corev1 from '../../../../generated/k8s/core/v1.ts';
import type { Check, CheckResult, PodMetadata } from '../check.ts';

export function spec(containers: Array<Partial<corev1.Container>>, extra: Partial<corev1.PodSpec> = {}): corev1.PodSpec {
  return { containers: containers.map((c, i) => ({ name: `c${i}`, image: 'nginx', ...c })), ...extra };
}

/** Runs the check's revision in force at policy version v1.<minor>. */
export function run(check: Check, minor: number, podSpec: corev1.PodSpec, meta?: PodMetadata): CheckResult {
  const revision = [...check.versions].reverse().find((v) => v.minimumVersion <= minor);
  if (!revision) throw new Error(`${check.id} has no revision at v1.${minor}`);
  return revision.checkPod(meta, podSpec);
}

export const allowed: CheckResult = { allowed: true };
export const forbidden = (reason: string, detail: string): CheckResult => ({ allowed: false, forbiddenReason: reason, forbiddenDetail: detail });
