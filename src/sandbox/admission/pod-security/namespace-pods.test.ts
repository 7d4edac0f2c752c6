import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type * as corev1 from '../../../generated/k8s/core/v1.ts';
import { LATEST } from './api.ts';
import { defaultChecks } from './checks/index.ts';
import { PolicyEvaluator } from './evaluator.ts';
import { evaluatePodsInNamespace } from './namespace-pods.ts';

const evaluator = new PolicyEvaluator(defaultChecks);
type Pod = corev1.Pod & { metadata: { name: string } };
const pod = (name: string, spec: Partial<corev1.PodSpec> = {}, owner?: string): Pod => ({
  metadata: { name, ownerReferences: owner ? [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: owner, uid: owner, controller: true }] : undefined },
  spec: { containers: [{ name: 'app', image: 'x' }], ...spec },
});

describe('existing pods against a new enforce level', () => {
  it('summarises violations per distinct reason, led by the lexically first pod', () => {
    const pods = [pod('web-b', { hostNetwork: true }, 'rs'), pod('web-a', { hostNetwork: true }, 'rs'), pod('debug', { hostPID: true, containers: [{ name: 'app', image: 'x', securityContext: { privileged: true } }] }), pod('ok'), pod('web-c', { hostNetwork: true }, 'rs')];
    assert.deepEqual(evaluatePodsInNamespace(evaluator, 'team', pods, { level: 'baseline', version: LATEST }), [
      'existing pods in namespace "team" violate the new PodSecurity enforce level "baseline:latest"',
      'debug: host namespaces, privileged',
      'web-a (and 2 other pods): host namespaces',
    ]);
  });

  it('checks at most 3000 pods, one per controller before their siblings', () => {
    const replicas = Array.from({ length: 3000 }, (_, i) => pod(`rs-${String(i).padStart(4, '0')}`, {}, 'rs'));
    const pods = [...replicas, pod('zz-lonely', { hostIPC: true })];
    assert.deepEqual(evaluatePodsInNamespace(evaluator, 'big', pods, { level: 'baseline', version: LATEST }), [
      'new PodSecurity enforce level only checked against the first 3000 of 3001 existing pods',
      'existing pods in namespace "big" violate the new PodSecurity enforce level "baseline:latest"',
      'zz-lonely: host namespaces',
    ]);
  });

  it('says nothing when every pod complies', () => {
    assert.deepEqual(evaluatePodsInNamespace(evaluator, 'team', [pod('ok')], { level: 'baseline', version: LATEST }), []);
  });
});
