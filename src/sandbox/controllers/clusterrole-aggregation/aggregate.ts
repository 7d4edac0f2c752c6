// The planning half of the ClusterRole aggregation controller
// (pkg/controller/clusterroleaggregation): the rules of a ClusterRole with an aggregationRule are
// the rules of every other ClusterRole its selectors match, in selector order, each selector's
// roles by name, without duplicates. Pure: the controller and the bootstrap policy both use it.
import { labelSelectorAsSelector } from '../../../apimachinery/labels.ts';
import { deepEqual, type ObjectMeta } from '../../../apimachinery/object.ts';
import type * as rbacv1 from '../../../generated/k8s/rbac/v1.ts';

export interface ClusterRoleLike {
  metadata?: ObjectMeta;
  rules?: readonly rbacv1.PolicyRule[] | null;
  aggregationRule?: rbacv1.AggregationRule;
}

const byName = (a: ClusterRoleLike, b: ClusterRoleLike) => {
  const x = a.metadata?.name ?? '';
  const y = b.metadata?.name ?? '';
  return x < y ? -1 : x > y ? 1 : 0;
};

/** The rules `target` aggregates from `all`; throws if a selector does not convert. */
export function aggregatedRules(target: ClusterRoleLike, all: readonly ClusterRoleLike[]): rbacv1.PolicyRule[] {
  const out: rbacv1.PolicyRule[] = [];
  for (const s of target.aggregationRule?.clusterRoleSelectors ?? []) {
    const selector = labelSelectorAsSelector(s);
    const matched = all.filter((r) => selector.matches(r.metadata?.labels)).sort(byName);
    for (const role of matched) {
      if (role.metadata?.name === target.metadata?.name) continue;
      for (const rule of role.rules ?? []) if (!out.some((r) => deepEqual(r, rule))) out.push(rule);
    }
  }
  return out;
}

/** Semantic equality of rule lists: null, missing and empty are the same. */
export function sameRules(a: readonly rbacv1.PolicyRule[] | null | undefined, b: readonly rbacv1.PolicyRule[] | null | undefined): boolean {
  const x = a ?? [];
  const y = b ?? [];
  return x.length === y.length && x.every((r, i) => deepEqual(r, y[i]));
}

/**
 * Aggregates every role with an aggregationRule until nothing changes (aggregated roles may
 * aggregate each other: view into edit into admin). Returns the new rules by role name.
 */
export function aggregateAll(roles: readonly ClusterRoleLike[]): Map<string, rbacv1.PolicyRule[]> {
  const current = roles.map((r) => ({ ...r }));
  const changed = new Map<string, rbacv1.PolicyRule[]>();
  for (let round = 0; round < 10; round++) {
    let stable = true;
    for (const role of current) {
      if (!role.aggregationRule) continue;
      const rules = aggregatedRules(role, current);
      if (!sameRules(rules, role.rules)) {
        role.rules = rules;
        changed.set(role.metadata?.name ?? '', rules);
        stable = false;
      }
    }
    if (stable) break;
  }
  return changed;
}
