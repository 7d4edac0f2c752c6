// VolumeRestrictions: a ReadWriteOncePod claim already used by a scheduled pod blocks every node
// (preemption may free it), and inline GCE PD / AWS EBS / iSCSI / RBD disks cannot be mounted
// read-write by two pods on one node.
import type * as corev1 from '../../../generated/k8s/core/v1.ts';
import type { FilterState, Plugin } from '../framework.ts';
import type { NodeInfo } from '../node-info.ts';
import type { PodInfo } from '../pod-info.ts';
import { unresolvable, unschedulable } from '../status.ts';

export const VOLUME_RESTRICTIONS = 'VolumeRestrictions';
export const ERR_REASON_DISK_CONFLICT = 'node(s) had no available disk';
export const ERR_REASON_RWOP_CONFLICT = 'node has pod using PersistentVolumeClaim with the same name and ReadWriteOncePod access mode';

const needsCheck = (v: corev1.Volume): boolean => !!(v.gcePersistentDisk || v.awsElasticBlockStore || v.rbd || v.iscsi);

function volumeConflict(v: corev1.Volume, pod: corev1.Pod): boolean {
  for (const e of pod.spec?.volumes ?? []) {
    if (v.gcePersistentDisk && e.gcePersistentDisk) {
      if (v.gcePersistentDisk.pdName === e.gcePersistentDisk.pdName && !(v.gcePersistentDisk.readOnly && e.gcePersistentDisk.readOnly)) return true;
    }
    if (v.awsElasticBlockStore && e.awsElasticBlockStore && v.awsElasticBlockStore.volumeID === e.awsElasticBlockStore.volumeID) return true;
    if (v.iscsi && e.iscsi && v.iscsi.iqn === e.iscsi.iqn && !(v.iscsi.readOnly && e.iscsi.readOnly)) return true;
    if (v.rbd && e.rbd) {
      const overlap = v.rbd.monitors.some((m) => e.rbd!.monitors.includes(m));
      if (overlap && (v.rbd.pool ?? 'rbd') === (e.rbd.pool ?? 'rbd') && v.rbd.image === e.rbd.image && !(v.rbd.readOnly && e.rbd.readOnly)) return true;
    }
  }
  return false;
}

class RestrictionsState implements FilterState {
  constructor(
    private readonly pod: corev1.Pod,
    private readonly rwopClaims: ReadonlySet<string>,
    private conflicts: number,
  ) {}
  filter(node: NodeInfo) {
    for (const v of this.pod.spec?.volumes ?? []) {
      if (needsCheck(v) && node.pods.some((p) => volumeConflict(v, p.pod))) return unschedulable(VOLUME_RESTRICTIONS, ERR_REASON_DISK_CONFLICT);
    }
    return this.conflicts > 0 ? unschedulable(VOLUME_RESTRICTIONS, ERR_REASON_RWOP_CONFLICT) : null;
  }
  private refs(pod: corev1.Pod): number {
    return (pod.spec?.volumes ?? []).filter((v) => v.persistentVolumeClaim && this.rwopClaims.has(v.persistentVolumeClaim.claimName)).length;
  }
  addPod(pi: PodInfo) {
    this.conflicts += this.refs(pi.pod);
  }
  removePod(pi: PodInfo) {
    this.conflicts -= this.refs(pi.pod);
  }
  clone() {
    return new RestrictionsState(this.pod, this.rwopClaims, this.conflicts);
  }
}

export const volumeRestrictions: Plugin = {
  name: VOLUME_RESTRICTIONS,
  preFilter(ctx) {
    const ns = ctx.podInfo.namespace;
    const rwop = new Set<string>();
    for (const v of ctx.pod.spec?.volumes ?? []) {
      if (!v.persistentVolumeClaim) continue;
      const name = v.persistentVolumeClaim.claimName;
      const pvc = ctx.cluster.pvcs.get(`${ns}/${name}`);
      if (!pvc) return { kind: 'reject', status: unresolvable(VOLUME_RESTRICTIONS, `persistentvolumeclaim "${name}" not found`) };
      if ((pvc.spec?.accessModes ?? []).includes('ReadWriteOncePod')) rwop.add(name);
    }
    let conflicts = 0;
    for (const name of rwop) if (ctx.cluster.pvcsInUse.has(`${ns}/${name}`)) conflicts++;
    if (!(ctx.pod.spec?.volumes ?? []).some(needsCheck) && conflicts === 0) return { kind: 'skip' };
    return { kind: 'ok', state: new RestrictionsState(ctx.pod, rwop, conflicts) };
  },
};
