import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type * as corev1 from '../../../generated/k8s/core/v1.ts';
import type { ClusterSnapshot } from '../snapshot.ts';
import { makeNode, makePod, runFilter, runScore } from '../test-fixtures.ts';
import { interPodAffinity } from './inter-pod-affinity.ts';

const AFFINITY = "!node(s) didn't match pod affinity rules";
const ANTI = "node(s) didn't match pod anti-affinity rules";
const EXISTING = "node(s) didn't satisfy existing pods anti-affinity rules";

const nodes = [
  makeNode('a1', { labels: { zone: 'a' } }),
  makeNode('a2', { labels: { zone: 'a' } }),
  makeNode('b1', { labels: { zone: 'b' } }),
  makeNode('nozone'),
];
const term = (labels: Record<string, string>, topologyKey: string, extra: Partial<corev1.PodAffinityTerm> = {}): corev1.PodAffinityTerm => ({
  labelSelector: { matchLabels: labels },
  topologyKey,
  ...extra,
});
const withAffinity = (affinity: corev1.Affinity, labels?: Record<string, string>, namespace?: string) =>
  makePod('p', { spec: { affinity }, ...(labels ? { labels } : {}), ...(namespace ? { namespace } : {}) });

describe('InterPodAffinity filter', () => {
  const snap: ClusterSnapshot = { nodes, pods: [makePod('cache', { labels: { app: 'cache' }, nodeName: 'a1' })] };

  it('skips pods without inter-pod constraints when no existing pod has anti-affinity', () => {
    assert.deepEqual(runFilter(interPodAffinity, makePod('p'), snap), { skip: true });
  });

  it('requires a matching pod in the same topology domain', () => {
    const pod = withAffinity({ podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term({ app: 'cache' }, 'zone')] } });
    assert.deepEqual(runFilter(interPodAffinity, pod, snap), { a1: '', a2: '', b1: AFFINITY, nozone: AFFINITY });
  });

  it('lets the first pod of a self-affine group go anywhere with the topology key', () => {
    const pod = withAffinity({ podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term({ app: 'web' }, 'zone')] } }, { app: 'web' });
    assert.deepEqual(runFilter(interPodAffinity, pod, snap), { a1: '', a2: '', b1: '', nozone: AFFINITY });
  });

  it('forbids domains holding pods the anti-affinity selects', () => {
    const pod = withAffinity({ podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term({ app: 'cache' }, 'zone')] } });
    assert.deepEqual(runFilter(interPodAffinity, pod, snap), { a1: ANTI, a2: ANTI, b1: '', nozone: '' });
  });

  it("honours existing pods' anti-affinity against the incoming pod", () => {
    const loner = makePod('loner', { nodeName: 'b1', spec: { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term({ app: 'web' }, 'zone')] } } } });
    const result = runFilter(interPodAffinity, makePod('web', { labels: { app: 'web' } }), { nodes, pods: [loner] });
    assert.deepEqual(result, { a1: '', a2: '', b1: EXISTING, nozone: '' });
  });

  it("looks only in the pod's namespace unless namespaces or a namespaceSelector say otherwise", () => {
    const other: ClusterSnapshot = {
      nodes,
      pods: [makePod('cache', { labels: { app: 'cache' }, nodeName: 'b1', namespace: 'shared' })],
      namespaces: [{ metadata: { name: 'shared', labels: { team: 'platform' } } }, { metadata: { name: 'default' } }],
    };
    const anti = (extra: Partial<corev1.PodAffinityTerm>) => withAffinity({ podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term({ app: 'cache' }, 'zone', extra)] } });
    assert.deepEqual(runFilter(interPodAffinity, anti({}), other), { a1: '', a2: '', b1: '', nozone: '' });
    assert.deepEqual(runFilter(interPodAffinity, anti({ namespaces: ['shared'] }), other), { a1: '', a2: '', b1: ANTI, nozone: '' });
    assert.deepEqual(runFilter(interPodAffinity, anti({ namespaceSelector: { matchLabels: { team: 'platform' } } }), other), { a1: '', a2: '', b1: ANTI, nozone: '' });
    assert.deepEqual(runFilter(interPodAffinity, anti({ namespaceSelector: {} }), other), { a1: '', a2: '', b1: ANTI, nozone: '' });
  });
});

describe('InterPodAffinity score', () => {
  it('adds preferred affinity and subtracts preferred anti-affinity per domain, normalized min to max', () => {
    const snap: ClusterSnapshot = { nodes, pods: [makePod('cache', { labels: { app: 'cache' }, nodeName: 'a1' }), makePod('batch', { labels: { app: 'batch' }, nodeName: 'b1' })] };
    const pod = withAffinity({
      podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 10, podAffinityTerm: term({ app: 'cache' }, 'zone') }] },
      podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 5, podAffinityTerm: term({ app: 'batch' }, 'zone') }] },
    });
    // a: +10, b: -5, nozone: 0 → (s + 5) / 15.
    assert.deepEqual(runScore(interPodAffinity, pod, snap), { a1: 100, a2: 100, b1: 0, nozone: 33 });
  });

  it('counts the required affinity of existing pods towards the incoming pod', () => {
    const follower = makePod('follower', { nodeName: 'b1', spec: { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term({ app: 'web' }, 'zone')] } } } });
    assert.deepEqual(runScore(interPodAffinity, makePod('web', { labels: { app: 'web' } }), { nodes, pods: [follower] }), { a1: 0, a2: 0, b1: 100, nozone: 0 });
  });

  it('skips scoring when no term applies', () => {
    assert.equal(runScore(interPodAffinity, makePod('p'), { nodes, pods: [] }), null);
  });
});
