// DefaultPreemption (PostFilter): when no node fits, find nodes where evicting lower-priority
// pods would let the pod fit, pick one, and report the victims. The scheduling loop evicts
// them (with the DisruptionTarget condition), sets the pod's status.nominatedNodeName and clears
// the nomination of lower-priority pods nominated to that node; the pod is scheduled in a later
// attempt once the victims are gone.
import type * as corev1 from '../../generated/k8s/core/v1.ts';
import { labelSelectorAsSelector } from '../../apimachinery/labels.ts';
import { fitErrorMessage, type Diagnosis } from './fit-error.ts';
import type { Cycle, CycleContext } from './framework.ts';
import type { NodeInfo } from './node-info.ts';
import { compareImportance, podStartTime, type PodInfo } from './pod-info.ts';
import { unresolvable, type Status } from './status.ts';

export const DEFAULT_PREEMPTION = 'DefaultPreemption';
export const ERR_NOT_HELPFUL = 'Preemption is not helpful for scheduling';
export const ERR_NO_VICTIMS = 'No preemption victims found for incoming pod';
export const ERR_PREEMPT_NEVER = 'not eligible due to preemptionPolicy=Never.';
export const ERR_TERMINATING_ON_NOMINATED = 'not eligible due to a terminating pod on the nominated node.';

export interface PodRef {
  readonly namespace: string;
  readonly name: string;
  readonly uid: string;
}

export interface PreemptionPlan {
  /** The node the preemptor is nominated to (its status.nominatedNodeName). */
  readonly nodeName: string;
  /** Pods to evict, most important first. Those already terminating need no further action. */
  readonly victims: readonly PodRef[];
  /** How many victims' evictions exceed a PodDisruptionBudget. */
  readonly numPDBViolations: number;
  /** Lower-priority pods nominated to the node, whose nomination the loop clears. */
  readonly lowerPriorityNominatedPods: readonly PodRef[];
}

export interface PreemptionOutcome {
  /** The PostFilter message appended to the FailedScheduling text ("" on success). */
  readonly message: string;
  /** undefined: leave status.nominatedNodeName as is; "": clear it; else set it. */
  readonly nominatedNodeName?: string;
  readonly plan?: PreemptionPlan;
}

const ref = (p: PodInfo): PodRef => ({ namespace: p.namespace, name: p.name, uid: p.uid });

/** podTerminatingByPreemption: deleting, with DisruptionTarget=True reason PreemptionByScheduler. */
function terminatingByPreemption(pod: corev1.Pod): boolean {
  if (!pod.metadata?.deletionTimestamp) return false;
  const c = pod.status?.conditions?.find((x) => x.type === 'DisruptionTarget');
  return c?.status === 'True' && c.reason === 'PreemptionByScheduler';
}

/** The condition the loop sets on a victim before deleting it. */
export function victimCondition(preemptor: corev1.Pod, now: string): corev1.PodCondition {
  return {
    type: 'DisruptionTarget',
    status: 'True',
    reason: 'PreemptionByScheduler',
    message: `${preemptor.spec?.schedulerName || 'default-scheduler'}: preempting to accommodate a higher priority pod`,
    lastTransitionTime: now,
  };
}

/** The "Preempted" event (Normal, on the victim, related to the preemptor). */
export function preemptedEventMessage(preemptor: corev1.Pod, nodeName: string): string {
  return `Preempted by pod ${preemptor.metadata?.uid ?? ''} on node ${nodeName}`;
}

interface Candidate {
  readonly node: string;
  readonly victims: PodInfo[];
  readonly numPDBViolations: number;
}

/** filterPodsWithPDBViolation: stable split of (sorted) victims by whether evicting them breaks a budget. */
function splitByPDB(pods: readonly PodInfo[], pdbs: CycleContext['cluster']['podDisruptionBudgets']): [PodInfo[], PodInfo[]] {
  const allowed = pdbs.map((p) => p.status?.disruptionsAllowed ?? 0);
  const violating: PodInfo[] = [];
  const ok: PodInfo[] = [];
  for (const p of pods) {
    let violated = false;
    if (Object.keys(p.labels).length > 0) {
      pdbs.forEach((pdb, i) => {
        if (pdb.metadata?.namespace !== p.namespace) return;
        let matches = false;
        try {
          const sel = labelSelectorAsSelector(pdb.spec?.selector);
          matches = sel.requirements.length > 0 && sel.matches(p.labels);
        } catch {
          matches = false;
        }
        if (!matches || (pdb.status?.disruptedPods && p.name in pdb.status.disruptedPods)) return;
        allowed[i]!--;
        if (allowed[i]! < 0) violated = true;
      });
    }
    (violated ? violating : ok).push(p);
  }
  return [violating, ok];
}

/** SelectVictimsOnNode: the fewest, least important pods whose removal lets the pod fit. */
function selectVictims(ctx: CycleContext, cycle: Cycle, nodeInfo: NodeInfo): Candidate | Status {
  const node = nodeInfo.clone();
  const state = cycle.clone();
  const potential = node.pods.filter((p) => p.priority < ctx.podInfo.priority);
  for (const p of potential) {
    node.removePod(p);
    state.removePod(p, node);
  }
  if (potential.length === 0) return unresolvable(DEFAULT_PREEMPTION, ERR_NO_VICTIMS);
  const status = state.runFiltersWithNominatedPods(node);
  if (status) return status;
  const sorted = [...potential].sort(compareImportance);
  const [violating, nonViolating] = splitByPDB(sorted, ctx.cluster.podDisruptionBudgets);
  const victims: PodInfo[] = [];
  let numPDBViolations = 0;
  const reprieve = (p: PodInfo): boolean => {
    node.addPod(p);
    state.addPod(p, node);
    const fits = state.runFiltersWithNominatedPods(node) === null;
    if (!fits) {
      node.removePod(p);
      state.removePod(p, node);
      victims.push(p);
    }
    return fits;
  };
  for (const p of violating) if (!reprieve(p)) numPDBViolations++;
  for (const p of nonViolating) reprieve(p);
  if (violating.length > 0 && nonViolating.length > 0) victims.sort(compareImportance);
  if (victims.length === 0) return unresolvable(DEFAULT_PREEMPTION, `expected at least one victim pod on node "${nodeInfo.name}"`);
  return { node: nodeInfo.name, victims, numPDBViolations };
}

/** GetEarliestPodStartTime: the earliest start among the highest-priority victims. */
function earliestStartOfTopVictims(victims: readonly PodInfo[]): number {
  let maxPriority = victims[0]!.priority;
  let earliest = podStartTime(victims[0]!.pod);
  for (const v of victims) {
    if (v.priority === maxPriority) earliest = Math.min(earliest, podStartTime(v.pod));
    else if (v.priority > maxPriority) {
      maxPriority = v.priority;
      earliest = podStartTime(v.pod);
    }
  }
  return earliest;
}

/**
 * pickOneNodeForPreemption: fewest PDB violations, then the lowest highest-victim priority, the
 * lowest priority sum, the fewest victims, the latest start of the top victims; remaining ties go
 * to the first candidate (in node order; upstream's order is random).
 */
function pickCandidate(candidates: readonly Candidate[]): Candidate {
  const scoreFns: Array<(c: Candidate) => number> = [
    (c) => -c.numPDBViolations,
    (c) => -c.victims[0]!.priority,
    (c) => -c.victims.reduce((s, v) => s + v.priority + 2147483648, 0),
    (c) => -c.victims.length,
    (c) => earliestStartOfTopVictims(c.victims),
  ];
  let pool = [...candidates];
  for (const fn of scoreFns) {
    if (pool.length === 1) break;
    const best = Math.max(...pool.map(fn));
    pool = pool.filter((c) => fn(c) === best);
  }
  return pool[0]!;
}

/**
 * DefaultPreemption.PostFilter for a pod no node fits. `cycle` is the PreFilter state (absent
 * when PreFilter rejected the pod, in which case no node can be helped).
 */
export function preempt(ctx: CycleContext, cycle: Cycle | undefined, diagnosis: Diagnosis): PreemptionOutcome {
  const pod = ctx.pod;
  const nodes = ctx.cluster.nodes;
  const statusOf = (name: string) => diagnosis.nodeToStatus.nodes.get(name) ?? diagnosis.nodeToStatus.absent;
  // PodEligibleToPreemptOthers.
  if (pod.spec?.preemptionPolicy === 'Never') return { message: `preemption: ${ERR_PREEMPT_NEVER}` };
  const nominated = pod.status?.nominatedNodeName;
  if (nominated && statusOf(nominated).code !== 'UnschedulableAndUnresolvable') {
    const ni = ctx.cluster.nodeByName.get(nominated);
    if (ni?.pods.some((p) => p.priority < ctx.podInfo.priority && terminatingByPreemption(p.pod))) {
      return { message: `preemption: ${ERR_TERMINATING_ON_NOMINATED}` };
    }
  }
  // findCandidates: only nodes rejected as Unschedulable may be helped.
  const potential = cycle ? nodes.filter((n) => statusOf(n.name).code === 'Unschedulable') : [];
  const statuses = new Map<string, Status>();
  const nonViolating: Candidate[] = [];
  const violating: Candidate[] = [];
  for (const node of potential) {
    const result = selectVictims(ctx, cycle!, node);
    if ('victims' in result) (result.numPDBViolations === 0 ? nonViolating : violating).push(result);
    else statuses.set(node.name, result);
  }
  const candidates = [...nonViolating, ...violating];
  if (candidates.length === 0) {
    const msg = fitErrorMessage({
      numAllNodes: nodes.length,
      diagnosis: {
        nodeToStatus: { nodes: statuses, absent: { code: 'UnschedulableAndUnresolvable', reasons: [ERR_NOT_HELPFUL] } },
        unschedulablePlugins: [],
        preFilterMessage: '',
        postFilterMessage: '',
      },
    });
    return { message: `preemption: ${msg}`, nominatedNodeName: '' };
  }
  const best = pickCandidate(candidates);
  const lower = (ctx.cluster.nominated.get(best.node) ?? []).filter((p) => p.priority < ctx.podInfo.priority && p.key !== ctx.podInfo.key);
  return {
    message: '',
    nominatedNodeName: best.node,
    plan: { nodeName: best.node, victims: best.victims.map(ref), numPDBViolations: best.numPDBViolations, lowerPriorityNominatedPods: lower.map(ref) },
  };
}
