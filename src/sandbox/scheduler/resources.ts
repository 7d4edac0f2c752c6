// Pod resource requests as the scheduler counts them: upstream's component-helpers/resource
// PodRequests (containers summed, init containers as a running maximum with restartable
// "sidecar" init containers added to everything after them, pod-level requests, overhead) and
// the scheduler's framework.Resource (milli-CPU, bytes, scalar resources as integers).
import { Quantity } from '../../apimachinery/quantity.ts';
import type * as corev1 from '../../generated/k8s/core/v1.ts';

/** The scheduler's default request for a container that sets no CPU request (schedutil.DefaultMilliCPURequest). */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
/** The scheduler's default request for a container that sets no memory request: 200 MiB. */
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

type ResourceList = Map<string, Quantity>;
type Requests = Readonly<Record<string, string>> | undefined;

/** framework.Resource: integer amounts in the units the scheduler compares. */
export interface Resource {
  milliCPU: number;
  memory: number;
  ephemeralStorage: number;
  allowedPodNumber: number;
  scalar: Map<string, number>;
}

export function emptyResource(): Resource {
  return { milliCPU: 0, memory: 0, ephemeralStorage: 0, allowedPodNumber: 0, scalar: new Map() };
}

export function cloneResource(r: Resource): Resource {
  return { ...r, scalar: new Map(r.scalar) };
}

/** v1helper.IsScalarResourceName: extended (domain-prefixed), hugepages-*, attachable-volumes-*. */
export function isScalarResourceName(name: string): boolean {
  return name.includes('/') || name.startsWith('hugepages-') || name.startsWith('attachable-volumes-');
}

/** v1helper.IsExtendedResourceName: a domain-prefixed name outside kubernetes.io/. */
export function isExtendedResourceName(name: string): boolean {
  return name.includes('/') && !name.includes('kubernetes.io/') && !name.startsWith('requests.');
}

// Quantities are immutable and a cluster uses few distinct request strings: parse each once.
const parsed = new Map<string, Quantity | undefined>();
const PARSED_CACHE_SIZE = 1000;

function parse(value: string): Quantity | undefined {
  if (parsed.has(value)) return parsed.get(value);
  let q: Quantity | undefined;
  try {
    q = Quantity.parse(value);
  } catch {
    q = undefined;
  }
  if (parsed.size >= PARSED_CACHE_SIZE) parsed.clear();
  parsed.set(value, q);
  return q;
}

function toList(requests: Requests): ResourceList {
  const out: ResourceList = new Map();
  for (const [name, value] of Object.entries(requests ?? {})) {
    const q = parse(value);
    if (q) out.set(name, q);
  }
  return out;
}

function addList(into: ResourceList, from: ResourceList): void {
  for (const [name, q] of from) {
    const prev = into.get(name);
    into.set(name, prev ? prev.add(q) : q);
  }
}

function maxList(into: ResourceList, from: ResourceList): void {
  for (const [name, q] of from) {
    const prev = into.get(name);
    if (!prev || q.cmp(prev) > 0) into.set(name, q);
  }
}

/** A copy of `reqs` with each `nonMissing` resource added where the container does not set it. */
function applyNonMissing(reqs: ResourceList, nonMissing: ResourceList): ResourceList {
  const out = new Map(reqs);
  for (const [name, q] of nonMissing) if (!reqs.has(name)) out.set(name, q);
  return out;
}

const isRestartable = (c: corev1.Container): boolean => c.restartPolicy === 'Always';

function isPodLevelResource(name: string): boolean {
  return name === 'cpu' || name === 'memory' || name.startsWith('hugepages-');
}

function podLevelRequestsSet(pod: corev1.Pod): boolean {
  return Object.keys(pod.spec?.resources?.requests ?? {}).some(isPodLevelResource);
}

type ContainerRequests = (c: corev1.Container) => ResourceList;

function aggregate(pod: corev1.Pod, get: ContainerRequests, nonMissing: ResourceList | undefined): ResourceList {
  const result: ResourceList = new Map();
  const spec = pod.spec;
  for (const c of spec?.containers ?? []) {
    const r = get(c);
    addList(result, nonMissing ? applyNonMissing(r, nonMissing) : r);
  }
  // While init container i runs, the restartable init containers before it run too.
  const restartable: ResourceList = new Map();
  const initMax: ResourceList = new Map();
  for (const c of spec?.initContainers ?? []) {
    let r = get(c);
    if (nonMissing) r = applyNonMissing(r, nonMissing);
    if (isRestartable(c)) {
      addList(result, r);
      addList(restartable, r);
      maxList(initMax, restartable);
    } else {
      const combined: ResourceList = new Map();
      addList(combined, r);
      addList(combined, restartable);
      maxList(initMax, combined);
    }
  }
  maxList(result, initMax);
  return result;
}

export interface PodRequestOptions {
  /** Per container, replace missing requests for these resources (the scheduler's non-zero defaults). */
  nonMissing?: Readonly<Record<string, string>>;
  /**
   * Count what the kubelet admitted or actuated (container status allocatedResources /
   * resources.requests) when larger than the spec, as upstream does for pods already on a node
   * (InPlacePodVerticalScaling).
   */
  useStatusResources?: boolean;
}

function statusOf(pod: corev1.Pod, name: string): corev1.ContainerStatus | undefined {
  return (
    pod.status?.containerStatuses?.find((s) => s.name === name) ?? pod.status?.initContainerStatuses?.find((s) => s.name === name)
  );
}

/** resource.PodRequests: the pod's total requests by resource name, overhead included. */
export function podRequests(pod: corev1.Pod, opts: PodRequestOptions = {}): Map<string, Quantity> {
  const nonMissing = opts.nonMissing ? toList(opts.nonMissing) : undefined;
  const spec: ContainerRequests = (c) => toList(c.resources?.requests);
  let reqs = aggregate(pod, spec, nonMissing);
  if (opts.useStatusResources) {
    const allocated = aggregate(pod, (c) => (statusOf(pod, c.name)?.allocatedResources ? toList(statusOf(pod, c.name)?.allocatedResources) : spec(c)), nonMissing);
    const actuated = aggregate(
      pod,
      (c) => {
        const s = statusOf(pod, c.name);
        if (s?.resources?.requests) return toList(s.resources.requests);
        if (s?.allocatedResources) return toList(s.allocatedResources);
        return spec(c);
      },
      nonMissing,
    );
    const merged: ResourceList = new Map(reqs);
    maxList(merged, allocated);
    maxList(merged, actuated);
    reqs = merged;
  }
  if (podLevelRequestsSet(pod)) {
    for (const [name, q] of toList(pod.spec?.resources?.requests)) if (isPodLevelResource(name)) reqs.set(name, q);
  }
  if (pod.spec?.overhead) addList(reqs, toList(pod.spec.overhead));
  return reqs;
}

const num = (v: bigint): number => Number(v);

/** Resource.Add over a requests map (cpu in milli-units, everything else rounded up to integers). */
export function resourceFromList(list: ReadonlyMap<string, Quantity>, includePods = true): Resource {
  const r = emptyResource();
  for (const [name, q] of list) {
    switch (name) {
      case 'cpu':
        r.milliCPU += num(q.milliValue());
        break;
      case 'memory':
        r.memory += num(q.value());
        break;
      case 'ephemeral-storage':
        r.ephemeralStorage += num(q.value());
        break;
      case 'pods':
        if (includePods) r.allowedPodNumber += num(q.value());
        break;
      default:
        if (isScalarResourceName(name)) r.scalar.set(name, (r.scalar.get(name) ?? 0) + num(q.value()));
    }
  }
  return r;
}

/**
 * Parsed allocatables by their content: every scheduling attempt builds a NodeInfo per node, and
 * nodes' allocatables rarely change. The Resources are shared: read-only.
 */
const allocatableCache = new Map<string, Resource>();

/** A node's allocatable resources (Node.status.allocatable, nothing when unset). */
export function allocatableOf(node: corev1.Node): Readonly<Resource> {
  const list = node.status?.allocatable;
  let key = '';
  for (const name in list) key += `${name}=${list[name]}\u0000`;
  let r = allocatableCache.get(key);
  if (!r) {
    r = resourceFromList(toList(list));
    if (allocatableCache.size >= 1000) allocatableCache.clear();
    allocatableCache.set(key, r);
  }
  return r;
}

/** What the scheduler charges a node for a pod: its requests and the non-zero CPU/memory used for scoring. */
export interface PodResource {
  readonly requests: Resource;
  readonly nonZeroMilliCPU: number;
  readonly nonZeroMemory: number;
}

const DEFAULT_NON_ZERO: Record<string, string> = { cpu: `${DEFAULT_MILLI_CPU_REQUEST}m`, memory: String(DEFAULT_MEMORY_REQUEST) };

/** PodInfo.CalculateResource. */
export function podResource(pod: corev1.Pod, useStatusResources: boolean): PodResource {
  const requests = podRequests(pod, { useStatusResources });
  let nonMissing: Record<string, string> = DEFAULT_NON_ZERO;
  if (podLevelRequestsSet(pod)) {
    nonMissing = {};
    if (!requests.has('cpu')) nonMissing.cpu = DEFAULT_NON_ZERO.cpu!;
    if (!requests.has('memory')) nonMissing.memory = DEFAULT_NON_ZERO.memory!;
  }
  const nonZero = Object.keys(nonMissing).length > 0 ? podRequests(pod, { useStatusResources, nonMissing }) : requests;
  return {
    requests: resourceFromList(requests),
    nonZeroMilliCPU: num(nonZero.get('cpu')?.milliValue() ?? 0n),
    nonZeroMemory: num(nonZero.get('memory')?.value() ?? 0n),
  };
}

/** The incoming pod's request as NodeResourcesFit's PreFilter computes it (SetMaxResource: no pod count). */
export function fitRequest(pod: corev1.Pod): Resource {
  return resourceFromList(podRequests(pod), false);
}

/** One resource's request in the unit the scorers use; with `nonZero`, missing CPU/memory requests count as the defaults. */
export function scoringRequest(pod: corev1.Pod, resource: string, nonZero: boolean): number {
  const reqs = podRequests(pod, nonZero ? { nonMissing: DEFAULT_NON_ZERO } : {});
  const q = reqs.get(resource);
  if (!q) return 0;
  return resource === 'cpu' ? num(q.milliValue()) : num(q.value());
}

export function requestQuantity(requests: Requests, name: string): Quantity | undefined {
  const v = requests?.[name];
  return v === undefined ? undefined : parse(v);
}
