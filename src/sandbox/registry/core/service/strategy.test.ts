import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { StatusError } from '../../../../apimachinery/errors.ts';
import type { KubeObject, StoredObject } from '../../../../apimachinery/object.ts';
import { testContext } from '../shared/testing.ts';
import { setServiceDefaults } from './defaults.ts';
import { serviceStrategy } from './strategy.ts';
import type { Service } from './types.ts';

function svc(name: string, spec: Service['spec']): Service {
  const s: Service = { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default', uid: `uid-${name}`, creationTimestamp: '2025-01-01T00:00:00Z' }, spec };
  setServiceDefaults(s);
  return s;
}

const kubernetes = svc('kubernetes', { clusterIP: '10.96.0.1', clusterIPs: ['10.96.0.1'], ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack', ports: [{ port: 443, name: 'https' }] });

function create(s: Service, existing: Service[] = [kubernetes]): Service {
  const ctx = testContext(existing.map((o) => ({ resource: 'services', object: o as KubeObject })));
  serviceStrategy.prepareForCreate!(s, ctx);
  return s;
}

function invalidMessage(fn: () => void): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof StatusError) return e.message;
    throw e;
  }
  return '(no error)';
}

describe('serviceStrategy.prepareForCreate', () => {
  it('assigns a single-stack IPv4 clusterIP from 10.96.0.0/12, never the kubernetes Service IP', () => {
    const s = create(svc('web', { ports: [{ port: 80 }] }));
    assert.equal(s.spec?.ipFamilyPolicy, 'SingleStack');
    assert.deepEqual(s.spec?.ipFamilies, ['IPv4']);
    assert.match(s.spec!.clusterIP!, /^10\.(9[6-9]|10[0-9]|11[01])\.\d+\.\d+$/);
    assert.notEqual(s.spec?.clusterIP, '10.96.0.1');
    assert.deepEqual(s.spec?.clusterIPs, [s.spec?.clusterIP]);
    assert.deepEqual(s.status, { loadBalancer: {} });
  });

  it('honours a free requested clusterIP and refuses a taken or out-of-range one', () => {
    assert.equal(create(svc('a', { clusterIP: '10.96.0.10', ports: [{ port: 53 }] })).spec?.clusterIP, '10.96.0.10');
    assert.equal(
      invalidMessage(() => create(svc('b', { clusterIP: '10.96.0.1', ports: [{ port: 80 }] }))),
      'Service "b" is invalid: spec.clusterIPs: Invalid value: []string{"10.96.0.1"}: failed to allocate IP 10.96.0.1: provided IP is already allocated',
    );
    assert.equal(
      invalidMessage(() => create(svc('c', { clusterIP: '192.168.1.1', ports: [{ port: 80 }] }))),
      'Service "c" is invalid: spec.clusterIPs: Invalid value: []string{"192.168.1.1"}: failed to allocate IP 192.168.1.1: the provided IP (192.168.1.1) is not in the valid range. The range of valid IPs is 10.96.0.0/12',
    );
  });

  it('gives headless Services no IP and selectorless headless ones both families', () => {
    const h = create(svc('h', { clusterIP: 'None', selector: { app: 'db' }, ports: [{ port: 5432 }] }));
    assert.deepEqual([h.spec?.clusterIPs, h.spec?.ipFamilies, h.spec?.ipFamilyPolicy], [['None'], ['IPv4'], 'SingleStack']);
    const bare = create(svc('bare', { clusterIP: 'None' }));
    assert.deepEqual([bare.spec?.ipFamilies, bare.spec?.ipFamilyPolicy], [['IPv4', 'IPv6'], 'RequireDualStack']);
  });

  it('refuses dual stack on this single-stack cluster', () => {
    assert.equal(
      invalidMessage(() => create(svc('d', { ipFamilyPolicy: 'RequireDualStack', ports: [{ port: 80 }] }))),
      'Service "d" is invalid: spec.ipFamilyPolicy: Invalid value: "RequireDualStack": this cluster is not configured for dual-stack services',
    );
    assert.equal(
      invalidMessage(() => create(svc('e', { ipFamilies: ['IPv6'], ports: [{ port: 80 }] }))),
      'Service "e" is invalid: spec.ipFamilies[0]: Invalid value: "IPv6": not configured on this cluster',
    );
  });

  it('allocates nodePorts in 30000-32767, one per port number, and refuses a taken one', () => {
    const np = create(svc('np', { type: 'NodePort', ports: [{ port: 53, protocol: 'UDP', name: 'dns' }, { port: 53, protocol: 'TCP', name: 'dns-tcp' }, { port: 80, name: 'web', nodePort: 30080 }] }));
    const [udp, tcp, web] = np.spec!.ports!;
    assert.ok(udp!.nodePort! >= 30000 && udp!.nodePort! <= 32767);
    assert.equal(tcp!.nodePort, udp!.nodePort);
    assert.equal(web!.nodePort, 30080);
    assert.equal(
      invalidMessage(() => create(svc('np2', { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] }), [kubernetes, np as Service])),
      'Service "np2" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated',
    );
    assert.equal(
      invalidMessage(() => create(svc('np3', { type: 'NodePort', ports: [{ port: 80, nodePort: 8080 }] }))),
      'Service "np3" is invalid: spec.ports[0].nodePort: Invalid value: 8080: provided port is not in the valid range. The range of valid ports is 30000-32767',
    );
  });

  it('skips nodePorts for LoadBalancers that opt out, and allocates a health check port for Local', () => {
    const lb = create(svc('lb', { type: 'LoadBalancer', allocateLoadBalancerNodePorts: false, ports: [{ port: 80 }] }));
    assert.equal(lb.spec?.ports?.[0]?.nodePort, undefined);
    const local = create(svc('local', { type: 'LoadBalancer', externalTrafficPolicy: 'Local', ports: [{ port: 80 }] }));
    assert.ok(local.spec!.healthCheckNodePort! >= 30000);
    assert.notEqual(local.spec!.healthCheckNodePort, local.spec!.ports![0]!.nodePort);
  });
});

describe('serviceStrategy.prepareForUpdate', () => {
  const stored = (s: Service) => ({ ...s, metadata: { ...s.metadata, resourceVersion: '5' } }) as StoredObject & Service;

  it('keeps the allocated clusterIP and nodePorts when the client leaves them out', () => {
    const old = create(svc('np', { type: 'NodePort', ports: [{ port: 80, name: 'web' }] }));
    const ctx = testContext([{ resource: 'services', object: old as KubeObject }]);
    const next = svc('np', { type: 'NodePort', ports: [{ port: 80, name: 'web' }] });
    serviceStrategy.prepareForUpdate!(next, stored(old), ctx);
    assert.equal(next.spec?.clusterIP, old.spec?.clusterIP);
    assert.equal(next.spec?.ports?.[0]?.nodePort, old.spec?.ports?.[0]?.nodePort);
  });

  it('clears nodePorts when a NodePort Service becomes ClusterIP', () => {
    const old = create(svc('np', { type: 'NodePort', ports: [{ port: 80, name: 'web' }] }));
    const ctx = testContext([{ resource: 'services', object: old as KubeObject }]);
    const next = JSON.parse(JSON.stringify(old)) as Service;
    next.spec!.type = 'ClusterIP';
    delete next.spec!.externalTrafficPolicy;
    serviceStrategy.prepareForUpdate!(next, stored(old), ctx);
    assert.equal(next.spec?.ports?.[0]?.nodePort, undefined);
  });

  it('allocates a clusterIP when an ExternalName Service becomes ClusterIP', () => {
    const old = create(svc('x', { type: 'ExternalName', externalName: 'example.com' }));
    assert.equal(old.spec?.clusterIP, undefined);
    const ctx = testContext([{ resource: 'services', object: old as KubeObject }]);
    const next = svc('x', { type: 'ClusterIP', ports: [{ port: 80 }] });
    serviceStrategy.prepareForUpdate!(next, stored(old), ctx);
    assert.match(next.spec!.clusterIP!, /^10\./);
    assert.deepEqual(next.spec?.ipFamilies, ['IPv4']);
  });
});
