import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DaemonSet } from '../../registry/apps/daemonset/types.ts';
import type { Pod } from '../statefulset/pod-state.ts';
import { daemonTolerations, type Node, nodeShouldRunDaemonPod, pinToNode, targetNodeName, withDaemonTolerations } from './eligibility.ts';

const node = (name: string, labels: Record<string, string> = {}, taints: NonNullable<Node['spec']>['taints'] = undefined): Node => ({ metadata: { name, labels: { 'kubernetes.io/hostname': name, ...labels } }, spec: taints ? { taints } : {} });
const ds = (spec: Record<string, unknown> = {}): DaemonSet => ({ metadata: { name: 'agent' }, spec: { selector: { matchLabels: { app: 'agent' } }, template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'a', image: 'busybox' }], ...spec } } } }) as DaemonSet;
const controlPlane = node('cp', { 'node-role.kubernetes.io/control-plane': '' }, [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }]);

describe('daemon pod placement', () => {
  it('adds the automatic daemon tolerations, network-unavailable only with hostNetwork', () => {
    assert.deepEqual(daemonTolerations(false).map((t) => `${t.key}:${t.effect}`), [
      'node.kubernetes.io/not-ready:NoExecute',
      'node.kubernetes.io/unreachable:NoExecute',
      'node.kubernetes.io/disk-pressure:NoSchedule',
      'node.kubernetes.io/memory-pressure:NoSchedule',
      'node.kubernetes.io/pid-pressure:NoSchedule',
      'node.kubernetes.io/unschedulable:NoSchedule',
    ]);
    assert.equal(daemonTolerations(true).at(-1)!.key, 'node.kubernetes.io/network-unavailable');
    // Existing tolerations stay first and an identical one is not repeated.
    const own = { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' };
    const merged = withDaemonTolerations({ containers: [], tolerations: [{ key: 'x', operator: 'Exists' }, own] });
    assert.equal(merged.length, 7);
    assert.equal(merged[0]!.key, 'x');
  });

  it('leaves out the tainted control plane unless the template tolerates it', () => {
    assert.deepEqual(nodeShouldRunDaemonPod(node('w'), ds()), { shouldRun: true, shouldContinueRunning: true });
    assert.deepEqual(nodeShouldRunDaemonPod(controlPlane, ds()), { shouldRun: false, shouldContinueRunning: true });
    assert.equal(nodeShouldRunDaemonPod(controlPlane, ds({ tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }] })).shouldRun, true);
  });

  it('runs on cordoned, not-ready and pressured nodes through its tolerations', () => {
    const cordoned = node('c', {}, [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }]);
    assert.equal(nodeShouldRunDaemonPod(cordoned, ds()).shouldRun, true);
    const notReady = node('n', {}, [{ key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' }]);
    assert.equal(nodeShouldRunDaemonPod(notReady, ds()).shouldRun, true);
    const noNetwork = node('n', {}, [{ key: 'node.kubernetes.io/network-unavailable', effect: 'NoSchedule' }]);
    assert.equal(nodeShouldRunDaemonPod(noNetwork, ds()).shouldRun, false);
    assert.equal(nodeShouldRunDaemonPod(noNetwork, ds({ hostNetwork: true })).shouldRun, true);
  });

  it('evicts only for an untolerated NoExecute taint', () => {
    assert.deepEqual(nodeShouldRunDaemonPod(node('n', {}, [{ key: 'dedicated', value: 'gpu', effect: 'NoExecute' }]), ds()), { shouldRun: false, shouldContinueRunning: false });
  });

  it('follows nodeSelector, required node affinity and spec.nodeName', () => {
    assert.equal(nodeShouldRunDaemonPod(node('a', { disk: 'ssd' }), ds({ nodeSelector: { disk: 'ssd' } })).shouldRun, true);
    assert.deepEqual(nodeShouldRunDaemonPod(node('b'), ds({ nodeSelector: { disk: 'ssd' } })), { shouldRun: false, shouldContinueRunning: false });
    const affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] }] } } };
    assert.equal(nodeShouldRunDaemonPod(node('a', { zone: 'a' }), ds({ affinity })).shouldRun, true);
    assert.equal(nodeShouldRunDaemonPod(node('b', { zone: 'b' }), ds({ affinity })).shouldRun, false);
    assert.equal(nodeShouldRunDaemonPod(node('b'), ds({ nodeName: 'a' })).shouldRun, false);
  });

  it('pins a pod to its node with one matchFields term, and reads the target back', () => {
    const affinity = pinToNode({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] }] } } }, 'w1');
    assert.deepEqual(affinity.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution, { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['w1'] }] }] });
    const pod: Pod = { metadata: { name: 'p' }, spec: { containers: [], affinity } };
    assert.equal(targetNodeName(pod), 'w1');
    assert.equal(targetNodeName({ ...pod, spec: { ...pod.spec!, nodeName: 'w2' } }), 'w2');
  });
});
