import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type * as corev1 from '../../../generated/k8s/core/v1.ts';
import { makeNode, makePod, runFilter, runScore } from '../test-fixtures.ts';
import { taintToleration } from './taint-toleration.ts';

const withTolerations = (tolerations: corev1.Toleration[]) => makePod('p', { spec: { tolerations } });

describe('TaintToleration filter', () => {
  const snap = {
    nodes: [
      makeNode('gpu', { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] }),
      makeNode('evicting', { taints: [{ key: 'maintenance', effect: 'NoExecute' }] }),
      makeNode('soft', { taints: [{ key: 'spot', value: 'true', effect: 'PreferNoSchedule' }] }),
    ],
    pods: [],
  };

  it('names the first untolerated NoSchedule/NoExecute taint and ignores PreferNoSchedule', () => {
    assert.deepEqual(runFilter(taintToleration, makePod('p'), snap), {
      gpu: '!node(s) had untolerated taint {dedicated: gpu}',
      evicting: '!node(s) had untolerated taint {maintenance: }',
      soft: '',
    });
  });

  it('matches Equal on key and value, Exists on key, and the effect when given', () => {
    const equal = runFilter(taintToleration, withTolerations([{ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }]), snap);
    assert.deepEqual(equal, { gpu: '', evicting: '!node(s) had untolerated taint {maintenance: }', soft: '' });
    const wrongValue = runFilter(taintToleration, withTolerations([{ key: 'dedicated', value: 'cpu' }]), snap);
    assert.equal((wrongValue as Record<string, string>).gpu, '!node(s) had untolerated taint {dedicated: gpu}');
    const wrongEffect = runFilter(taintToleration, withTolerations([{ key: 'maintenance', operator: 'Exists', effect: 'NoSchedule' }]), snap);
    assert.equal((wrongEffect as Record<string, string>).evicting, '!node(s) had untolerated taint {maintenance: }');
    const anyEffect = runFilter(taintToleration, withTolerations([{ key: 'maintenance', operator: 'Exists' }]), snap);
    assert.equal((anyEffect as Record<string, string>).evicting, '');
  });

  it('tolerates everything with an empty key and operator Exists', () => {
    assert.deepEqual(runFilter(taintToleration, withTolerations([{ operator: 'Exists' }]), snap), { gpu: '', evicting: '', soft: '' });
  });
});

describe('TaintToleration score', () => {
  const snap = {
    nodes: [makeNode('clean'), makeNode('one', { taints: [{ key: 'a', effect: 'PreferNoSchedule' }] }), makeNode('two', { taints: [{ key: 'a', effect: 'PreferNoSchedule' }, { key: 'b', effect: 'PreferNoSchedule' }] })],
    pods: [],
  };

  it('prefers nodes with fewer untolerated PreferNoSchedule taints', () => {
    assert.deepEqual(runScore(taintToleration, makePod('p'), snap), { clean: 100, one: 50, two: 0 });
  });

  it('counts tolerated taints as absent', () => {
    assert.deepEqual(runScore(taintToleration, withTolerations([{ key: 'b', operator: 'Exists' }]), snap), { clean: 100, one: 0, two: 0 });
  });
});
