import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deepClone } from '../../../../apimachinery/object.ts';
import type { PrintContext } from '../../types.ts';
import { messages, stored, testContext } from '../shared/testing.ts';
import { defaultReplicaSet } from './defaults.ts';
import { replicaSetPrinter } from './printer.ts';
import { replicaSetResource } from './resource.ts';
import { replicaSetStrategy } from './strategy.ts';
import type { ReplicaSet } from './types.ts';
import { validateReplicaSet, validateReplicaSetUpdate } from './validation.ts';

function rs(mutate: (r: ReplicaSet) => void = () => {}): ReplicaSet {
  const r = {
    metadata: { name: 'web-1' },
    spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
  } as ReplicaSet;
  mutate(r);
  defaultReplicaSet(r);
  return r;
}

describe('ReplicaSet', () => {
  it('defaults one replica', () => {
    assert.equal(rs().spec?.replicas, 1);
  });

  it('validates like upstream, including its "deployment" wording for empty selectors', () => {
    assert.deepEqual(messages(validateReplicaSet(rs())), []);
    const empty = rs((r) => (r.spec!.selector = { matchLabels: {} }));
    assert.deepEqual(messages(validateReplicaSet(empty)), [
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment',
    ]);
    const deadline = rs((r) => (r.spec!.template!.spec!.activeDeadlineSeconds = 5));
    assert.deepEqual(messages(validateReplicaSet(deadline)), ['spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in ReplicaSet is not Supported']);
  });

  it('keeps the selector immutable', () => {
    const next = rs((r) => {
      r.spec!.selector = { matchLabels: { app: 'web', v: '2' } };
      r.spec!.template!.metadata!.labels = { app: 'web', v: '2' };
    });
    assert.match(messages(validateReplicaSetUpdate(next, rs())).join('\n'), /^spec\.selector: Invalid value: .*: field is immutable$/);
  });

  it('starts with replicas 0 in status and generation 1', () => {
    const r = rs();
    replicaSetStrategy.prepareForCreate!(r, testContext());
    assert.deepEqual(r.status, { replicas: 0 });
    assert.equal(r.metadata.generation, 1);
    const scaled = deepClone(r);
    scaled.spec!.replicas = 4;
    replicaSetStrategy.prepareForUpdate!(scaled, stored(r), testContext());
    assert.equal(scaled.metadata.generation, 2);
  });

  it('prints DESIRED CURRENT READY and selects on status.replicas', () => {
    const r = stored({ ...rs(), metadata: { name: 'web-1', creationTimestamp: '2026-01-01T00:00:00Z' }, status: { replicas: 2, readyReplicas: 1 } });
    const ctx = { now: Date.parse('2026-01-01T00:02:00Z') } as PrintContext;
    assert.deepEqual(replicaSetPrinter.cells(r, ctx), ['web-1', 1, 2, 1, '2m', 'c', 'nginx', 'app=web']);
    assert.deepEqual(replicaSetResource.fieldLabels!(r), { 'status.replicas': '2' });
  });
});
