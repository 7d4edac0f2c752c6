// What the quota controller writes (upstream pkg/controller/resourcequota syncResourceQuota):
// status.hard becomes spec.hard, status.used the observed usage of every hard resource (a
// previously recorded value survives for a resource nothing observes), and nothing is written
// when both are already semantically equal (`1000m` equals `1`).
import type { ResourceQuota } from '../../admission/resource-quota/evaluator.ts';
import { equals, mask, parseResourceList, type ResourceList, toRecord } from '../../admission/resource-quota/resource-list.ts';

export interface QuotaStatus {
  hard: Record<string, string>;
  used: Record<string, string>;
}

/** The status to write, or undefined when the recorded one is current. */
export function planQuotaStatus(quota: ResourceQuota, observed: ResourceList): QuotaStatus | undefined {
  const hard = parseResourceList(quota.spec?.hard);
  const recordedUsed = parseResourceList(quota.status?.used);
  const merged: ResourceList = new Map(recordedUsed);
  for (const [k, v] of observed) merged.set(k, v);
  const used = mask(merged, hard.keys());
  const dirty =
    quota.status?.hard === undefined ||
    quota.status.used === undefined ||
    !equals(hard, parseResourceList(quota.status.hard)) ||
    !equals(used, recordedUsed);
  return dirty ? { hard: toRecord(hard), used: toRecord(used) } : undefined;
}
