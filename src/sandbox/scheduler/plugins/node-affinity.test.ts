import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type * as corev1 from '../../../generated/k8s/core/v1.ts';
import { makeNode, makePod, runFilter, runScore } from '../test-fixtures.ts';
import { nodeAffinity } from './node-affinity.ts';

const NO = "!node(s) didn't match Pod's node affinity/selector";
const snap = {
  nodes: [makeNode('small', { labels: { disktype: 'hdd', cores: '4' } }), makeNode('big', { labels: { disktype: 'ssd', cores: '32', gpu: '' } }), makeNode('bare')],
  pods: [],
};
const required = (...terms: corev1.NodeSelectorTerm[]) =>
  makePod('p', { spec: { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } } } });
const expr = (key: string, operator: string, values?: string[]): corev1.NodeSelectorTerm => ({ matchExpressions: [{ key, operator, ...(values ? { values } : {}) }] });

describe('NodeAffinity filter', () => {
  it('skips pods without node constraints', () => {
    assert.deepEqual(runFilter(nodeAffinity, makePod('p'), snap), { skip: true });
  });

  it('applies nodeSelector', () => {
    assert.deepEqual(runFilter(nodeAffinity, makePod('p', { spec: { nodeSelector: { disktype: 'ssd' } } }), snap), { small: NO, big: '', bare: NO });
  });

  it('supports every operator', () => {
    assert.deepEqual(runFilter(nodeAffinity, required(expr('disktype', 'In', ['ssd', 'nvme'])), snap), { small: NO, big: '', bare: NO });
    assert.deepEqual(runFilter(nodeAffinity, required(expr('disktype', 'NotIn', ['ssd'])), snap), { small: '', big: NO, bare: '' });
    assert.deepEqual(runFilter(nodeAffinity, required(expr('gpu', 'Exists')), snap), { small: NO, big: '', bare: NO });
    assert.deepEqual(runFilter(nodeAffinity, required(expr('gpu', 'DoesNotExist')), snap), { small: '', big: NO, bare: '' });
    assert.deepEqual(runFilter(nodeAffinity, required(expr('cores', 'Gt', ['8'])), snap), { small: NO, big: '', bare: NO });
    assert.deepEqual(runFilter(nodeAffinity, required(expr('cores', 'Lt', ['8'])), snap), { small: '', big: NO, bare: NO });
  });

  it('ORs terms and ANDs the expressions of a term; an empty term matches nothing', () => {
    const both: corev1.NodeSelectorTerm = { matchExpressions: [{ key: 'disktype', operator: 'In', values: ['ssd'] }, { key: 'cores', operator: 'Gt', values: ['64'] }] };
    assert.deepEqual(runFilter(nodeAffinity, required(both), snap), { small: NO, big: NO, bare: NO });
    assert.deepEqual(runFilter(nodeAffinity, required(both, expr('disktype', 'In', ['hdd'])), snap), { small: '', big: NO, bare: NO });
    assert.deepEqual(runFilter(nodeAffinity, required({}), snap), { small: NO, big: NO, bare: NO });
  });

  it('requires nodeSelector and affinity together', () => {
    const pod = required(expr('disktype', 'Exists'));
    pod.spec!.nodeSelector = { cores: '4' };
    assert.deepEqual(runFilter(nodeAffinity, pod, snap), { small: '', big: NO, bare: NO });
  });

  it('narrows PreFilter to nodes named with matchFields metadata.name', () => {
    const ctxOut = runFilter(nodeAffinity, required({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['big'] }] }), snap);
    assert.deepEqual(ctxOut, { small: NO, big: '', bare: NO });
    const conflicting = required({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['big'] }, { key: 'metadata.name', operator: 'In', values: ['small'] }] });
    assert.deepEqual(runFilter(nodeAffinity, conflicting, snap), { rejected: 'pod affinity terms conflict' });
  });
});

describe('NodeAffinity score', () => {
  it('sums the weights of matching preferred terms, normalized to the best node', () => {
    const pod = makePod('p', {
      spec: {
        affinity: {
          nodeAffinity: {
            preferredDuringSchedulingIgnoredDuringExecution: [
              { weight: 80, preference: expr('disktype', 'In', ['ssd']) },
              { weight: 20, preference: expr('cores', 'Exists') },
            ],
          },
        },
      },
    });
    assert.deepEqual(runScore(nodeAffinity, pod, snap), { small: 20, big: 100, bare: 0 });
    assert.equal(runScore(nodeAffinity, makePod('q'), snap), null);
  });
});
