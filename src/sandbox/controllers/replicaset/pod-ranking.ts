// Which pods a ReplicaSet deletes first when it scales down (upstream controller.ActivePodsWithRanks
// and getPodsToDelete): unscheduled < scheduled; Pending < Unknown < Running; not ready < ready;
// lower pod-deletion-cost < higher; more related pods on the same node < fewer; ready for less
// time < longer (on a log2 scale, LogarithmicScaleDown); more restarts < fewer; newer < older.
import { isPodReady, parseTime, podReadyTime, type StoredPod } from './pods.ts';

export const POD_DELETION_COST = 'controller.kubernetes.io/pod-deletion-cost';

const phaseOrder: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

function deletionCost(pod: StoredPod): number {
  const v = pod.metadata.annotations?.[POD_DELETION_COST];
  if (v === undefined || !/^[+-]?\d+$/.test(v)) return 0;
  return Number.parseInt(v, 10);
}

function maxRestarts(pod: StoredPod): number {
  return Math.max(0, ...(pod.status?.containerStatuses ?? []).map((c) => c.restartCount ?? 0));
}

/** upstream logarithmicRankDiff: compares how long ago two instants were, in powers of two of nanoseconds. */
function logRankDiff(t1: number, t2: number, now: number): number {
  const rank = (t: number) => (now - t > 0 ? Math.floor(Math.log2((now - t) * 1e6)) : -1);
  return rank(t1) - rank(t2);
}

/** Negative when `a` should be deleted before `b` (upstream Less). */
export function compareForDeletion(a: StoredPod, b: StoredPod, rankA: number, rankB: number, now: number): number {
  const nodeA = a.spec?.nodeName ?? '';
  const nodeB = b.spec?.nodeName ?? '';
  if (nodeA !== nodeB && (nodeA === '' || nodeB === '')) return nodeA === '' ? -1 : 1;
  const pa = phaseOrder[a.status?.phase ?? 'Pending'] ?? 0;
  const pb = phaseOrder[b.status?.phase ?? 'Pending'] ?? 0;
  if (pa !== pb) return pa - pb;
  const ra = isPodReady(a);
  const rb = isPodReady(b);
  if (ra !== rb) return ra ? 1 : -1;
  const ca = deletionCost(a);
  const cb = deletionCost(b);
  if (ca !== cb) return ca - cb;
  if (rankA !== rankB) return rankB - rankA;
  if (ra && rb) {
    const ta = podReadyTime(a);
    const tb = podReadyTime(b);
    if (ta !== tb) {
      if (ta === undefined || tb === undefined) return ta === undefined ? -1 : 1;
      const d = logRankDiff(ta, tb, now);
      if (d === 0) return a.metadata.uid < b.metadata.uid ? -1 : 1;
      return d;
    }
  }
  const xa = maxRestarts(a);
  const xb = maxRestarts(b);
  if (xa !== xb) return xb - xa;
  const ka = parseTime(a.metadata.creationTimestamp);
  const kb = parseTime(b.metadata.creationTimestamp);
  if (ka !== kb) {
    if (ka === undefined || kb === undefined) return ka === undefined ? -1 : 1;
    const d = logRankDiff(ka, kb, now);
    if (d === 0) return a.metadata.uid < b.metadata.uid ? -1 : 1;
    return d;
  }
  return 0;
}

/**
 * getPodsToDelete: the `diff` pods to delete among `pods`, ranked by how many of `related` (the
 * active pods of the same owner family) share their node.
 */
export function podsToDelete(pods: StoredPod[], related: StoredPod[], diff: number, now: number): StoredPod[] {
  if (diff >= pods.length) return [...pods];
  const onNode = new Map<string, number>();
  for (const p of related) {
    const node = p.spec?.nodeName;
    if (node) onNode.set(node, (onNode.get(node) ?? 0) + 1);
  }
  const rank = (p: StoredPod) => onNode.get(p.spec?.nodeName ?? '') ?? 0;
  const ranked = pods.map((pod) => ({ pod, rank: rank(pod) }));
  ranked.sort((x, y) => compareForDeletion(x.pod, y.pod, x.rank, y.rank, now));
  return ranked.slice(0, diff).map((r) => r.pod);
}
