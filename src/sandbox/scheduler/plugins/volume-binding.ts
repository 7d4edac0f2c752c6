// VolumeBinding: a pod's claims must exist and be usable; unbound Immediate claims keep it
// pending until the PV controller binds them. Per node: bound claims' PVs must allow the node
// (node affinity); WaitForFirstConsumer claims need either an available matching PV the node
// may use or a class that can provision there (provisioner set, allowedTopologies matching).
import { labelSelectorAsSelector, type LabelSelector } from '../../../apimachinery/labels.ts';
import type * as corev1 from '../../../generated/k8s/core/v1.ts';
import type { Plugin } from '../framework.ts';
import { statelessFilter } from '../framework.ts';
import { matchTopologySelectorTerms } from '../node-selector.ts';
import type { NodeInfo } from '../node-info.ts';
import { requestQuantity } from '../resources.ts';
import type { ClusterState } from '../snapshot.ts';
import { unresolvable, type Status } from '../status.ts';
import {
  ANN_SELECTED_NODE,
  claimClass,
  claimFullyBound,
  ephemeralClaimError,
  isDelayBinding,
  NOT_SUPPORTED_PROVISIONER,
  podClaims,
  pvNodeAffinityMatches,
  volumeClass,
} from '../volumes.ts';

export const VOLUME_BINDING = 'VolumeBinding';
export const ERR_REASON_BIND_CONFLICT = "node(s) didn't find available persistent volumes to bind";
export const ERR_REASON_NODE_CONFLICT = 'node(s) had volume node affinity conflict';
export const ERR_REASON_NOT_ENOUGH_SPACE = 'node(s) did not have enough free storage';
export const ERR_REASON_PV_NOT_EXIST = 'node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)';
export const ERR_REASON_UNBOUND_IMMEDIATE = 'pod has unbound immediate PersistentVolumeClaims';

const storageOf = (pvc: corev1.PersistentVolumeClaim) => requestQuantity(pvc.spec?.resources?.requests, 'storage');

function isBoundToClaim(pv: corev1.PersistentVolume, pvc: corev1.PersistentVolumeClaim): boolean {
  const ref = pv.spec?.claimRef;
  if (!ref) return false;
  if (ref.name !== pvc.metadata?.name || ref.namespace !== pvc.metadata?.namespace) return false;
  return !ref.uid || ref.uid === pvc.metadata?.uid;
}

/**
 * volume.FindMatchingVolume on the scheduler path: a PV pre-bound to the claim if the node may
 * use it, else the smallest available PV of the claim's class, size, mode, access modes and
 * selector that the node may use. A PV without a phase counts as Available (the sandbox's PVs
 * may not pass through a PV controller).
 */
export function findMatchingVolume(
  pvc: corev1.PersistentVolumeClaim,
  pvs: Iterable<corev1.PersistentVolume>,
  node: NodeInfo,
  excluded: ReadonlySet<string>,
): corev1.PersistentVolume | undefined {
  const requested = storageOf(pvc);
  const claimMode = pvc.spec?.volumeMode ?? 'Filesystem';
  const selector = pvc.spec?.selector;
  const cls = claimClass(pvc);
  let best: corev1.PersistentVolume | undefined;
  for (const pv of pvs) {
    const name = pv.metadata?.name ?? '';
    if (excluded.has(name)) continue;
    const capacity = requestQuantity(pv.spec?.capacity, 'storage');
    if (requested && (!capacity || capacity.cmp(requested) < 0)) continue;
    if ((pv.spec?.volumeMode ?? 'Filesystem') !== claimMode) continue;
    if (pv.metadata?.deletionTimestamp) continue;
    const affinityOk = pvNodeAffinityMatches(pv, node.labels);
    if (isBoundToClaim(pv, pvc)) return affinityOk ? pv : undefined;
    if ((pv.status?.phase ?? 'Available') !== 'Available' || pv.spec?.claimRef) continue;
    if (selector && !selectorMatches(selector, pv.metadata?.labels ?? {})) continue;
    if (volumeClass(pv) !== cls || !affinityOk) continue;
    const modes = pv.spec?.accessModes ?? [];
    if (!(pvc.spec?.accessModes ?? []).every((m) => modes.includes(m))) continue;
    const bestCapacity = best ? requestQuantity(best.spec?.capacity, 'storage') : undefined;
    if (!best || (capacity && bestCapacity && bestCapacity.cmp(capacity) > 0)) best = pv;
  }
  return best;
}


function selectorMatches(selector: LabelSelector, labels: Record<string, string>): boolean {
  try {
    return labelSelectorAsSelector(selector).matches(labels);
  } catch {
    return false;
  }
}

/** FindPodVolumes' conflict reasons for one node, in upstream's order. */
function nodeReasons(
  cluster: ClusterState,
  bound: readonly corev1.PersistentVolumeClaim[],
  delayed: readonly corev1.PersistentVolumeClaim[],
  node: NodeInfo,
): string[] {
  let boundSatisfied = true;
  let pvsFound = true;
  let unboundSatisfied = true;
  const reasons = (): string[] => {
    const out: string[] = [];
    if (!boundSatisfied) out.push(ERR_REASON_NODE_CONFLICT);
    if (!unboundSatisfied) out.push(ERR_REASON_BIND_CONFLICT);
    if (!pvsFound) out.push(ERR_REASON_PV_NOT_EXIST);
    return out;
  };
  for (const pvc of bound) {
    const pv = cluster.pvs.get(pvc.spec?.volumeName ?? '');
    if (!pv) {
      pvsFound = false;
      break;
    }
    if (!pvNodeAffinityMatches(pv, node.labels)) {
      boundSatisfied = false;
      break;
    }
  }
  if (delayed.length === 0) return reasons();
  const toProvision: corev1.PersistentVolumeClaim[] = [];
  const toMatch: corev1.PersistentVolumeClaim[] = [];
  for (const pvc of delayed) {
    const selected = pvc.metadata?.annotations?.[ANN_SELECTED_NODE];
    if (selected !== undefined) {
      if (selected !== node.name) {
        unboundSatisfied = false;
        return reasons();
      }
      toProvision.push(pvc);
    } else toMatch.push(pvc);
  }
  if (toMatch.length > 0) {
    const sorted = [...toMatch].sort((a, b) => {
      const qa = storageOf(a);
      const qb = storageOf(b);
      return qa && qb ? qa.cmp(qb) : 0;
    });
    const chosen = new Set<string>();
    for (const pvc of sorted) {
      const pv = findMatchingVolume(pvc, cluster.pvs.values(), node, chosen);
      if (pv) chosen.add(pv.metadata?.name ?? '');
      else {
        toProvision.push(pvc);
        unboundSatisfied = false;
      }
    }
  }
  if (toProvision.length > 0) {
    unboundSatisfied = toProvision.every((pvc) => {
      const cls = cluster.storageClasses.get(claimClass(pvc));
      if (!cls || !cls.provisioner || cls.provisioner === NOT_SUPPORTED_PROVISIONER) return false;
      return matchTopologySelectorTerms(cls.allowedTopologies, node.labels);
    });
  }
  return reasons();
}

export const volumeBinding: Plugin = {
  name: VOLUME_BINDING,
  preFilter(ctx) {
    const claims = podClaims(ctx.pod);
    if (claims.length === 0) return { kind: 'skip' };
    const reject = (msg: string) => ({ kind: 'reject' as const, status: unresolvable(VOLUME_BINDING, msg) });
    const bound: corev1.PersistentVolumeClaim[] = [];
    const delayed: corev1.PersistentVolumeClaim[] = [];
    let immediate = false;
    for (const c of claims) {
      const pvc = ctx.cluster.pvcs.get(`${ctx.podInfo.namespace}/${c.claimName}`);
      if (!pvc) {
        return reject(
          c.ephemeral
            ? `waiting for ephemeral volume controller to create the persistentvolumeclaim "${c.claimName}"`
            : `persistentvolumeclaim "${c.claimName}" not found`,
        );
      }
      if (pvc.status?.phase === 'Lost') return reject(`persistentvolumeclaim "${c.claimName}" bound to non-existent persistentvolume "${pvc.spec?.volumeName ?? ''}"`);
      if (pvc.metadata?.deletionTimestamp) return reject(`persistentvolumeclaim "${c.claimName}" is being deleted`);
      if (c.ephemeral) {
        const err = ephemeralClaimError(ctx.pod, pvc);
        if (err) return reject(err);
      }
      if (claimFullyBound(pvc)) bound.push(pvc);
      else if (isDelayBinding(pvc, ctx.cluster.storageClasses) && !pvc.spec?.volumeName) delayed.push(pvc);
      else immediate = true;
    }
    if (immediate) return reject(ERR_REASON_UNBOUND_IMMEDIATE);
    const cluster = ctx.cluster;
    return {
      kind: 'ok',
      state: statelessFilter((node): Status | null => {
        const reasons = nodeReasons(cluster, bound, delayed, node);
        return reasons.length > 0 ? unresolvable(VOLUME_BINDING, ...reasons) : null;
      }),
    };
  },
};
