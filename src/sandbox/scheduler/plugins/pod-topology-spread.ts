// PodTopologySpread. Filter (whenUnsatisfiable: DoNotSchedule): placing the pod in a node's
// domain must keep "matching pods in the domain + 1 - the global minimum" within maxSkew (the
// minimum counts as 0 while fewer than minDomains domains exist); nodes lacking the topology
// key are rejected. Score (ScheduleAnyway, or the cluster's default constraints — hostname
// maxSkew 3, zone maxSkew 5 — for pods selected by a Service/ReplicaSet/StatefulSet/RC and
// without constraints of their own): fewer matching pods in the node's domains is better.
import type * as corev1 from '../../../generated/k8s/core/v1.ts';
import { labelSelectorAsSelector, selectorFromSet, Selector, type Requirement } from '../../../apimachinery/labels.ts';
import { MAX_NODE_SCORE, type CycleContext, type FilterState, type Plugin } from '../framework.ts';
import type { NodeInfo } from '../node-info.ts';
import { RequiredNodeAffinity } from '../node-selector.ts';
import type { PodInfo } from '../pod-info.ts';
import type { ClusterState } from '../snapshot.ts';
import { unresolvable, unschedulable, type Status } from '../status.ts';
import { findUntoleratedTaint, isDoNotScheduleTaint } from '../taints.ts';

export const POD_TOPOLOGY_SPREAD = 'PodTopologySpread';
export const ERR_REASON_CONSTRAINTS_NOT_MATCH = "node(s) didn't match pod topology spread constraints";
export const ERR_REASON_NODE_LABEL_NOT_MATCH = `${ERR_REASON_CONSTRAINTS_NOT_MATCH} (missing required label)`;

const HOSTNAME = 'kubernetes.io/hostname';
const ZONE = 'topology.kubernetes.io/zone';

export interface SpreadConstraint {
  readonly maxSkew: number;
  readonly topologyKey: string;
  readonly selector: Selector;
  readonly minDomains: number;
  readonly nodeAffinityPolicy: string;
  readonly nodeTaintsPolicy: string;
}

const SYSTEM_DEFAULT_CONSTRAINTS: readonly corev1.TopologySpreadConstraint[] = [
  { topologyKey: HOSTNAME, whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 3 },
  { topologyKey: ZONE, whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 5 },
];

function toConstraints(list: readonly corev1.TopologySpreadConstraint[], podLabels: Readonly<Record<string, string>>, action: string): SpreadConstraint[] {
  const out: SpreadConstraint[] = [];
  for (const c of list) {
    if (c.whenUnsatisfiable !== action) continue;
    let selector = labelSelectorAsSelector(c.labelSelector);
    const extra: Requirement[] = [];
    for (const key of c.matchLabelKeys ?? []) if (key in podLabels) extra.push({ key, operator: '=', values: [podLabels[key]!] });
    if (extra.length > 0) selector = new Selector([...extra, ...selector.requirements]);
    out.push({
      maxSkew: c.maxSkew,
      topologyKey: c.topologyKey,
      selector,
      minDomains: c.minDomains ?? 1,
      nodeAffinityPolicy: c.nodeAffinityPolicy ?? 'Honor',
      nodeTaintsPolicy: c.nodeTaintsPolicy ?? 'Ignore',
    });
  }
  return out;
}

/** helper.DefaultSelector: the labels of matching Services plus the pod's controller's selector. */
export function defaultSelector(pod: corev1.Pod, cluster: ClusterState): Selector {
  const ns = pod.metadata?.namespace ?? '';
  const labels = pod.metadata?.labels ?? {};
  const set: Record<string, string> = {};
  for (const svc of cluster.services) {
    const sel = svc.spec?.selector;
    if (svc.metadata?.namespace !== ns || sel == null) continue;
    if (selectorFromSet(sel).matches(labels)) Object.assign(set, sel);
  }
  let reqs: Requirement[] = Object.keys(set).length > 0 ? [...selectorFromSet(set).requirements] : [];
  const owner = (pod.metadata?.ownerReferences ?? []).find((r) => r.controller === true);
  if (owner) {
    const same = (o: { metadata?: { namespace?: string; name?: string } }) => o.metadata?.namespace === ns && o.metadata?.name === owner.name;
    if (owner.apiVersion === 'v1' && owner.kind === 'ReplicationController') {
      const rc = cluster.replicationControllers.find(same);
      if (rc?.spec?.selector) reqs = [...selectorFromSet({ ...set, ...rc.spec.selector }).requirements];
    } else if (owner.apiVersion === 'apps/v1' && (owner.kind === 'ReplicaSet' || owner.kind === 'StatefulSet')) {
      const ctrl = owner.kind === 'ReplicaSet' ? cluster.replicaSets.find(same) : cluster.statefulSets.find(same);
      if (ctrl?.spec?.selector) {
        try {
          reqs = [...reqs, ...labelSelectorAsSelector(ctrl.spec.selector).requirements];
        } catch {
          // An invalid selector adds nothing, as upstream.
        }
      }
    }
  }
  return new Selector(reqs);
}

/** The pod's own constraints for `action`, or the system defaults when it has none. */
export function spreadConstraints(pod: corev1.Pod, cluster: ClusterState, action: 'DoNotSchedule' | 'ScheduleAnyway'): SpreadConstraint[] {
  const own = pod.spec?.topologySpreadConstraints ?? [];
  const labels = pod.metadata?.labels ?? {};
  if (own.length > 0) return toConstraints(own, labels, action);
  const defaults = toConstraints(SYSTEM_DEFAULT_CONSTRAINTS, labels, action);
  if (defaults.length === 0) return [];
  const selector = defaultSelector(pod, cluster);
  if (selector.requirements.length === 0) return [];
  return defaults.map((c) => ({ ...c, selector }));
}

function includesNode(c: SpreadConstraint, pod: corev1.Pod, node: NodeInfo, affinity: RequiredNodeAffinity): boolean {
  if (c.nodeAffinityPolicy === 'Honor' && !affinity.matches(node)) return false;
  if (c.nodeTaintsPolicy === 'Honor' && findUntoleratedTaint(node.taints, pod.spec?.tolerations, isDoNotScheduleTaint)) return false;
  return true;
}

const hasAllKeys = (node: NodeInfo, constraints: readonly SpreadConstraint[]): boolean => constraints.every((c) => c.topologyKey in node.labels);

/** countPodsMatchSelector: pods of the namespace, not terminating, matching the selector. */
function countMatching(pods: readonly PodInfo[], selector: Selector, namespace: string): number {
  let n = 0;
  for (const p of pods) if (!p.pod.metadata?.deletionTimestamp && p.namespace === namespace && selector.matches(p.labels)) n++;
  return n;
}

class SpreadState implements FilterState {
  constructor(
    private readonly ctx: CycleContext,
    private readonly constraints: readonly SpreadConstraint[],
    private readonly affinity: RequiredNodeAffinity,
    private readonly counts: Array<Map<string, number>>,
  ) {}

  filter(node: NodeInfo): Status | null {
    const podLabels = this.ctx.podInfo.labels;
    for (let i = 0; i < this.constraints.length; i++) {
      const c = this.constraints[i]!;
      const value = node.labels[c.topologyKey];
      if (value === undefined) return unresolvable(POD_TOPOLOGY_SPREAD, ERR_REASON_NODE_LABEL_NOT_MATCH);
      const domains = this.counts[i]!;
      let min = 0;
      if (domains.size >= c.minDomains) {
        min = Number.POSITIVE_INFINITY;
        for (const n of domains.values()) min = Math.min(min, n);
      }
      const self = c.selector.matches(podLabels) ? 1 : 0;
      if ((domains.get(value) ?? 0) + self - min > c.maxSkew) return unschedulable(POD_TOPOLOGY_SPREAD, ERR_REASON_CONSTRAINTS_NOT_MATCH);
    }
    return null;
  }

  private update(pi: PodInfo, node: NodeInfo, delta: number): void {
    if (pi.namespace !== this.ctx.podInfo.namespace || !hasAllKeys(node, this.constraints)) return;
    this.constraints.forEach((c, i) => {
      if (!c.selector.matches(pi.labels) || !includesNode(c, this.ctx.pod, node, this.affinity)) return;
      const value = node.labels[c.topologyKey]!;
      this.counts[i]!.set(value, (this.counts[i]!.get(value) ?? 0) + delta);
    });
  }
  addPod(pi: PodInfo, node: NodeInfo): void {
    this.update(pi, node, 1);
  }
  removePod(pi: PodInfo, node: NodeInfo): void {
    this.update(pi, node, -1);
  }
  clone(): SpreadState {
    return new SpreadState(
      this.ctx,
      this.constraints,
      this.affinity,
      this.counts.map((m) => new Map(m)),
    );
  }
}

export const podTopologySpread: Plugin = {
  name: POD_TOPOLOGY_SPREAD,
  preFilter(ctx) {
    let constraints: SpreadConstraint[];
    try {
      constraints = spreadConstraints(ctx.pod, ctx.cluster, 'DoNotSchedule');
    } catch (e) {
      return { kind: 'reject', status: unresolvable(POD_TOPOLOGY_SPREAD, `get constraints from pod: ${e instanceof Error ? e.message : String(e)}`) };
    }
    if (constraints.length === 0) return { kind: 'skip' };
    const affinity = new RequiredNodeAffinity(ctx.pod);
    const counts = constraints.map(() => new Map<string, number>());
    for (const node of ctx.cluster.nodes) {
      if (!hasAllKeys(node, constraints)) continue;
      constraints.forEach((c, i) => {
        if (!includesNode(c, ctx.pod, node, affinity)) return;
        const value = node.labels[c.topologyKey]!;
        counts[i]!.set(value, (counts[i]!.get(value) ?? 0) + countMatching(node.pods, c.selector, ctx.podInfo.namespace));
      });
    }
    return { kind: 'ok', state: new SpreadState(ctx, constraints, affinity, counts) };
  },
  preScore(ctx, feasible) {
    let constraints: SpreadConstraint[];
    try {
      constraints = spreadConstraints(ctx.pod, ctx.cluster, 'ScheduleAnyway');
    } catch {
      return null;
    }
    if (constraints.length === 0 || ctx.cluster.nodes.length === 0) return null;
    // Only the pod's own constraints require every topology key (nodes without a zone label still spread by hostname).
    const requireAll = (ctx.pod.spec?.topologySpreadConstraints ?? []).length > 0;
    const ignored = new Set<string>();
    const counts = constraints.map(() => new Map<string, number>());
    const sizes = constraints.map(() => 0);
    for (const node of feasible) {
      if (requireAll && !hasAllKeys(node, constraints)) {
        ignored.add(node.name);
        continue;
      }
      constraints.forEach((c, i) => {
        if (c.topologyKey === HOSTNAME) return;
        const value = node.labels[c.topologyKey] ?? '';
        if (!counts[i]!.has(value)) {
          counts[i]!.set(value, 0);
          sizes[i]!++;
        }
      });
    }
    const weights = constraints.map((c, i) => Math.log((c.topologyKey === HOSTNAME ? feasible.length - ignored.size : sizes[i]!) + 2));
    const affinity = new RequiredNodeAffinity(ctx.pod);
    for (const node of ctx.cluster.nodes) {
      if (requireAll && !hasAllKeys(node, constraints)) continue;
      constraints.forEach((c, i) => {
        if (!includesNode(c, ctx.pod, node, affinity)) return;
        const value = node.labels[c.topologyKey] ?? '';
        const current = counts[i]!.get(value);
        if (current === undefined) return;
        counts[i]!.set(value, current + countMatching(node.pods, c.selector, ctx.podInfo.namespace));
      });
    }
    return {
      score(node) {
        if (ignored.has(node.name)) return 0;
        let score = 0;
        constraints.forEach((c, i) => {
          const value = node.labels[c.topologyKey];
          if (value === undefined) return;
          const cnt = c.topologyKey === HOSTNAME ? countMatching(node.pods, c.selector, ctx.podInfo.namespace) : (counts[i]!.get(value) ?? 0);
          score += cnt * weights[i]! + (c.maxSkew - 1);
        });
        return Math.round(score);
      },
      normalize(scores) {
        let min = Number.POSITIVE_INFINITY;
        let max = 0;
        for (const s of scores) {
          if (ignored.has(s.name)) continue;
          min = Math.min(min, s.score);
          max = Math.max(max, s.score);
        }
        for (const s of scores) {
          if (ignored.has(s.name)) s.score = 0;
          else if (max === 0) s.score = MAX_NODE_SCORE;
          else s.score = Math.trunc((MAX_NODE_SCORE * (max + min - s.score)) / max);
        }
      },
    };
  },
};
