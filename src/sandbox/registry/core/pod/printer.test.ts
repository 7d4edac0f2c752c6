// printPod rows for the statuses a kubelet reports, as upstream prints them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { StoredObject } from '../../../../apimachinery/object.ts';
import type * as core from '../../../../generated/k8s/core/v1.ts';
import { podCells, podColumns } from './printer.ts';

const NOW = Date.parse('2025-06-01T12:00:00Z');
const ago = (seconds: number) => `${new Date(NOW - seconds * 1000).toISOString().slice(0, 19)}Z`;

type Pod = core.Pod & StoredObject;

function pod(spec: Partial<core.PodSpec>, status: core.PodStatus, meta: Partial<Pod['metadata']> = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web', namespace: 'default', uid: 'u', resourceVersion: '1', creationTimestamp: ago(300), ...meta },
    spec: { containers: [{ name: 'app', image: 'nginx' }], ...spec },
    status,
  };
}

const cs = (name: string, state: core.ContainerState, extra: Partial<core.ContainerStatus> = {}): core.ContainerStatus => ({
  name,
  image: 'nginx',
  imageID: '',
  ready: false,
  restartCount: 0,
  state,
  ...extra,
});

/** NAME, READY, STATUS, RESTARTS, AGE */
const row = (p: Pod) => podCells(p, NOW).slice(0, 5);
const wide = (p: Pod) => podCells(p, NOW).slice(5);

const twoInits: Partial<core.PodSpec> = { initContainers: [{ name: 'init-a', image: 'busybox' }, { name: 'init-b', image: 'busybox' }] };

describe('printPod', () => {
  it('has upstream columns, the last four only with -o wide', () => {
    assert.deepEqual(
      podColumns.map((c) => [c.name, c.priority]),
      [['Name', 0], ['Ready', 0], ['Status', 0], ['Restarts', 0], ['Age', 0], ['IP', 1], ['Node', 1], ['Nominated Node', 1], ['Readiness Gates', 1]],
    );
  });

  it('prints a new pod as Pending', () => {
    assert.deepEqual(row(pod({}, { phase: 'Pending', qosClass: 'BestEffort' })), ['web', '0/1', 'Pending', '0', '5m']);
    assert.deepEqual(wide(pod({}, { phase: 'Pending' })), ['<none>', '<none>', '<none>', '<none>']);
  });

  it('shows the waiting reason of a container (ContainerCreating, ErrImagePull, CrashLoopBackOff)', () => {
    const creating = pod({ nodeName: 'node-1' }, { phase: 'Pending', containerStatuses: [cs('app', { waiting: { reason: 'ContainerCreating' } })] });
    assert.deepEqual(row(creating), ['web', '0/1', 'ContainerCreating', '0', '5m']);
    const crashing = pod({}, {
      phase: 'Running',
      containerStatuses: [cs('app', { waiting: { reason: 'CrashLoopBackOff' } }, { restartCount: 3, lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: ago(130) } } })],
    });
    assert.deepEqual(row(crashing), ['web', '0/1', 'CrashLoopBackOff', '3 (2m10s ago)', '5m']);
  });

  it('prints running and ready containers', () => {
    const p = pod(
      { containers: [{ name: 'a', image: 'x' }, { name: 'b', image: 'y' }] },
      { phase: 'Running', containerStatuses: [cs('a', { running: { startedAt: ago(60) } }, { ready: true }), cs('b', { running: { startedAt: ago(60) } })] },
    );
    assert.deepEqual(row(p), ['web', '1/2', 'Running', '0', '5m']);
  });

  it('shows init progress and init failures', () => {
    assert.deepEqual(row(pod(twoInits, { phase: 'Pending', initContainerStatuses: [cs('init-a', { waiting: { reason: 'PodInitializing' } }), cs('init-b', { waiting: {} })] }))[2], 'Init:0/2');
    assert.deepEqual(
      row(pod(twoInits, { phase: 'Pending', initContainerStatuses: [cs('init-a', { terminated: { exitCode: 0, reason: 'Completed' } }), cs('init-b', { running: {} })] }))[2],
      'Init:1/2',
    );
    assert.deepEqual(row(pod(twoInits, { phase: 'Pending', initContainerStatuses: [cs('init-a', { terminated: { exitCode: 1, reason: 'Error' } })] }))[2], 'Init:Error');
    assert.deepEqual(row(pod(twoInits, { phase: 'Pending', initContainerStatuses: [cs('init-a', { waiting: { reason: 'CrashLoopBackOff' } }, { restartCount: 2 })] })).slice(2, 4), [
      'Init:CrashLoopBackOff',
      '2',
    ]);
    assert.deepEqual(row(pod(twoInits, { phase: 'Pending', initContainerStatuses: [cs('init-a', { terminated: { exitCode: 2 } })] }))[2], 'Init:ExitCode:2');
    assert.deepEqual(row(pod(twoInits, { phase: 'Pending', initContainerStatuses: [cs('init-a', { terminated: { exitCode: 137, signal: 9 } })] }))[2], 'Init:Signal:9');
  });

  it('prints Completed, and Running/NotReady when a container still runs', () => {
    const done = pod({ restartPolicy: 'Never' }, { phase: 'Succeeded', containerStatuses: [cs('app', { terminated: { exitCode: 0, reason: 'Completed' } })] });
    assert.deepEqual(row(done), ['web', '0/1', 'Completed', '0', '5m']);
    const spec = { containers: [{ name: 'a', image: 'x' }, { name: 'b', image: 'y' }] };
    const statuses = [cs('a', { running: {} }, { ready: true }), cs('b', { terminated: { exitCode: 0, reason: 'Completed' } })];
    assert.equal(row(pod(spec, { phase: 'Running', containerStatuses: statuses, conditions: [{ type: 'Ready', status: 'True' }] }))[2], 'Running');
    assert.equal(row(pod(spec, { phase: 'Running', containerStatuses: statuses }))[2], 'NotReady');
  });

  it('prints exit codes and signals of containers that ended without a reason', () => {
    assert.equal(row(pod({}, { phase: 'Failed', containerStatuses: [cs('app', { terminated: { exitCode: 1 } })] }))[2], 'ExitCode:1');
    assert.equal(row(pod({}, { phase: 'Failed', containerStatuses: [cs('app', { terminated: { exitCode: 137, signal: 9 } })] }))[2], 'Signal:9');
    assert.equal(row(pod({}, { phase: 'Failed', containerStatuses: [cs('app', { terminated: { exitCode: 137, reason: 'OOMKilled' } })] }))[2], 'OOMKilled');
  });

  it('prints Terminating for pods being deleted, Unknown when their node is lost', () => {
    const running = { phase: 'Running', containerStatuses: [cs('app', { running: {} }, { ready: true })] };
    assert.deepEqual(row(pod({ nodeName: 'n' }, running, { deletionTimestamp: ago(-30) })).slice(1, 3), ['1/1', 'Terminating']);
    assert.equal(row(pod({ nodeName: 'n' }, { ...running, reason: 'NodeLost' }, { deletionTimestamp: ago(-30) }))[2], 'Unknown');
    assert.equal(row(pod({ nodeName: 'n' }, { ...running, reason: 'NodeLost' }))[2], 'NodeLost');
    assert.equal(row(pod({}, { phase: 'Succeeded', containerStatuses: [cs('app', { terminated: { exitCode: 0, reason: 'Completed' } })] }, { deletionTimestamp: ago(-30) }))[2], 'Completed');
    assert.equal(row(pod({}, { phase: 'Failed', reason: 'Evicted' }))[2], 'Evicted');
  });

  it('counts started sidecars as containers and their restarts', () => {
    const spec: Partial<core.PodSpec> = { initContainers: [{ name: 'proxy', image: 'envoy', restartPolicy: 'Always' }] };
    const p = pod(spec, {
      phase: 'Running',
      conditions: [{ type: 'Initialized', status: 'True' }],
      initContainerStatuses: [cs('proxy', { running: {} }, { started: true, ready: true, restartCount: 1, lastState: { terminated: { exitCode: 1, finishedAt: ago(3600) } } })],
      containerStatuses: [cs('app', { running: {} }, { ready: true, restartCount: 2, lastState: { terminated: { exitCode: 1, finishedAt: ago(600) } } })],
    });
    assert.deepEqual(row(p), ['web', '2/2', 'Running', '3 (10m ago)', '5m']);
  });

  it('prints SchedulingGated for gated pods', () => {
    const p = pod({ schedulingGates: [{ name: 'example.com/wait' }] }, { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }] });
    assert.equal(row(p)[2], 'SchedulingGated');
  });

  it('fills the wide columns: IP, node, nominated node and readiness gates', () => {
    const p = pod(
      { nodeName: 'node-1', readinessGates: [{ conditionType: 'example.com/lb' }, { conditionType: 'example.com/dns' }] },
      { phase: 'Running', podIP: '10.244.1.7', podIPs: [{ ip: '10.244.1.7' }], nominatedNodeName: 'node-2', conditions: [{ type: 'example.com/lb', status: 'True' }, { type: 'example.com/dns', status: 'False' }] },
    );
    assert.deepEqual(wide(p), ['10.244.1.7', 'node-1', 'node-2', '1/2']);
  });
});
