// The quota Evaluator contract (upstream k8s.io/apiserver/pkg/quota/v1 Evaluator): for one
// group/resource, which quota resource names it accounts for, what one object uses, which
// scopes it matches and which writes can change usage. Plus the generic quota matching shared by
// every evaluator (generic.Matches): a quota applies to an object when it limits at least one of
// the evaluator's resources and every one of its scopes matches.
import type { KubeObject } from '../../../apimachinery/object.ts';
import type * as corev1 from '../../../generated/k8s/core/v1.ts';
import type { Operation } from '../types.ts';
import type { ResourceList } from './resource-list.ts';

export type ScopeRequirement = corev1.ScopedResourceSelectorRequirement;
export type ResourceQuota = corev1.ResourceQuota & { metadata: { name: string; namespace?: string } };

export interface QuotaEvaluator {
  readonly group: string;
  readonly resource: string;
  /** Whether a write of this kind can change usage (upstream Handles). */
  handles(operation: Operation, subresource: string): boolean;
  /** The subset of `names` this evaluator accounts for. */
  matchingResources(names: readonly string[]): string[];
  /** Whether the object falls in the scope (evaluators without scopes match none). */
  matchesScope(scope: ScopeRequirement, obj: KubeObject): boolean;
  /** What one object uses; `now` (ms) decides whether a pod past its deletion grace still counts. */
  usage(obj: KubeObject, now: number): ResourceList;
  /** An error message when the object lacks what the quota's `required` resources demand. */
  constraints(required: readonly string[], obj: KubeObject): string | undefined;
}

/** The quota's scopes as selector requirements (`scopes` entries mean Exists). */
export function scopeSelectors(quota: ResourceQuota): ScopeRequirement[] {
  const fromScopes = (quota.spec?.scopes ?? []).map((scopeName) => ({ scopeName, operator: 'Exists' }));
  return [...fromScopes, ...(quota.spec?.scopeSelector?.matchExpressions ?? [])];
}

export function hardNames(quota: ResourceQuota): string[] {
  return Object.keys(quota.spec?.hard ?? {});
}

/** generic.Matches. */
export function quotaMatches(evaluator: QuotaEvaluator, quota: ResourceQuota, obj: KubeObject): boolean {
  if (evaluator.matchingResources(hardNames(quota)).length === 0) return false;
  return scopeSelectors(quota).every((s) => evaluator.matchesScope(s, obj));
}

/** A label-selector requirement on a one-label set (ScopedResourceSelectorRequirementsAsSelector). */
export function selectorMatches(req: ScopeRequirement, labels: Record<string, string>): boolean {
  const has = Object.hasOwn(labels, req.scopeName);
  const value = labels[req.scopeName];
  switch (req.operator) {
    case 'In':
      return has && (req.values ?? []).includes(value!);
    case 'NotIn':
      return !has || !(req.values ?? []).includes(value!);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    default:
      return false;
  }
}

/** Quota name for counting objects of a group/resource (ObjectCountQuotaResourceNameFor). */
export function objectCountName(group: string, resource: string): string {
  return group ? `count/${resource}.${group}` : `count/${resource}`;
}
