// Upstream pkg/controller/deployment/util/deployment_util.go: revision and replica annotations,
// maxSurge/maxUnavailable resolution (surge rounds up, unavailable rounds down), how many replicas
// a new ReplicaSet may have, template equality ignoring pod-template-hash, and the conditions.
import type { StoredObject } from '../../../apimachinery/object.ts';
import type { DeploymentCondition, DeploymentStatus } from '../../../generated/k8s/apps/v1.ts';
import { rfc3339 } from '../../registry/core/pod/conditions.ts';
import type { Deployment } from '../../registry/apps/deployment/types.ts';
import type { ReplicaSet } from '../../registry/apps/replicaset/types.ts';
import { intOrPercentValue } from '../../registry/apps/shared/int-or-percent.ts';
import { semanticEqual } from '../../registry/apps/shared/semantic-equal.ts';

export type StoredDeployment = Deployment & StoredObject;
export type StoredReplicaSet = ReplicaSet & StoredObject;

export const REVISION = 'deployment.kubernetes.io/revision';
export const REVISION_HISTORY = 'deployment.kubernetes.io/revision-history';
export const DESIRED_REPLICAS = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS = 'deployment.kubernetes.io/max-replicas';
export const POD_TEMPLATE_HASH = 'pod-template-hash';
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
const ROLLBACK_TO = 'deprecated.deployment.rollback.to';
/** Upstream's --deployment-controller revision history annotation limit (maxRevHistoryLengthInChars). */
const MAX_REV_HISTORY_CHARS = 2000;

// Condition reasons (deployment_util.go).
export const NEW_RS_CREATED = 'NewReplicaSetCreated';
export const FOUND_NEW_RS = 'FoundNewReplicaSet';
export const RS_UPDATED = 'ReplicaSetUpdated';
export const NEW_RS_AVAILABLE = 'NewReplicaSetAvailable';
export const TIMED_OUT = 'ProgressDeadlineExceeded';
export const FAILED_RS_CREATE = 'ReplicaSetCreateError';
export const PAUSED = 'DeploymentPaused';
export const RESUMED = 'DeploymentResumed';
export const MIN_AVAILABLE = 'MinimumReplicasAvailable';
export const MIN_UNAVAILABLE = 'MinimumReplicasUnavailable';

export const replicasOf = (o: { spec?: { replicas?: number } } | undefined): number => o?.spec?.replicas ?? 0;
export const desiredReplicas = (d: Deployment): number => d.spec?.replicas ?? 1;

/** intstr.GetScaledValueFromIntOrPercent. */
export function scaledValue(v: number | string | undefined, total: number, roundUp: boolean): number {
  if (typeof v === 'string' && v.endsWith('%')) {
    const x = (intOrPercentValue(v) * total) / 100;
    return roundUp ? Math.ceil(x) : Math.floor(x);
  }
  return intOrPercentValue(v);
}

export function isRollingUpdate(d: Deployment): boolean {
  return (d.spec?.strategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
}

/** ResolveFenceposts: both zero resolves maxUnavailable to 1 (surge might not work under quota). */
export function resolveFenceposts(maxSurge: number | string | undefined, maxUnavailable: number | string | undefined, desired: number): [number, number] {
  const surge = scaledValue(maxSurge ?? 0, desired, true);
  let unavailable = scaledValue(maxUnavailable ?? 0, desired, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return [surge, unavailable];
}

export function maxSurge(d: Deployment): number {
  if (!isRollingUpdate(d)) return 0;
  const ru = d.spec?.strategy?.rollingUpdate;
  return resolveFenceposts(ru?.maxSurge, ru?.maxUnavailable, desiredReplicas(d))[0];
}

export function maxUnavailable(d: Deployment): number {
  const replicas = desiredReplicas(d);
  if (!isRollingUpdate(d) || replicas === 0) return 0;
  const ru = d.spec?.strategy?.rollingUpdate;
  return Math.min(resolveFenceposts(ru?.maxSurge, ru?.maxUnavailable, replicas)[1], replicas);
}

export const sumSpecReplicas = (rss: StoredReplicaSet[]) => rss.reduce((n, rs) => n + replicasOf(rs), 0);
export const sumStatus = (rss: StoredReplicaSet[], f: 'replicas' | 'readyReplicas' | 'availableReplicas') => rss.reduce((n, rs) => n + (rs.status?.[f] ?? 0), 0);

/** NewRSNewReplicas: how far the new ReplicaSet may grow now. */
export function newRSNewReplicas(d: Deployment, all: StoredReplicaSet[], newRS: StoredReplicaSet): number {
  if (!isRollingUpdate(d)) return desiredReplicas(d);
  const replicas = desiredReplicas(d);
  const current = sumSpecReplicas(all);
  const maxTotal = replicas + maxSurge(d);
  if (current >= maxTotal) return replicasOf(newRS);
  return replicasOf(newRS) + Math.min(maxTotal - current, replicas - replicasOf(newRS));
}

export function revisionOf(rs: StoredObject): number {
  const v = rs.metadata.annotations?.[REVISION];
  return v && /^\d+$/.test(v) ? Number(v) : 0;
}

/** EqualIgnoreHash: the pod templates are semantically equal once pod-template-hash is ignored. */
export function equalIgnoreHash(a: unknown, b: unknown): boolean {
  // A shallow copy is enough: only the labels map changes.
  const strip = (t: unknown) => {
    const c = t as { metadata?: { labels?: Record<string, string> } } | undefined;
    if (!c?.metadata?.labels) return c;
    const labels = { ...c.metadata.labels };
    delete labels[POD_TEMPLATE_HASH];
    return { ...c, metadata: { ...c.metadata, labels } };
  };
  return semanticEqual(strip(a), strip(b));
}

/** ReplicaSetsByCreationTimestamp. */
export function byCreation(a: StoredObject, b: StoredObject): number {
  const ta = a.metadata.creationTimestamp ?? '';
  const tb = b.metadata.creationTimestamp ?? '';
  if (ta !== tb) return ta < tb ? -1 : 1;
  return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
}

function skipCopy(k: string): boolean {
  return k === LAST_APPLIED || k === REVISION || k === REVISION_HISTORY || k === DESIRED_REPLICAS || k === MAX_REPLICAS || k === ROLLBACK_TO;
}

/** SetReplicasAnnotations; returns whether anything changed. */
export function setReplicasAnnotations(rs: StoredReplicaSet, desired: number, max: number): boolean {
  const a = (rs.metadata.annotations ??= {});
  let changed = false;
  if (a[DESIRED_REPLICAS] !== String(desired)) (a[DESIRED_REPLICAS] = String(desired)), (changed = true);
  if (a[MAX_REPLICAS] !== String(max)) (a[MAX_REPLICAS] = String(max)), (changed = true);
  return changed;
}

export function replicasAnnotationsNeedUpdate(rs: StoredReplicaSet, desired: number, max: number): boolean {
  const a = rs.metadata.annotations ?? {};
  return a[DESIRED_REPLICAS] !== String(desired) || a[MAX_REPLICAS] !== String(max);
}

/** SetNewReplicaSetAnnotations: copies the Deployment's annotations and moves the revision (keeping history on rollback). */
export function setNewReplicaSetAnnotations(d: StoredDeployment, rs: StoredReplicaSet, newRevision: number, exists: boolean): boolean {
  let changed = false;
  const a = (rs.metadata.annotations ??= {});
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) {
    if (skipCopy(k) || a[k] === v) continue;
    a[k] = v;
    changed = true;
  }
  const old = a[REVISION];
  let oldRev = 0;
  if (old !== undefined && old !== '') {
    if (!/^\d+$/.test(old)) return false;
    oldRev = Number(old);
  }
  if (oldRev < newRevision) {
    a[REVISION] = String(newRevision);
    changed = true;
    if (old !== undefined) {
      const history = a[REVISION_HISTORY] ?? '';
      if (history === '') a[REVISION_HISTORY] = old;
      else {
        let parts = history.split(',');
        let total = history.length + old.length + 1;
        let start = 0;
        while (total > MAX_REV_HISTORY_CHARS && start < parts.length) total -= parts[start++]!.length + 1;
        if (total <= MAX_REV_HISTORY_CHARS) {
          parts = [...parts.slice(start), old];
          a[REVISION_HISTORY] = parts.join(',');
        }
      }
    }
  }
  if (!exists && setReplicasAnnotations(rs, desiredReplicas(d), desiredReplicas(d) + maxSurge(d))) changed = true;
  return changed;
}

// ---- conditions ------------------------------------------------------------------------------

export function getCondition(status: DeploymentStatus | undefined, type: string): DeploymentCondition | undefined {
  return status?.conditions?.find((c) => c.type === type);
}

export function newCondition(type: string, status: string, reason: string, message: string, now: number): DeploymentCondition {
  const t = rfc3339(now);
  return { type, status, lastUpdateTime: t, lastTransitionTime: t, reason, message };
}

/** SetDeploymentCondition: same status and reason is a no-op; a new one goes to the end. */
export function setCondition(status: DeploymentStatus, c: DeploymentCondition): void {
  const cur = getCondition(status, c.type);
  if (cur && cur.status === c.status && cur.reason === c.reason) return;
  if (cur && cur.status === c.status) c.lastTransitionTime = cur.lastTransitionTime;
  status.conditions = [...(status.conditions ?? []).filter((x) => x.type !== c.type), c];
}

export function removeCondition(status: DeploymentStatus, type: string): void {
  if (!status.conditions) return;
  status.conditions = status.conditions.filter((c) => c.type !== type);
  if (!status.conditions.length) delete status.conditions;
}

export function hasProgressDeadline(d: Deployment): boolean {
  const s = d.spec?.progressDeadlineSeconds;
  return s !== undefined && s !== 2147483647;
}

/** DeploymentComplete. */
export function deploymentComplete(d: StoredDeployment, s: DeploymentStatus): boolean {
  const r = desiredReplicas(d);
  return (s.updatedReplicas ?? 0) === r && (s.replicas ?? 0) === r && (s.availableReplicas ?? 0) === r && (s.observedGeneration ?? 0) >= (d.metadata.generation ?? 0);
}

/** DeploymentProgressing: more updated, fewer old, more ready or more available replicas than before. */
export function deploymentProgressing(d: StoredDeployment, s: DeploymentStatus): boolean {
  const o = d.status ?? {};
  const oldOld = (o.replicas ?? 0) - (o.updatedReplicas ?? 0);
  const newOld = (s.replicas ?? 0) - (s.updatedReplicas ?? 0);
  return (s.updatedReplicas ?? 0) > (o.updatedReplicas ?? 0) || newOld < oldOld || (s.readyReplicas ?? 0) > (o.readyReplicas ?? 0) || (s.availableReplicas ?? 0) > (o.availableReplicas ?? 0);
}

/** When the Progressing condition times out (lastUpdateTime + progressDeadlineSeconds), if it can. */
export function progressDeadline(d: Deployment, s: DeploymentStatus): number | undefined {
  if (!hasProgressDeadline(d)) return undefined;
  const c = getCondition(s, 'Progressing');
  if (!c || c.reason === NEW_RS_AVAILABLE || c.reason === TIMED_OUT || !c.lastUpdateTime) return undefined;
  return Date.parse(c.lastUpdateTime) + (d.spec?.progressDeadlineSeconds ?? 600) * 1000;
}

/** DeploymentTimedOut (strictly after the deadline, as upstream's Before). */
export function deploymentTimedOut(d: Deployment, s: DeploymentStatus, now: number): boolean {
  if (!hasProgressDeadline(d)) return false;
  const c = getCondition(s, 'Progressing');
  if (!c || c.reason === NEW_RS_AVAILABLE) return false;
  if (c.reason === TIMED_OUT) return true;
  const at = progressDeadline(d, s);
  return at !== undefined && at < now;
}
