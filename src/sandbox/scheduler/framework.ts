// The scheduling framework's extension points as kube-scheduler runs them for one pod:
// PreFilter (each plugin once, may narrow the nodes or reject the pod), Filter (per node, in
// plugin order, first rejection wins), the nominated-pods double check, and PreScore/Score/
// NormalizeScore with plugin weights. Plugins keep their per-cycle state in the objects their
// PreFilter/PreScore return, so a cycle can be cloned for what-if checks (nominated pods,
// preemption) without any shared mutable state.
import type * as corev1 from '../../generated/k8s/core/v1.ts';
import type { NodeInfo } from './node-info.ts';
import type { PodInfo } from './pod-info.ts';
import type { ClusterState } from './snapshot.ts';
import { unresolvable, type Status } from './status.ts';

export const MAX_NODE_SCORE = 100;

/** What every plugin sees in one scheduling attempt. */
export interface CycleContext {
  readonly pod: corev1.Pod;
  readonly podInfo: PodInfo;
  readonly cluster: ClusterState;
}

/** A plugin's Filter with the state its PreFilter computed. */
export interface FilterState {
  filter(nodeInfo: NodeInfo): Status | null;
  /** PreFilterExtensions.AddPod: `podInfo` now runs on `nodeInfo` (already added to it). */
  addPod?(podInfo: PodInfo, nodeInfo: NodeInfo): void;
  /** PreFilterExtensions.RemovePod: `podInfo` no longer runs on `nodeInfo`. */
  removePod?(podInfo: PodInfo, nodeInfo: NodeInfo): void;
  clone(): FilterState;
}

export type PreFilterOutcome =
  /** The plugin has nothing to check for this pod: its Filter is skipped. */
  | { readonly kind: 'skip' }
  | { readonly kind: 'ok'; readonly state: FilterState; readonly nodeNames?: ReadonlySet<string> }
  | { readonly kind: 'reject'; readonly status: Status };

export interface NodeScore {
  readonly name: string;
  score: number;
}

export interface ScoreState {
  score(nodeInfo: NodeInfo): number;
  /** NormalizeScore: rewrites the scores in place to 0..100. */
  normalize?(scores: NodeScore[]): void;
}

export interface Plugin {
  readonly name: string;
  preFilter?(ctx: CycleContext): PreFilterOutcome;
  /** null: Skip (the plugin scores nothing for this pod). */
  preScore?(ctx: CycleContext, nodes: readonly NodeInfo[]): ScoreState | null;
}

export interface Profile {
  /** PreFilter/Filter plugins in order. */
  readonly filters: readonly Plugin[];
  /** Score plugins in order, with their weights. */
  readonly scorers: ReadonlyArray<{ readonly plugin: Plugin; readonly weight: number }>;
}

/** A state that never changes with the pods on a node. */
export function statelessFilter(filter: (nodeInfo: NodeInfo) => Status | null): FilterState {
  const state: FilterState = { filter, clone: () => state };
  return state;
}

/** The Filter states of one scheduling cycle (CycleState). */
export class Cycle {
  constructor(
    readonly ctx: CycleContext,
    private readonly states: ReadonlyArray<readonly [string, FilterState]>,
  ) {}

  clone(): Cycle {
    return new Cycle(
      this.ctx,
      this.states.map(([name, s]) => [name, s.clone()] as const),
    );
  }

  /** RunFilterPlugins: the first rejection, in plugin order. */
  runFilters(nodeInfo: NodeInfo): Status | null {
    for (const [, s] of this.states) {
      const status = s.filter(nodeInfo);
      if (status) return status;
    }
    return null;
  }

  addPod(podInfo: PodInfo, nodeInfo: NodeInfo): void {
    for (const [, s] of this.states) s.addPod?.(podInfo, nodeInfo);
  }

  removePod(podInfo: PodInfo, nodeInfo: NodeInfo): void {
    for (const [, s] of this.states) s.removePod?.(podInfo, nodeInfo);
  }

  /**
   * RunFilterPluginsWithNominatedPods: the pod must fit both with the pods of equal or higher
   * priority nominated to the node counted as running there, and without them.
   */
  runFiltersWithNominatedPods(nodeInfo: NodeInfo): Status | null {
    const nominated = (this.ctx.cluster.nominated.get(nodeInfo.name) ?? []).filter(
      (p) => p.priority >= this.ctx.podInfo.priority && p.key !== this.ctx.podInfo.key,
    );
    if (nominated.length > 0) {
      const node = nodeInfo.clone();
      const cycle = this.clone();
      for (const p of nominated) {
        node.addPod(p);
        cycle.addPod(p, node);
      }
      const status = cycle.runFilters(node);
      if (status) return status;
    }
    return this.runFilters(nodeInfo);
  }
}

export type PreFilterResult =
  | { readonly ok: true; readonly cycle: Cycle; readonly nodeNames?: ReadonlySet<string>; readonly pluginsWithNodes: readonly string[] }
  | { readonly ok: false; readonly status: Status; readonly pluginsWithNodes: readonly string[] };

/**
 * RunPreFilterPlugins. An UnschedulableAndUnresolvable rejection stops at once; an Unschedulable
 * one lets the other plugins run and is returned at the end. Node sets returned by plugins are
 * intersected; an empty intersection rejects the pod.
 */
export function runPreFilter(ctx: CycleContext, profile: Profile): PreFilterResult {
  const states: Array<readonly [string, FilterState]> = [];
  let nodeNames: Set<string> | undefined;
  const pluginsWithNodes: string[] = [];
  let rejected: Status | undefined;
  for (const plugin of profile.filters) {
    if (!plugin.preFilter) continue;
    const out = plugin.preFilter(ctx);
    if (out.kind === 'skip') continue;
    if (out.kind === 'reject') {
      if (out.status.code === 'UnschedulableAndUnresolvable') return { ok: false, status: out.status, pluginsWithNodes };
      rejected = out.status;
      continue;
    }
    states.push([plugin.name, out.state]);
    if (out.nodeNames) {
      pluginsWithNodes.push(plugin.name);
      nodeNames = nodeNames ? new Set([...nodeNames].filter((n) => out.nodeNames!.has(n))) : new Set(out.nodeNames);
      if (nodeNames.size === 0) {
        const names = [...pluginsWithNodes].sort();
        const msg = names.length === 1 ? `node(s) didn't satisfy plugin ${names[0]}` : `node(s) didn't satisfy plugin(s) [${names.join(' ')}] simultaneously`;
        return { ok: false, status: unresolvable(plugin.name, msg), pluginsWithNodes };
      }
    }
  }
  if (rejected) return { ok: false, status: rejected, pluginsWithNodes };
  return { ok: true, cycle: new Cycle(ctx, states), ...(nodeNames ? { nodeNames } : {}), pluginsWithNodes };
}

export interface PluginScore {
  readonly plugin: string;
  /** The normalized score (0..100) times the plugin's weight. */
  readonly score: number;
}

export interface NodeScoreDetail {
  readonly node: string;
  readonly total: number;
  readonly plugins: readonly PluginScore[];
}

/** prioritizeNodes: PreScore, Score, NormalizeScore and weights, summed per node. */
export function prioritize(ctx: CycleContext, profile: Profile, nodes: readonly NodeInfo[]): NodeScoreDetail[] {
  const perNode = nodes.map(() => [] as PluginScore[]);
  for (const { plugin, weight } of profile.scorers) {
    const state = plugin.preScore?.(ctx, nodes);
    if (!state) continue;
    const scores: NodeScore[] = nodes.map((n) => ({ name: n.name, score: state.score(n) }));
    state.normalize?.(scores);
    scores.forEach((s, i) => perNode[i]!.push({ plugin: plugin.name, score: s.score * weight }));
  }
  return nodes.map((n, i) => ({
    node: n.name,
    total: perNode[i]!.reduce((sum, p) => sum + p.score, 0),
    plugins: perNode[i]!,
  }));
}

/** helper.DefaultNormalizeScore: scales to 0..max by the highest score; `reverse` flips the scale. */
export function defaultNormalizeScore(scores: NodeScore[], reverse: boolean): void {
  let max = 0;
  for (const s of scores) if (s.score > max) max = s.score;
  if (max === 0) {
    if (reverse) for (const s of scores) s.score = MAX_NODE_SCORE;
    return;
  }
  for (const s of scores) {
    let v = Math.trunc((MAX_NODE_SCORE * s.score) / max);
    if (reverse) v = MAX_NODE_SCORE - v;
    s.score = v;
  }
}
