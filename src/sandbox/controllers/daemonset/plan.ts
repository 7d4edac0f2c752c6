// The DaemonSet controller's planning step (upstream pkg/controller/daemon daemon_controller.go
// manage/podsShouldBeOnNode, update.go rollingUpdate, updateDaemonSetStatus): one pod per node the
// set should run on, none elsewhere; failed pods and extra pods go; a RollingUpdate replaces old
// pods node by node within maxUnavailable, or (maxSurge) starts the new pod beside the old one and
// removes the old one once the new one is available. OnDelete replaces nothing by itself.
import type * as apps from '../../../generated/k8s/apps/v1.ts';
import type { DaemonSet } from '../../registry/apps/daemonset/types.ts';
import { templateGeneration } from '../../registry/apps/daemonset/template-generation.ts';
import { availableAt, isPodAvailable, isPodReady, isTerminating, type Pod } from '../statefulset/pod-state.ts';
import { type Node, nodeShouldRunDaemonPod, targetNodeName } from './eligibility.ts';

export const DAEMONSET_HASH_LABEL = 'controller-revision-hash';
export const TEMPLATE_GENERATION_LABEL = 'pod-template-generation';

export interface DaemonSetState {
  ds: DaemonSet;
  nodes: readonly Node[];
  /** The pods the set controls. */
  pods: readonly Pod[];
  /** The current revision's hash (the pods' controller-revision-hash label). */
  hash: string;
  now: number;
  /** Back-off per node for deleting failed pods (failedPodsBackoff), so a rejecting kubelet is not fought in a hot loop. */
  failedBackoff?: ReadonlyMap<string, Backoff>;
}

export interface Backoff {
  delayMs: number;
  lastUpdate: number;
}

export const FAILED_POD_BACKOFF_INITIAL_MS = 1000;
export const FAILED_POD_BACKOFF_MAX_MS = 15 * 60_000;

/** flowcontrol.Backoff.Next: 1s, doubling to 15 minutes, starting over after a long quiet spell. */
export function nextBackoff(prev: Backoff | undefined, now: number): Backoff {
  if (!prev || now - prev.lastUpdate > 2 * FAILED_POD_BACKOFF_MAX_MS) return { delayMs: FAILED_POD_BACKOFF_INITIAL_MS, lastUpdate: now };
  return { delayMs: Math.min(prev.delayMs * 2, FAILED_POD_BACKOFF_MAX_MS), lastUpdate: now };
}

export interface DaemonSetPlan {
  /** Nodes to create a daemon pod for. */
  create: string[];
  delete: Pod[];
  /** Failed pods found (FailedDaemonPod events). */
  failed: Array<{ pod: Pod; node: string }>;
  status: apps.DaemonSetStatus;
  requeueAfterMs?: number;
}

/** util.IsPodUpdated: the pod carries the current hash or the current template generation. */
export function isPodUpdated(pod: Pod, hash: string, generation: number | undefined): boolean {
  const labels = pod.metadata.labels ?? {};
  return (hash !== '' && labels[DAEMONSET_HASH_LABEL] === hash) || (generation !== undefined && labels[TEMPLATE_GENERATION_LABEL] === String(generation));
}

/** podByCreationTimestampAndPhase: the oldest first, running before pending on a tie. */
function byAge(a: Pod, b: Pod): number {
  const t = (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? '');
  if (t !== 0) return t;
  const rank = (p: Pod) => (p.status?.phase === 'Running' ? 0 : 1);
  return rank(a) - rank(b) || (a.metadata.name ?? '').localeCompare(b.metadata.name ?? '');
}

/** intstr.GetScaledValueFromIntOrPercent rounding up, as daemon util.UnavailableCount / SurgeCount. */
export function scaledValue(value: number | string | undefined, total: number, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value === 'number') return value;
  const m = /^(\d+)%$/.exec(value);
  return m ? Math.ceil((Number.parseInt(m[1]!, 10) * total) / 100) : fallback;
}

function nodePods(state: DaemonSetState): Map<string, Pod[]> {
  const out = new Map<string, Pod[]>();
  for (const pod of state.pods) {
    const node = targetNodeName(pod);
    if (!node) continue;
    const list = out.get(node) ?? [];
    list.push(pod);
    out.set(node, list);
  }
  for (const list of out.values()) list.sort(byAge);
  return out;
}

export function planDaemonSet(state: DaemonSetState): DaemonSetPlan {
  const { ds, now } = state;
  const minReady = ds.spec?.minReadySeconds ?? 0;
  const byNode = nodePods(state);
  const nodeNames = new Set(state.nodes.map((n) => n.metadata.name!));
  const placement = new Map(state.nodes.map((n) => [n.metadata.name!, nodeShouldRunDaemonPod(n, ds)]));
  const strategy = ds.spec?.updateStrategy;
  const rolling = (strategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
  const surge = rolling ? scaledValue(strategy?.rollingUpdate?.maxSurge, desiredCount(), 0) : 0;
  const plan: DaemonSetPlan = { create: [], delete: [], failed: [], status: {} as apps.DaemonSetStatus };

  function desiredCount(): number {
    let n = 0;
    for (const p of placement.values()) if (p.shouldRun) n++;
    return n;
  }

  // manage: podsShouldBeOnNode for every node, and pods pinned to nodes that are gone.
  for (const node of [...nodeNames].sort()) {
    const { shouldRun, shouldContinueRunning } = placement.get(node)!;
    const pods = byNode.get(node) ?? [];
    if (shouldRun && pods.length === 0) {
      plan.create.push(node);
    } else if (shouldContinueRunning) {
      const running: Pod[] = [];
      for (const pod of pods) {
        if (isTerminating(pod)) continue;
        if (pod.status?.phase === 'Failed') {
          const backoff = state.failedBackoff?.get(node);
          if (backoff && now - backoff.lastUpdate < backoff.delayMs) {
            const wait = backoff.delayMs - (now - backoff.lastUpdate);
            plan.requeueAfterMs = Math.min(plan.requeueAfterMs ?? Infinity, wait);
            continue;
          }
          plan.failed.push({ pod, node });
          plan.delete.push(pod);
        } else if (pod.status?.phase === 'Succeeded') {
          plan.delete.push(pod);
        } else running.push(pod);
      }
      if (running.length > 1) {
        if (surge === 0) plan.delete.push(...running.slice(1));
        else {
          // Surging: keep one new and one old pod only while the new one is not yet ready.
          const updated = running.filter((p) => isPodUpdated(p, state.hash, templateGeneration(ds)));
          const old = running.filter((p) => !isPodUpdated(p, state.hash, templateGeneration(ds)));
          const keepNew = updated[0];
          const keepOld = keepNew && !isPodReady(keepNew) ? old.find((p) => isPodReady(p)) : undefined;
          for (const p of running) if (p !== (keepNew ?? running[0]) && p !== keepOld) plan.delete.push(p);
        }
      }
    } else if (pods.length > 0) {
      for (const pod of pods) if (!isTerminating(pod)) plan.delete.push(pod);
    }
  }
  for (const [node, pods] of byNode) {
    if (!nodeNames.has(node)) for (const pod of pods) if (!isTerminating(pod)) plan.delete.push(pod);
  }

  const managed = plan.create.length > 0 || plan.delete.length > 0;
  if (!managed && rolling) rollingUpdate(state, byNode, placement, desiredCount(), plan);

  plan.status = status(state, byNode, placement);
  for (const pod of state.pods) {
    const at = availableAt(pod, minReady);
    if (at !== undefined && at > now) plan.requeueAfterMs = Math.min(plan.requeueAfterMs ?? Infinity, at - now);
  }
  return plan;
}

/** findUpdatedPodsOnNode: the node's one new and one old pod (undefined when there are more). */
function updatedPodsOnNode(pods: readonly Pod[], hash: string, generation: number): { newPod?: Pod; oldPod?: Pod } | undefined {
  let newPod: Pod | undefined;
  let oldPod: Pod | undefined;
  for (const pod of pods) {
    if (isTerminating(pod)) continue;
    if (isPodUpdated(pod, hash, generation)) {
      if (newPod) return undefined;
      newPod = pod;
    } else {
      if (oldPod) return undefined;
      oldPod = pod;
    }
  }
  return { newPod, oldPod };
}

function rollingUpdate(state: DaemonSetState, byNode: Map<string, Pod[]>, placement: Map<string, { shouldRun: boolean }>, desired: number, plan: DaemonSetPlan): void {
  const { ds, now, hash } = state;
  const minReady = ds.spec?.minReadySeconds ?? 0;
  const generation = templateGeneration(ds);
  const ru = ds.spec?.updateStrategy?.rollingUpdate;
  let maxSurge = scaledValue(ru?.maxSurge, desired, 0);
  let maxUnavailable = scaledValue(ru?.maxUnavailable, desired, 1);
  if (maxSurge === 0 && maxUnavailable === 0) maxUnavailable = 1;
  const available = (p: Pod) => isPodAvailable(p, minReady, now);
  const nodes = [...byNode.keys()].sort();

  if (maxSurge === 0) {
    let unavailable = 0;
    const replacements: Pod[] = [];
    const candidates: Pod[] = [];
    for (const node of nodes) {
      const found = updatedPodsOnNode(byNode.get(node)!, hash, generation);
      if (!found) {
        unavailable++;
        continue;
      }
      const { newPod, oldPod } = found;
      if ((!oldPod && !newPod) || (oldPod && newPod)) unavailable++;
      else if (newPod) {
        if (!available(newPod)) unavailable++;
      } else if (oldPod) {
        if (!available(oldPod)) replacements.push(oldPod);
        else if (unavailable < maxUnavailable) candidates.push(oldPod);
      }
    }
    const remaining = Math.min(Math.max(0, maxUnavailable - unavailable), candidates.length);
    plan.delete.push(...replacements, ...candidates.slice(0, remaining));
    return;
  }

  let surged = 0;
  const allowedNew: string[] = [];
  const candidateNew: string[] = [];
  for (const node of nodes) {
    const found = updatedPodsOnNode(byNode.get(node)!, hash, generation);
    if (!found) {
      surged++;
      continue;
    }
    const { newPod, oldPod } = found;
    if (!oldPod) continue;
    if (!newPod) {
      const shouldRun = placement.get(node)?.shouldRun ?? false;
      if (!available(oldPod)) {
        if (!shouldRun) plan.delete.push(oldPod);
        else allowedNew.push(node);
      } else if (shouldRun && surged < maxSurge) candidateNew.push(node);
    } else if (!available(newPod)) surged++;
    else plan.delete.push(oldPod);
  }
  const remaining = Math.min(Math.max(0, maxSurge - surged), candidateNew.length);
  plan.create.push(...allowedNew, ...candidateNew.slice(0, remaining));
}

/** updateDaemonSetStatus */
function status(state: DaemonSetState, byNode: Map<string, Pod[]>, placement: Map<string, { shouldRun: boolean }>): apps.DaemonSetStatus {
  const { ds, now, hash } = state;
  const minReady = ds.spec?.minReadySeconds ?? 0;
  const generation = templateGeneration(ds);
  let desired = 0;
  let current = 0;
  let ready = 0;
  let available = 0;
  let updated = 0;
  let misscheduled = 0;
  for (const node of state.nodes) {
    const name = node.metadata.name!;
    // Like getNodesToDaemonPods(includeDeletedTerminal=false): only finished pods being deleted are left out.
    const pods = (byNode.get(name) ?? []).filter((p) => !(isTerminating(p) && (p.status?.phase === 'Failed' || p.status?.phase === 'Succeeded')));
    if (placement.get(name)?.shouldRun) {
      desired++;
      const pod = pods[0];
      if (!pod) continue;
      current++;
      if (isPodReady(pod)) {
        ready++;
        if (isPodAvailable(pod, minReady, now)) available++;
      }
      if (isPodUpdated(pod, hash, generation)) updated++;
    } else if (pods.length > 0) misscheduled++;
  }
  const out: apps.DaemonSetStatus = { currentNumberScheduled: current, desiredNumberScheduled: desired, numberMisscheduled: misscheduled, numberReady: ready };
  if (available) out.numberAvailable = available;
  if (desired - available) out.numberUnavailable = desired - available;
  if (updated) out.updatedNumberScheduled = updated;
  if (ds.metadata.generation) out.observedGeneration = ds.metadata.generation;
  return out;
}
