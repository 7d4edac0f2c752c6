// InterPodAffinity. Filter: the pod's required affinity needs a matching pod in the node's
// topology domain (the first pod of a self-affine group may go anywhere), its required
// anti-affinity forbids domains with matching pods, and existing pods' required anti-affinity
// forbids domains where they would see this pod. Score: preferred terms of the pod and of
// existing pods (and existing pods' required affinity at weight 1) per topology domain,
// normalized between the lowest and highest node.
import type * as corev1 from '../../../generated/k8s/core/v1.ts';
import { Selector, type Labels } from '../../../apimachinery/labels.ts';
import { MAX_NODE_SCORE, type CycleContext, type FilterState, type Plugin } from '../framework.ts';
import type { NodeInfo } from '../node-info.ts';
import { affinityTermMatches, type AffinityTerm, type PodInfo, type WeightedAffinityTerm } from '../pod-info.ts';
import { unresolvable, unschedulable, type Status } from '../status.ts';

export const INTER_POD_AFFINITY = 'InterPodAffinity';
export const ERR_REASON_EXISTING_ANTI_AFFINITY = "node(s) didn't satisfy existing pods anti-affinity rules";
export const ERR_REASON_AFFINITY = "node(s) didn't match pod affinity rules";
export const ERR_REASON_ANTI_AFFINITY = "node(s) didn't match pod anti-affinity rules";

/** The scheduler's default hardPodAffinityWeight. */
const HARD_POD_AFFINITY_WEIGHT = 1;

/** Counts per topology pair ("key\0value"). */
type TopologyCounts = Map<string, number>;
const pair = (key: string, value: string): string => `${key}\u0000${value}`;

function bump(m: TopologyCounts, node: NodeInfo, key: string, delta: number): void {
  const value = node.labels[key];
  if (value === undefined) return;
  const p = pair(key, value);
  const n = (m.get(p) ?? 0) + delta;
  if (n === 0) m.delete(p);
  else m.set(p, n);
}

function matchesAll(terms: readonly AffinityTerm[], pod: corev1.Pod): boolean {
  return terms.length > 0 && terms.every((t) => affinityTermMatches(t, pod, undefined));
}

/**
 * mergeAffinityTermNamespacesIfNotEmpty: a namespaceSelector other than `{}` becomes the names of
 * the namespaces it selects now.
 */
function mergeNamespaces<T extends AffinityTerm>(term: T, cluster: CycleContext['cluster']): T {
  if (term.namespaceSelector.isEmpty()) return term;
  const namespaces = new Set(term.namespaces);
  for (const [name, labels] of cluster.namespaceLabels) if (term.namespaceSelector.matches(labels)) namespaces.add(name);
  return { ...term, namespaces, namespaceSelector: Selector.nothing() };
}

class AffinityState implements FilterState {
  constructor(
    private readonly pod: corev1.Pod,
    private readonly affinityTerms: readonly AffinityTerm[],
    private readonly antiAffinityTerms: readonly AffinityTerm[],
    private readonly namespaceLabels: Labels,
    private readonly existingAnti: TopologyCounts,
    private readonly affinity: TopologyCounts,
    private readonly anti: TopologyCounts,
  ) {}

  private satisfiesAffinity(node: NodeInfo): boolean {
    let podsExist = true;
    for (const t of this.affinityTerms) {
      const value = node.labels[t.topologyKey];
      if (value === undefined) return false;
      if ((this.affinity.get(pair(t.topologyKey, value)) ?? 0) <= 0) podsExist = false;
    }
    // The first pod of a group with affinity to itself may go anywhere its topology keys exist.
    return podsExist || (this.affinity.size === 0 && matchesAll(this.affinityTerms, this.pod));
  }

  filter(node: NodeInfo): Status | null {
    if (!this.satisfiesAffinity(node)) return unresolvable(INTER_POD_AFFINITY, ERR_REASON_AFFINITY);
    if (this.anti.size > 0) {
      for (const t of this.antiAffinityTerms) {
        const value = node.labels[t.topologyKey];
        if (value !== undefined && (this.anti.get(pair(t.topologyKey, value)) ?? 0) > 0) return unschedulable(INTER_POD_AFFINITY, ERR_REASON_ANTI_AFFINITY);
      }
    }
    if (this.existingAnti.size > 0) {
      for (const [k, v] of Object.entries(node.labels)) {
        if ((this.existingAnti.get(pair(k, v)) ?? 0) > 0) return unschedulable(INTER_POD_AFFINITY, ERR_REASON_EXISTING_ANTI_AFFINITY);
      }
    }
    return null;
  }

  private update(pi: PodInfo, node: NodeInfo, delta: number): void {
    for (const t of pi.requiredAntiAffinityTerms) if (affinityTermMatches(t, this.pod, this.namespaceLabels)) bump(this.existingAnti, node, t.topologyKey, delta);
    if (matchesAll(this.affinityTerms, pi.pod)) for (const t of this.affinityTerms) bump(this.affinity, node, t.topologyKey, delta);
    for (const t of this.antiAffinityTerms) if (affinityTermMatches(t, pi.pod, undefined)) bump(this.anti, node, t.topologyKey, delta);
  }
  addPod(pi: PodInfo, node: NodeInfo): void {
    this.update(pi, node, 1);
  }
  removePod(pi: PodInfo, node: NodeInfo): void {
    this.update(pi, node, -1);
  }
  clone(): AffinityState {
    return new AffinityState(this.pod, this.affinityTerms, this.antiAffinityTerms, this.namespaceLabels, new Map(this.existingAnti), new Map(this.affinity), new Map(this.anti));
  }
}

function processTerm(scores: Map<string, Map<string, number>>, term: AffinityTerm, weight: number, pod: corev1.Pod, nsLabels: Labels, node: NodeInfo): boolean {
  if (!affinityTermMatches(term, pod, nsLabels)) return false;
  const value = node.labels[term.topologyKey];
  if (value === undefined) return false;
  let m = scores.get(term.topologyKey);
  if (!m) scores.set(term.topologyKey, (m = new Map()));
  m.set(value, (m.get(value) ?? 0) + weight);
  return true;
}

export const interPodAffinity: Plugin = {
  name: INTER_POD_AFFINITY,
  preFilter(ctx) {
    const pi = ctx.podInfo;
    if (pi.parseError !== undefined) return { kind: 'reject', status: unresolvable(INTER_POD_AFFINITY, `parsing pod: ${pi.parseError}`) };
    const affinityTerms = pi.requiredAffinityTerms.map((t) => mergeNamespaces(t, ctx.cluster));
    const antiAffinityTerms = pi.requiredAntiAffinityTerms.map((t) => mergeNamespaces(t, ctx.cluster));
    const nsLabels = ctx.cluster.namespaceLabels.get(pi.namespace);
    const existingAnti: TopologyCounts = new Map();
    const affinity: TopologyCounts = new Map();
    const anti: TopologyCounts = new Map();
    for (const node of ctx.cluster.nodes) {
      for (const existing of node.pods) {
        for (const t of existing.requiredAntiAffinityTerms) if (affinityTermMatches(t, ctx.pod, nsLabels)) bump(existingAnti, node, t.topologyKey, 1);
        if (matchesAll(affinityTerms, existing.pod)) for (const t of affinityTerms) bump(affinity, node, t.topologyKey, 1);
        for (const t of antiAffinityTerms) if (affinityTermMatches(t, existing.pod, undefined)) bump(anti, node, t.topologyKey, 1);
      }
    }
    if (existingAnti.size === 0 && affinityTerms.length === 0 && antiAffinityTerms.length === 0) return { kind: 'skip' };
    return { kind: 'ok', state: new AffinityState(ctx.pod, affinityTerms, antiAffinityTerms, nsLabels, existingAnti, affinity, anti) };
  },
  preScore(ctx) {
    const pi = ctx.podInfo;
    if (pi.parseError !== undefined) return null;
    const preferred: WeightedAffinityTerm[] = pi.preferredAffinityTerms.map((t) => mergeNamespaces(t, ctx.cluster));
    const preferredAnti: WeightedAffinityTerm[] = pi.preferredAntiAffinityTerms.map((t) => mergeNamespaces(t, ctx.cluster));
    const nsLabels = ctx.cluster.namespaceLabels.get(pi.namespace);
    const topologyScore = new Map<string, Map<string, number>>();
    let any = false;
    for (const node of ctx.cluster.nodes) {
      if (Object.keys(node.labels).length === 0) continue;
      for (const existing of node.pods) {
        for (const t of preferred) any = processTerm(topologyScore, t, t.weight, existing.pod, undefined, node) || any;
        for (const t of preferredAnti) any = processTerm(topologyScore, t, -t.weight, existing.pod, undefined, node) || any;
        for (const t of existing.requiredAffinityTerms) any = processTerm(topologyScore, t, HARD_POD_AFFINITY_WEIGHT, ctx.pod, nsLabels, node) || any;
        for (const t of existing.preferredAffinityTerms) any = processTerm(topologyScore, t, t.weight, ctx.pod, nsLabels, node) || any;
        for (const t of existing.preferredAntiAffinityTerms) any = processTerm(topologyScore, t, -t.weight, ctx.pod, nsLabels, node) || any;
      }
    }
    if (!any) return null;
    return {
      score(node) {
        let score = 0;
        for (const [key, values] of topologyScore) {
          const v = node.labels[key];
          if (v !== undefined) score += values.get(v) ?? 0;
        }
        return score;
      },
      normalize(scores) {
        let min = Number.POSITIVE_INFINITY;
        let max = Number.NEGATIVE_INFINITY;
        for (const s of scores) {
          min = Math.min(min, s.score);
          max = Math.max(max, s.score);
        }
        const diff = max - min;
        for (const s of scores) s.score = diff > 0 ? Math.trunc(MAX_NODE_SCORE * ((s.score - min) / diff)) : 0;
      },
    };
  },
};
