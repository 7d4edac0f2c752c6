import { test } from 'node:test';
import assert from 'node:assert/strict';
import type * as core from '../../../../generated/k8s/core/v1.ts';
import { fieldRefValue, resourceFieldRefValue } from './field-ref.ts';

const pod: core.Pod = {
  metadata: { name: 'web-1', namespace: 'shop', uid: 'u-1', labels: { app: 'web', tier: 'front' }, annotations: { note: 'say "hi"' } },
  spec: {
    nodeName: 'kubecamp-worker',
    serviceAccountName: 'default',
    containers: [
      { name: 'app', resources: { limits: { cpu: '250m', memory: '64Mi' }, requests: { cpu: '100m' } } },
      { name: 'sidecar' },
    ],
  },
};
const ctx = { pod, podIPs: ['10.244.1.2'], hostIPs: ['172.18.0.3'] };
const value = (p: string) => {
  const r = fieldRefValue(p, ctx);
  return r.ok ? r.value : `error: ${r.message}`;
};

test('fieldRef paths resolve as the kubelet resolves them', () => {
  assert.equal(value('metadata.name'), 'web-1');
  assert.equal(value('metadata.namespace'), 'shop');
  assert.equal(value('metadata.uid'), 'u-1');
  assert.equal(value("metadata.labels['app']"), 'web');
  assert.equal(value("metadata.labels['missing']"), '');
  assert.equal(value("metadata.annotations['note']"), 'say "hi"');
  assert.equal(value('metadata.labels'), 'app="web"\ntier="front"');
  assert.equal(value('spec.nodeName'), 'kubecamp-worker');
  assert.equal(value('spec.serviceAccountName'), 'default');
  assert.equal(value('status.podIP'), '10.244.1.2');
  assert.equal(value('status.podIPs'), '10.244.1.2');
  assert.equal(value('status.hostIP'), '172.18.0.3');
  assert.equal(value('spec.restartPolicy'), 'error: unsupported fieldPath: spec.restartPolicy');
});

const allocatable = { cpu: '8', memory: '16318332Ki', 'ephemeral-storage': '263112772Ki' };
const res = (ref: core.ResourceFieldSelector, c = 0) => {
  const r = resourceFieldRefValue(ref, pod, pod.spec!.containers[c], allocatable);
  return r.ok ? r.value : `error: ${r.message}`;
};

test('resourceFieldRef rounds up by the divisor', () => {
  assert.equal(res({ resource: 'limits.cpu' }), '1');
  assert.equal(res({ resource: 'limits.cpu', divisor: '1m' }), '250');
  assert.equal(res({ resource: 'requests.cpu', divisor: '1m' }), '100');
  assert.equal(res({ resource: 'limits.memory' }), String(64 * 1024 * 1024));
  assert.equal(res({ resource: 'limits.memory', divisor: '1Mi' }), '64');
  assert.equal(res({ resource: 'limits.memory', divisor: '1G' }), '1');
});

test('a missing limit reads as the node allocatable; a missing request as 0', () => {
  assert.equal(res({ resource: 'limits.cpu' }, 1), '8');
  assert.equal(res({ resource: 'limits.memory', divisor: '1Ki' }, 1), '16318332');
  assert.equal(res({ resource: 'requests.memory' }, 1), '0');
  assert.equal(res({ resource: 'limits.cpu', containerName: 'app', divisor: '1m' }, 1), '250');
  assert.equal(res({ resource: 'limits.gpu' }), 'error: unsupported container resource : limits.gpu');
});
