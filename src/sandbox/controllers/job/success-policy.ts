// spec.successPolicy of Indexed Jobs (upstream success_policy.go): the Job succeeds early once a
// rule holds — all of its succeededIndexes succeeded, or at least succeededCount of them (or of
// all indexes when the rule lists none). The lingering pods are then terminated.
import type * as batch from '../../../generated/k8s/batch/v1.ts';
import { type Intervals, parseIndexes, totalIndexes } from './indexes.ts';

function overlapCount(rule: Intervals, succeeded: Intervals): number {
  let n = 0;
  for (const r of rule) for (const s of succeeded) n += Math.max(0, Math.min(r.last, s.last) - Math.max(r.first, s.first) + 1);
  return n;
}

/** The SuccessCriteriaMet message (`Matched rules at index 0`) when a rule holds. */
export function matchSuccessPolicy(policy: batch.SuccessPolicy | undefined, completions: number, succeeded: Intervals): string | undefined {
  if (!policy || succeeded.length === 0) return undefined;
  for (const [index, rule] of policy.rules.entries()) {
    if (rule.succeededIndexes !== undefined) {
      const required = parseIndexes(rule.succeededIndexes, completions);
      if (required.length === 0) continue;
      const contains = overlapCount(required, succeeded);
      if (contains === totalIndexes(required) || (rule.succeededCount !== undefined && contains >= rule.succeededCount)) return `Matched rules at index ${index}`;
    } else if (rule.succeededCount !== undefined && totalIndexes(succeeded) >= rule.succeededCount) {
      return `Matched rules at index ${index}`;
    }
  }
  return undefined;
}
