import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type * as corev1 from '../../generated/k8s/core/v1.ts';
import { fitRequest, podResource } from './resources.ts';

const c = (name: string, requests: Record<string, string>, restartPolicy?: string): corev1.Container => ({
  name,
  resources: { requests },
  ...(restartPolicy ? { restartPolicy } : {}),
});
const pod = (spec: Partial<corev1.PodSpec>): corev1.Pod => ({ metadata: { name: 'p', namespace: 'default' }, spec: { containers: [], ...spec } });

describe('pod requests as the scheduler counts them', () => {
  it('sums containers and takes the largest init container (upstream example)', () => {
    const r = fitRequest(
      pod({
        initContainers: [c('ic1', { cpu: '2', memory: '1G' }), c('ic2', { cpu: '2', memory: '3G' })],
        containers: [c('c1', { cpu: '2', memory: '1G' }), c('c2', { cpu: '1', memory: '1G' })],
      }),
    );
    assert.equal(r.milliCPU, 3000);
    assert.equal(r.memory, 3e9);
  });

  it('adds restartable init containers to the containers and to later init containers', () => {
    const r = fitRequest(pod({ initContainers: [c('sidecar', { cpu: '1' }, 'Always'), c('setup', { cpu: '3' })], containers: [c('app', { cpu: '2' })] }));
    // app 2 + sidecar 1 = 3 while running; setup 3 + sidecar 1 = 4 while initializing.
    assert.equal(r.milliCPU, 4000);
  });

  it('adds pod overhead and lets pod-level requests replace the container sums', () => {
    assert.equal(fitRequest(pod({ containers: [c('app', { cpu: '500m' })], overhead: { cpu: '250m' } })).milliCPU, 750);
    assert.equal(fitRequest(pod({ containers: [c('app', { cpu: '500m' }), c('b', { cpu: '500m' })], resources: { requests: { cpu: '2' } } })).milliCPU, 2000);
  });

  it('keeps extended resources and hugepages as scalar resources', () => {
    const r = fitRequest(pod({ containers: [c('gpu', { 'nvidia.com/gpu': '2', 'hugepages-2Mi': '64Mi' })] }));
    assert.equal(r.scalar.get('nvidia.com/gpu'), 2);
    assert.equal(r.scalar.get('hugepages-2Mi'), 64 * 1024 * 1024);
  });

  it('charges containers without CPU or memory requests 100m and 200Mi for scoring', () => {
    const r = podResource(pod({ containers: [c('a', {}), c('b', { cpu: '1' })] }), false);
    assert.equal(r.requests.milliCPU, 1000);
    assert.equal(r.nonZeroMilliCPU, 1100);
    assert.equal(r.nonZeroMemory, 2 * 200 * 1024 * 1024);
  });

  it('counts a resize the kubelet already admitted on a running pod', () => {
    const running: corev1.Pod = {
      ...pod({ containers: [c('app', { cpu: '500m' })] }),
      status: { containerStatuses: [{ name: 'app', image: 'x', imageID: '', ready: true, restartCount: 0, allocatedResources: { cpu: '2' } }] },
    };
    assert.equal(podResource(running, true).requests.milliCPU, 2000);
    assert.equal(podResource(running, false).requests.milliCPU, 500);
  });
});
