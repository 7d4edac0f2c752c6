import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { StoredObject } from '../../../apimachinery/object.ts';
import { planClaims, selectorOf } from './claim-objects.ts';

const owner: StoredObject = { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db', uid: 'set', resourceVersion: '1' } };
const obj = (name: string, labels: Record<string, string>, controller?: string): StoredObject => ({
  metadata: { name, uid: name, resourceVersion: '1', labels, ...(controller ? { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'x', uid: controller, controller: true }] } : {}) },
});

describe('planClaims', () => {
  const selector = selectorOf({ spec: { selector: { matchLabels: { app: 'db' } } } });
  it('adopts matching orphans and releases owned objects that stopped matching', () => {
    const steps = planClaims(owner, selector, [obj('orphan', { app: 'db' }), obj('mine', { app: 'db' }, 'set'), obj('strayed', { app: 'web' }, 'set'), obj('other', { app: 'db' }, 'someone'), obj('unrelated', { app: 'web' })]);
    assert.deepEqual(steps.map((s) => `${s.type} ${s.object.metadata.name}`), ['adopt orphan', 'release strayed']);
  });
  it('adopts nothing while the owner is being deleted, and a bad selector selects nothing', () => {
    assert.deepEqual(planClaims({ ...owner, metadata: { ...owner.metadata, deletionTimestamp: '2026-01-01T00:00:00Z' } }, selector, [obj('orphan', { app: 'db' })]), []);
    assert.equal(selectorOf({}).matches({ app: 'db' }), false);
  });
});
