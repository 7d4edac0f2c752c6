// What kube-scheduler's VolumeBinding plugin does at PreBind for a pod it placed
// (AssumePodVolumes/BindPodVolumes): for each unbound WaitForFirstConsumer claim, pre-bind a
// matching static volume the node may use (PV claimRef) or ask for provisioning on that node
// (the claim's volume.kubernetes.io/selected-node annotation). The sandbox's scheduler binds
// pods without this step, so the PV controller does it once a pod has a node; if the scheduler
// ever does it itself, these actions find nothing left to do.
import type * as corev1 from '../../../generated/k8s/core/v1.ts';
import type * as storagev1 from '../../../generated/k8s/storage/v1.ts';
import { ANN_SELECTED_NODE, claimFullyBound, isDelayBinding, podClaims } from '../../scheduler/volumes.ts';
import { findBestMatchForClaim } from './matching.ts';

export type ConsumerAction = { kind: 'prebind'; claim: string; volume: string } | { kind: 'selectNode'; claim: string; node: string };

export interface ConsumerView {
  claims: ReadonlyMap<string, corev1.PersistentVolumeClaim>;
  volumes: readonly corev1.PersistentVolume[];
  classes: ReadonlyMap<string, storagev1.StorageClass>;
  nodeLabels: Readonly<Record<string, string>> | undefined;
}

export function planConsumerBinding(pod: corev1.Pod, view: ConsumerView): ConsumerAction[] {
  const node = pod.spec?.nodeName;
  const phase = pod.status?.phase;
  if (!node || phase === 'Succeeded' || phase === 'Failed' || pod.metadata?.deletionTimestamp) return [];
  const out: ConsumerAction[] = [];
  const taken = new Set<string>();
  for (const c of podClaims(pod)) {
    const pvc = view.claims.get(c.claimName);
    if (!pvc || claimFullyBound(pvc) || pvc.spec?.volumeName) continue;
    if (!isDelayBinding(pvc, view.classes) || pvc.metadata?.annotations?.[ANN_SELECTED_NODE] !== undefined) continue;
    const free = view.volumes.filter((v) => !taken.has(v.metadata?.name ?? ''));
    const pv = findBestMatchForClaim(pvc, free, { delayBinding: true, nodeLabels: view.nodeLabels ?? {} });
    if (pv) {
      taken.add(pv.metadata?.name ?? '');
      if (!pv.spec?.claimRef) out.push({ kind: 'prebind', claim: c.claimName, volume: pv.metadata?.name ?? '' });
    } else out.push({ kind: 'selectNode', claim: c.claimName, node });
  }
  return out;
}
