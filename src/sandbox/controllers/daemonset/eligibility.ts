// Which nodes a DaemonSet runs on (upstream pkg/controller/daemon NodeShouldRunDaemonPod and
// daemon/util): the pod the set would create there — its template plus the automatic daemon
// tolerations — must match the node's name (spec.nodeName), the nodeSelector and required node
// affinity, and tolerate the node's NoSchedule/NoExecute taints; an untolerated NoExecute taint
// also evicts a running daemon pod. Daemon pods are bound by the default scheduler, pinned to
// their node by a matchFields metadata.name affinity term the controller writes.
import type * as core from '../../../generated/k8s/core/v1.ts';
import { RequiredNodeAffinity } from '../../scheduler/node-selector.ts';
import { findUntoleratedTaint } from '../../scheduler/taints.ts';
import type { DaemonSet } from '../../registry/apps/daemonset/types.ts';
import type { Pod } from '../statefulset/pod-state.ts';

export type Node = core.Node & { metadata: NonNullable<core.Node['metadata']> };

const exists = (key: string, effect: 'NoSchedule' | 'NoExecute'): core.Toleration => ({ key, operator: 'Exists', effect });

/** AddOrUpdateDaemonPodTolerations: the tolerations every daemon pod gets, in upstream's order. */
export function daemonTolerations(hostNetwork: boolean): core.Toleration[] {
  return [
    exists('node.kubernetes.io/not-ready', 'NoExecute'),
    exists('node.kubernetes.io/unreachable', 'NoExecute'),
    exists('node.kubernetes.io/disk-pressure', 'NoSchedule'),
    exists('node.kubernetes.io/memory-pressure', 'NoSchedule'),
    exists('node.kubernetes.io/pid-pressure', 'NoSchedule'),
    exists('node.kubernetes.io/unschedulable', 'NoSchedule'),
    ...(hostNetwork ? [exists('node.kubernetes.io/network-unavailable', 'NoSchedule')] : []),
  ];
}

/** The spec's tolerations with the daemon tolerations added (v1helper.AddOrUpdateTolerationInPod: same key/operator/value/effect replaces). */
export function withDaemonTolerations(spec: core.PodSpec): core.Toleration[] {
  const out = [...(spec.tolerations ?? [])];
  for (const t of daemonTolerations(!!spec.hostNetwork)) {
    const i = out.findIndex((o) => o.key === t.key && (o.operator ?? 'Equal') === t.operator && (o.value ?? '') === '' && o.effect === t.effect);
    if (i >= 0) out[i] = t;
    else out.push(t);
  }
  return out;
}

export interface Placement {
  /** The set should have a pod on the node. */
  shouldRun: boolean;
  /** A pod already there may stay. */
  shouldContinueRunning: boolean;
}

/** NodeShouldRunDaemonPod */
export function nodeShouldRunDaemonPod(node: Node, ds: DaemonSet): Placement {
  const spec = ds.spec?.template?.spec ?? { containers: [] };
  const name = node.metadata.name ?? '';
  if (spec.nodeName && spec.nodeName !== name) return { shouldRun: false, shouldContinueRunning: false };
  const pod: core.Pod = { spec: { ...spec, tolerations: withDaemonTolerations(spec) } };
  const fitsAffinity = new RequiredNodeAffinity(pod).matches({ name, labels: node.metadata.labels ?? {} });
  if (!fitsAffinity) return { shouldRun: false, shouldContinueRunning: false };
  const taints = node.spec?.taints;
  const tolerations = pod.spec!.tolerations;
  const fitsTaints = !findUntoleratedTaint(taints, tolerations, (t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute');
  const survivesTaints = !findUntoleratedTaint(taints, tolerations, (t) => t.effect === 'NoExecute');
  return { shouldRun: fitsTaints, shouldContinueRunning: survivesTaints };
}

/** util.GetTargetNodeName: the node a daemon pod is bound to or pinned to by its affinity. */
export function targetNodeName(pod: Pod): string | undefined {
  if (pod.spec?.nodeName) return pod.spec.nodeName;
  const terms = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  for (const term of terms) {
    for (const f of term.matchFields ?? []) {
      if (f.key === 'metadata.name' && f.operator === 'In' && f.values?.length === 1) return f.values[0];
    }
  }
  return undefined;
}

/** ReplaceDaemonSetPodNodeNameNodeAffinity: the required node affinity becomes one term pinning the node. */
export function pinToNode(affinity: core.Affinity | undefined, nodeName: string): core.Affinity {
  const selector: core.NodeSelector = { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [nodeName] }] }] };
  const out = structuredClone(affinity ?? {});
  out.nodeAffinity = { ...out.nodeAffinity, requiredDuringSchedulingIgnoredDuringExecution: selector };
  return out;
}
