import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type * as corev1 from '../../../generated/k8s/core/v1.ts';
import { makeNode, makePod, runFilter } from '../test-fixtures.ts';
import { nodePorts } from './node-ports.ts';

const NO = "node(s) didn't have free ports for the requested pod ports";
const withPort = (name: string, port: corev1.ContainerPort, nodeName?: string) =>
  makePod(name, { ...(nodeName ? { nodeName } : {}), spec: { containers: [{ name: 'c', image: 'x', ports: [port] }] } });

describe('NodePorts', () => {
  const snap = {
    nodes: [makeNode('a'), makeNode('b'), makeNode('c')],
    pods: [withPort('tcp-all', { containerPort: 80, hostPort: 8080 }, 'a'), withPort('udp-ip', { containerPort: 53, hostPort: 5353, protocol: 'UDP', hostIP: '10.0.0.1' }, 'b')],
  };

  it('skips pods without host ports', () => {
    assert.deepEqual(runFilter(nodePorts, makePod('p'), snap), { skip: true });
  });

  it('conflicts on the same protocol and port', () => {
    assert.deepEqual(runFilter(nodePorts, withPort('p', { containerPort: 80, hostPort: 8080 }), snap), { a: NO, b: '', c: '' });
    assert.deepEqual(runFilter(nodePorts, withPort('p', { containerPort: 80, hostPort: 8080, protocol: 'UDP' }), snap), { a: '', b: '', c: '' });
  });

  it('treats 0.0.0.0 as every address', () => {
    assert.deepEqual(runFilter(nodePorts, withPort('p', { containerPort: 53, hostPort: 5353, protocol: 'UDP' }), snap), { a: '', b: NO, c: '' });
    assert.deepEqual(runFilter(nodePorts, withPort('p', { containerPort: 53, hostPort: 5353, protocol: 'UDP', hostIP: '10.0.0.2' }), snap), { a: '', b: '', c: '' });
    assert.deepEqual(runFilter(nodePorts, withPort('p', { containerPort: 80, hostPort: 8080, hostIP: '10.0.0.9' }), snap), { a: NO, b: '', c: '' });
  });

  it('counts the ports of sidecar init containers', () => {
    const sidecar = makePod('s', { spec: { initContainers: [{ name: 'proxy', image: 'x', restartPolicy: 'Always', ports: [{ containerPort: 1, hostPort: 8080 }] }] } });
    assert.deepEqual(runFilter(nodePorts, sidecar, snap), { a: NO, b: '', c: '' });
  });
});
