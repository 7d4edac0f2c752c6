import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KubeObject } from '../../../apimachinery/object.ts';
import { pod, service } from '../../node/network/testing.ts';
import { planSlices, podToEndpoint, type Slice, type SliceAction, sliceLabels } from './plan.ts';

const objectOf = (a: SliceAction | undefined): Slice => (a && 'object' in a ? a.object : {}) as Slice;

const web = service('web', { selector: { app: 'web' }, clusterIP: '10.96.10.10', ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }] }, { labels: { app: 'web' } });

function stored(obj: KubeObject, name: string): Slice {
  return { ...obj, metadata: { ...obj.metadata, name, uid: `uid-${name}`, resourceVersion: '5' } } as Slice;
}

describe('endpointslice plan', () => {
  it('creates one slice through generateName with the upstream labels, owner and ports', () => {
    const actions = planSlices(web, [], [pod('web-1', { app: 'web' }, { ip: '10.244.1.5' })], undefined);
    assert.equal(actions.length, 1);
    assert.equal(actions[0]!.type, 'create');
    const s = objectOf(actions[0]);
    assert.equal(s.metadata.generateName, 'web-');
    assert.deepEqual(s.metadata.labels, { app: 'web', 'kubernetes.io/service-name': 'web', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' });
    assert.deepEqual(s.metadata.ownerReferences?.map((o) => [o.kind, o.name, o.controller, o.blockOwnerDeletion]), [['Service', 'web', true, true]]);
    assert.equal(s.addressType, 'IPv4');
    assert.deepEqual(s.ports, [{ name: 'http', port: 8080, protocol: 'TCP' }]);
    assert.deepEqual(s.endpoints?.map((e) => [e.addresses[0], e.conditions, e.nodeName, e.targetRef?.name]), [['10.244.1.5', { ready: true, serving: true, terminating: false }, 'kubecamp-worker', 'web-1']]);
  });

  it('sets conditions as upstream: unready, terminating (ready false even if serving), publishNotReadyAddresses', () => {
    const c = (p: ReturnType<typeof pod>, svc = web) => podToEndpoint(p, svc).conditions;
    assert.deepEqual(c(pod('a', { app: 'web' }, { ip: '10.244.1.5', ready: false })), { ready: false, serving: false, terminating: false });
    assert.deepEqual(c(pod('a', { app: 'web' }, { ip: '10.244.1.5', terminating: true })), { ready: false, serving: true, terminating: true });
    const publish = service('db', { selector: { app: 'db' }, clusterIP: 'None', publishNotReadyAddresses: true });
    assert.deepEqual(c(pod('a', { app: 'db' }, { ip: '10.244.1.5', ready: false }), publish), { ready: true, serving: true, terminating: false });
  });

  it('keeps an empty placeholder slice for a Service without pods, and reuses its name when pods come', () => {
    const [create] = planSlices(web, [], [], undefined);
    assert.equal(create!.type, 'create');
    const placeholder = stored(objectOf(create), 'web-x7k2p');
    assert.deepEqual(placeholder.endpoints, []);
    assert.deepEqual(placeholder.ports, []);
    assert.deepEqual(planSlices(web, [placeholder], [], undefined), []);
    const next = planSlices(web, [placeholder], [pod('web-1', { app: 'web' }, { ip: '10.244.1.5' })], '2026-01-01T00:00:10Z');
    assert.deepEqual(next.map((a) => [a.type, 'name' in a ? a.name : '']), [['update', 'web-x7k2p']]);
    const updated = objectOf(next[0]);
    assert.equal(updated.metadata.annotations?.['endpoints.kubernetes.io/last-change-trigger-time'], '2026-01-01T00:00:10Z');
    assert.equal(updated.endpoints?.length, 1);
  });

  it('does nothing when the slice already matches, and deletes the slices of a deleted Service', () => {
    const pods = [pod('web-1', { app: 'web' }, { ip: '10.244.1.5' })];
    const s = stored(objectOf(planSlices(web, [], pods, undefined)[0]), 'web-abcde');
    assert.deepEqual(planSlices(web, [s], pods, undefined), []);
    assert.deepEqual(planSlices(undefined, [s], pods, undefined), [{ type: 'delete', name: 'web-abcde' }]);
  });

  it('marks headless Services and never copies reserved labels from the Service', () => {
    const svc = service('db', { clusterIP: 'None', selector: { app: 'db' } }, { labels: { 'kubernetes.io/service-name': 'other', app: 'db' } });
    assert.deepEqual(sliceLabels(svc), { app: 'db', 'service.kubernetes.io/headless': '', 'kubernetes.io/service-name': 'db', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' });
  });

  it('groups pods by resolved ports into separate slices', () => {
    const pods = [pod('a', { app: 'web' }, { ip: '10.244.1.5' }), pod('b', { app: 'web' }, { ip: '10.244.1.6', ports: [{ name: 'http', containerPort: 9090 }] })];
    const actions = planSlices(web, [], pods, undefined);
    assert.deepEqual(actions.map((a) => objectOf(a).ports?.[0]?.port), [8080, 9090]);
  });
});
