// framework.PodInfo: a pod with what the scheduler derives from it once — priority, resource
// charge, and parsed inter-pod (anti-)affinity terms (framework.AffinityTerm).
import { labelSelectorAsSelector, Selector, type Labels, type Requirement } from '../../apimachinery/labels.ts';
import type * as corev1 from '../../generated/k8s/core/v1.ts';
import { podHostPorts, podPVCKeys } from './node-info.ts';
import { podResource, type PodResource } from './resources.ts';

export interface AffinityTerm {
  /** Namespaces the term selects by name (the pod's own when neither namespaces nor namespaceSelector is set). */
  namespaces: Set<string>;
  selector: Selector;
  topologyKey: string;
  /** labels.Nothing() when the term has no namespaceSelector, Everything for `{}`. */
  namespaceSelector: Selector;
}

export interface WeightedAffinityTerm extends AffinityTerm {
  weight: number;
}

export interface PodInfo {
  readonly pod: corev1.Pod;
  readonly name: string;
  readonly namespace: string;
  /** `namespace/name`. */
  readonly key: string;
  readonly uid: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly priority: number;
  readonly resource: PodResource;
  /** podHostPorts and podPVCKeys, which NodeInfo counts for every pod of every attempt. */
  readonly hostPorts: readonly corev1.ContainerPort[];
  readonly pvcKeys: readonly string[];
  readonly requiredAffinityTerms: readonly AffinityTerm[];
  readonly requiredAntiAffinityTerms: readonly AffinityTerm[];
  readonly preferredAffinityTerms: readonly WeightedAffinityTerm[];
  readonly preferredAntiAffinityTerms: readonly WeightedAffinityTerm[];
  /** Why the pod's affinity terms could not be parsed (upstream rejects such a pod with "parsing pod: ..."). */
  readonly parseError?: string;
}

/** corev1helpers.PodPriority: spec.priority, 0 when unset. */
export const podPriority = (pod: corev1.Pod): number => pod.spec?.priority ?? 0;

export const podKey = (pod: corev1.Pod): string => `${pod.metadata?.namespace ?? ''}/${pod.metadata?.name ?? ''}`;

/** The same pod: by uid when both have one, else by namespace/name. */
export function samePod(a: corev1.Pod, b: corev1.Pod): boolean {
  const ua = a.metadata?.uid;
  const ub = b.metadata?.uid;
  if (ua && ub) return ua === ub;
  return podKey(a) === podKey(b);
}

function newAffinityTerm(pod: corev1.Pod, term: corev1.PodAffinityTerm): AffinityTerm {
  let selector = labelSelectorAsSelector(term.labelSelector);
  // matchLabelKeys / mismatchLabelKeys: the API server merges them into the selector at creation;
  // merging again is harmless and keeps pods created by older writers correct.
  const labels = pod.metadata?.labels ?? {};
  const extra: Requirement[] = [];
  for (const key of term.matchLabelKeys ?? []) if (key in labels) extra.push({ key, operator: 'in', values: [labels[key]!] });
  for (const key of term.mismatchLabelKeys ?? []) if (key in labels) extra.push({ key, operator: 'notin', values: [labels[key]!] });
  if (extra.length > 0 && selector !== Selector.nothing()) selector = new Selector([...selector.requirements, ...extra]);
  const namespaces = new Set<string>();
  if ((term.namespaces ?? []).length === 0 && term.namespaceSelector == null) namespaces.add(pod.metadata?.namespace ?? '');
  else for (const ns of term.namespaces ?? []) namespaces.add(ns);
  return { namespaces, selector, topologyKey: term.topologyKey, namespaceSelector: labelSelectorAsSelector(term.namespaceSelector) };
}

/** AffinityTerm.Matches: the pod is in a selected namespace and its labels match. */
export function affinityTermMatches(term: AffinityTerm, pod: corev1.Pod, namespaceLabels: Labels): boolean {
  if (term.namespaces.has(pod.metadata?.namespace ?? '') || term.namespaceSelector.matches(namespaceLabels)) {
    return term.selector.matches(pod.metadata?.labels ?? {});
  }
  return false;
}

export function newPodInfo(pod: corev1.Pod, opts: { useStatusResources: boolean }): PodInfo {
  const affinity = pod.spec?.affinity;
  let requiredAffinityTerms: AffinityTerm[] = [];
  let requiredAntiAffinityTerms: AffinityTerm[] = [];
  let preferredAffinityTerms: WeightedAffinityTerm[] = [];
  let preferredAntiAffinityTerms: WeightedAffinityTerm[] = [];
  let parseError: string | undefined;
  try {
    requiredAffinityTerms = (affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((t) => newAffinityTerm(pod, t));
    requiredAntiAffinityTerms = (affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((t) => newAffinityTerm(pod, t));
    preferredAffinityTerms = (affinity?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((w) => ({
      ...newAffinityTerm(pod, w.podAffinityTerm),
      weight: w.weight,
    }));
    preferredAntiAffinityTerms = (affinity?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((w) => ({
      ...newAffinityTerm(pod, w.podAffinityTerm),
      weight: w.weight,
    }));
  } catch (e) {
    parseError = e instanceof Error ? e.message : String(e);
  }
  const namespace = pod.metadata?.namespace ?? '';
  const name = pod.metadata?.name ?? '';
  return {
    pod,
    name,
    namespace,
    key: `${namespace}/${name}`,
    uid: pod.metadata?.uid ?? '',
    labels: pod.metadata?.labels ?? {},
    priority: podPriority(pod),
    resource: podResource(pod, opts.useStatusResources),
    hostPorts: podHostPorts(pod),
    pvcKeys: podPVCKeys(pod),
    requiredAffinityTerms,
    requiredAntiAffinityTerms,
    preferredAffinityTerms,
    preferredAntiAffinityTerms,
    ...(parseError === undefined ? {} : { parseError }),
  };
}

/**
 * PodInfos of stored pods, reused from one scheduling attempt to the next (upstream's scheduler
 * cache keeps them too). Keyed by the pod object: the store never mutates a stored object, so a
 * pod that changes is a new key. Only for immutable pods (the scheduler controller's snapshot).
 */
export class PodInfoCache {
  private readonly byFlag = [new WeakMap<corev1.Pod, PodInfo>(), new WeakMap<corev1.Pod, PodInfo>()] as const;

  get(pod: corev1.Pod, opts: { useStatusResources: boolean }): PodInfo {
    const m = this.byFlag[opts.useStatusResources ? 1 : 0];
    let pi = m.get(pod);
    if (!pi) m.set(pod, (pi = newPodInfo(pod, opts)));
    return pi;
  }
}

/** util.GetPodStartTime as a sortable number: pods not yet started count as starting now (the latest). */
export function podStartTime(pod: corev1.Pod): number {
  const t = pod.status?.startTime;
  const ms = t ? Date.parse(t) : NaN;
  return Number.isNaN(ms) ? Number.POSITIVE_INFINITY : ms;
}

/** util.MoreImportantPod: higher priority first, then the one running longer; names break remaining ties. */
export function compareImportance(a: PodInfo, b: PodInfo): number {
  if (a.priority !== b.priority) return b.priority - a.priority;
  const sa = podStartTime(a.pod);
  const sb = podStartTime(b.pod);
  if (sa !== sb) return sa < sb ? -1 : 1;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}
