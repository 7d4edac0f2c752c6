import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type * as core from '../../../../generated/k8s/core/v1.ts';
import type { StoredObject } from '../../../../apimachinery/object.ts';
import { testContext } from '../shared/testing.ts';
import { defaultPodSpecForPod } from '../shared/pod-spec-defaults.ts';
import { computePodQOS } from './qos.ts';
import { podFieldLabels, podGracePeriod, podStatusStrategy, podStrategy } from './strategy.ts';
import { UPDATABLE_POD_SPEC_FIELDS, validatePodUpdate, type Pod } from './validation.ts';

const NOW = Date.parse('2025-06-01T12:00:00Z');
const ctx = () => testContext([], NOW);

function pod(spec: Partial<core.PodSpec> = {}, status?: core.PodStatus, meta: Partial<Pod['metadata']> = {}): Pod & StoredObject {
  const s = { containers: [{ name: 'app', image: 'nginx' }], ...spec } as core.PodSpec;
  defaultPodSpecForPod(s);
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'default', uid: 'u', resourceVersion: '1', ...meta }, spec: s, status };
}

const resources = (requests?: Record<string, string>, limits?: Record<string, string>): core.Container => ({ name: 'app', image: 'x', resources: { requests, limits } });

describe('QoS class', () => {
  it('is BestEffort, Burstable or Guaranteed as upstream computes it', () => {
    assert.equal(computePodQOS({ containers: [{ name: 'a' }] }), 'BestEffort');
    assert.equal(computePodQOS({ containers: [resources({ cpu: '100m' })] }), 'Burstable');
    assert.equal(computePodQOS({ containers: [resources({ cpu: '1', memory: '1Gi' }, { cpu: '1', memory: '1Gi' })] }), 'Guaranteed');
    assert.equal(computePodQOS({ containers: [resources({ cpu: '1', memory: '512Mi' }, { cpu: '1', memory: '1Gi' })] }), 'Burstable');
    // Every container must limit both cpu and memory.
    assert.equal(computePodQOS({ containers: [resources({ cpu: '1', memory: '1Gi' }, { cpu: '1', memory: '1Gi' }), resources({ cpu: '1' }, { cpu: '1' })] }), 'Burstable');
    assert.equal(computePodQOS({ containers: [resources({ cpu: '0' })] }), 'BestEffort');
  });

  it('uses pod-level resources when they are set', () => {
    assert.equal(computePodQOS({ containers: [resources({ cpu: '100m' })], resources: { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } } }), 'Guaranteed');
  });
});

describe('pod strategy', () => {
  it('starts pods Pending with their QoS class and generation 1, whatever status was sent', () => {
    const p = pod({ containers: [resources(undefined, { cpu: '1', memory: '1Gi' })] }, { phase: 'Running', podIP: '1.2.3.4' });
    defaultPodSpecForPod(p.spec!);
    podStrategy.prepareForCreate!(p, ctx());
    assert.deepEqual(p.status, { phase: 'Pending', qosClass: 'Guaranteed' });
    assert.equal(p.metadata.generation, 1);
  });

  it('marks gated pods with a SchedulingGated condition', () => {
    const p = pod({ schedulingGates: [{ name: 'example.com/gate' }] });
    podStrategy.prepareForCreate!(p, ctx());
    assert.deepEqual(p.status!.conditions, [
      { type: 'PodScheduled', status: 'False', reason: 'SchedulingGated', message: 'Scheduling is blocked due to non-empty scheduling gates', lastProbeTime: null, lastTransitionTime: '2025-06-01T12:00:00Z' },
    ]);
  });

  it('keeps status on update and bumps generation only for spec changes', () => {
    const old = pod({}, { phase: 'Running' }, { generation: 1 });
    const same = pod({}, { phase: 'Failed' }, { generation: 1 });
    podStrategy.prepareForUpdate!(same, old, ctx());
    assert.deepEqual(same.status, { phase: 'Running' });
    assert.equal(same.metadata.generation, 1);
    const changed = pod({ containers: [{ name: 'app', image: 'nginx:1.27' }] }, undefined, { generation: 1 });
    podStrategy.prepareForUpdate!(changed, old, ctx());
    assert.equal(changed.metadata.generation, 2);
  });

  it('keeps spec, owner references and the QoS class on status updates', () => {
    const old = pod({}, { phase: 'Pending', qosClass: 'BestEffort' }, { ownerReferences: [{ apiVersion: 'v1', kind: 'X', name: 'x', uid: '1' }] });
    const next = pod({ nodeName: 'sneaky' }, { phase: 'Running' });
    podStatusStrategy.prepareForUpdate!(next, old, ctx());
    assert.equal(next.spec!.nodeName, undefined);
    assert.deepEqual(next.metadata.ownerReferences, old.metadata.ownerReferences);
    assert.deepEqual(next.status, { phase: 'Running', qosClass: 'BestEffort' });
  });

  it('warns about non-DNS-label names and deprecated node labels', () => {
    const p = pod({ nodeSelector: { 'beta.kubernetes.io/arch': 'amd64' } }, undefined, { name: 'web.v1' });
    assert.deepEqual(podStrategy.warningsOnCreate!(p, ctx()), [
      "metadata.name: this is used in the Pod's hostname, which can result in surprising behavior; a DNS label is recommended: [must not contain dots]",
      'spec.nodeSelector[beta.kubernetes.io/arch]: deprecated since v1.14; use "kubernetes.io/arch" instead',
    ]);
  });
});

describe('graceful deletion (CheckGracefulDelete)', () => {
  it('deletes unscheduled and finished pods at once', () => {
    assert.equal(podGracePeriod(pod(), {}), 0);
    assert.equal(podGracePeriod(pod({ nodeName: 'n' }, { phase: 'Succeeded' }), {}), 0);
    assert.equal(podGracePeriod(pod({ nodeName: 'n' }, { phase: 'Failed' }), { gracePeriodSeconds: 10 }), 0);
  });

  it('uses the requested grace period, else the pod spec one', () => {
    const bound = pod({ nodeName: 'n', terminationGracePeriodSeconds: 45 }, { phase: 'Running' });
    assert.equal(podGracePeriod(bound, {}), 45);
    const opts = { gracePeriodSeconds: 5 };
    assert.equal(podGracePeriod(bound, opts), 5);
    assert.equal(podGracePeriod(bound, { gracePeriodSeconds: -3 }), 1);
  });
});

describe('field selectors', () => {
  it('exposes upstream pod fields, hostNetwork defaulting to false', () => {
    const p = pod({ nodeName: 'node-1' }, { phase: 'Running', podIP: '10.0.0.5', podIPs: [{ ip: '10.0.0.5' }] });
    assert.deepEqual(podFieldLabels(p), {
      'spec.nodeName': 'node-1',
      'spec.restartPolicy': 'Always',
      'spec.schedulerName': 'default-scheduler',
      'spec.serviceAccountName': '',
      'spec.hostNetwork': 'false',
      'status.phase': 'Running',
      'status.podIP': '10.0.0.5',
      'status.nominatedNodeName': '',
    });
  });
});

describe('pod update restrictions', () => {
  const FORBIDDEN = `spec: Forbidden: pod updates may not change fields other than ${UPDATABLE_POD_SPEC_FIELDS.join(',')}\n`;

  it('allows image changes, shorter deadlines and added tolerations', () => {
    const old = pod({ activeDeadlineSeconds: 60, tolerations: [{ key: 'a', operator: 'Exists' }] });
    const next = pod({ activeDeadlineSeconds: 30, tolerations: [{ key: 'a', operator: 'Exists' }, { key: 'b', operator: 'Exists' }] });
    next.spec!.containers[0]!.image = 'nginx:1.27';
    assert.deepEqual(validatePodUpdate(next, old), []);
  });

  it('forbids anything else with upstream message', () => {
    const old = pod();
    const next = pod({ containers: [{ name: 'app', image: 'nginx', command: ['sleep', '3600'] }] });
    const errs = validatePodUpdate(next, old).map(String);
    assert.equal(errs.length, 1);
    assert.ok(errs[0]!.startsWith(FORBIDDEN), errs[0]);
    assert.match(errs[0]!, /- \t\t\tCommand: nil,\n\+ \t\t\tCommand: \[\]string\{"sleep", "3600"\},/);
  });

  it('names the exact rules for deadlines, containers and tolerations', () => {
    const old = pod({ activeDeadlineSeconds: 30, tolerations: [{ key: 'a', operator: 'Exists' }] });
    assert.deepEqual(validatePodUpdate(pod({ activeDeadlineSeconds: 60, tolerations: [{ key: 'a', operator: 'Exists' }] }), old).map(String), [
      'spec.activeDeadlineSeconds: Invalid value: 60: must be less than or equal to previous value',
    ]);
    const removed = validatePodUpdate(pod({ tolerations: [] }), old).map(String);
    assert.equal(removed[0], 'spec.activeDeadlineSeconds: Invalid value: null: must not update from a positive integer to nil value');
    assert.equal(removed[1], 'spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds');
    const two = pod({ containers: [{ name: 'a', image: 'x' }, { name: 'b', image: 'y' }] });
    assert.deepEqual(validatePodUpdate(two, pod()).map(String), ['spec.containers: Forbidden: pod updates may not add or remove containers']);
  });
});
