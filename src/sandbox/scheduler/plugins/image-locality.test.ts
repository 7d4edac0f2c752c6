import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeNode, makePod, runScore } from '../test-fixtures.ts';
import { imageLocality } from './image-locality.ts';

describe('ImageLocality', () => {
  it('prefers nodes holding the image, scaled by how widespread it is', () => {
    const big = { names: ['docker.io/library/nginx:1.27', 'nginx:1.27'], sizeBytes: 500 * 1024 * 1024 };
    const snap = { nodes: [makeNode('has', { images: [big] }), makeNode('lacks'), makeNode('other')], pods: [] };
    // 500 MiB × 1/3 of the nodes = 166 MiB → 100 × (166 - 23) / (1000 - 23) = 14.
    assert.deepEqual(runScore(imageLocality, makePod('p'), snap), { has: 14, lacks: 0, other: 0 });
  });

  it('reads an image without a tag as :latest', () => {
    const snap = { nodes: [makeNode('a', { images: [{ names: ['busybox:latest'], sizeBytes: 2000 * 1024 * 1024 }] })], pods: [] };
    const pod = makePod('p', { spec: { containers: [{ name: 'c', image: 'busybox' }] } });
    assert.deepEqual(runScore(imageLocality, pod, snap), { a: 100 });
  });
});
