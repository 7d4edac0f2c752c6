// A quota's observed usage (upstream quota.CalculateUsage and generic.CalculateUsageStats): for
// every evaluator that accounts for one of the quota's hard resources, the usage of each object
// in the namespace that matches all of the quota's scopes, summed, every tracked name starting at
// zero, and masked to the quota's hard resources. Admission and the quota controller both use it,
// so what `kubectl describe quota` shows is exactly what admission enforces.
import { Quantity } from '../../../apimachinery/quantity.ts';
import type { KubeObject } from '../../../apimachinery/object.ts';
import { hardNames, type QuotaEvaluator, type ResourceQuota, scopeSelectors } from './evaluator.ts';
import { add, mask, type ResourceList } from './resource-list.ts';

export interface UsageSource {
  evaluator: QuotaEvaluator;
  /** The namespace's objects of the evaluator's resource. */
  objects(): readonly KubeObject[];
}

export function calculateUsage(quota: ResourceQuota, sources: readonly UsageSource[], now: number): ResourceList {
  const hard = hardNames(quota);
  const matched = new Set(sources.flatMap((s) => s.evaluator.matchingResources(hard)));
  const scopes = scopeSelectors(quota);
  let used: ResourceList = new Map();
  for (const { evaluator, objects } of sources) {
    const names = evaluator.matchingResources([...matched]);
    if (names.length === 0) continue;
    let stats: ResourceList = new Map(names.map((n) => [n, Quantity.fromInt(0)]));
    for (const obj of objects()) {
      if (scopes.every((s) => evaluator.matchesScope(s, obj))) stats = add(stats, evaluator.usage(obj, now));
    }
    used = add(used, stats);
  }
  return mask(used, matched);
}
