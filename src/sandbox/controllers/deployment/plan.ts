// The Deployment controller's decisions as a pure function (upstream pkg/controller/deployment:
// sync.go, rolling.go, recreate.go, progress.go): given a Deployment, the ReplicaSets it owns and
// their pods, one sync's ordered actions — create the new ReplicaSet, scale ReplicaSets (with the
// ScalingReplicaSet events), delete surplus history, and the status to write — and when to look
// again (the progress deadline). Like upstream, a sync takes one step and the writes it makes
// trigger the next.
import { deepClone, deepEqual } from '../../../apimachinery/object.ts';
import type { DeploymentStatus } from '../../../generated/k8s/apps/v1.ts';
import type { ReplicaSet } from '../../registry/apps/replicaset/types.ts';
import { controllerOf, type StoredPod } from '../replicaset/pods.ts';
import { computeHash } from './hash.ts';
import {
  byCreation,
  deploymentComplete,
  deploymentProgressing,
  deploymentTimedOut,
  desiredReplicas,
  equalIgnoreHash,
  FAILED_RS_CREATE,
  FOUND_NEW_RS,
  getCondition,
  hasProgressDeadline,
  isRollingUpdate,
  MAX_REPLICAS,
  maxSurge,
  maxUnavailable,
  MIN_AVAILABLE,
  MIN_UNAVAILABLE,
  NEW_RS_AVAILABLE,
  NEW_RS_CREATED,
  newCondition,
  newRSNewReplicas,
  PAUSED,
  POD_TEMPLATE_HASH,
  progressDeadline,
  removeCondition,
  replicasAnnotationsNeedUpdate,
  replicasOf,
  RESUMED,
  REVISION,
  revisionOf,
  RS_UPDATED,
  type StoredDeployment,
  type StoredReplicaSet,
  setCondition,
  setNewReplicaSetAnnotations,
  setReplicasAnnotations,
  sumSpecReplicas,
  sumStatus,
  TIMED_OUT,
  DESIRED_REPLICAS,
} from './util.ts';

export interface DeploymentInput {
  deployment: StoredDeployment;
  /** The ReplicaSets the Deployment owns (after adoption). */
  replicaSets: StoredReplicaSet[];
  /** Every ReplicaSet name in the namespace (a name taken by another template is a hash collision). */
  takenNames: ReadonlyMap<string, StoredReplicaSet>;
  /** Pods by the uid of their controlling ReplicaSet (Recreate waits for old pods to go). */
  podsByReplicaSet: ReadonlyMap<string, StoredPod[]>;
  now: number;
}

export type DeploymentAction =
  | { type: 'createReplicaSet'; replicaSet: ReplicaSet }
  | { type: 'updateReplicaSet'; name: string; replicas: number; annotations: Record<string, string>; minReadySeconds: number }
  | { type: 'deleteReplicaSet'; name: string; uid: string }
  | { type: 'event'; eventType: 'Normal' | 'Warning'; reason: string; message: string }
  | { type: 'updateStatus'; revision: string | undefined; status: DeploymentStatus };

export interface DeploymentPlan {
  actions: DeploymentAction[];
  /** When to sync again to check the progress deadline. */
  recheckAt?: number;
}

/** A hash collision: the sync stops after bumping status.collisionCount. */
class Halt extends Error {}

const clone = <T>(v: T): T => deepClone(v);

/** A working copy of a stored object; its managedFields (large, and never read here) are left out. */
const workingCopy = <T extends { metadata: { managedFields?: unknown } }>(o: T): T => clone({ ...o, metadata: { ...o.metadata, managedFields: undefined } });

/** Upstream's message for a failed ReplicaSet create, and the condition it sets. */
export function failedCreateCondition(name: string, err: string, now: number) {
  return { message: `Failed to create new replica set "${name}": ${err}`, condition: newCondition('Progressing', 'False', FAILED_RS_CREATE, `Failed to create new replica set "${name}": ${err}`, now) };
}

class Planner {
  readonly actions: DeploymentAction[] = [];
  readonly d: StoredDeployment;
  private rsList: StoredReplicaSet[];

  constructor(private readonly input: DeploymentInput) {
    this.d = workingCopy(input.deployment);
    this.d.status ??= {};
    this.rsList = input.replicaSets.map(workingCopy);
  }

  private get now() {
    return this.input.now;
  }

  private event(reason: string, message: string, eventType: 'Normal' | 'Warning' = 'Normal') {
    this.actions.push({ type: 'event', eventType, reason, message });
  }

  private pushUpdate(rs: StoredReplicaSet) {
    const existing = this.actions.findIndex((a) => a.type === 'updateReplicaSet' && a.name === rs.metadata.name);
    const action: DeploymentAction = {
      type: 'updateReplicaSet',
      name: rs.metadata.name,
      replicas: replicasOf(rs),
      annotations: { ...rs.metadata.annotations },
      minReadySeconds: rs.spec?.minReadySeconds ?? 0,
    };
    if (existing >= 0) this.actions.splice(existing, 1);
    this.actions.push(action);
  }

  private setRevision(revision: string) {
    const a = (this.d.metadata.annotations ??= {});
    if (a[REVISION] !== revision) a[REVISION] = revision;
  }

  /** getAllReplicaSetsAndSyncRevision. */
  allReplicaSets(create: boolean): { newRS?: StoredReplicaSet; oldRSs: StoredReplicaSet[] } {
    const d = this.d;
    const sorted = [...this.rsList].sort(byCreation);
    const existing = sorted.find((rs) => equalIgnoreHash(rs.spec?.template, d.spec?.template));
    const oldRSs = sorted.filter((rs) => rs !== existing);
    const newRevision = Math.max(0, ...oldRSs.map(revisionOf)) + 1;
    if (existing) {
      const annotationsUpdated = setNewReplicaSetAnnotations(d, existing, newRevision, true);
      const minReady = d.spec?.minReadySeconds ?? 0;
      if (annotationsUpdated || (existing.spec?.minReadySeconds ?? 0) !== minReady) {
        existing.spec = { ...existing.spec!, minReadySeconds: minReady };
        this.pushUpdate(existing);
        return { newRS: existing, oldRSs };
      }
      this.setRevision(existing.metadata.annotations?.[REVISION] ?? '');
      if (hasProgressDeadline(d) && !getCondition(d.status, 'Progressing')) {
        setCondition(d.status!, newCondition('Progressing', 'True', FOUND_NEW_RS, `Found new replica set "${existing.metadata.name}"`, this.now));
      }
      return { newRS: existing, oldRSs };
    }
    if (!create) return { oldRSs };

    const hash = computeHash(d.spec?.template, d.status?.collisionCount);
    const name = `${d.metadata.name}-${hash}`;
    const template = clone(d.spec!.template);
    template.metadata = { ...template.metadata, labels: { ...template.metadata?.labels, [POD_TEMPLATE_HASH]: hash } };
    const selector = clone(d.spec!.selector);
    selector.matchLabels = { ...selector.matchLabels, [POD_TEMPLATE_HASH]: hash };
    const newRS: StoredReplicaSet = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name,
        namespace: d.metadata.namespace,
        labels: { ...template.metadata.labels },
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: d.metadata.name, uid: d.metadata.uid, controller: true, blockOwnerDeletion: true }],
        uid: '',
        resourceVersion: '',
        creationTimestamp: new Date(this.now).toISOString().slice(0, 19) + 'Z',
      },
      spec: { replicas: 0, minReadySeconds: d.spec?.minReadySeconds ?? 0, selector, template },
    };
    const taken = this.input.takenNames.get(name);
    if (taken) {
      // Ours but not claimed yet would have matched above; anything else is a hash collision.
      d.status!.collisionCount = (d.status!.collisionCount ?? 0) + 1;
      throw new Halt();
    }
    const replicas = newRSNewReplicas(d, [...oldRSs, newRS], newRS);
    newRS.spec!.replicas = replicas;
    setNewReplicaSetAnnotations(d, newRS, newRevision, false);
    const { uid: _uid, resourceVersion: _rv, creationTimestamp: _ct, ...metadata } = newRS.metadata;
    this.actions.push({ type: 'createReplicaSet', replicaSet: { ...newRS, metadata: clone(metadata) } });
    if (replicas > 0) this.event('ScalingReplicaSet', `Scaled up replica set ${name} from 0 to ${replicas}`);
    this.setRevision(String(newRevision));
    if (hasProgressDeadline(d)) setCondition(d.status!, newCondition('Progressing', 'True', NEW_RS_CREATED, `Created new replica set "${name}"`, this.now));
    this.rsList.push(newRS);
    return { newRS, oldRSs };
  }

  /** scaleReplicaSet: sets the size and the replica annotations; the event only when the size moves. */
  private scaleReplicaSet(rs: StoredReplicaSet, newScale: number, op: string): boolean {
    const d = this.d;
    const desired = desiredReplicas(d);
    const max = desired + maxSurge(d);
    const sizeNeeds = replicasOf(rs) !== newScale;
    if (!sizeNeeds && !replicasAnnotationsNeedUpdate(rs, desired, max)) return false;
    const old = replicasOf(rs);
    rs.spec = { ...rs.spec!, replicas: newScale };
    setReplicasAnnotations(rs, desired, max);
    this.pushUpdate(rs);
    if (sizeNeeds) this.event('ScalingReplicaSet', `Scaled ${op} replica set ${rs.metadata.name} from ${old} to ${newScale}`);
    return sizeNeeds;
  }

  private scaleAndRecord(rs: StoredReplicaSet, newScale: number): boolean {
    if (replicasOf(rs) === newScale) return false;
    return this.scaleReplicaSet(rs, newScale, replicasOf(rs) < newScale ? 'up' : 'down');
  }

  /** isScalingEvent: an active ReplicaSet was sized for a different spec.replicas. */
  isScalingEvent(): boolean {
    const { newRS, oldRSs } = this.allReplicaSets(false);
    return active([...oldRSs, ...(newRS ? [newRS] : [])]).some((rs) => {
      const v = rs.metadata.annotations?.[DESIRED_REPLICAS];
      return v !== undefined && /^\d+$/.test(v) && Number(v) !== desiredReplicas(this.d);
    });
  }

  /** checkPausedConditions: Progressing Unknown while paused, so a resume does not time out at once. */
  checkPausedConditions(): void {
    const d = this.d;
    if (!hasProgressDeadline(d)) return;
    const cond = getCondition(d.status, 'Progressing');
    if (cond?.reason === TIMED_OUT) return;
    const pausedCond = cond?.reason === PAUSED;
    if (d.spec?.paused && !pausedCond) setCondition(d.status!, newCondition('Progressing', 'Unknown', PAUSED, 'Deployment is paused', this.now));
    else if (!d.spec?.paused && pausedCond) setCondition(d.status!, newCondition('Progressing', 'Unknown', RESUMED, 'Deployment is resumed', this.now));
  }

  /** sync: scaling and pausing, without moving the rollout on. */
  sync(): void {
    const { newRS, oldRSs } = this.allReplicaSets(false);
    this.scale(newRS, oldRSs);
    if (this.d.spec?.paused) this.cleanup(oldRSs);
    this.d.status = this.calculateStatus([...oldRSs, ...(newRS ? [newRS] : [])], newRS);
  }

  syncStatusOnly(): void {
    const { newRS, oldRSs } = this.allReplicaSets(false);
    this.d.status = this.calculateStatus([...oldRSs, ...(newRS ? [newRS] : [])], newRS);
  }

  /** scale: one active ReplicaSet takes the whole size; otherwise proportionally (rolling updates). */
  private scale(newRS: StoredReplicaSet | undefined, oldRSs: StoredReplicaSet[]): void {
    const d = this.d;
    const desired = desiredReplicas(d);
    const activeOrLatest = findActiveOrLatest(newRS, oldRSs);
    if (activeOrLatest || (!newRS && !oldRSs.length)) {
      if (activeOrLatest && replicasOf(activeOrLatest) !== desired) this.scaleAndRecord(activeOrLatest, desired);
      return;
    }
    if (newRS && isSaturated(d, newRS)) {
      for (const old of active(oldRSs)) this.scaleAndRecord(old, 0);
      return;
    }
    if (!isRollingUpdate(d)) return;
    const all = active([...oldRSs, ...(newRS ? [newRS] : [])]);
    const allowed = desired > 0 ? desired + maxSurge(d) : 0;
    const toAdd = allowed - sumSpecReplicas(all);
    let op = '';
    if (toAdd > 0) {
      all.sort((a, b) => replicasOf(b) - replicasOf(a) || -byCreation(a, b));
      op = 'up';
    } else if (toAdd < 0) {
      all.sort((a, b) => replicasOf(b) - replicasOf(a) || byCreation(a, b));
      op = 'down';
    }
    let added = 0;
    const sizes = new Map<StoredReplicaSet, number>();
    for (const rs of all) {
      if (toAdd !== 0) {
        const p = this.proportion(rs, toAdd, added);
        sizes.set(rs, replicasOf(rs) + p);
        added += p;
      } else sizes.set(rs, replicasOf(rs));
    }
    all.forEach((rs, i) => {
      if (i === 0 && toAdd !== 0) sizes.set(rs, Math.max(0, sizes.get(rs)! + toAdd - added));
      this.scaleReplicaSet(rs, sizes.get(rs)!, op);
    });
  }

  /** GetProportion. */
  private proportion(rs: StoredReplicaSet, toAdd: number, added: number): number {
    const d = this.d;
    if (replicasOf(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
    let fraction: number;
    if (desiredReplicas(d) === 0) fraction = -replicasOf(rs);
    else {
      const deploymentReplicas = desiredReplicas(d) + maxSurge(d);
      const v = rs.metadata.annotations?.[MAX_REPLICAS];
      const annotated = v !== undefined && /^\d+$/.test(v) ? Number(v) : (d.status?.replicas ?? 0);
      fraction = Math.round((replicasOf(rs) * deploymentReplicas) / annotated) - replicasOf(rs);
    }
    const allowed = toAdd - added;
    return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
  }

  rolloutRolling(): void {
    const { newRS, oldRSs } = this.allReplicaSets(true);
    const all = [...oldRSs, newRS!];
    if (this.reconcileNewReplicaSet(all, newRS!) || this.reconcileOldReplicaSets(all, active(oldRSs), newRS!)) {
      this.syncRolloutStatus(all, newRS);
      return;
    }
    if (deploymentComplete(this.input.deployment, this.input.deployment.status ?? {})) this.cleanup(oldRSs);
    this.syncRolloutStatus(all, newRS);
  }

  private reconcileNewReplicaSet(all: StoredReplicaSet[], newRS: StoredReplicaSet): boolean {
    const desired = desiredReplicas(this.d);
    if (replicasOf(newRS) === desired) return false;
    if (replicasOf(newRS) > desired) return this.scaleAndRecord(newRS, desired);
    return this.scaleAndRecord(newRS, newRSNewReplicas(this.d, all, newRS));
  }

  private reconcileOldReplicaSets(all: StoredReplicaSet[], oldRSs: StoredReplicaSet[], newRS: StoredReplicaSet): boolean {
    const d = this.d;
    if (sumSpecReplicas(oldRSs) === 0) return false;
    const minAvailable = desiredReplicas(d) - maxUnavailable(d);
    const newUnavailable = replicasOf(newRS) - (newRS.status?.availableReplicas ?? 0);
    const maxScaledDown = sumSpecReplicas(all) - minAvailable - newUnavailable;
    if (maxScaledDown <= 0) return false;
    // Unhealthy old replicas go first, or they would block the rollout.
    let cleaned = 0;
    for (const rs of [...oldRSs].sort(byCreation)) {
      if (cleaned >= maxScaledDown) break;
      const available = rs.status?.availableReplicas ?? 0;
      if (replicasOf(rs) === 0 || replicasOf(rs) === available) continue;
      const n = Math.min(maxScaledDown - cleaned, replicasOf(rs) - available);
      this.scaleAndRecord(rs, replicasOf(rs) - n);
      cleaned += n;
    }
    // Then scale down old ReplicaSets while availability stays above minAvailable.
    let scaled = 0;
    const availableCount = sumStatus(all, 'availableReplicas');
    if (availableCount > minAvailable) {
      const total = availableCount - minAvailable;
      for (const rs of [...oldRSs].sort(byCreation)) {
        if (scaled >= total) break;
        if (replicasOf(rs) === 0) continue;
        const n = Math.min(replicasOf(rs), total - scaled);
        this.scaleAndRecord(rs, replicasOf(rs) - n);
        scaled += n;
      }
    }
    return cleaned + scaled > 0;
  }

  rolloutRecreate(): void {
    let { newRS, oldRSs } = this.allReplicaSets(false);
    let all = [...oldRSs, ...(newRS ? [newRS] : [])];
    let scaledDown = false;
    for (const rs of active(oldRSs)) if (this.scaleAndRecord(rs, 0)) scaledDown = true;
    if (scaledDown || this.oldPodsRunning(newRS, oldRSs)) {
      this.syncRolloutStatus(all, newRS);
      return;
    }
    if (!newRS) {
      ({ newRS, oldRSs } = this.allReplicaSets(true));
      all = [...oldRSs, newRS!];
    }
    this.scaleAndRecord(newRS!, desiredReplicas(this.d));
    if (deploymentComplete(this.input.deployment, this.input.deployment.status ?? {})) this.cleanup(oldRSs);
    this.syncRolloutStatus(all, newRS);
  }

  /** oldPodsRunning: old ReplicaSets still report replicas, or a pod of theirs has not finished. */
  private oldPodsRunning(newRS: StoredReplicaSet | undefined, oldRSs: StoredReplicaSet[]): boolean {
    if (sumStatus(oldRSs, 'replicas') > 0) return true;
    for (const [uid, pods] of this.input.podsByReplicaSet) {
      if (newRS && newRS.metadata.uid === uid) continue;
      if (pods.some((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed')) return true;
    }
    return false;
  }

  /** cleanupDeployment: keep revisionHistoryLimit old ReplicaSets, deleting the oldest empty ones. */
  private cleanup(oldRSs: StoredReplicaSet[]): void {
    const limit = this.d.spec?.revisionHistoryLimit;
    if (limit === undefined) return;
    const cleanable = oldRSs.filter((rs) => !rs.metadata.deletionTimestamp);
    const diff = cleanable.length - limit;
    if (diff <= 0) return;
    cleanable.sort((a, b) => revisionOf(a) - revisionOf(b) || byCreation(a, b));
    for (const rs of cleanable.slice(0, diff)) {
      if ((rs.status?.replicas ?? 0) !== 0 || replicasOf(rs) !== 0 || (rs.metadata.generation ?? 0) > (rs.status?.observedGeneration ?? 0)) continue;
      this.actions.push({ type: 'deleteReplicaSet', name: rs.metadata.name, uid: rs.metadata.uid });
    }
  }

  /** calculateStatus. */
  calculateStatus(all: StoredReplicaSet[], newRS: StoredReplicaSet | undefined): DeploymentStatus {
    const d = this.d;
    const available = sumStatus(all, 'availableReplicas');
    const status: DeploymentStatus = {};
    const observed = d.metadata.generation ?? 0;
    if (observed) status.observedGeneration = observed;
    const replicas = sumStatus(all, 'replicas');
    if (replicas) status.replicas = replicas;
    const updated = newRS ? (newRS.status?.replicas ?? 0) : 0;
    if (updated) status.updatedReplicas = updated;
    const ready = sumStatus(all, 'readyReplicas');
    if (ready) status.readyReplicas = ready;
    if (available) status.availableReplicas = available;
    const unavailable = Math.max(0, sumSpecReplicas(all) - available);
    if (unavailable) status.unavailableReplicas = unavailable;
    if (all.some((rs) => rs.status?.terminatingReplicas !== undefined)) status.terminatingReplicas = all.reduce((n, rs) => n + (rs.status?.terminatingReplicas ?? 0), 0);
    if (d.status?.collisionCount !== undefined) status.collisionCount = d.status.collisionCount;
    if (d.status?.conditions) status.conditions = d.status.conditions.map((c) => ({ ...c }));
    if (available >= desiredReplicas(d) - maxUnavailable(d)) setCondition(status, newCondition('Available', 'True', MIN_AVAILABLE, 'Deployment has minimum availability.', this.now));
    else setCondition(status, newCondition('Available', 'False', MIN_UNAVAILABLE, 'Deployment does not have minimum availability.', this.now));
    return status;
  }

  /** syncRolloutStatus: counts plus the Progressing condition (complete, progressing or timed out). */
  private syncRolloutStatus(all: StoredReplicaSet[], newRS: StoredReplicaSet | undefined): void {
    const d = this.d;
    const status = this.calculateStatus(all, newRS);
    if (!hasProgressDeadline(d)) removeCondition(status, 'Progressing');
    const current = getCondition(d.status, 'Progressing');
    const complete = (status.replicas ?? 0) === (status.updatedReplicas ?? 0) && current?.reason === NEW_RS_AVAILABLE;
    if (hasProgressDeadline(d) && !complete) {
      const rsName = newRS?.metadata.name;
      if (deploymentComplete(d, status)) {
        const msg = rsName ? `ReplicaSet "${rsName}" has successfully progressed.` : `Deployment "${d.metadata.name}" has successfully progressed.`;
        setCondition(status, newCondition('Progressing', 'True', NEW_RS_AVAILABLE, msg, this.now));
      } else if (deploymentProgressing(d, status)) {
        const msg = rsName ? `ReplicaSet "${rsName}" is progressing.` : `Deployment "${d.metadata.name}" is progressing.`;
        const c = newCondition('Progressing', 'True', RS_UPDATED, msg, this.now);
        if (current) {
          if (current.status === 'True') c.lastTransitionTime = current.lastTransitionTime;
          removeCondition(status, 'Progressing');
        }
        setCondition(status, c);
      } else if (deploymentTimedOut(d, status, this.now)) {
        const msg = rsName ? `ReplicaSet "${rsName}" has timed out progressing.` : `Deployment "${d.metadata.name}" has timed out progressing.`;
        setCondition(status, newCondition('Progressing', 'False', TIMED_OUT, msg, this.now));
      }
    }
    const failures = replicaFailures(all, newRS);
    if (failures) setCondition(status, failures);
    else removeCondition(status, 'ReplicaFailure');
    d.status = status;
  }
}

function active(rss: StoredReplicaSet[]): StoredReplicaSet[] {
  return rss.filter((rs) => replicasOf(rs) > 0);
}

/** FindActiveOrLatest: the one active ReplicaSet, or the newest when none is active. */
function findActiveOrLatest(newRS: StoredReplicaSet | undefined, oldRSs: StoredReplicaSet[]): StoredReplicaSet | undefined {
  if (!newRS && !oldRSs.length) return undefined;
  const olds = [...oldRSs].sort((a, b) => -byCreation(a, b));
  const all = active([...olds, ...(newRS ? [newRS] : [])]);
  if (all.length === 0) return newRS ?? olds[0];
  return all.length === 1 ? all[0] : undefined;
}

function isSaturated(d: StoredDeployment, rs: StoredReplicaSet): boolean {
  const desired = desiredReplicas(d);
  return rs.metadata.annotations?.[DESIRED_REPLICAS] === String(desired) && replicasOf(rs) === desired && (rs.status?.availableReplicas ?? 0) === desired;
}

/** getReplicaFailures: the new ReplicaSet's ReplicaFailure condition first, else an old one's. */
function replicaFailures(all: StoredReplicaSet[], newRS: StoredReplicaSet | undefined) {
  const find = (rs: StoredReplicaSet | undefined) => rs?.status?.conditions?.find((c) => c.type === 'ReplicaFailure');
  const c = find(newRS) ?? all.map(find).find((x) => x);
  if (!c) return undefined;
  return { type: 'ReplicaFailure', status: c.status, lastUpdateTime: c.lastTransitionTime, lastTransitionTime: c.lastTransitionTime, reason: c.reason, message: c.message };
}

/** syncDeployment's decision tree for one Deployment. */
export function planDeployment(input: DeploymentInput): DeploymentPlan {
  const p = new Planner(input);
  const d = input.deployment;
  try {
    if (d.metadata.deletionTimestamp) p.syncStatusOnly();
    else {
      p.checkPausedConditions();
      if (p.d.spec?.paused || p.isScalingEvent()) p.sync();
      else if (isRollingUpdate(d)) p.rolloutRolling();
      else p.rolloutRecreate();
    }
  } catch (e) {
    if (!(e instanceof Halt)) throw e;
  }
  const revision = p.d.metadata.annotations?.[REVISION];
  const statusChanged = !deepEqual(p.d.status ?? {}, d.status ?? {});
  const revisionChanged = revision !== d.metadata.annotations?.[REVISION];
  const actions = [...p.actions];
  if (statusChanged || revisionChanged) actions.push({ type: 'updateStatus', revision, status: p.d.status ?? {} });
  const deadline = d.spec?.paused || deploymentComplete(d, p.d.status ?? {}) ? undefined : progressDeadline(d, p.d.status ?? {});
  return { actions, recheckAt: deadline === undefined ? undefined : deadline + 1000 };
}

/** The pods of each owned ReplicaSet, by its uid (getPodMapForDeployment). */
export function podsByReplicaSet(replicaSets: StoredReplicaSet[], pods: StoredPod[]): Map<string, StoredPod[]> {
  const uids = new Set(replicaSets.map((rs) => rs.metadata.uid));
  const out = new Map<string, StoredPod[]>();
  for (const rs of replicaSets) out.set(rs.metadata.uid, []);
  for (const pod of pods) {
    const ref = controllerOf(pod);
    if (ref && uids.has(ref.uid)) out.get(ref.uid)!.push(pod);
  }
  return out;
}
