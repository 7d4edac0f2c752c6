// `kubectl get pods` columns and the STATUS / READY / RESTARTS logic of upstream printPod
// (pkg/printers/internalversion/printers.go): init progress (`Init:0/2`, `Init:Error`,
// `Init:CrashLoopBackOff`), container waiting/terminated reasons (`ContainerCreating`,
// `CrashLoopBackOff`, `Completed`, `ExitCode:1`), `Terminating`, `Unknown` for lost nodes,
// restarts with the age of the last one (`3 (2m ago)`) and the wide columns.
import type * as core from '../../../../generated/k8s/core/v1.ts';
import type { StoredObject } from '../../../../apimachinery/object.ts';
import { age, ageColumn, column, humanDuration, nameColumn } from '../../printers/format.ts';
import type { PrintContext, TablePrinter } from '../../types.ts';

type Pod = core.Pod & StoredObject;

const NODE_UNREACHABLE_POD_REASON = 'NodeLost';

export const podColumns = [
  nameColumn,
  column('Ready', 'string', 'The aggregate readiness state of this pod for accepting traffic.'),
  column('Status', 'string', 'The aggregate status of the containers in this pod.'),
  column('Restarts', 'string', 'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.'),
  ageColumn,
  column('IP', 'string', 'podIP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.', 1),
  column(
    'Node',
    'string',
    'NodeName indicates in which node this pod is scheduled. If empty, this pod is a candidate for scheduling by the scheduler defined in schedulerName. Once this field is set, the kubelet for this node becomes responsible for the lifecycle of this pod. This field should not be used to express a desire for the pod to be scheduled on a specific node. https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#nodename',
    1,
  ),
  column(
    'Nominated Node',
    'string',
    'nominatedNodeName is set only when this pod preempts other pods on the node, but it cannot be scheduled right away as preemption victims receive their graceful termination periods. This field does not guarantee that the pod will be scheduled on this node. Scheduler may decide to place the pod elsewhere if other nodes become available sooner. Scheduler may also decide to give the resources on this node to a higher priority pod that is created after preemption. As a result, this field may be different than PodSpec.nodeName when the pod is scheduled.',
    1,
  ),
  column('Readiness Gates', 'string', 'If specified, all readiness gates will be evaluated for pod readiness. A pod is ready when all its containers are ready AND all conditions specified in the readiness gates have status equal to "True" More info: https://git.k8s.io/enhancements/keps/sig-network/580-pod-readiness-gates', 1),
];

const isRestartableInit = (c: core.Container | undefined) => c?.restartPolicy === 'Always';

function terminalPhase(phase: string | undefined): boolean {
  return phase === 'Failed' || phase === 'Succeeded';
}

function conditionTrue(status: core.PodStatus | undefined, type: string): boolean {
  for (const c of status?.conditions ?? []) if (c.type === type) return c.status === 'True';
  return false;
}

function time(t: string | undefined): number {
  if (!t) return 0;
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? 0 : ms;
}

/** The cells printPod produces (always the wide set; the table drops priority-1 columns for plain `get`). */
export function podCells(pod: Pod, now: number): unknown[] {
  const spec = pod.spec ?? ({ containers: [] } as core.PodSpec);
  const status = pod.status ?? {};
  let restarts = 0;
  let sidecarRestarts = 0;
  let totalContainers = (spec.containers ?? []).length;
  let readyContainers = 0;
  let lastRestart = 0;
  let lastSidecarRestart = 0;

  let reason = status.phase ?? '';
  if (status.reason) reason = status.reason;
  for (const c of status.conditions ?? []) {
    if (c.type === 'PodScheduled' && c.reason === 'SchedulingGated') reason = 'SchedulingGated';
  }

  const initContainers = new Map<string, core.Container>();
  for (const c of spec.initContainers ?? []) {
    initContainers.set(c.name, c);
    if (isRestartableInit(c)) totalContainers++;
  }

  let initializing = false;
  const initStatuses = status.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const cs = initStatuses[i]!;
    restarts += cs.restartCount ?? 0;
    const finished = time(cs.lastState?.terminated?.finishedAt);
    if (cs.lastState?.terminated && finished > lastRestart) lastRestart = finished;
    const sidecar = isRestartableInit(initContainers.get(cs.name));
    if (sidecar) {
      sidecarRestarts += cs.restartCount ?? 0;
      if (cs.lastState?.terminated && finished > lastSidecarRestart) lastSidecarRestart = finished;
    }
    const term = cs.state?.terminated;
    const wait = cs.state?.waiting;
    if (term && term.exitCode === 0) continue;
    if (sidecar && cs.started === true) {
      if (cs.ready) readyContainers++;
      continue;
    }
    if (term) {
      if (!term.reason) reason = term.signal ? `Init:Signal:${term.signal}` : `Init:ExitCode:${term.exitCode}`;
      else reason = `Init:${term.reason}`;
    } else if (wait && wait.reason && wait.reason !== 'PodInitializing') {
      reason = `Init:${wait.reason}`;
    } else {
      reason = `Init:${i}/${(spec.initContainers ?? []).length}`;
    }
    initializing = true;
    break;
  }

  if (!initializing || conditionTrue(status, 'Initialized')) {
    restarts = sidecarRestarts;
    lastRestart = lastSidecarRestart;
    let hasRunning = false;
    const statuses = status.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const cs = statuses[i]!;
      restarts += cs.restartCount ?? 0;
      const finished = time(cs.lastState?.terminated?.finishedAt);
      if (cs.lastState?.terminated && finished > lastRestart) lastRestart = finished;
      const wait = cs.state?.waiting;
      const term = cs.state?.terminated;
      if (wait && wait.reason) reason = wait.reason;
      else if (term && term.reason) reason = term.reason;
      else if (term) reason = term.signal ? `Signal:${term.signal}` : `ExitCode:${term.exitCode}`;
      else if (cs.ready && cs.state?.running) {
        hasRunning = true;
        readyContainers++;
      }
    }
    if (reason === 'Completed' && hasRunning) reason = conditionTrue(status, 'Ready') ? 'Running' : 'NotReady';
  }

  if (pod.metadata.deletionTimestamp && status.reason === NODE_UNREACHABLE_POD_REASON) reason = 'Unknown';
  else if (pod.metadata.deletionTimestamp && !terminalPhase(status.phase)) reason = 'Terminating';

  let restartsText = String(restarts);
  if (restarts !== 0 && lastRestart !== 0) restartsText = `${restarts} (${humanDuration(now - lastRestart)} ago)`;

  const podIP = status.podIPs?.[0]?.ip || status.podIP || '<none>';
  const nodeName = spec.nodeName || '<none>';
  const nominated = status.nominatedNodeName || '<none>';
  let readinessGates = '<none>';
  const gates = spec.readinessGates ?? [];
  if (gates.length) {
    let trueConditions = 0;
    for (const g of gates) {
      const c = (status.conditions ?? []).find((x) => x.type === g.conditionType);
      if (c?.status === 'True') trueConditions++;
    }
    readinessGates = `${trueConditions}/${gates.length}`;
  }
  return [pod.metadata.name, `${readyContainers}/${totalContainers}`, reason, restartsText, age(pod.metadata.creationTimestamp, now), podIP, nodeName, nominated, readinessGates];
}

export const podPrinter: TablePrinter<Pod> = {
  columns: podColumns,
  cells: (pod: Pod, ctx: PrintContext) => podCells(pod, ctx.now),
};
