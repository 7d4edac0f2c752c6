// CRD status conditions (upstream apihelpers SetCRDCondition / FindCRDCondition): setting a
// condition keeps its lastTransitionTime unless its status changes.
import type { CustomResourceDefinition, CustomResourceDefinitionCondition } from './types.ts';

export function findCondition(crd: CustomResourceDefinition, type: string): CustomResourceDefinitionCondition | undefined {
  return (crd.status?.conditions ?? []).find((c) => c.type === type);
}

export function isConditionTrue(crd: CustomResourceDefinition, type: string): boolean {
  return findCondition(crd, type)?.status === 'True';
}

/** Sets `cond` on the CRD; `now` is the RFC 3339 time used when the status changes. */
export function setCondition(crd: CustomResourceDefinition, cond: Omit<CustomResourceDefinitionCondition, 'lastTransitionTime'>, now: string): void {
  crd.status ??= {};
  const conditions = (crd.status.conditions ??= []);
  const i = conditions.findIndex((c) => c.type === cond.type);
  if (i < 0) {
    conditions.push({ ...cond, lastTransitionTime: now });
    return;
  }
  const old = conditions[i]!;
  conditions[i] = { ...cond, lastTransitionTime: old.status === cond.status && old.lastTransitionTime ? old.lastTransitionTime : now };
}

/** Equal except for the transition time (IsCRDConditionEquivalent). */
export function equivalent(a: CustomResourceDefinitionCondition | undefined, b: CustomResourceDefinitionCondition | undefined): boolean {
  if (!a || !b) return a === b;
  return a.type === b.type && a.status === b.status && a.reason === b.reason && a.message === b.message;
}
