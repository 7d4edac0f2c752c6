// The pod status the kubelet reports (upstream pkg/kubelet/kubelet_pods.go generateAPIPodStatus
// and getPhase, pkg/kubelet/status/generate.go, status_manager.go): the phase from the container
// statuses, the kubelet-owned conditions in upstream's order, and the merge with the stored status
// that keeps a condition's lastTransitionTime until its status changes. Pure.
import { deepClone } from '../../../apimachinery/object.ts';
import type * as core from '../../../generated/k8s/core/v1.ts';

type ContainerStatus = core.ContainerStatus;
type Phase = 'Pending' | 'Running' | 'Succeeded' | 'Failed';

/** The conditions the kubelet owns (status_manager replaces them, keeping the others). */
export const KUBELET_CONDITIONS = ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'];

const isSidecar = (c: core.Container) => c.restartPolicy === 'Always';

function byName(statuses: readonly ContainerStatus[], name: string): ContainerStatus | undefined {
  return statuses.find((s) => s.name === name);
}

/** Upstream getPhase: the phase from init and regular container statuses. */
export function podPhase(spec: core.PodSpec, init: readonly ContainerStatus[], regular: readonly ContainerStatus[], podIsTerminal: boolean, podHasInitialized: boolean): Phase {
  let pendingSidecars = 0;
  let pendingInit = 0;
  let failedInit = 0;
  for (const c of spec.initContainers ?? []) {
    if (isSidecar(c)) continue;
    const s = byName(init, c.name);
    if (!s) {
      pendingInit++;
      continue;
    }
    if (s.state?.running) pendingInit++;
    else if (s.state?.terminated) {
      if (s.state.terminated.exitCode !== 0) failedInit++;
    } else if (s.state?.waiting) {
      if (s.lastState?.terminated) {
        if (s.lastState.terminated.exitCode !== 0) failedInit++;
      } else pendingInit++;
    } else pendingInit++;
  }
  let unknown = 0;
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;
  for (const c of spec.initContainers ?? []) {
    if (!isSidecar(c)) continue;
    const s = byName(init, c.name);
    if (!s) unknown++;
    else if (s.state?.running) {
      if (!s.started) pendingSidecars++;
      running++;
    } else if (s.state?.terminated) {
      // terminated sidecars are ignored
    } else if (s.state?.waiting) {
      if (!s.lastState?.terminated) {
        pendingSidecars++;
        waiting++;
      }
    } else {
      pendingSidecars++;
      unknown++;
    }
  }
  for (const c of spec.containers ?? []) {
    const s = byName(regular, c.name);
    if (!s) unknown++;
    else if (s.state?.running) running++;
    else if (s.state?.terminated) {
      stopped++;
      if (s.state.terminated.exitCode === 0) succeeded++;
    } else if (s.state?.waiting) {
      if (s.lastState?.terminated) stopped++;
      else waiting++;
    } else unknown++;
  }
  const policy = spec.restartPolicy ?? 'Always';
  if (failedInit > 0 && policy === 'Never') return 'Failed';
  if (pendingInit > 0 || (pendingSidecars > 0 && !podHasInitialized) || waiting > 0) return 'Pending';
  if (running > 0 && unknown === 0) return 'Running';
  if (running === 0 && stopped > 0 && unknown === 0) {
    if (podIsTerminal) return stopped === succeeded ? 'Succeeded' : 'Failed';
    if (policy === 'Always') return 'Running';
    if (stopped === succeeded) return 'Succeeded';
    if (policy === 'Never') return 'Failed';
    return 'Running';
  }
  return 'Pending';
}

const list = (names: string[]) => `[${names.join(' ')}]`;

function hasAnyRegularContainerStarted(spec: core.PodSpec, regular: readonly ContainerStatus[]): boolean {
  return (spec.containers ?? []).some((c) => {
    const s = byName(regular, c.name);
    return !!(s?.state?.running || s?.state?.terminated);
  });
}

export function initializedCondition(spec: core.PodSpec, init: readonly ContainerStatus[], regular: readonly ContainerStatus[], phase: Phase): core.PodCondition {
  const type = 'Initialized';
  if (!spec.initContainers?.length) return { type, status: 'True' };
  const unknown: string[] = [];
  const incomplete: string[] = [];
  for (const c of spec.initContainers) {
    const s = byName(init, c.name);
    if (!s) unknown.push(c.name);
    else if (isSidecar(c)) {
      if (!s.started) incomplete.push(c.name);
    } else if (!s.state?.terminated || s.state.terminated.exitCode !== 0) incomplete.push(c.name);
  }
  if (phase === 'Succeeded' && unknown.length === 0) return { type, status: 'True', reason: 'PodCompleted' };
  if (hasAnyRegularContainerStarted(spec, regular)) return { type, status: 'True' };
  const messages: string[] = [];
  if (unknown.length) messages.push(`containers with unknown status: ${list(unknown)}`);
  if (incomplete.length) messages.push(`containers with incomplete status: ${list(incomplete)}`);
  if (messages.length) return { type, status: 'False', reason: 'ContainersNotInitialized', message: messages.join(', ') };
  return { type, status: 'True' };
}

export function containersReadyCondition(spec: core.PodSpec, init: readonly ContainerStatus[], regular: readonly ContainerStatus[], phase: Phase): core.PodCondition {
  const type = 'ContainersReady';
  const unknown: string[] = [];
  const unready: string[] = [];
  const check = (name: string, statuses: readonly ContainerStatus[]) => {
    const s = byName(statuses, name);
    if (!s) unknown.push(name);
    else if (!s.ready) unready.push(name);
  };
  for (const c of spec.initContainers ?? []) if (isSidecar(c)) check(c.name, init);
  for (const c of spec.containers ?? []) check(c.name, regular);
  if (phase === 'Succeeded' && unknown.length === 0) return { type, status: 'False', reason: 'PodCompleted' };
  if (phase === 'Failed') return { type, status: 'False', reason: 'PodFailed' };
  const messages: string[] = [];
  if (unknown.length) messages.push(`containers with unknown status: ${list(unknown)}`);
  if (unready.length) messages.push(`containers with unready status: ${list(unready)}`);
  if (messages.length) return { type, status: 'False', reason: 'ContainersNotReady', message: messages.join(', ') };
  return { type, status: 'True' };
}

export function readyCondition(spec: core.PodSpec, containersReady: core.PodCondition, conditions: readonly core.PodCondition[]): core.PodCondition {
  const type = 'Ready';
  if (containersReady.status !== 'True') return { type, status: containersReady.status, reason: containersReady.reason, message: containersReady.message };
  const messages: string[] = [];
  for (const gate of spec.readinessGates ?? []) {
    const c = conditions.find((x) => x.type === gate.conditionType);
    if (!c) messages.push(`corresponding condition of pod readiness gate "${gate.conditionType}" does not exist.`);
    else if (c.status !== 'True') messages.push(`the status of pod readiness gate "${gate.conditionType}" is not "True", but ${c.status}`);
  }
  if (messages.length) return { type, status: 'False', reason: 'ReadinessGatesNotReady', message: messages.join(', ') };
  return { type, status: 'True' };
}

export interface StatusInput {
  pod: core.Pod;
  init: readonly ContainerStatus[];
  regular: readonly ContainerStatus[];
  /** The sandbox exists and has its network (PodReadyToStartContainers). */
  sandboxReady: boolean;
  /** The kubelet has finished with the pod (deleted and stopped): a terminal phase is final. */
  podIsTerminal: boolean;
  hostIP: string;
  podIPs?: Array<{ ip: string }>;
  startTime?: string;
}

/** The phase generatePodStatus reports (without building the rest of the status). */
export function generatePodPhase(input: Pick<StatusInput, 'pod' | 'init' | 'regular' | 'podIsTerminal'>): Phase {
  const { pod, init, regular } = input;
  const spec = pod.spec ?? { containers: [] };
  const old = pod.status ?? {};
  // A terminal phase never goes back.
  if (old.phase === 'Succeeded' || old.phase === 'Failed') return old.phase;
  const wasInitialized = (old.conditions ?? []).some((c) => c.type === 'Initialized' && c.status === 'True');
  return podPhase(spec, init, regular, input.podIsTerminal, wasInitialized);
}

/** generateAPIPodStatus: the kubelet's view of the pod, before the merge with the stored status. */
export function generatePodStatus(input: StatusInput): core.PodStatus {
  const { pod, init, regular } = input;
  const spec = pod.spec ?? { containers: [] };
  const old = pod.status ?? {};
  const phase = generatePodPhase(input);
  const others = (old.conditions ?? []).filter((c) => !KUBELET_CONDITIONS.includes(c.type));
  const containersReady = containersReadyCondition(spec, init, regular, phase);
  const conditions: core.PodCondition[] = [
    { type: 'PodReadyToStartContainers', status: input.sandboxReady ? 'True' : 'False' },
    initializedCondition(spec, init, regular, phase),
    readyCondition(spec, containersReady, others),
    containersReady,
    { type: 'PodScheduled', status: 'True' },
  ];
  const status: core.PodStatus = {
    ...old,
    phase,
    conditions: [...others, ...conditions],
    hostIP: input.hostIP,
    hostIPs: [{ ip: input.hostIP }],
  };
  if (input.podIPs?.length) {
    status.podIP = input.podIPs[0]!.ip;
    status.podIPs = input.podIPs;
  }
  if (input.startTime) status.startTime = input.startTime;
  if (init.length) status.initContainerStatuses = init.map((s) => deepClone(s));
  else delete status.initContainerStatuses;
  status.containerStatuses = regular.map((s) => deepClone(s));
  return status;
}

/**
 * The status manager's merge: a kubelet condition keeps its stored lastTransitionTime while its
 * status is unchanged and gets `now` when it changes; lastProbeTime stays null. observedGeneration
 * follows the pod's generation (PodObservedGenerationTracking).
 */
export function mergePodStatus(stored: core.PodStatus | undefined, next: core.PodStatus, now: string, generation: number | undefined): core.PodStatus {
  const conditions = (next.conditions ?? []).map((c) => {
    if (!KUBELET_CONDITIONS.includes(c.type)) return c;
    const prev = stored?.conditions?.find((p) => p.type === c.type);
    const out: core.PodCondition = { type: c.type, status: c.status };
    if (generation) out.observedGeneration = generation;
    out.lastProbeTime = null as unknown as string;
    out.lastTransitionTime = prev && prev.status === c.status && prev.lastTransitionTime ? prev.lastTransitionTime : now;
    if (c.reason) out.reason = c.reason;
    if (c.message) out.message = c.message;
    return out;
  });
  const status: core.PodStatus = { ...next, conditions };
  if (generation) status.observedGeneration = generation;
  return status;
}
