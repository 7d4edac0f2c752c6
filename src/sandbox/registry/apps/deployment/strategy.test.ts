import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deepClone } from '../../../../apimachinery/object.ts';
import { stored, testContext } from '../shared/testing.ts';
import { deploymentStatusStrategy, deploymentStrategy } from './strategy.ts';
import type { Deployment } from './types.ts';

const ctx = testContext();
const d: Deployment = {
  metadata: { name: 'web', generation: 3, annotations: { a: '1' } },
  spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } } } },
  status: { replicas: 1, readyReplicas: 1 },
};

describe('Deployment strategy', () => {
  it('clears status and starts at generation 1 on create', () => {
    const obj = deepClone(d);
    deploymentStrategy.prepareForCreate!(obj, ctx);
    assert.deepEqual(obj.status, {});
    assert.equal(obj.metadata.generation, 1);
  });

  it('keeps the stored status and bumps generation only for spec or annotation changes', () => {
    const old = stored(d);
    const same = { ...deepClone(d), status: { replicas: 9 } };
    deploymentStrategy.prepareForUpdate!(same, old, ctx);
    assert.deepEqual(same.status, { replicas: 1, readyReplicas: 1 });
    assert.equal(same.metadata.generation, 3);

    const scaled = deepClone(d);
    scaled.spec!.replicas = 3;
    deploymentStrategy.prepareForUpdate!(scaled, old, ctx);
    assert.equal(scaled.metadata.generation, 4);

    const annotated = deepClone(d);
    annotated.metadata.annotations = { a: '2' };
    deploymentStrategy.prepareForUpdate!(annotated, old, ctx);
    assert.equal(annotated.metadata.generation, 4);
  });

  it('lets /status change only the status', () => {
    const old = stored(d);
    const next = deepClone(d);
    next.spec!.replicas = 5;
    next.metadata.labels = { sneaky: 'yes' };
    next.status = { replicas: 2 };
    deploymentStatusStrategy.prepareForUpdate!(next, old, ctx);
    assert.equal(next.spec?.replicas, 1);
    assert.equal(next.metadata.labels, undefined);
    assert.deepEqual(next.status, { replicas: 2 });
  });

  it('warns about names that are not DNS labels', () => {
    const obj = deepClone(d);
    obj.metadata.name = 'web.v2';
    assert.deepEqual(deploymentStrategy.warningsOnCreate!(obj, ctx), [
      'metadata.name: this is used in Pod names and hostnames, which can result in surprising behavior; a DNS label is recommended: [must not contain dots]',
    ]);
  });
});
