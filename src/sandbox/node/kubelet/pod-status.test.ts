import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type * as core from '../../../generated/k8s/core/v1.ts';
import { containersReadyCondition, generatePodStatus, initializedCondition, mergePodStatus, podPhase } from './pod-status.ts';

const running = (name: string, ready = true, started = true): core.ContainerStatus => ({ name, ready, started, restartCount: 0, image: 'x', imageID: '', state: { running: { startedAt: 't' } } });
const terminated = (name: string, exitCode: number): core.ContainerStatus => ({ name, ready: false, restartCount: 0, image: 'x', imageID: '', state: { terminated: { exitCode, reason: exitCode ? 'Error' : 'Completed' } } });
const waiting = (name: string, reason: string, lastExit?: number): core.ContainerStatus => ({
  name,
  ready: false,
  restartCount: lastExit === undefined ? 0 : 1,
  image: 'x',
  imageID: '',
  state: { waiting: { reason } },
  lastState: lastExit === undefined ? {} : { terminated: { exitCode: lastExit } },
});
const spec = (policy: string, containers: string[], init: Array<string | [string, 'Always']> = []): core.PodSpec => ({
  restartPolicy: policy,
  containers: containers.map((name) => ({ name })),
  initContainers: init.map((c) => (typeof c === 'string' ? { name: c } : { name: c[0], restartPolicy: c[1] })),
});

describe('pod phase (getPhase)', () => {
  it('is Pending while a container waits to start and Running once all run', () => {
    assert.equal(podPhase(spec('Always', ['a', 'b']), [], [running('a'), waiting('b', 'ContainerCreating')], false, false), 'Pending');
    assert.equal(podPhase(spec('Always', ['a', 'b']), [], [running('a'), running('b')], false, false), 'Running');
  });

  it('stays Running while restartPolicy Always restarts a crashed container', () => {
    assert.equal(podPhase(spec('Always', ['a']), [], [waiting('a', 'CrashLoopBackOff', 1)], false, false), 'Running');
    assert.equal(podPhase(spec('Always', ['a']), [], [terminated('a', 1)], false, false), 'Running');
  });

  it('ends Succeeded or Failed under Never; OnFailure retries failures', () => {
    assert.equal(podPhase(spec('Never', ['a']), [], [terminated('a', 0)], false, false), 'Succeeded');
    assert.equal(podPhase(spec('Never', ['a', 'b']), [], [terminated('a', 0), terminated('b', 1)], false, false), 'Failed');
    assert.equal(podPhase(spec('OnFailure', ['a']), [], [terminated('a', 1)], false, false), 'Running');
    assert.equal(podPhase(spec('OnFailure', ['a']), [], [terminated('a', 0)], false, false), 'Succeeded');
  });

  it('is Pending during init, Failed when an init container fails under Never', () => {
    const s = spec('Always', ['app'], ['init']);
    assert.equal(podPhase(s, [running('init', false)], [waiting('app', 'PodInitializing')], false, false), 'Pending');
    assert.equal(podPhase(spec('Never', ['app'], ['init']), [terminated('init', 1)], [waiting('app', 'PodInitializing')], false, false), 'Failed');
    assert.equal(podPhase(s, [waiting('init', 'CrashLoopBackOff', 1)], [waiting('app', 'PodInitializing')], false, false), 'Pending');
  });

  it('counts a running sidecar and ignores a stopped one', () => {
    const s = spec('Never', ['app'], [['proxy', 'Always']]);
    assert.equal(podPhase(s, [running('proxy')], [running('app')], false, true), 'Running');
    assert.equal(podPhase(s, [terminated('proxy', 143)], [terminated('app', 0)], false, true), 'Succeeded');
  });

  it('gives a deleted pod a terminal phase from its exit codes', () => {
    assert.equal(podPhase(spec('Always', ['a']), [], [terminated('a', 0)], true, true), 'Succeeded');
    assert.equal(podPhase(spec('Always', ['a']), [], [terminated('a', 137)], true, true), 'Failed');
  });
});

describe('pod conditions', () => {
  it('lists unready containers as upstream', () => {
    const c = containersReadyCondition(spec('Always', ['a', 'b']), [], [running('a', false), running('b', false)], 'Running');
    assert.deepEqual(c, { type: 'ContainersReady', status: 'False', reason: 'ContainersNotReady', message: 'containers with unready status: [a b]' });
    assert.equal(containersReadyCondition(spec('Never', ['a']), [], [terminated('a', 0)], 'Succeeded').reason, 'PodCompleted');
  });

  it('is not Initialized while init containers are incomplete', () => {
    const s = spec('Always', ['app'], ['one', 'two']);
    assert.deepEqual(initializedCondition(s, [terminated('one', 0), running('two', false)], [waiting('app', 'PodInitializing')], 'Pending'), {
      type: 'Initialized',
      status: 'False',
      reason: 'ContainersNotInitialized',
      message: 'containers with incomplete status: [two]',
    });
    assert.equal(initializedCondition(s, [terminated('one', 0), terminated('two', 0)], [running('app')], 'Running').status, 'True');
  });

  it('orders the kubelet conditions as upstream and keeps transition times until a status changes', () => {
    const pod: core.Pod = { metadata: { name: 'p', generation: 1 }, spec: spec('Always', ['a']), status: { phase: 'Pending' } };
    const first = mergePodStatus(pod.status, generatePodStatus({ pod, init: [], regular: [waiting('a', 'ContainerCreating')], sandboxReady: false, podIsTerminal: false, hostIP: '172.18.0.3' }), 'T1', 1);
    assert.deepEqual(first.conditions!.map((c) => `${c.type}=${c.status}`), ['PodReadyToStartContainers=False', 'Initialized=True', 'Ready=False', 'ContainersReady=False', 'PodScheduled=True']);
    const second = mergePodStatus(first, generatePodStatus({ pod: { ...pod, status: first }, init: [], regular: [running('a')], sandboxReady: true, podIsTerminal: false, hostIP: '172.18.0.3', podIPs: [{ ip: '10.244.1.2' }] }), 'T2', 1);
    const time = (type: string) => second.conditions!.find((c) => c.type === type)!.lastTransitionTime;
    assert.equal(time('Initialized'), 'T1');
    assert.equal(time('Ready'), 'T2');
    assert.equal(time('PodReadyToStartContainers'), 'T2');
    assert.equal(second.phase, 'Running');
    assert.equal(second.podIP, '10.244.1.2');
    assert.deepEqual(second.hostIPs, [{ ip: '172.18.0.3' }]);
  });

  it('never leaves a terminal phase', () => {
    const pod: core.Pod = { metadata: { name: 'p' }, spec: spec('Always', ['a']), status: { phase: 'Succeeded' } };
    assert.equal(generatePodStatus({ pod, init: [], regular: [running('a')], sandboxReady: true, podIsTerminal: false, hostIP: '' }).phase, 'Succeeded');
  });
});
