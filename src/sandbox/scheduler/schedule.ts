// schedulePod: one scheduling attempt of kube-scheduler's default profile, as a pure function of
// the pod and a snapshot of the cluster (schedule_one.go: schedulingCycle → schedulePod →
// findNodesThatFitPod → prioritizeNodes → selectHost, and PostFilter on failure).
//
// Host selection differs from upstream in one documented way: upstream picks at random among the
// nodes with the top score; here the winner is the top node with the smallest FNV-1a hash of
// "<pod uid, or namespace/name>/<node name>". The choice is stable for a pod (tests and replays
// agree) yet differs between pods, so equal nodes still share the load.
import type * as corev1 from '../../generated/k8s/core/v1.ts';
import { DEFAULT_ABSENT, fitErrorMessage, preFilterDiagnosis, type Diagnosis, type FitError, type NodeToStatus } from './fit-error.ts';
import { prioritize, runPreFilter, type Cycle, type CycleContext, type NodeScoreDetail, type Profile } from './framework.ts';
import type { NodeInfo } from './node-info.ts';
import { newPodInfo } from './pod-info.ts';
import { gatedMessage, schedulingGates } from './plugins/scheduling-gates.ts';
import { preempt, type PreemptionPlan } from './preemption.ts';
import { defaultProfile } from './profile.ts';
import { buildClusterState, type ClusterSnapshot } from './snapshot.ts';
import type { Status } from './status.ts';

/** ErrNoNodesAvailable. */
export const ERR_NO_NODES_AVAILABLE = 'no nodes available to schedule pods';

export interface ScheduledResult {
  readonly kind: 'scheduled';
  /** The node to bind the pod to (pods/binding). */
  readonly node: string;
  readonly evaluatedNodes: number;
  readonly feasibleNodes: number;
  /** Per feasible node, each score plugin's weighted score (empty when only one node fit: upstream skips scoring). */
  readonly scores: readonly NodeScoreDetail[];
}

export interface UnschedulableResult {
  readonly kind: 'unschedulable';
  /** The FailedScheduling event message and PodScheduled=False condition message. */
  readonly message: string;
  /** Why each node was rejected (absent when there are no nodes at all). */
  readonly unschedulable?: FitError;
  /** Plugins that rejected the pod: it can only become schedulable when what they check changes. */
  readonly unschedulablePlugins: readonly string[];
  /** undefined: leave status.nominatedNodeName alone; "": clear it; otherwise set it. */
  readonly nominatedNodeName?: string;
  /** Victims to evict so the pod fits its nominated node later. */
  readonly preemption?: PreemptionPlan;
}

export interface GatedResult {
  readonly kind: 'gated';
  /** "waiting for scheduling gates: [...]"; upstream records no event for gated pods. */
  readonly message: string;
  readonly gates: readonly string[];
}

export type ScheduleResult = ScheduledResult | UnschedulableResult | GatedResult;

export interface ScheduleOptions {
  readonly profile?: Profile;
}

export const DEFAULT_SCHEDULER_NAME = 'default-scheduler';

/**
 * Whether the default scheduler should try to place this pod: not bound yet, addressed to it
 * (spec.schedulerName, defaulted by the API server), not terminating and not finished.
 */
export function wantsScheduling(pod: corev1.Pod, schedulerName = DEFAULT_SCHEDULER_NAME): boolean {
  if (pod.spec?.nodeName) return false;
  if ((pod.spec?.schedulerName || DEFAULT_SCHEDULER_NAME) !== schedulerName) return false;
  if (pod.metadata?.deletionTimestamp) return false;
  return pod.status?.phase !== 'Succeeded' && pod.status?.phase !== 'Failed';
}

/** 32-bit FNV-1a over UTF-16 code units. */
export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** The deterministic stand-in for upstream's random choice among equally scored nodes. */
export function pickHost(pod: corev1.Pod, scores: readonly NodeScoreDetail[]): string {
  const max = Math.max(...scores.map((s) => s.total));
  const identity = pod.metadata?.uid || `${pod.metadata?.namespace ?? ''}/${pod.metadata?.name ?? ''}`;
  let best: { node: string; hash: number } | undefined;
  for (const s of scores) {
    if (s.total !== max) continue;
    const hash = fnv1a(`${identity}/${s.node}`);
    if (!best || hash < best.hash || (hash === best.hash && s.node < best.node)) best = { node: s.node, hash };
  }
  return best!.node;
}

interface FitResult {
  readonly feasible: NodeInfo[];
  readonly diagnosis: Diagnosis;
  readonly cycle?: Cycle;
}

/** findNodesThatFitPod. */
function findNodesThatFit(ctx: CycleContext, profile: Profile): FitResult {
  const pre = runPreFilter(ctx, profile);
  if (!pre.ok) return { feasible: [], diagnosis: preFilterDiagnosis(pre.status, [pre.status.plugin]) };
  const cycle = pre.cycle;
  const statuses = new Map<string, Status>();
  const plugins = new Set<string>();
  const diagnose = (absent: NodeToStatus['absent']): Diagnosis => ({
    nodeToStatus: { nodes: statuses, absent },
    unschedulablePlugins: [...plugins].sort(),
    preFilterMessage: '',
    postFilterMessage: '',
  });
  // A pod nominated by an earlier preemption tries that node first and takes it if it fits.
  const nominated = ctx.pod.status?.nominatedNodeName;
  const nominatedNode = nominated ? ctx.cluster.nodeByName.get(nominated) : undefined;
  if (nominatedNode) {
    const s = cycle.runFiltersWithNominatedPods(nominatedNode);
    if (!s) return { feasible: [nominatedNode], diagnosis: diagnose(DEFAULT_ABSENT), cycle };
    statuses.set(nominatedNode.name, s);
    plugins.add(s.plugin);
  }
  let nodes: readonly NodeInfo[] = ctx.cluster.nodes;
  let absent = DEFAULT_ABSENT;
  if (pre.nodeNames) {
    const names = pre.nodeNames;
    nodes = nodes.filter((n) => names.has(n.name));
    absent = { code: 'UnschedulableAndUnresolvable', reasons: [`node(s) didn't satisfy plugin(s) [${[...pre.pluginsWithNodes].sort().join(' ')}]`] };
  }
  const feasible: NodeInfo[] = [];
  for (const node of nodes) {
    const s = cycle.runFiltersWithNominatedPods(node);
    if (s) {
      statuses.set(node.name, s);
      plugins.add(s.plugin);
    } else {
      statuses.delete(node.name);
      feasible.push(node);
    }
  }
  return { feasible, diagnosis: diagnose(absent), cycle };
}

/**
 * One scheduling attempt for `pod` (which must not be bound yet) against `snapshot`. Never
 * throws for unschedulable pods; the result says where to bind, or what to report and whom to
 * preempt.
 */
export function schedulePod(pod: corev1.Pod, snapshot: ClusterSnapshot, options: ScheduleOptions = {}): ScheduleResult {
  const gates = schedulingGates(pod);
  if (gates) return { kind: 'gated', gates, message: gatedMessage(gates) };
  const profile = options.profile ?? defaultProfile;
  const cluster = buildClusterState(snapshot, pod);
  if (cluster.nodes.length === 0) {
    return { kind: 'unschedulable', message: ERR_NO_NODES_AVAILABLE, unschedulablePlugins: [], nominatedNodeName: '' };
  }
  const ctx: CycleContext = { pod, podInfo: snapshot.podInfos?.get(pod, { useStatusResources: false }) ?? newPodInfo(pod, { useStatusResources: false }), cluster };
  const fit = findNodesThatFit(ctx, profile);
  const evaluatedNodes = fit.feasible.length + fit.diagnosis.nodeToStatus.nodes.size;
  if (fit.feasible.length === 0) {
    const outcome = preempt(ctx, fit.cycle, fit.diagnosis);
    const fitError: FitError = { numAllNodes: cluster.nodes.length, diagnosis: { ...fit.diagnosis, postFilterMessage: outcome.message } };
    return {
      kind: 'unschedulable',
      message: fitErrorMessage(fitError),
      unschedulable: fitError,
      unschedulablePlugins: fit.diagnosis.unschedulablePlugins,
      ...(outcome.nominatedNodeName === undefined ? {} : { nominatedNodeName: outcome.nominatedNodeName }),
      ...(outcome.plan ? { preemption: outcome.plan } : {}),
    };
  }
  if (fit.feasible.length === 1) {
    return { kind: 'scheduled', node: fit.feasible[0]!.name, evaluatedNodes, feasibleNodes: 1, scores: [] };
  }
  const scores = prioritize(ctx, profile, fit.feasible);
  return { kind: 'scheduled', node: pickHost(pod, scores), evaluatedNodes, feasibleNodes: fit.feasible.length, scores };
}
