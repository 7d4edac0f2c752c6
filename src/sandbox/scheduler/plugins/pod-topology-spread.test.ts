import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type * as corev1 from '../../../generated/k8s/core/v1.ts';
import type { ClusterSnapshot } from '../snapshot.ts';
import { makeNode, makePod, runFilter, runScore } from '../test-fixtures.ts';
import { podTopologySpread } from './pod-topology-spread.ts';

const SKEW = "node(s) didn't match pod topology spread constraints";
const MISSING = "!node(s) didn't match pod topology spread constraints (missing required label)";

const nodes = [makeNode('a1', { labels: { zone: 'a' } }), makeNode('a2', { labels: { zone: 'a' } }), makeNode('b1', { labels: { zone: 'b' } }), makeNode('nozone')];
const app = (name: string, nodeName: string) => makePod(name, { labels: { app: 'db' }, nodeName });
const spread = (c: Partial<corev1.TopologySpreadConstraint>) =>
  makePod('new', { labels: { app: 'db' }, spec: { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'db' } }, ...c }] } });

describe('PodTopologySpread filter', () => {
  it('keeps the skew between domains within maxSkew and rejects nodes without the key', () => {
    const snap: ClusterSnapshot = { nodes, pods: [app('x', 'a1')] };
    assert.deepEqual(runFilter(podTopologySpread, spread({}), snap), { a1: SKEW, a2: SKEW, b1: '', nozone: MISSING });
    assert.deepEqual(runFilter(podTopologySpread, spread({ maxSkew: 2 }), snap), { a1: '', a2: '', b1: '', nozone: MISSING });
  });

  it('ignores pods of other namespaces, other labels and terminating pods', () => {
    const snap: ClusterSnapshot = {
      nodes,
      pods: [makePod('other-ns', { labels: { app: 'db' }, nodeName: 'a1', namespace: 'x' }), makePod('other-app', { labels: { app: 'web' }, nodeName: 'a1' }), makePod('dying', { labels: { app: 'db' }, nodeName: 'a1', deletionTimestamp: '2025-01-01T00:00:00Z' })],
    };
    assert.deepEqual(runFilter(podTopologySpread, spread({}), snap), { a1: '', a2: '', b1: '', nozone: MISSING });
  });

  it('treats the global minimum as 0 until minDomains domains exist', () => {
    const snap: ClusterSnapshot = { nodes, pods: [app('x', 'a1'), app('y', 'b1')] };
    assert.deepEqual(runFilter(podTopologySpread, spread({}), snap), { a1: '', a2: '', b1: '', nozone: MISSING });
    assert.deepEqual(runFilter(podTopologySpread, spread({ minDomains: 3 }), snap), { a1: SKEW, a2: SKEW, b1: SKEW, nozone: MISSING });
  });

  it('leaves out nodes the pod may not use by node affinity unless nodeAffinityPolicy is Ignore', () => {
    const snap: ClusterSnapshot = { nodes, pods: [app('x', 'a1'), app('z', 'a2'), app('y', 'b1')] };
    const honor = spread({});
    honor.spec!.nodeSelector = { zone: 'a' };
    // Zone b is not an eligible domain: zone a (2 pods) is the minimum. (NodeAffinity rejects b1 itself.)
    assert.deepEqual(runFilter(podTopologySpread, honor, snap), { a1: '', a2: '', b1: '', nozone: MISSING });
    const ignore = spread({ nodeAffinityPolicy: 'Ignore' });
    ignore.spec!.nodeSelector = { zone: 'a' };
    // Zone b (1 pod) counts: zone a would be at skew 2.
    assert.deepEqual(runFilter(podTopologySpread, ignore, snap), { a1: SKEW, a2: SKEW, b1: '', nozone: MISSING });
  });

  it('only applies DoNotSchedule constraints', () => {
    assert.deepEqual(runFilter(podTopologySpread, spread({ whenUnsatisfiable: 'ScheduleAnyway' }), { nodes, pods: [app('x', 'a1')] }), { skip: true });
  });
});

describe('PodTopologySpread score', () => {
  it('prefers domains with fewer matching pods for ScheduleAnyway constraints', () => {
    const snap: ClusterSnapshot = { nodes: nodes.slice(0, 3), pods: [app('x', 'a1'), app('y', 'a2')] };
    // zone a: 2 pods × ln(4) = 2.77 → 3, zone b: 0 → normalized 100 × (3 + 0 - s) / 3.
    assert.deepEqual(runScore(podTopologySpread, spread({ whenUnsatisfiable: 'ScheduleAnyway' }), snap), { a1: 0, a2: 0, b1: 100 });
  });

  it('spreads by hostname for pods of a Service without constraints of their own', () => {
    const svc: corev1.Service = { metadata: { name: 'db', namespace: 'default' }, spec: { selector: { app: 'db' } } };
    const snap: ClusterSnapshot = { nodes: nodes.slice(0, 3), pods: [app('x', 'a1'), app('y', 'a1'), app('z', 'a2')], services: [svc] };
    const pod = makePod('new', { labels: { app: 'db' } });
    // hostname: count × ln(3 + 2) + (3 - 1); zone a: count × ln(2 + 2) + (5 - 1).
    const scores = runScore(podTopologySpread, pod, snap)!;
    assert.ok(scores.b1! > scores.a2! && scores.a2! > scores.a1!, JSON.stringify(scores));
    assert.equal(runScore(podTopologySpread, makePod('lonely', { labels: { app: 'other' } }), snap), null);
  });
});
