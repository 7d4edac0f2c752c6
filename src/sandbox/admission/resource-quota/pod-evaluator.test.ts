import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type * as corev1 from '../../../generated/k8s/core/v1.ts';
import { podConstraints, podMatchesScope, podUsage } from './pod-evaluator.ts';
import { toRecord } from './resource-list.ts';

const NOW = Date.parse('2026-01-01T00:00:00Z');

function pod(containers: Array<Partial<corev1.Container>>, spec: Partial<corev1.PodSpec> = {}, extra: Partial<corev1.Pod> = {}): corev1.Pod {
  return {
    metadata: { name: 'p' },
    spec: { containers: containers.map((c, i) => ({ name: `c${i}`, image: 'nginx', ...c })), ...spec },
    ...extra,
  };
}
const res = (requests?: Record<string, string>, limits?: Record<string, string>) => ({ resources: { requests, limits } });

describe('pod quota usage', () => {
  it('counts requests (also as the bare names), limits and the pod', () => {
    const p = pod([res({ cpu: '250m', memory: '64Mi' }, { cpu: '500m', memory: '128Mi' }), res({ cpu: '250m', 'ephemeral-storage': '1Gi' })]);
    assert.deepEqual(toRecord(podUsage(p, NOW)), {
      'count/pods': '1',
      cpu: '500m',
      'ephemeral-storage': '1Gi',
      'limits.cpu': '500m',
      'limits.memory': '128Mi',
      memory: '64Mi',
      pods: '1',
      'requests.cpu': '500m',
      'requests.ephemeral-storage': '1Gi',
      'requests.memory': '64Mi',
    });
  });

  it('charges the larger of the containers and any init container, with sidecars adding up', () => {
    const p = pod([res({ cpu: '100m' })], {
      initContainers: [
        { name: 'sidecar', image: 'envoy', restartPolicy: 'Always', resources: { requests: { cpu: '200m' } } },
        { name: 'migrate', image: 'db', resources: { requests: { cpu: '1' } } },
      ],
    });
    // Running: 100m + 200m sidecar = 300m; while `migrate` runs: 1 + 200m sidecar = 1200m.
    assert.equal(toRecord(podUsage(p, NOW))['requests.cpu'], '1200m');
  });

  it('adds the RuntimeClass overhead to requests, and to limits only where a limit is set', () => {
    const p = pod([res({ cpu: '100m', memory: '10Mi' }, { cpu: '200m' })], { overhead: { cpu: '50m', memory: '5Mi' } });
    const u = toRecord(podUsage(p, NOW));
    assert.equal(u['requests.cpu'], '150m');
    assert.equal(u['requests.memory'], '15Mi');
    assert.equal(u['limits.cpu'], '250m');
    assert.equal(u['limits.memory'], undefined);
  });

  it('uses pod-level resources for cpu and memory when set', () => {
    const p = pod([res({ cpu: '100m' }), res({ cpu: '100m' })], { resources: { requests: { cpu: '1' }, limits: { cpu: '2' } } });
    const u = toRecord(podUsage(p, NOW));
    assert.equal(u['requests.cpu'], '1');
    assert.equal(u['limits.cpu'], '2');
  });

  it('counts hugepages and extended resources as requests', () => {
    const u = toRecord(podUsage(pod([res({ 'hugepages-2Mi': '4Mi', 'example.com/gpu': '1' }, { 'hugepages-2Mi': '4Mi', 'example.com/gpu': '1' })]), NOW));
    assert.equal(u['hugepages-2Mi'], '4Mi');
    assert.equal(u['requests.hugepages-2Mi'], '4Mi');
    assert.equal(u['requests.example.com/gpu'], '1');
    assert.equal(u['example.com/gpu'], undefined);
  });

  it('charges only count/pods for terminal pods and pods stuck terminating past their grace', () => {
    const done = pod([res({ cpu: '1' })], {}, { status: { phase: 'Succeeded' } });
    assert.deepEqual(toRecord(podUsage(done, NOW)), { 'count/pods': '1' });
    const deleting = (at: string) => pod([res({ cpu: '1' })], {}, { metadata: { name: 'p', deletionTimestamp: at, deletionGracePeriodSeconds: 30 } });
    assert.equal(toRecord(podUsage(deleting('2026-01-01T00:00:00Z'), NOW)).pods, '1');
    // Upstream adds the grace period to a deletion timestamp that already includes it.
    assert.equal(toRecord(podUsage(deleting('2025-12-31T23:59:00Z'), NOW)).pods, undefined);
  });
});

describe('pod quota scopes', () => {
  const exists = (scopeName: string) => ({ scopeName, operator: 'Exists' });
  it('Terminating / NotTerminating follow activeDeadlineSeconds', () => {
    const job = pod([{}], { activeDeadlineSeconds: 60 });
    assert.ok(podMatchesScope(exists('Terminating'), job));
    assert.ok(!podMatchesScope(exists('NotTerminating'), job));
    assert.ok(podMatchesScope(exists('NotTerminating'), pod([{}])));
  });

  it('BestEffort / NotBestEffort follow the QoS class of the spec', () => {
    assert.ok(podMatchesScope(exists('BestEffort'), pod([{}])));
    assert.ok(podMatchesScope(exists('NotBestEffort'), pod([res({ memory: '1Mi' })])));
    assert.ok(!podMatchesScope(exists('BestEffort'), pod([res(undefined, { cpu: '1' })])));
  });

  it('PriorityClass matches by selector on the class name', () => {
    const high = pod([{}], { priorityClassName: 'high' });
    const none = pod([{}]);
    assert.ok(podMatchesScope(exists('PriorityClass'), high));
    assert.ok(!podMatchesScope(exists('PriorityClass'), none));
    assert.ok(podMatchesScope({ scopeName: 'PriorityClass', operator: 'In', values: ['high', 'medium'] }, high));
    assert.ok(!podMatchesScope({ scopeName: 'PriorityClass', operator: 'In', values: ['low'] }, high));
    assert.ok(podMatchesScope({ scopeName: 'PriorityClass', operator: 'NotIn', values: ['high'] }, none));
    assert.ok(podMatchesScope({ scopeName: 'PriorityClass', operator: 'DoesNotExist' }, none));
  });

  it('CrossNamespacePodAffinity matches terms naming namespaces or a namespace selector', () => {
    const term = { topologyKey: 'kubernetes.io/hostname', namespaces: ['other'] };
    assert.ok(podMatchesScope(exists('CrossNamespacePodAffinity'), pod([{}], { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term] } } })));
    assert.ok(!podMatchesScope(exists('CrossNamespacePodAffinity'), pod([{}], { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'x' }] } } })));
  });
});

describe('pod quota constraints', () => {
  it('names, per tracked resource, the containers that do not set it', () => {
    const p = pod([res({ cpu: '100m' }, { cpu: '200m' }), res()], { initContainers: [{ name: 'init', image: 'busybox' }] });
    assert.equal(
      podConstraints(['limits.cpu', 'limits.memory', 'pods', 'requests.storage'], p),
      'must specify limits.cpu for: c1,init; limits.memory for: c0,c1,init',
    );
    assert.equal(podConstraints(['pods', 'count/pods', 'requests.ephemeral-storage'], p), undefined);
    assert.equal(podConstraints(['cpu', 'requests.cpu'], p), 'must specify cpu for: c1,init; requests.cpu for: c1,init');
  });
});
