import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { StoredObject } from '../../../../apimachinery/object.ts';
import { TEST_NOW, testContext } from '../shared/testing.ts';
import { servicePrinter } from './printer.ts';
import type { Service } from './types.ts';

function row(spec: Service['spec'], status?: Service['status']): unknown[] {
  const s = { metadata: { name: 'web', uid: 'u', resourceVersion: '1', creationTimestamp: new Date(TEST_NOW - 90_000).toISOString() }, spec, status } as StoredObject & Service;
  return servicePrinter.cells(s, { now: TEST_NOW, cluster: testContext().cluster });
}

describe('servicePrinter', () => {
  it('has upstream columns, SELECTOR only with -o wide', () => {
    assert.deepEqual(
      servicePrinter.columns.map((c) => `${c.name}${c.priority ? '*' : ''}`),
      ['Name', 'Type', 'Cluster-IP', 'External-IP', 'Port(s)', 'Age', 'Selector*'],
    );
  });

  it('prints ClusterIP, NodePort, LoadBalancer and ExternalName rows as kubectl shows them', () => {
    assert.deepEqual(row({ type: 'ClusterIP', clusterIPs: ['10.96.3.4'], ports: [{ port: 80, protocol: 'TCP' }], selector: { b: '2', a: '1' } }), [
      'web',
      'ClusterIP',
      '10.96.3.4',
      '<none>',
      '80/TCP',
      '90s',
      'a=1,b=2',
    ]);
    assert.deepEqual(row({ type: 'NodePort', clusterIPs: ['10.96.3.5'], ports: [{ port: 80, nodePort: 30080, protocol: 'TCP' }, { port: 53, nodePort: 30053, protocol: 'UDP' }] }).slice(2, 5), [
      '10.96.3.5',
      '<none>',
      '80:30080/TCP,53:30053/UDP',
    ]);
    assert.equal(row({ type: 'LoadBalancer', clusterIPs: ['10.96.3.6'], ports: [{ port: 80, nodePort: 31000, protocol: 'TCP' }] })[3], '<pending>');
    assert.equal(row({ type: 'LoadBalancer', ports: [] }, { loadBalancer: { ingress: [{ ip: '172.18.0.100' }, { hostname: 'lb.example.com' }] } })[3], '172.18.0.100,lb.example.com');
    assert.deepEqual(row({ type: 'ExternalName', externalName: 'example.com' }).slice(1, 5), ['ExternalName', '<none>', 'example.com', '<none>']);
    assert.equal(row({ type: 'ClusterIP', clusterIPs: ['None'], ports: [{ port: 5432, protocol: 'TCP' }] })[2], 'None');
  });
});
