import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { StoredObject } from '../../../../apimachinery/object.ts';
import { TEST_NOW, messages, testContext } from '../shared/testing.ts';
import { nodePrinter, nodeRoles, nodeStatus } from './printer.ts';
import type { Node } from './types.ts';
import { validateNode, validateNodeUpdate } from './validation.ts';

function node(extra: Partial<Node> = {}, labels: Record<string, string> = {}): Node {
  return { metadata: { name: 'n1', labels }, spec: {}, status: { conditions: [{ type: 'Ready', status: 'True' }] }, ...extra };
}

describe('node printer', () => {
  it('derives STATUS from Ready and unschedulable', () => {
    assert.equal(nodeStatus(node()), 'Ready');
    assert.equal(nodeStatus(node({ status: { conditions: [{ type: 'Ready', status: 'Unknown' }] } })), 'NotReady');
    assert.equal(nodeStatus(node({ status: {} })), 'Unknown');
    assert.equal(nodeStatus(node({ spec: { unschedulable: true } })), 'Ready,SchedulingDisabled');
  });

  it('derives ROLES from node-role labels and kubernetes.io/role', () => {
    assert.equal(nodeRoles(node()), '<none>');
    assert.equal(nodeRoles(node({}, { 'node-role.kubernetes.io/worker': '', 'node-role.kubernetes.io/control-plane': '', 'kubernetes.io/role': 'edge' })), 'control-plane,edge,worker');
  });

  it('prints wide columns with <none>/<unknown> fallbacks', () => {
    const n = { ...node(), metadata: { name: 'n1', uid: 'u', resourceVersion: '1', creationTimestamp: new Date(TEST_NOW - 3_600_000).toISOString() } } as StoredObject & Node;
    n.status = { ...n.status, addresses: [{ type: 'InternalIP', address: '172.18.0.2' }], nodeInfo: { kubeletVersion: 'v1.36.0' } as NonNullable<Node['status']>['nodeInfo'] };
    assert.deepEqual(nodePrinter.cells(n, { now: TEST_NOW, cluster: testContext().cluster }), ['n1', 'Ready', '<none>', '60m', 'v1.36.0', '172.18.0.2', '<none>', '<unknown>', '<unknown>', '<unknown>']);
  });
});

describe('node validation', () => {
  it('reports taints under metadata.taints, as upstream', () => {
    const errs = messages(validateNode(node({ spec: { taints: [{ key: 'a', effect: 'Bogus' }, { key: 'b', effect: 'NoSchedule' }, { key: 'b', effect: 'NoSchedule', value: 'x' }] } })));
    assert.deepEqual(errs, [
      'metadata.taints[0].effect: Unsupported value: "Bogus": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"',
      'metadata.taints[2]: Duplicate value: core.Taint{Key:"b", Value:"x", Effect:"NoSchedule", TimeAdded:(*v1.Time)(nil)}: taints must be unique by key and effect pair',
    ]);
  });

  it('keeps podCIDRs once set', () => {
    const old = node({ spec: { podCIDR: '10.244.1.0/24', podCIDRs: ['10.244.1.0/24'] } });
    const next = node({ spec: { podCIDR: '10.244.2.0/24', podCIDRs: ['10.244.2.0/24'] } });
    assert.deepEqual(messages(validateNodeUpdate(next, old)), ['spec.podCIDRs: Forbidden: node updates may not change podCIDR except from "" to valid']);
  });
});
