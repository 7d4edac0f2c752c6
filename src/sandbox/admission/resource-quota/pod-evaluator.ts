// Quota for pods (upstream pkg/quota/v1/evaluator/core/pods.go): `count/pods` for every stored
// pod; `pods`, cpu, memory, ephemeral-storage (requests.*, limits.*, and the bare names meaning
// requests), hugepages and extended resources only while the pod is not terminal. Scopes:
// Terminating / NotTerminating (activeDeadlineSeconds), BestEffort / NotBestEffort (QoS),
// PriorityClass and CrossNamespacePodAffinity. A quota on cpu or memory requires every container
// to state it (the "must specify" error).
import type { KubeObject } from '../../../apimachinery/object.ts';
import { Quantity } from '../../../apimachinery/quantity.ts';
import type * as corev1 from '../../../generated/k8s/core/v1.ts';
import { computePodQOS } from '../../registry/core/pod/qos.ts';
import { objectCountName, type QuotaEvaluator, type ScopeRequirement, selectorMatches } from './evaluator.ts';
import { podLimits, podRequests } from './pod-resources.ts';
import { add, parseResourceList, type ResourceList } from './resource-list.ts';

type Pod = corev1.Pod;

const POD_COUNT = objectCountName('', 'pods');

const POD_RESOURCES = new Set([
  POD_COUNT,
  'cpu',
  'memory',
  'ephemeral-storage',
  'requests.cpu',
  'requests.memory',
  'requests.ephemeral-storage',
  'limits.cpu',
  'limits.memory',
  'limits.ephemeral-storage',
  'pods',
]);

/** Quota names that must be set on every container when a quota tracks them (a historical mistake upstream keeps). */
const VALIDATION_SET = new Set(['cpu', 'memory', 'requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory']);

const ONE = Quantity.fromInt(1);

/** helper.IsNativeResource: no domain, or a kubernetes.io domain. */
function isNativeResource(name: string): boolean {
  return !name.includes('/') || name.includes('kubernetes.io/');
}

/** helper.IsExtendedResourceName: fully qualified, not native, not `requests.`-prefixed. */
function isExtendedResourceName(name: string): boolean {
  if (isNativeResource(name) || name.startsWith('requests.')) return false;
  return /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*)\/[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/.test(name);
}

function isExtendedResourceNameForQuota(name: string): boolean {
  return !isNativeResource(name) && name.startsWith('requests.');
}

/** podComputeUsageHelper: what a requests/limits pair contributes. */
function computeUsage(requests: ResourceList, limits: ResourceList): ResourceList {
  const out: ResourceList = new Map([['pods', ONE]]);
  const both = (res: string) => {
    const r = requests.get(res);
    if (r) {
      out.set(res, r);
      out.set(`requests.${res}`, r);
    }
    const l = limits.get(res);
    if (l) out.set(`limits.${res}`, l);
  };
  both('cpu');
  both('memory');
  both('ephemeral-storage');
  for (const [name, q] of requests) {
    if (name.startsWith('hugepages-')) {
      out.set(name, q);
      out.set(`requests.${name}`, q);
    }
    if (isExtendedResourceName(name)) out.set(`requests.${name}`, q);
  }
  return out;
}

/** QuotaV1Pod: not terminal, and not stuck terminating past its grace period. */
export function podCountsTowardsQuota(pod: Pod, now: number): boolean {
  const phase = pod.status?.phase;
  if (phase === 'Failed' || phase === 'Succeeded') return false;
  const meta = pod.metadata;
  if (meta?.deletionTimestamp && meta.deletionGracePeriodSeconds !== undefined) {
    // Upstream adds the grace period to the deletion timestamp (which already includes it).
    if (now > Date.parse(meta.deletionTimestamp) + meta.deletionGracePeriodSeconds * 1000) return false;
  }
  return true;
}

function isTerminating(pod: Pod): boolean {
  return pod.spec?.activeDeadlineSeconds !== undefined && pod.spec.activeDeadlineSeconds >= 0;
}

function crossNamespaceTerms(terms: ReadonlyArray<corev1.PodAffinityTerm> | undefined): boolean {
  return (terms ?? []).some((t) => (t.namespaces?.length ?? 0) > 0 || t.namespaceSelector !== undefined);
}

function usesCrossNamespacePodAffinity(pod: Pod): boolean {
  const a = pod.spec?.affinity;
  if (!a) return false;
  for (const term of [a.podAffinity, a.podAntiAffinity]) {
    if (!term) continue;
    if (crossNamespaceTerms(term.requiredDuringSchedulingIgnoredDuringExecution)) return true;
    if (crossNamespaceTerms(term.preferredDuringSchedulingIgnoredDuringExecution?.map((w) => w.podAffinityTerm))) return true;
  }
  return false;
}

/**
 * BestEffort by QoS, classified from the spec as it stands after mutating admission (so
 * LimitRange defaults count). Upstream reads status.qosClass, which is computed from that same
 * spec and never changes afterwards.
 */
function isBestEffort(pod: Pod): boolean {
  return computePodQOS(pod.spec) === 'BestEffort';
}

export function podMatchesScope(scope: ScopeRequirement, pod: Pod): boolean {
  switch (scope.scopeName) {
    case 'Terminating':
      return isTerminating(pod);
    case 'NotTerminating':
      return !isTerminating(pod);
    case 'BestEffort':
      return isBestEffort(pod);
    case 'NotBestEffort':
      return !isBestEffort(pod);
    case 'PriorityClass': {
      const name = pod.spec?.priorityClassName ?? '';
      if (scope.operator === 'Exists') return name !== '';
      return selectorMatches(scope, name ? { PriorityClass: name } : {});
    }
    case 'CrossNamespacePodAffinity':
      return usesCrossNamespacePodAffinity(pod);
    default:
      return false;
  }
}

export function podUsage(pod: Pod, now: number): ResourceList {
  const result: ResourceList = new Map([[POD_COUNT, ONE]]);
  if (!pod.spec || !podCountsTowardsQuota(pod, now)) return result;
  return add(result, computeUsage(podRequests(pod.spec), podLimits(pod.spec)));
}

/** Constraints: the "must specify" error for containers missing a tracked cpu/memory setting. */
export function podConstraints(required: readonly string[], pod: Pod): string | undefined {
  const requiredSet = required.filter((r) => VALIDATION_SET.has(r));
  const missing = new Map<string, Set<string>>();
  const visit = (c: corev1.Container) => {
    const have = computeUsage(parseResourceList(c.resources?.requests), parseResourceList(c.resources?.limits));
    for (const r of requiredSet) {
      if (have.has(r)) continue;
      if (!missing.has(r)) missing.set(r, new Set());
      missing.get(r)!.add(c.name);
    }
  };
  for (const c of pod.spec?.containers ?? []) visit(c);
  for (const c of pod.spec?.initContainers ?? []) visit(c);
  if (missing.size === 0) return undefined;
  const parts = [...missing.keys()].sort().map((r) => `${r} for: ${[...missing.get(r)!].sort().join(',')}`);
  return `must specify ${parts.join('; ')}`;
}

export const podEvaluator: QuotaEvaluator = {
  group: '',
  resource: 'pods',
  // Pods are charged when created (and when resized in place).
  handles: (operation, subresource) => (subresource === '' && operation === 'CREATE') || (subresource === 'resize' && operation === 'UPDATE'),
  matchingResources: (names) => names.filter((n) => POD_RESOURCES.has(n) || n.startsWith('hugepages-') || n.startsWith('requests.hugepages-') || isExtendedResourceNameForQuota(n)),
  matchesScope: (scope, obj: KubeObject) => podMatchesScope(scope, obj as Pod),
  usage: (obj, now) => podUsage(obj as Pod, now),
  constraints: (required, obj) => podConstraints(required, obj as Pod),
};
