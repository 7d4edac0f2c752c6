// NodeResourcesFit: Filter checks the pod count and each requested resource against what is
// left of the node's allocatable (one "Insufficient <resource>" reason per shortfall; a request
// larger than the whole node cannot be helped by preemption). Score is LeastAllocated over CPU
// and memory (weight 1 each), counting containers without requests at the scheduler's defaults.
import type { Plugin } from '../framework.ts';
import { MAX_NODE_SCORE, statelessFilter } from '../framework.ts';
import type { NodeInfo } from '../node-info.ts';
import { fitRequest, isScalarResourceName, scoringRequest, type Resource } from '../resources.ts';
import { unresolvable, unschedulable, type Status } from '../status.ts';

export const NODE_RESOURCES_FIT = 'NodeResourcesFit';

interface Insufficient {
  reason: string;
  unresolvable: boolean;
}

/** fitsRequest. */
export function insufficientResources(request: Resource, node: NodeInfo): Insufficient[] {
  const out: Insufficient[] = [];
  if (node.pods.length + 1 > node.allocatable.allowedPodNumber) out.push({ reason: 'Too many pods', unresolvable: false });
  const alloc = node.allocatable;
  const used = node.requested;
  const check = (name: string, req: number, allocatable: number, requested: number): void => {
    if (req > 0 && req > allocatable - requested) out.push({ reason: `Insufficient ${name}`, unresolvable: req > allocatable });
  };
  check('cpu', request.milliCPU, alloc.milliCPU, used.milliCPU);
  check('memory', request.memory, alloc.memory, used.memory);
  check('ephemeral-storage', request.ephemeralStorage, alloc.ephemeralStorage, used.ephemeralStorage);
  for (const [name, req] of request.scalar) check(name, req, alloc.scalar.get(name) ?? 0, used.scalar.get(name) ?? 0);
  return out;
}

export function fitStatus(request: Resource, node: NodeInfo): Status | null {
  const insufficient = insufficientResources(request, node);
  if (insufficient.length === 0) return null;
  const reasons = insufficient.map((i) => i.reason);
  return insufficient.some((i) => i.unresolvable) ? unresolvable(NODE_RESOURCES_FIT, ...reasons) : unschedulable(NODE_RESOURCES_FIT, ...reasons);
}

/** The default scoring resources of NodeResourcesFit and NodeResourcesBalancedAllocation. */
export const SCORING_RESOURCES: ReadonlyArray<{ name: string; weight: number }> = [
  { name: 'cpu', weight: 1 },
  { name: 'memory', weight: 1 },
];

/**
 * resourceAllocationScorer.calculateResourceAllocatableRequest: [allocatable, requested incl. the
 * pod]; [0, 0] for a scalar resource the pod does not request or the node lacks.
 */
export function allocatableAndRequested(node: NodeInfo, resource: string, podRequest: number, useRequested: boolean): [number, number] {
  const requested = useRequested ? node.requested : node.nonZeroRequested;
  if (podRequest === 0 && isScalarResourceName(resource)) return [0, 0];
  switch (resource) {
    case 'cpu':
      return [node.allocatable.milliCPU, requested.milliCPU + podRequest];
    case 'memory':
      return [node.allocatable.memory, requested.memory + podRequest];
    case 'ephemeral-storage':
      return [node.allocatable.ephemeralStorage, node.requested.ephemeralStorage + podRequest];
    default: {
      const alloc = node.allocatable.scalar.get(resource);
      return alloc === undefined ? [0, 0] : [alloc, (node.requested.scalar.get(resource) ?? 0) + podRequest];
    }
  }
}

function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return Math.trunc(((capacity - requested) * MAX_NODE_SCORE) / capacity);
}

export const nodeResourcesFit: Plugin = {
  name: NODE_RESOURCES_FIT,
  preFilter(ctx) {
    const request = fitRequest(ctx.pod);
    return { kind: 'ok', state: statelessFilter((node) => fitStatus(request, node)) };
  },
  preScore(ctx) {
    const podRequests = SCORING_RESOURCES.map((r) => scoringRequest(ctx.pod, r.name, true));
    return {
      score(node) {
        let score = 0;
        let weights = 0;
        SCORING_RESOURCES.forEach((r, i) => {
          const [alloc, req] = allocatableAndRequested(node, r.name, podRequests[i]!, false);
          if (alloc === 0) return;
          score += leastRequestedScore(req, alloc) * r.weight;
          weights += r.weight;
        });
        return weights === 0 ? 0 : Math.trunc(score / weights);
      },
    };
  },
};
