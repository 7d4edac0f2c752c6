// The decision of quota admission for one write (upstream resourcequota CheckRequest): every
// quota of the namespace that matches the object must accept the constraints and the usage the
// write adds. Creates add the object's whole usage; updates add only what grew, and only to
// quotas that already covered the old object. Returns upstream's error message, or undefined.
import type { KubeObject } from '../../../apimachinery/object.ts';
import type { Operation } from '../types.ts';
import { hardNames, type QuotaEvaluator, quotaMatches, type ResourceQuota } from './evaluator.ts';
import { add, exceeding, mask, negativeNames, parseResourceList, prettyPrint, removeZeros, type ResourceList, subtractNonNegative } from './resource-list.ts';

export interface QuotaRequest {
  operation: Operation;
  subresource: string;
  object: KubeObject;
  oldObject?: KubeObject;
}

export interface QuotaCheck {
  quotas: readonly ResourceQuota[];
  request: QuotaRequest;
  evaluator: QuotaEvaluator;
  /** The quota's current usage of the evaluator's resources (observed live). */
  used(quota: ResourceQuota): ResourceList;
  now: number;
}

export function checkRequest({ quotas, request, evaluator, used, now }: QuotaCheck): string | undefined {
  if (!evaluator.handles(request.operation, request.subresource)) return undefined;
  const obj = request.object;

  const interesting: ResourceQuota[] = [];
  for (const quota of quotas) {
    if (!quotaMatches(evaluator, quota, obj)) continue;
    const restricted = evaluator.matchingResources(hardNames(quota));
    const err = evaluator.constraints(restricted, obj);
    if (err) return `failed quota: ${quota.metadata.name}: ${err}`;
    interesting.push(quota);
  }
  if (interesting.length === 0) return undefined;

  const inputUsage = evaluator.usage(obj, now);
  const negative = negativeNames(inputUsage);
  if (negative.length) return `quota usage is negative for resource(s): ${negative.sort().join(',')}`;

  const deltas = new Map<ResourceQuota, ResourceList>(interesting.map((q) => [q, inputUsage]));
  if (request.operation === 'UPDATE' && request.oldObject) {
    const delta = subtractNonNegative(inputUsage, evaluator.usage(request.oldObject, now));
    for (const q of interesting) if (quotaMatches(evaluator, q, request.oldObject)) deltas.set(q, delta);
  }

  for (const quota of interesting) {
    const delta = removeZeros(deltas.get(quota)!);
    if (delta.size === 0) continue;
    const hard = parseResourceList(quota.spec?.hard);
    const requested = mask(delta, hard.keys());
    if (request.subresource === 'status') continue;
    const current = used(quota);
    const next = mask(add(current, requested), requested.keys());
    const exceeded = exceeding(next, hard);
    if (exceeded.length) {
      return (
        `exceeded quota: ${quota.metadata.name}, ` +
        `requested: ${prettyPrint(mask(requested, exceeded))}, ` +
        `used: ${prettyPrint(mask(current, exceeded))}, ` +
        `limited: ${prettyPrint(mask(hard, exceeded))}`
      );
    }
  }
  return undefined;
}
