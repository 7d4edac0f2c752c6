// VolumeZone: a bound PV labelled with zones/regions (topology.kubernetes.io/* or the beta
// failure-domain labels; several zones joined by "__") admits only nodes in one of them. Nodes
// without any zone or region label are not restricted.
import type { Plugin } from '../framework.ts';
import { statelessFilter } from '../framework.ts';
import { unresolvable } from '../status.ts';
import { claimClass } from '../volumes.ts';

export const VOLUME_ZONE = 'VolumeZone';
export const ERR_REASON_ZONE_CONFLICT = 'node(s) had no available volume zone';

const BETA_ZONE = 'failure-domain.beta.kubernetes.io/zone';
const BETA_REGION = 'failure-domain.beta.kubernetes.io/region';
const ZONE = 'topology.kubernetes.io/zone';
const REGION = 'topology.kubernetes.io/region';
const TOPOLOGY_LABELS = [BETA_ZONE, BETA_REGION, ZONE, REGION];
const TO_GA: Record<string, string> = { [BETA_ZONE]: ZONE, [BETA_REGION]: REGION };

export const volumeZone: Plugin = {
  name: VOLUME_ZONE,
  preFilter(ctx) {
    const topologies: Array<{ key: string; values: Set<string> }> = [];
    const reject = (msg: string) => ({ kind: 'reject' as const, status: unresolvable(VOLUME_ZONE, msg) });
    for (const v of ctx.pod.spec?.volumes ?? []) {
      if (!v.persistentVolumeClaim) continue;
      const name = v.persistentVolumeClaim.claimName;
      if (!name) return reject('PersistentVolumeClaim had no name');
      const pvc = ctx.cluster.pvcs.get(`${ctx.podInfo.namespace}/${name}`);
      if (!pvc) return reject(`persistentvolumeclaim "${name}" not found`);
      const pvName = pvc.spec?.volumeName;
      if (!pvName) {
        const cls = claimClass(pvc);
        if (!cls) return reject('PersistentVolumeClaim had no pv name and storageClass name');
        const sc = ctx.cluster.storageClasses.get(cls);
        if (!sc) return reject(`storageclass.storage.k8s.io "${cls}" not found`);
        if (sc.volumeBindingMode === 'WaitForFirstConsumer') continue;
        return reject('PersistentVolume had no name');
      }
      const pv = ctx.cluster.pvs.get(pvName);
      if (!pv) return reject(`persistentvolume "${pvName}" not found`);
      const labels = pv.metadata?.labels ?? {};
      for (const key of TOPOLOGY_LABELS) {
        const value = labels[key];
        if (value !== undefined) topologies.push({ key, values: new Set(value.split('__').map((s) => s.trim()).filter((s) => s !== '')) });
      }
    }
    if (topologies.length === 0) return { kind: 'skip' };
    return {
      kind: 'ok',
      state: statelessFilter((node) => {
        if (!TOPOLOGY_LABELS.some((k) => k in node.labels)) return null;
        for (const t of topologies) {
          let value = node.labels[t.key];
          if (value === undefined && TO_GA[t.key]) value = node.labels[TO_GA[t.key]!];
          if (value === undefined || !t.values.has(value)) return unresolvable(VOLUME_ZONE, ERR_REASON_ZONE_CONFLICT);
        }
        return null;
      }),
    };
  },
};
