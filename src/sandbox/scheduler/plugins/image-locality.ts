// ImageLocality: prefers nodes that already hold the pod's images, each image worth its size
// scaled by the share of nodes that have it, clamped to 23 MiB .. 1000 MiB per container.
import { MAX_NODE_SCORE, type Plugin } from '../framework.ts';
import { normalizedImageName } from '../snapshot.ts';

export const IMAGE_LOCALITY = 'ImageLocality';

const MB = 1024 * 1024;
const MIN_THRESHOLD = 23 * MB;
const MAX_CONTAINER_THRESHOLD = 1000 * MB;

export function imageLocalityPriority(sumScores: number, numContainers: number): number {
  const maxThreshold = MAX_CONTAINER_THRESHOLD * numContainers;
  const s = Math.min(Math.max(sumScores, MIN_THRESHOLD), maxThreshold);
  return Math.trunc((MAX_NODE_SCORE * (s - MIN_THRESHOLD)) / (maxThreshold - MIN_THRESHOLD));
}

export const imageLocality: Plugin = {
  name: IMAGE_LOCALITY,
  preScore(ctx) {
    const containers = [...(ctx.pod.spec?.initContainers ?? []), ...(ctx.pod.spec?.containers ?? [])];
    const total = ctx.cluster.nodes.length;
    return {
      score(node) {
        let sum = 0;
        for (const c of containers) {
          const state = node.imageStates.get(normalizedImageName(c.image ?? ''));
          if (state) sum += Math.trunc(state.size * (state.numNodes / total));
        }
        return imageLocalityPriority(sum, containers.length);
      },
    };
  },
};
