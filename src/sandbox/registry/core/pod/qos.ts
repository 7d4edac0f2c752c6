// A Pod's quality-of-service class (upstream pkg/apis/core/helper/qos): Guaranteed when every
// container limits cpu and memory and requests equal limits, BestEffort when nothing is
// requested or limited, Burstable otherwise. Pod-level resources, when set, decide alone.
import type * as core from '../../../../generated/k8s/core/v1.ts';
import { Quantity } from '../../../../apimachinery/quantity.ts';

export type QOSClass = 'Guaranteed' | 'Burstable' | 'BestEffort';

const COMPUTE = new Set(['cpu', 'memory']);

function accumulate(into: Map<string, Quantity>, list: Record<string, string> | undefined, found?: Set<string>): void {
  for (const [name, v] of Object.entries(list ?? {})) {
    if (!COMPUTE.has(name) || !Quantity.isValid(v)) continue;
    const q = Quantity.parse(v);
    if (q.sign() <= 0) continue;
    found?.add(name);
    const cur = into.get(name);
    into.set(name, cur ? cur.add(q) : q);
  }
}

/** ComputePodQOS. */
export function computePodQOS(spec: core.PodSpec | undefined): QOSClass {
  const requests = new Map<string, Quantity>();
  const limits = new Map<string, Quantity>();
  let guaranteed = true;
  const podRes = spec?.resources;
  if (podRes && Object.keys(podRes.requests ?? {}).length + Object.keys(podRes.limits ?? {}).length > 0) {
    accumulate(requests, podRes.requests);
    if (Object.keys(podRes.limits ?? {}).length > 0) {
      const found = new Set<string>();
      accumulate(limits, podRes.limits, found);
      if (!found.has('cpu') || !found.has('memory')) guaranteed = false;
    }
  } else {
    for (const c of [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])]) {
      accumulate(requests, c.resources?.requests);
      const found = new Set<string>();
      accumulate(limits, c.resources?.limits, found);
      if (!found.has('cpu') || !found.has('memory')) guaranteed = false;
    }
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (guaranteed) {
    for (const [name, req] of requests) {
      const lim = limits.get(name);
      if (!lim || lim.cmp(req) !== 0) {
        guaranteed = false;
        break;
      }
    }
  }
  return guaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}

/** GetPodQOS: the recorded class, else computed. */
export function getPodQOS(pod: { spec?: core.PodSpec; status?: core.PodStatus }): QOSClass {
  const recorded = pod.status?.qosClass;
  if (recorded === 'Guaranteed' || recorded === 'Burstable' || recorded === 'BestEffort') return recorded;
  return computePodQOS(pod.spec);
}
