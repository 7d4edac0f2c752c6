// framework.NodeInfo: a node with the pods assigned to it and what they use — requested
// resources (exact and "non-zero" for scoring), host ports, PVC references. Filters read it;
// preemption and nominated-pod checks work on clones and add or remove pods.
import type * as corev1 from '../../generated/k8s/core/v1.ts';
import type { NodeIdentity } from './node-selector.ts';
import type { PodInfo } from './pod-info.ts';
import { allocatableOf, cloneResource, emptyResource, type Resource } from './resources.ts';

/** A host port in use: protocol and port per host IP ("0.0.0.0" for all addresses). */
export type HostPortInfo = Map<string, Set<string>>;

const ALL_IPS = '0.0.0.0';
const portKey = (protocol: string | undefined, port: number): string => `${protocol || 'TCP'}/${port}`;

/** framework.HostPortInfo.CheckConflict. */
export function hostPortConflict(used: HostPortInfo, ip: string | undefined, protocol: string | undefined, port: number): boolean {
  if (port <= 0) return false;
  const key = portKey(protocol, port);
  const addr = ip || ALL_IPS;
  if (addr === ALL_IPS) {
    for (const ports of used.values()) if (ports.has(key)) return true;
    return false;
  }
  return (used.get(ALL_IPS)?.has(key) ?? false) || (used.get(addr)?.has(key) ?? false);
}

/** schedutil.GetHostPorts: host ports of containers and of restartable (sidecar) init containers. */
export function podHostPorts(pod: corev1.Pod): corev1.ContainerPort[] {
  const out: corev1.ContainerPort[] = [];
  for (const c of pod.spec?.initContainers ?? []) {
    if (c.restartPolicy !== 'Always') continue;
    for (const p of c.ports ?? []) if ((p.hostPort ?? 0) > 0) out.push(p);
  }
  for (const c of pod.spec?.containers ?? []) for (const p of c.ports ?? []) if ((p.hostPort ?? 0) > 0) out.push(p);
  return out;
}

/** PVC names (namespace/name) a pod's volumes use. */
export function podPVCKeys(pod: corev1.Pod): string[] {
  const ns = pod.metadata?.namespace ?? '';
  const out: string[] = [];
  for (const v of pod.spec?.volumes ?? []) {
    if (v.persistentVolumeClaim) out.push(`${ns}/${v.persistentVolumeClaim.claimName}`);
    else if (v.ephemeral) out.push(`${ns}/${pod.metadata?.name ?? ''}-${v.name}`);
  }
  return out;
}

export interface ImageState {
  readonly size: number;
  /** How many nodes have the image. */
  readonly numNodes: number;
}

export class NodeInfo implements NodeIdentity {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  /** Shared between NodeInfos of equal allocatables (allocatableOf): never changed. */
  readonly allocatable: Readonly<Resource>;
  pods: PodInfo[] = [];
  requested: Resource = emptyResource();
  /** CPU and memory with the scheduler's defaults for containers that request none (used for scoring). */
  nonZeroRequested: Resource = emptyResource();
  usedPorts: HostPortInfo = new Map();
  pvcRefCounts: Map<string, number> = new Map();
  imageStates: ReadonlyMap<string, ImageState> = new Map();

  constructor(readonly node: corev1.Node) {
    this.name = node.metadata?.name ?? '';
    this.labels = node.metadata?.labels ?? {};
    this.allocatable = allocatableOf(node);
  }

  get taints(): readonly corev1.Taint[] {
    return this.node.spec?.taints ?? [];
  }

  addPod(pi: PodInfo): void {
    this.pods.push(pi);
    this.update(pi, 1);
  }

  /** Removes the pod (matched by key); false when it is not on the node. */
  removePod(pi: PodInfo): boolean {
    const i = this.pods.findIndex((p) => p.key === pi.key);
    if (i < 0) return false;
    this.pods.splice(i, 1);
    this.update(pi, -1);
    return true;
  }

  private update(pi: PodInfo, sign: 1 | -1): void {
    const r = pi.resource.requests;
    this.requested.milliCPU += sign * r.milliCPU;
    this.requested.memory += sign * r.memory;
    this.requested.ephemeralStorage += sign * r.ephemeralStorage;
    for (const [name, v] of r.scalar) this.requested.scalar.set(name, (this.requested.scalar.get(name) ?? 0) + sign * v);
    this.nonZeroRequested.milliCPU += sign * pi.resource.nonZeroMilliCPU;
    this.nonZeroRequested.memory += sign * pi.resource.nonZeroMemory;
    for (const p of pi.hostPorts) {
      const ip = p.hostIP || ALL_IPS;
      const key = portKey(p.protocol, p.hostPort!);
      if (sign > 0) {
        let set = this.usedPorts.get(ip);
        if (!set) this.usedPorts.set(ip, (set = new Set()));
        set.add(key);
      } else {
        this.usedPorts.get(ip)?.delete(key);
      }
    }
    for (const key of pi.pvcKeys) {
      const n = (this.pvcRefCounts.get(key) ?? 0) + sign;
      if (n > 0) this.pvcRefCounts.set(key, n);
      else this.pvcRefCounts.delete(key);
    }
  }

  clone(): NodeInfo {
    const c = new NodeInfo(this.node);
    c.pods = [...this.pods];
    c.requested = cloneResource(this.requested);
    c.nonZeroRequested = cloneResource(this.nonZeroRequested);
    c.usedPorts = new Map([...this.usedPorts].map(([ip, set]) => [ip, new Set(set)]));
    c.pvcRefCounts = new Map(this.pvcRefCounts);
    c.imageStates = this.imageStates;
    return c;
  }
}
