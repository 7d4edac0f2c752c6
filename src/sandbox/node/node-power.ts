// Which of a cluster's nodes are switched off (the sandbox admin API's nodes/<name>/stop and
// /start). A stopped node's kubelet is gone: it renews no Lease, posts no node or pod status and
// runs nothing, so the node lifecycle controller notices the silence, marks the node Unknown
// and taints it, as on a real cluster whose machine went down. The state is per cluster and in
// memory only: after a sandbox restart every node is running again.
//
// Contract for the kubelet (node/kubelet/): before acting for a node, check
// `nodePower(cluster).stopped(nodeName)`; subscribe with `onChange` to stop (kill nothing,
// write nothing: pods stay as last reported) and to resume (re-sync the node's pods) when it
// flips.
import type { Cluster } from '../cluster.ts';

export type NodePowerListener = (nodeName: string, stopped: boolean) => void;

export interface NodePower {
  /** Whether the node's kubelet is stopped. */
  stopped(nodeName: string): boolean;
  /** Nodes currently stopped. */
  stoppedNodes(): readonly string[];
  /** Called after each change; returns an unsubscribe function. */
  onChange(listener: NodePowerListener): () => void;
  /** Stops (true) or starts (false) a node's kubelet; returns whether anything changed. */
  set(nodeName: string, stopped: boolean): boolean;
}

class NodePowerRegistry implements NodePower {
  private readonly off = new Set<string>();
  private readonly listeners = new Set<NodePowerListener>();

  stopped(nodeName: string): boolean {
    return this.off.has(nodeName);
  }

  stoppedNodes(): readonly string[] {
    return [...this.off].sort();
  }

  onChange(listener: NodePowerListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  set(nodeName: string, stopped: boolean): boolean {
    if (this.off.has(nodeName) === stopped) return false;
    if (stopped) this.off.add(nodeName);
    else this.off.delete(nodeName);
    for (const l of [...this.listeners]) l(nodeName, stopped);
    return true;
  }
}

const registries = new WeakMap<Cluster, NodePower>();

/** The cluster's node power switches (created on first use). */
export function nodePower(cluster: Cluster): NodePower {
  let p = registries.get(cluster);
  if (!p) registries.set(cluster, (p = new NodePowerRegistry()));
  return p;
}
