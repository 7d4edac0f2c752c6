// NodeResourcesBalancedAllocation: prefers nodes whose CPU and memory would be used in similar
// fractions: score = (1 - standard deviation of the fractions) × 100. Pods that request nothing
// are not scored (upstream issue 129138).
import { MAX_NODE_SCORE, type Plugin } from '../framework.ts';
import { scoringRequest } from '../resources.ts';
import { allocatableAndRequested, SCORING_RESOURCES } from './node-resources-fit.ts';

export const BALANCED_ALLOCATION = 'NodeResourcesBalancedAllocation';

export function balancedScore(requested: readonly number[], allocatable: readonly number[]): number {
  const fractions: number[] = [];
  let total = 0;
  requested.forEach((req, i) => {
    const alloc = allocatable[i]!;
    if (alloc === 0) return;
    const f = Math.min(req / alloc, 1);
    total += f;
    fractions.push(f);
  });
  let std = 0;
  if (fractions.length === 2) std = Math.abs((fractions[0]! - fractions[1]!) / 2);
  else if (fractions.length > 2) {
    const mean = total / fractions.length;
    std = Math.sqrt(fractions.reduce((s, f) => s + (f - mean) * (f - mean), 0) / fractions.length);
  }
  return Math.trunc((1 - std) * MAX_NODE_SCORE);
}

export const balancedAllocation: Plugin = {
  name: BALANCED_ALLOCATION,
  preScore(ctx) {
    const podRequests = SCORING_RESOURCES.map((r) => scoringRequest(ctx.pod, r.name, false));
    if (podRequests.every((r) => r === 0)) return null;
    return {
      score(node) {
        const requested: number[] = [];
        const allocatable: number[] = [];
        SCORING_RESOURCES.forEach((r, i) => {
          const [alloc, req] = allocatableAndRequested(node, r.name, podRequests[i]!, true);
          requested.push(alloc === 0 ? 0 : req);
          allocatable.push(alloc);
        });
        return balancedScore(requested, allocatable);
      },
    };
  },
};
