// A pod's effective requests and limits (upstream k8s.io/component-helpers/resource PodRequests /
// PodLimits, from the spec): the sum of the regular containers and of restartable (sidecar) init
// containers, raised to the largest need of any init container while it runs (which includes the
// sidecars started before it); pod-level cpu/memory/hugepages replace the container totals; the
// RuntimeClass overhead is added (to limits only where a limit is set).
import type * as corev1 from '../../../generated/k8s/core/v1.ts';
import { add, addQuantity, parseResourceList, type ResourceList } from './resource-list.ts';

type Pick = (c: corev1.Container) => Record<string, string> | undefined;

function maxInto(list: ResourceList, other: ResourceList): void {
  for (const [k, v] of other) {
    const cur = list.get(k);
    if (!cur || v.cmp(cur) > 0) list.set(k, v);
  }
}

function aggregate(spec: corev1.PodSpec, pick: Pick): ResourceList {
  let result: ResourceList = new Map();
  for (const c of spec.containers ?? []) result = add(result, parseResourceList(pick(c)));
  let sidecars: ResourceList = new Map();
  const initPeak: ResourceList = new Map();
  for (const c of spec.initContainers ?? []) {
    const own = parseResourceList(pick(c));
    if (c.restartPolicy === 'Always') {
      result = add(result, own);
      sidecars = add(sidecars, own);
      maxInto(initPeak, sidecars);
    } else {
      maxInto(initPeak, add(own, sidecars));
    }
  }
  maxInto(result, initPeak);
  return result;
}

function isPodLevelResource(name: string): boolean {
  return name === 'cpu' || name === 'memory' || name.startsWith('hugepages-');
}

function podLevel(list: Record<string, string> | undefined): ResourceList | undefined {
  const parsed = parseResourceList(list);
  const supported = new Map([...parsed].filter(([k]) => isPodLevelResource(k)));
  return supported.size ? supported : undefined;
}

export function podRequests(spec: corev1.PodSpec): ResourceList {
  const reqs = aggregate(spec, (c) => c.resources?.requests);
  const level = podLevel(spec.resources?.requests);
  if (level) for (const [k, v] of level) reqs.set(k, v);
  return spec.overhead ? add(reqs, parseResourceList(spec.overhead)) : reqs;
}

export function podLimits(spec: corev1.PodSpec): ResourceList {
  const limits = aggregate(spec, (c) => c.resources?.limits);
  // Pod-level limits apply when any pod-level resource is set (IsPodLevelResourcesSet).
  if (podLevel(spec.resources?.requests) || podLevel(spec.resources?.limits)) {
    for (const [k, v] of parseResourceList(spec.resources?.limits)) if (isPodLevelResource(k)) limits.set(k, v);
  }
  for (const [k, v] of parseResourceList(spec.overhead)) {
    const cur = limits.get(k);
    if (cur && !cur.isZero()) limits.set(k, addQuantity(cur, v));
  }
  return limits;
}
