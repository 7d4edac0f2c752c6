// The StatefulSet controller's planning step (upstream stateful_set_control.go updateStatefulSet):
// from the set, its pods and claims and its current/update revisions, the next writes and the
// status. OrderedReady (monotonic) sets act on one pod at a time — create the lowest missing
// ordinal only once every lower one is Running and Ready (and available after minReadySeconds),
// delete the highest condemned ordinal first — Parallel sets act on all at once. RollingUpdate
// replaces pods at ordinals ≥ partition from the highest down, at most maxUnavailable at a time;
// OnDelete leaves that to the user. Failed or Succeeded pods are deleted to be recreated.
import type * as apps from '../../../generated/k8s/apps/v1.ts';
import type * as core from '../../../generated/k8s/core/v1.ts';
import { deepEqual, type OwnerReference } from '../../../apimachinery/object.ts';
import { claimsFor, getOrdinal, inOrdinalRange, newStatefulSetPod, REVISION_LABEL, replicaCount, startOrdinal, type StoredStatefulSet } from './identity.ts';
import { availableAt, isPodAvailable, isPodReady, isTerminating, type PersistentVolumeClaim, type Pod } from './pod-state.ts';

export interface RevisionRef {
  name: string;
  template: core.PodTemplateSpec | undefined;
}

export interface StatefulSetState {
  set: StoredStatefulSet;
  /** The pods the set controls. */
  pods: readonly Pod[];
  /** The namespace's claims by name. */
  claims: ReadonlyMap<string, PersistentVolumeClaim>;
  current: RevisionRef;
  update: RevisionRef;
  collisionCount: number;
  now: number;
}

export type StatefulSetAction =
  /** Create the pod, its missing claims first. */
  | { type: 'createPod'; pod: Pod; claims: PersistentVolumeClaim[] }
  /** Create the missing claims of an existing (pending) pod. */
  | { type: 'createClaims'; pod: Pod; claims: PersistentVolumeClaim[] }
  | { type: 'deletePod'; pod: Pod }
  /** Rewrite a claim's owner references for the retention policy. */
  | { type: 'updateClaim'; claim: PersistentVolumeClaim };

export interface StatefulSetPlan {
  actions: StatefulSetAction[];
  status: apps.StatefulSetStatus;
  /** Sync again after this long (a ready pod becoming available after minReadySeconds). */
  requeueAfterMs?: number;
}

const isCreated = (pod: Pod | undefined): pod is Pod => !!pod;
const phase = (pod: Pod): string | undefined => pod.status?.phase;
const runningAndReady = (pod: Pod): boolean => phase(pod) === 'Running' && isPodReady(pod);
const healthy = (pod: Pod): boolean => runningAndReady(pod) && !isTerminating(pod);
const revisionOf = (pod: Pod): string | undefined => pod.metadata.labels?.[REVISION_LABEL];

/** The claim owner references the retention policy asks for (updateClaimOwnerRefForSetAndPod). */
export function desiredClaimOwners(claim: PersistentVolumeClaim, set: StoredStatefulSet, pod: Pod | undefined, inRange: boolean): OwnerReference[] | undefined {
  const refs = claim.metadata.ownerReferences ?? [];
  const isSet = (r: OwnerReference) => r.kind === 'StatefulSet' && r.name === set.metadata.name;
  const isPod = (r: OwnerReference) => !!pod && r.kind === 'Pod' && r.name === pod.metadata.name;
  // A claim some other controller owns is left to it, without refs to our set or pod.
  const unexpected = refs.some((r) => r.controller && !isSet(r) && !isPod(r));
  const out = refs.filter((r) => !isSet(r) && !isPod(r));
  if (!unexpected) {
    const policy = set.spec?.persistentVolumeClaimRetentionPolicy;
    const whenScaled = policy?.whenScaled ?? 'Retain';
    const whenDeleted = policy?.whenDeleted ?? 'Retain';
    const ref = (o: { apiVersion?: string; kind?: string; metadata: { name?: string; uid?: string } }, apiVersion: string, kind: string): OwnerReference => ({
      apiVersion,
      kind,
      name: o.metadata.name!,
      uid: o.metadata.uid!,
      controller: true,
      blockOwnerDeletion: true,
    });
    if (whenScaled === 'Delete' && !inRange && pod?.metadata.uid) out.push(ref(pod, 'v1', 'Pod'));
    else if (whenDeleted === 'Delete' && inRange) out.push(ref(set, 'apps/v1', 'StatefulSet'));
  }
  return out.length > 0 ? out : undefined;
}

function claimUpdates(state: StatefulSetState, pod: Pod, ordinal: number, inRange: boolean): StatefulSetAction[] {
  const out: StatefulSetAction[] = [];
  for (const want of claimsFor(state.set, ordinal)) {
    const claim = state.claims.get(want.metadata.name!);
    if (!claim || claim.metadata.deletionTimestamp) continue;
    const owners = desiredClaimOwners(claim, state.set, pod, inRange);
    if (!deepEqual(owners ?? [], claim.metadata.ownerReferences ?? [])) {
      const next = structuredClone(claim);
      if (owners) next.metadata.ownerReferences = owners;
      else delete next.metadata.ownerReferences;
      out.push({ type: 'updateClaim', claim: next });
    }
  }
  return out;
}

function missingClaims(state: StatefulSetState, ordinal: number): PersistentVolumeClaim[] {
  return claimsFor(state.set, ordinal)
    .filter((c) => !state.claims.has(c.metadata.name!))
    .map((c) => {
      const owners = desiredClaimOwners(c, state.set, undefined, true);
      if (owners) c.metadata.ownerReferences = owners;
      return c;
    });
}

function countStatus(state: StatefulSetState, pods: readonly Pod[]): apps.StatefulSetStatus {
  const minReady = state.set.spec?.minReadySeconds ?? 0;
  let replicas = 0;
  let ready = 0;
  let available = 0;
  let current = 0;
  let updated = 0;
  for (const pod of pods) {
    replicas++;
    if (runningAndReady(pod)) {
      ready++;
      if (isPodAvailable(pod, minReady, state.now)) available++;
    }
    if (!isTerminating(pod)) {
      if (revisionOf(pod) === state.current.name) current++;
      if (revisionOf(pod) === state.update.name) updated++;
    }
  }
  const status: apps.StatefulSetStatus = { replicas, availableReplicas: available };
  if (state.set.metadata.generation) status.observedGeneration = state.set.metadata.generation;
  if (ready) status.readyReplicas = ready;
  if (current) status.currentReplicas = current;
  if (updated) status.updatedReplicas = updated;
  status.currentRevision = state.current.name;
  status.updateRevision = state.update.name;
  status.collisionCount = state.collisionCount;
  return status;
}

/** updateStatefulSet + completeRollingUpdate. */
export function planStatefulSet(state: StatefulSetState): StatefulSetPlan {
  const { set } = state;
  const actions: StatefulSetAction[] = [];
  const start = startOrdinal(set);
  const count = replicaCount(set);
  const minReady = set.spec?.minReadySeconds ?? 0;
  const monotonic = set.spec?.podManagementPolicy !== 'Parallel';
  const rolling = (set.spec?.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
  const partition = set.spec?.updateStrategy?.rollingUpdate?.partition ?? 0;

  const replicas: Array<Pod | undefined> = new Array<Pod | undefined>(count).fill(undefined);
  const condemned: Array<{ pod: Pod; ordinal: number }> = [];
  for (const pod of state.pods) {
    const ord = getOrdinal(set, pod.metadata.name!);
    if (ord < 0) continue;
    if (inOrdinalRange(set, ord)) replicas[ord - start] = pod;
    else condemned.push({ pod, ordinal: ord });
  }
  condemned.sort((a, b) => b.ordinal - a.ordinal);

  let requeueAfterMs: number | undefined;
  const waitForAvailable = (pod: Pod) => {
    const at = availableAt(pod, minReady);
    if (at !== undefined && at > state.now) requeueAfterMs = Math.min(requeueAfterMs ?? Infinity, at - state.now);
  };
  for (const pod of state.pods) waitForAvailable(pod);

  // The first unhealthy pod (a missing replica counts, as the pod to be created), lowest ordinal first.
  let firstUnhealthy: Pod | undefined;
  let found = false;
  for (const pod of replicas) {
    if (!found && (!pod || !healthy(pod))) [found, firstUnhealthy] = [true, pod];
  }
  for (let i = condemned.length - 1; i >= 0; i--) {
    if (!found && !healthy(condemned[i]!.pod)) [found, firstUnhealthy] = [true, condemned[i]!.pod];
  }

  const status = countStatus(state, state.pods);
  const done = (): StatefulSetPlan => ({ actions, status: completeRollingUpdate(set, status, rolling), requeueAfterMs });
  if (set.metadata.deletionTimestamp) return done();

  // Living replicas, lowest ordinal first.
  let blocked = false;
  for (let i = 0; i < count && !blocked; i++) {
    const ord = start + i;
    const pod = replicas[i];
    if (isCreated(pod) && (phase(pod) === 'Failed' || phase(pod) === 'Succeeded')) {
      if (!isTerminating(pod)) actions.push({ type: 'deletePod', pod });
      if (monotonic) blocked = true;
      continue;
    }
    if (!isCreated(pod)) {
      const useCurrent = rolling && ord < start + partition;
      const rev = useCurrent ? state.current : state.update;
      actions.push({ type: 'createPod', pod: newStatefulSetPod(set, rev.template, ord, rev.name), claims: missingClaims(state, ord) });
      if (monotonic) blocked = true;
      continue;
    }
    if (phase(pod) === 'Pending') {
      const missing = missingClaims(state, ord);
      if (missing.length > 0) actions.push({ type: 'createClaims', pod, claims: missing });
    }
    if (monotonic && (isTerminating(pod) || !runningAndReady(pod) || !isPodAvailable(pod, minReady, state.now))) {
      blocked = true;
      continue;
    }
    actions.push(...claimUpdates(state, pod, ord, true));
  }
  if (blocked) return done();

  // Claims of condemned pods change hands before the pods go (whenScaled: Delete).
  for (const { pod, ordinal } of condemned) actions.push(...claimUpdates(state, pod, ordinal, false));

  // Condemned pods, highest ordinal first.
  for (const { pod } of condemned) {
    if (isTerminating(pod)) {
      if (monotonic) return done();
      continue;
    }
    if (monotonic && pod !== firstUnhealthy && (!runningAndReady(pod) || !isPodAvailable(pod, minReady, state.now))) return done();
    actions.push({ type: 'deletePod', pod });
    if (monotonic) return done();
  }

  if (!rolling) return done();

  // updateStatefulSetAfterInvariantEstablished: replace up to maxUnavailable pods from the top.
  const maxUnavailable = scaledMaxUnavailable(set.spec?.updateStrategy?.rollingUpdate?.maxUnavailable, count);
  let unavailable = 0;
  for (const pod of replicas) if (!pod || !healthy(pod)) unavailable++;
  if (unavailable >= maxUnavailable) return done();
  let toDelete = maxUnavailable - unavailable;
  for (let i = count - 1; i >= partition && toDelete > 0; i--) {
    const pod = replicas[i];
    if (pod && revisionOf(pod) !== state.update.name && !isTerminating(pod)) {
      actions.push({ type: 'deletePod', pod });
      toDelete--;
      if (status.currentReplicas) status.currentReplicas--;
      if (!status.currentReplicas) delete status.currentReplicas;
    }
  }
  return done();
}

/** getStatefulSetMaxUnavailable: an int or a percentage of replicas rounded down, at least 1. */
export function scaledMaxUnavailable(value: number | string | undefined, replicas: number): number {
  let n = 1;
  if (typeof value === 'number') n = value;
  else if (typeof value === 'string' && /^\d+%$/.test(value)) n = Math.floor((Number.parseInt(value, 10) * replicas) / 100);
  return Math.max(1, n);
}

/** completeRollingUpdate: once every replica is updated and ready, the update revision becomes current. */
function completeRollingUpdate(set: StoredStatefulSet, status: apps.StatefulSetStatus, rolling: boolean): apps.StatefulSetStatus {
  const count = replicaCount(set);
  if (rolling && (status.updatedReplicas ?? 0) === count && (status.readyReplicas ?? 0) === count && status.replicas === count) {
    status.currentRevision = status.updateRevision;
    if (status.updatedReplicas) status.currentReplicas = status.updatedReplicas;
    else delete status.currentReplicas;
  }
  return status;
}
