import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KubeObject } from '../../../apimachinery/object.ts';
import { pod, service } from '../../node/network/testing.ts';
import { desiredSubsets, type EndpointsObject, planEndpoints } from './plan.ts';
import { TriggerTimeTracker } from './trigger-time.ts';

const web = service('web', { selector: { app: 'web' }, clusterIP: '10.96.10.10', ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }] }, { labels: { app: 'web' } });

describe('endpoints plan', () => {
  it('puts ready pods under addresses and unready ones under notReadyAddresses, resolving named targetPorts per pod', () => {
    const pods = [
      pod('web-2', { app: 'web' }, { ip: '10.244.1.6', ready: false }),
      pod('web-1', { app: 'web' }, { ip: '10.244.1.5' }),
      pod('other', { app: 'db' }, { ip: '10.244.1.7' }),
      pod('pending', { app: 'web' }),
      pod('done', { app: 'web' }, { ip: '10.244.1.9', phase: 'Succeeded', ready: false }),
    ];
    const subsets = desiredSubsets(web, pods);
    assert.equal(subsets.length, 1);
    assert.deepEqual(subsets[0]!.addresses?.map((a) => [a.ip, a.nodeName, a.targetRef?.name]), [['10.244.1.5', 'kubecamp-worker', 'web-1']]);
    assert.deepEqual(subsets[0]!.notReadyAddresses?.map((a) => a.ip), ['10.244.1.6']);
    assert.deepEqual(subsets[0]!.ports, [{ name: 'http', port: 8080, protocol: 'TCP' }]);
  });

  it('splits pods whose named port resolves differently into subsets, and leaves out pods without the name', () => {
    const pods = [pod('a', { app: 'web' }, { ip: '10.244.1.5' }), pod('b', { app: 'web' }, { ip: '10.244.1.6', ports: [{ name: 'http', containerPort: 9090 }] }), pod('c', { app: 'web' }, { ip: '10.244.1.7', ports: [{ name: 'metrics', containerPort: 9100 }] })];
    const subsets = desiredSubsets(web, pods);
    assert.deepEqual(subsets.map((s) => [s.addresses?.map((a) => a.ip), s.ports?.[0]?.port]), [[['10.244.1.5'], 8080], [['10.244.1.6'], 9090]]);
  });

  it('publishes unready and terminating pods as ready with publishNotReadyAddresses', () => {
    const svc = service('db', { selector: { app: 'db' }, clusterIP: 'None', publishNotReadyAddresses: true, ports: [{ port: 5432, targetPort: 5432 }] });
    const subsets = desiredSubsets(svc, [pod('db-0', { app: 'db' }, { ip: '10.244.1.5', ready: false }), pod('db-1', { app: 'db' }, { ip: '10.244.2.5', terminating: true })]);
    assert.deepEqual(subsets[0]!.addresses?.map((a) => a.ip), ['10.244.1.5', '10.244.2.5']);
    assert.equal(subsets[0]!.notReadyAddresses, undefined);
  });

  it('leaves terminating pods out otherwise', () => {
    assert.deepEqual(desiredSubsets(web, [pod('a', { app: 'web' }, { ip: '10.244.1.5', terminating: true })]), []);
  });

  it('sets hostname for pods whose subdomain names the headless Service', () => {
    const svc = service('db', { selector: { app: 'db' }, clusterIP: 'None', ports: [{ port: 5432 }] });
    const subsets = desiredSubsets(svc, [pod('db-0', { app: 'db' }, { ip: '10.244.1.5', hostname: 'db-0', subdomain: 'db' }), pod('x', { app: 'db' }, { ip: '10.244.1.6', hostname: 'x', subdomain: 'other' })]);
    assert.deepEqual(subsets[0]!.addresses?.map((a) => a.hostname), ['db-0', undefined]);
  });

  it('creates Endpoints named after the Service with its labels and the headless marker', () => {
    const svc = service('db', { selector: { app: 'db' }, clusterIP: 'None', ports: [{ port: 5432 }] }, { labels: { tier: 'data' } });
    const a = planEndpoints(svc, undefined, [], undefined);
    assert.equal(a.type, 'create');
    const obj = (a as { object: KubeObject & { subsets?: unknown } }).object;
    assert.deepEqual(obj.metadata, { name: 'db', namespace: 'default', labels: { tier: 'data', 'service.kubernetes.io/headless': '' } });
    assert.equal(obj.subsets, undefined);
  });

  it('does nothing when the Endpoints already match, updates with the trigger time when they do not', () => {
    const pods = [pod('web-1', { app: 'web' }, { ip: '10.244.1.5' })];
    const existing = { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'web', namespace: 'default', labels: { app: 'web' }, uid: 'u', resourceVersion: '3' }, subsets: desiredSubsets(web, pods) } as EndpointsObject;
    assert.deepEqual(planEndpoints(web, existing, pods, '2026-01-01T00:00:10Z'), { type: 'none' });
    const a = planEndpoints(web, existing, [...pods, pod('web-2', { app: 'web' }, { ip: '10.244.1.6' })], '2026-01-01T00:00:10Z');
    assert.equal(a.type, 'update');
    assert.equal((a as { object: KubeObject }).object.metadata?.annotations?.['endpoints.kubernetes.io/last-change-trigger-time'], '2026-01-01T00:00:10Z');
  });

  it('deletes the Endpoints of a deleted Service and ignores Services without selector', () => {
    const existing = { metadata: { name: 'web', namespace: 'default', uid: 'u', resourceVersion: '3' } } as EndpointsObject;
    assert.deepEqual(planEndpoints(undefined, existing, [], undefined), { type: 'delete' });
    assert.deepEqual(planEndpoints(service('manual', { ports: [{ port: 80 }] }), existing, [], undefined), { type: 'none' });
  });
});

describe('last-change-trigger-time', () => {
  it('is unset for a Service first seen, then the earliest pod Ready transition since the last sync', () => {
    const t = new TriggerTimeTracker();
    const a = pod('a', { app: 'web' }, { ip: '10.244.1.5', readySince: '2026-01-01T00:00:10Z' });
    assert.equal(t.compute(web, [a]), undefined);
    assert.equal(t.compute(web, [a]), undefined);
    const b = pod('b', { app: 'web' }, { ip: '10.244.1.6', readySince: '2026-01-01T00:00:30Z' });
    const a2 = pod('a', { app: 'web' }, { ip: '10.244.1.5', readySince: '2026-01-01T00:00:20Z' });
    assert.equal(t.compute(web, [a2, b]), '2026-01-01T00:00:20Z');
  });
});
