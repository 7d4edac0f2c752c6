// What the pod connect subresources (log, exec, attach, portforward) share before they reach the
// kubelet: finding the pod, choosing its container as upstream's LogLocation/streamLocation do
// (pkg/registry/core/pod/strategy.go), and the answers of a cluster whose kubelet does not respond.
import { badRequest, StatusError } from '../../apimachinery/errors.ts';
import type { Cluster } from '../cluster.ts';
import { SYSTEM_USER } from '../cluster.ts';
import type { PodRuntime, RuntimeRefusal } from '../node/runtime.ts';
import type * as core from '../../generated/k8s/core/v1.ts';

export type Pod = core.Pod & { metadata: { name: string; namespace?: string } };

/** Reads a pod; throws the store's NotFound (`pods "web" not found`). */
export function getPod(cluster: Cluster, namespace: string, name: string): Pod {
  const def = cluster.resources.byResource('', 'pods')!;
  return cluster.api.get(cluster.context(SYSTEM_USER), def, namespace, name) as unknown as Pod;
}

function names(list: readonly { name: string }[] | undefined): string[] {
  return (list ?? []).map((c) => c.name);
}

/** Every container name of the pod: regular, init and ephemeral. */
export function allContainerNames(pod: Pod): string[] {
  return [...names(pod.spec?.containers), ...names(pod.spec?.initContainers), ...names(pod.spec?.ephemeralContainers)];
}

/**
 * The container a request addresses. `log` words the choice as LogLocation does (the
 * kubectl-visible list with init and ephemeral containers named apart); exec and attach as
 * validateContainer does (every container in one list).
 */
export function chooseContainer(pod: Pod, container: string, kind: 'log' | 'exec'): string {
  const name = pod.metadata.name;
  const containers = names(pod.spec?.containers);
  if (container) {
    if (!allContainerNames(pod).includes(container)) throw badRequest(`container ${container} is not valid for pod ${name}`);
    return container;
  }
  if (containers.length === 1) return containers[0]!;
  if (containers.length === 0) throw badRequest(`a container name must be specified for pod ${name}`);
  if (kind === 'exec') throw badRequest(`a container name must be specified for pod ${name}, choose one of: [${allContainerNames(pod).join(' ')}]`);
  let msg = `a container name must be specified for pod ${name}, choose one of: [${containers.join(' ')}]`;
  const init = names(pod.spec?.initContainers);
  if (init.length) msg += ` or one of the init containers: [${init.join(' ')}]`;
  const eph = names(pod.spec?.ephemeralContainers);
  if (eph.length) msg += ` or one of the ephemeral containers: [${eph.join(' ')}]`;
  throw badRequest(msg);
}

/** The node's InternalIP, as the API server dials its kubelet. */
export function nodeAddress(cluster: Cluster, nodeName: string): string {
  const def = cluster.resources.byResource('', 'nodes');
  if (!def) return nodeName;
  try {
    const node = cluster.api.get(cluster.context(SYSTEM_USER), def, undefined, nodeName) as unknown as core.Node;
    return node.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? nodeName;
  } catch {
    return nodeName;
  }
}

/**
 * The API server's answer when the node's kubelet does not respond: the proxy's dial error,
 * a 500 without a reason (`Error from server: Get "https://…:10250/containerLogs/…": dial tcp …`).
 */
export function kubeletUnreachable(cluster: Cluster, nodeName: string, kubeletPath: string, how: 'get' | 'upgrade'): StatusError {
  const ip = nodeAddress(cluster, nodeName);
  const dial = `dial tcp ${ip}:10250: connect: connection refused`;
  const message = how === 'get' ? `Get "https://${ip}:10250${kubeletPath}": ${dial}` : `error dialing backend: ${dial}`;
  return new StatusError(500, '', message);
}

export function isRefusal(x: unknown): x is RuntimeRefusal {
  return typeof x === 'object' && x !== null && (x as { refused?: unknown }).refused === true;
}

export function refusalError(r: RuntimeRefusal): StatusError {
  return new StatusError(r.status, r.reason, r.message);
}

/** The cluster's kubelet side, or undefined when none runs (a cluster without the simulation). */
export function podRuntime(cluster: Cluster): PodRuntime | undefined {
  return cluster.runtime.pods;
}
