import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fitErrorMessage, preFilterDiagnosis, truncateMessage, type Diagnosis } from './fit-error.ts';
import { unresolvable, unschedulable, type Status } from './status.ts';

function diagnosis(nodes: Record<string, Status>, extra: Partial<Diagnosis> = {}): Diagnosis {
  return {
    nodeToStatus: { nodes: new Map(Object.entries(nodes)), absent: { code: 'UnschedulableAndUnresolvable', reasons: [] } },
    unschedulablePlugins: [],
    preFilterMessage: '',
    postFilterMessage: '',
    ...extra,
  };
}

describe('FitError message', () => {
  it('counts every reason of every node and sorts the entries as strings', () => {
    const d = diagnosis({
      a: unschedulable('NodeResourcesFit', 'Insufficient cpu', 'Insufficient memory'),
      b: unschedulable('NodeResourcesFit', 'Insufficient cpu'),
      c: unresolvable('TaintToleration', 'node(s) had untolerated taint {dedicated: gpu}'),
    });
    assert.equal(
      fitErrorMessage({ numAllNodes: 3, diagnosis: d }),
      '0/3 nodes are available: 1 Insufficient memory, 1 node(s) had untolerated taint {dedicated: gpu}, 2 Insufficient cpu.',
    );
  });

  it('sorts counts as text, so 10 comes before 2', () => {
    const nodes: Record<string, Status> = {};
    for (let i = 0; i < 10; i++) nodes[`x${i}`] = unschedulable('NodePorts', "node(s) didn't have free ports for the requested pod ports");
    for (let i = 0; i < 2; i++) nodes[`y${i}`] = unresolvable('NodeUnschedulable', 'node(s) were unschedulable');
    assert.equal(
      fitErrorMessage({ numAllNodes: 12, diagnosis: diagnosis(nodes) }),
      "0/12 nodes are available: 10 node(s) didn't have free ports for the requested pod ports, 2 node(s) were unschedulable.",
    );
  });

  it('counts the nodes without an explicit status with the absent status', () => {
    const d: Diagnosis = {
      ...diagnosis({ a: unschedulable('NodeResourcesFit', 'Insufficient cpu') }),
      nodeToStatus: { nodes: new Map([['a', unschedulable('NodeResourcesFit', 'Insufficient cpu')]]), absent: { code: 'UnschedulableAndUnresolvable', reasons: ['Preemption is not helpful for scheduling'] } },
    };
    assert.equal(fitErrorMessage({ numAllNodes: 4, diagnosis: d }), '0/4 nodes are available: 1 Insufficient cpu, 3 Preemption is not helpful for scheduling.');
  });

  it('shows only the PreFilter message when a PreFilter plugin rejected the pod, then the PostFilter message', () => {
    const d = { ...preFilterDiagnosis(unresolvable('VolumeBinding', 'pod has unbound immediate PersistentVolumeClaims'), ['VolumeBinding']), postFilterMessage: 'preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.' };
    assert.equal(
      fitErrorMessage({ numAllNodes: 2, diagnosis: d }),
      '0/2 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.',
    );
  });

  it('truncates event notes to 1024 characters', () => {
    assert.equal(truncateMessage('short'), 'short');
    const long = truncateMessage('x'.repeat(2000));
    assert.equal(long.length, 1024);
    assert.ok(long.endsWith('x ...'));
  });
});
