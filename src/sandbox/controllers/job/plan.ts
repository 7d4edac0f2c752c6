// The Job controller's plan (upstream job_controller.go syncJob, manageJob and
// trackJobStatusAndRemoveFinalizers) as a pure function of the Job, its pods, its back-off record
// and the time: which pods to create or delete, which tracking finalizers to remove, the status
// to write and the events to record. Pods are counted through the job-tracking finalizer: a
// finished pod's UID goes to status.uncountedTerminatedPods, its finalizer is removed, and the
// next sync moves it into succeeded/failed. A Job that meets its completions first gets
// SuccessCriteriaMet, one that fails FailureTarget; Complete/Failed follow once every pod is
// counted and none is terminating (1.36 with JobManagedBy/JobPodReplacementPolicy on).
import { deepClone, deepEqual } from '../../../apimachinery/object.ts';
import type * as batch from '../../../generated/k8s/batch/v1.ts';
import type { JobStatus } from '../../registry/batch/job/types.ts';
import { type BackoffRecord, NO_BACKOFF, nextBackoffRecord, remainingBackoff } from './backoff.ts';
import { calculateFailedIndexes, hasBackoffLimitPerIndex, podsWithDelayedDeletion, remainingTimePerIndex, replacementAnnotations } from './backoff-per-index.ts';
import { matchPodFailurePolicy } from './pod-failure-policy.ts';
import { matchSuccessPolicy } from './success-policy.ts';
import { completionIndexOf, firstPendingIndexes, formatIndexes, hasIndex, type Intervals, parseIndexes, totalIndexes, withIndexes } from './indexes.ts';
import {
  hasTrackingFinalizer,
  isActive,
  isIndexedJob,
  isPodFailed,
  isReady,
  isTerminating,
  onlyReplaceFailedPods,
  type Pod,
  type StoredJob,
} from './pods.ts';

/** MaxPodCreateDeletePerSync */
const MAX_POD_CREATE_DELETE_PER_SYNC = 500;

export type JobCondition = batch.JobCondition;

export interface JobEvent {
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
}

export interface PodDeletion {
  name: string;
  /** manageJob's deletions (suspend, too many pods) untrack the pod first so it is not counted. */
  removeFinalizerFirst: boolean;
}

export interface JobPlanInput {
  job: StoredJob;
  /** The pods the Job controls. */
  pods: Pod[];
  backoff: BackoffRecord;
  now: number;
}

export interface JobPlan {
  deletePods: PodDeletion[];
  /** One entry per pod to create: its completion index for Indexed Jobs, extra annotations. */
  createPods: Array<{ index?: number; annotations?: Record<string, string> }>;
  status: JobStatus;
  statusChanged: boolean;
  removeFinalizers: string[];
  events: JobEvent[];
  requeueAfterMs?: number;
  backoff: BackoffRecord;
}

function rfc3339(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

function newCondition(type: string, status: 'True' | 'False', reason: string, message: string, now: number): JobCondition {
  return { type, status, lastProbeTime: rfc3339(now), lastTransitionTime: rfc3339(now), reason, message };
}

function findCondition(list: JobCondition[] | undefined, type: string): JobCondition | undefined {
  return (list ?? []).find((c) => c.type === type);
}

function trueCondition(list: JobCondition[] | undefined, type: string): JobCondition | undefined {
  const c = findCondition(list, type);
  return c?.status === 'True' ? c : undefined;
}

/** Complete or Failed is True: the controller leaves the Job alone. */
export function isJobFinished(job: { status?: JobStatus }): boolean {
  return !!(trueCondition(job.status?.conditions, 'Complete') || trueCondition(job.status?.conditions, 'Failed'));
}

/** ensureJobConditionStatus: sets or updates a condition; never adds one that is False. */
function ensureCondition(status: JobStatus, type: string, value: 'True' | 'False', reason: string, message: string, now: number): boolean {
  const list = (status.conditions ??= []);
  const existing = list.find((c) => c.type === type);
  if (existing) {
    if (existing.status === value && existing.reason === reason && existing.message === message) return false;
    Object.assign(existing, newCondition(type, value, reason, message, now));
    return true;
  }
  if (value === 'False') {
    if (list.length === 0) delete status.conditions;
    return false;
  }
  list.push(newCondition(type, value, reason, message, now));
  return true;
}

/** Sum of container restarts of running or pending pods against backoffLimit (restartPolicy OnFailure). */
function pastBackoffLimitOnFailure(job: StoredJob, pods: Pod[]): boolean {
  if (job.spec?.template?.spec?.restartPolicy !== 'OnFailure') return false;
  let restarts = 0;
  for (const p of pods) {
    if (p.status?.phase !== 'Running' && p.status?.phase !== 'Pending') continue;
    for (const s of [...(p.status?.initContainerStatuses ?? []), ...(p.status?.containerStatuses ?? [])]) restarts += s.restartCount ?? 0;
  }
  const limit = job.spec?.backoffLimit ?? 6;
  return limit === 0 ? restarts > 0 : restarts >= limit;
}

const phaseRank: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

/** Every index an interval list holds. */
function indexesOf(iv: Intervals): number[] {
  const out: number[] = [];
  for (const i of iv) for (let x = i.first; x <= i.last; x++) out.push(x);
  return out;
}

/** controller.ActivePods ordering: the pods least far along come first (deleted first). */
function byDeletionPreference(a: Pod, b: Pod): number {
  const assigned = (p: Pod) => (p.spec?.nodeName ? 1 : 0);
  if (assigned(a) !== assigned(b)) return assigned(a) - assigned(b);
  const ra = phaseRank[a.status?.phase ?? 'Pending'] ?? 0;
  const rb = phaseRank[b.status?.phase ?? 'Pending'] ?? 0;
  if (ra !== rb) return ra - rb;
  const ready = (p: Pod) => (isReady(p) ? 1 : 0);
  if (ready(a) !== ready(b)) return ready(a) - ready(b);
  const restarts = (p: Pod) => (p.status?.containerStatuses ?? []).reduce((n, s) => Math.max(n, s.restartCount ?? 0), 0);
  if (restarts(a) !== restarts(b)) return restarts(b) - restarts(a);
  return (Date.parse(b.metadata.creationTimestamp ?? '') || 0) - (Date.parse(a.metadata.creationTimestamp ?? '') || 0);
}

/** activePodsForRemoval: duplicate or out-of-range indexes first (Indexed), then the least advanced. */
function activePodsForRemoval(job: StoredJob, pods: Pod[], rmAtLeast: number): Pod[] {
  const rm: Pod[] = [];
  let left = pods;
  if (isIndexedJob(job)) {
    const completions = job.spec?.completions ?? 0;
    left = [];
    const byIndex = new Map<number, Pod[]>();
    for (const p of pods) {
      const ix = completionIndexOf(p.metadata.annotations);
      if (ix === undefined || ix >= completions) rm.push(p);
      else byIndex.set(ix, [...(byIndex.get(ix) ?? []), p]);
    }
    for (const group of byIndex.values()) {
      const sorted = [...group].sort(byDeletionPreference);
      rm.push(...sorted.slice(0, -1));
      left.push(sorted[sorted.length - 1]!);
    }
  }
  if (rm.length < rmAtLeast) rm.push(...[...left].sort(byDeletionPreference).slice(0, rmAtLeast - rm.length));
  return rm;
}

export function planJob({ job, pods, backoff, now }: JobPlanInput): JobPlan {
  const plan: JobPlan = { deletePods: [], createPods: [], removeFinalizers: [], events: [], backoff, status: job.status ?? {}, statusChanged: false };
  const spec = job.spec!;
  if (isJobFinished(job)) {
    // Pods of a finished Job are no longer tracked (the orphan-pod cleanup upstream).
    plan.removeFinalizers = pods.filter(hasTrackingFinalizer).map((p) => p.metadata.name);
    plan.backoff = NO_BACKOFF;
    return plan;
  }
  if (spec.managedBy !== undefined && spec.managedBy !== 'kubernetes.io/job-controller') return plan;
  if (spec.completionMode && spec.completionMode !== 'NonIndexed' && spec.completionMode !== 'Indexed') {
    plan.events.push({ type: 'Warning', reason: 'UnknownCompletionMode', message: 'Skipped Job sync because completion mode is unknown' });
    return plan;
  }

  const status = deepClone(job.status ?? {}) as JobStatus;
  const uncountedSucceeded = new Set(status.uncountedTerminatedPods?.succeeded ?? []);
  const uncountedFailed = new Set(status.uncountedTerminatedPods?.failed ?? []);
  const indexed = isIndexedJob(job);
  const completions = spec.completions;
  const validIndex = (p: Pod) => {
    if (!indexed) return true;
    const ix = completionIndexOf(p.metadata.annotations);
    return ix !== undefined && ix < (completions ?? 0);
  };
  const uid = (p: Pod) => p.metadata.uid;
  const newSucceededPods = pods.filter((p) => hasTrackingFinalizer(p) && !uncountedSucceeded.has(uid(p)) && validIndex(p) && p.status?.phase === 'Succeeded');
  const newFailedPods = pods.filter((p) => hasTrackingFinalizer(p) && !uncountedFailed.has(uid(p)) && validIndex(p) && isPodFailed(p, job));
  let succeeded = (status.succeeded ?? 0) + newSucceededPods.length + uncountedSucceeded.size;
  // Failures a pod failure policy ignores do not count against backoffLimit.
  const counts = (p: Pod) => matchPodFailurePolicy(spec.podFailurePolicy, p).countFailed;
  const failed = (status.failed ?? 0) + newFailedPods.filter(counts).length + uncountedFailed.size;

  const activePods = pods.filter(isActive);
  let active = activePods.length;
  let terminating = pods.filter(isTerminating).length;
  let ready = activePods.filter(isReady).length;
  const suspended = spec.suspend === true;
  if (!status.startTime && !suspended) status.startTime = rfc3339(now);
  const nextBackoff = nextBackoffRecord(backoff, newSucceededPods, newFailedPods);

  // The condition the Job is heading to, if any.
  let finished: JobCondition | undefined = trueCondition(status.conditions, 'SuccessCriteriaMet');
  if (!finished) {
    const target = trueCondition(status.conditions, 'FailureTarget');
    if (target) finished = newCondition('Failed', 'True', target.reason ?? '', target.message ?? '', now);
    else if (spec.podFailurePolicy) {
      for (const p of pods) {
        const message = isPodFailed(p, job) ? matchPodFailurePolicy(spec.podFailurePolicy, p).failJobMessage : undefined;
        if (message) {
          finished = newCondition('FailureTarget', 'True', 'PodFailurePolicy', message, now);
          break;
        }
      }
    }
  }
  if (!finished) {
    const deadline = spec.activeDeadlineSeconds;
    const startedAt = status.startTime ? Date.parse(status.startTime) : undefined;
    if (failed > (spec.backoffLimit ?? 6) || pastBackoffLimitOnFailure(job, pods)) {
      finished = newCondition('FailureTarget', 'True', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit', now);
    } else if (deadline !== undefined && startedAt !== undefined && !suspended && now - startedAt >= deadline * 1000) {
      finished = newCondition('FailureTarget', 'True', 'DeadlineExceeded', 'Job was active longer than specified deadline', now);
    } else if (deadline !== undefined && startedAt !== undefined && !suspended) {
      plan.requeueAfterMs = deadline * 1000 - (now - startedAt);
    }
  }

  let prevSucceededIndexes: Intervals = [];
  let succeededIndexes: Intervals = [];
  if (indexed) {
    prevSucceededIndexes = parseIndexes(status.completedIndexes, completions ?? 0);
    const fresh = pods
      .filter((p) => p.status?.phase === 'Succeeded' && hasTrackingFinalizer(p) && validIndex(p))
      .map((p) => completionIndexOf(p.metadata.annotations)!);
    succeededIndexes = withIndexes(prevSucceededIndexes, new Set(fresh));
    succeeded = totalIndexes(succeededIndexes);
  }
  const perIndex = indexed && hasBackoffLimitPerIndex(job);
  let failedIndexes: Intervals = [];
  let delayed = new Map<number, Pod>();
  if (perIndex) {
    failedIndexes = calculateFailedIndexes(job, pods);
    const nFailed = totalIndexes(failedIndexes);
    if (!finished && spec.maxFailedIndexes !== undefined && nFailed > spec.maxFailedIndexes) {
      finished = newCondition('FailureTarget', 'True', 'MaxFailedIndexesExceeded', 'Job has exceeded the specified maximal number of failed indexes', now);
    } else if (!finished && nFailed > 0 && nFailed + totalIndexes(succeededIndexes) >= (completions ?? 0)) {
      finished = newCondition('FailureTarget', 'True', 'FailedIndexes', 'Job has failed indexes', now);
    }
    const activeIndexes = new Set(activePods.map((p) => completionIndexOf(p.metadata.annotations)).filter((i): i is number => i !== undefined));
    delayed = podsWithDelayedDeletion(job, pods, succeededIndexes, failedIndexes, activeIndexes);
  }
  if (indexed && !finished) {
    const message = matchSuccessPolicy(spec.successPolicy, completions ?? 0, succeededIndexes);
    if (message) finished = newCondition('SuccessCriteriaMet', 'True', 'SuccessPolicy', message, now);
  }

  const deleteActive = (victims: Pod[], removeFinalizerFirst: boolean) => {
    for (const p of victims) plan.deletePods.push({ name: p.metadata.name, removeFinalizerFirst });
    active -= victims.length;
    terminating += victims.length;
    ready -= victims.filter(isReady).length;
  };

  if (finished) {
    deleteActive(activePods, false);
  } else {
    let manageJobCalled = false;
    if (!job.metadata.deletionTimestamp) {
      manageJobCalled = true;
      manageJob();
    }
    const complete = completions === undefined ? succeeded > 0 && active === 0 : succeeded >= completions && active === 0;
    if (complete) {
      finished = newCondition('SuccessCriteriaMet', 'True', 'CompletionsReached', 'Reached expected number of succeeded pods', now);
    } else if (manageJobCalled) {
      if (suspended) {
        if (ensureCondition(status, 'Suspended', 'True', 'JobSuspended', 'Job suspended', now)) {
          plan.events.push({ type: 'Normal', reason: 'Suspended', message: 'Job suspended' });
        }
      } else if (ensureCondition(status, 'Suspended', 'False', 'JobResumed', 'Job resumed', now)) {
        plan.events.push({ type: 'Normal', reason: 'Resumed', message: 'Job resumed' });
        // ActiveDeadlineSeconds counts from the resume.
        status.startTime = rfc3339(now);
      }
    }
  }

  function manageJob(): void {
    if (suspended) {
      deleteActive(activePodsForRemoval(job, activePods, activePods.length), true);
      return;
    }
    const parallelism = spec.parallelism ?? 1;
    const wantActive = completions === undefined ? (succeeded > 0 ? active : parallelism) : Math.max(0, Math.min(completions - succeeded, parallelism));
    const rmAtLeast = Math.max(0, active - wantActive);
    const victims = activePodsForRemoval(job, activePods, rmAtLeast).slice(0, MAX_POD_CREATE_DELETE_PER_SYNC);
    if (victims.length) {
      deleteActive(victims, true);
      return;
    }
    let diff = wantActive - (onlyReplaceFailedPods(job) ? terminating : 0) - active;
    if (diff <= 0) return;
    const wait = perIndex ? 0 : remainingBackoff(nextBackoff, now);
    if (wait > 0) {
      plan.requeueAfterMs = Math.min(plan.requeueAfterMs ?? Infinity, wait);
      // Upstream reports no active pods while it waits out the back-off.
      active = 0;
      return;
    }
    diff = Math.min(diff, MAX_POD_CREATE_DELETE_PER_SYNC);
    if (indexed) {
      let taken = withIndexes(succeededIndexes, activePods.map((p) => completionIndexOf(p.metadata.annotations)).filter((i): i is number => i !== undefined));
      if (onlyReplaceFailedPods(job)) {
        taken = withIndexes(taken, pods.filter(isTerminating).map((p) => completionIndexOf(p.metadata.annotations)).filter((i): i is number => i !== undefined));
      }
      let indexes = firstPendingIndexes(perIndex ? withIndexes(taken, indexesOf(failedIndexes)) : taken, diff, completions ?? 0);
      if (perIndex) {
        // Each index waits out its own back-off.
        const waits = indexes.map((i) => remainingTimePerIndex(delayed.get(i), now));
        const ready = indexes.filter((_, k) => waits[k] === 0);
        if (indexes.length && !ready.length) {
          plan.requeueAfterMs = Math.min(plan.requeueAfterMs ?? Infinity, ...waits);
          active = 0;
          return;
        }
        indexes = ready;
      }
      for (const index of indexes) plan.createPods.push(perIndex ? { index, annotations: replacementAnnotations(job, delayed.get(index)) } : { index });
    } else {
      for (let i = 0; i < diff; i++) plan.createPods.push({});
    }
    active += plan.createPods.length;
  }

  status.active = active;
  status.ready = ready;
  status.terminating = terminating;

  // trackJobStatusAndRemoveFinalizers: first count what no longer carries a finalizer.
  const withFinalizer = new Set(pods.filter(hasTrackingFinalizer).map(uid));
  const keepSucceeded = [...uncountedSucceeded].filter((u) => withFinalizer.has(u));
  const keepFailed = [...uncountedFailed].filter((u) => withFinalizer.has(u));
  status.succeeded = (status.succeeded ?? 0) + (uncountedSucceeded.size - keepSucceeded.length);
  status.failed = (status.failed ?? 0) + (uncountedFailed.size - keepFailed.length);
  const uncounted = { succeeded: keepSucceeded, failed: keepFailed };
  const newSucceededIndexes: number[] = [];
  for (const p of pods) {
    if (!hasTrackingFinalizer(p)) continue;
    const considerFailed = isPodFailed(p, job);
    let canRemove = !!job.metadata.deletionTimestamp || !!finished || p.status?.phase === 'Succeeded' || considerFailed;
    // A failed pod whose index will be retried stays tracked until its replacement exists.
    if (canRemove && !job.metadata.deletionTimestamp && !finished && p.status?.phase !== 'Succeeded' && perIndex) {
      const ix = completionIndexOf(p.metadata.annotations);
      if (ix !== undefined && delayed.get(ix)?.metadata.uid === p.metadata.uid) canRemove = false;
    }
    if (!canRemove) continue;
    plan.removeFinalizers.push(p.metadata.name);
    if (p.status?.phase === 'Succeeded' && !uncountedFailed.has(uid(p))) {
      if (indexed) {
        const ix = completionIndexOf(p.metadata.annotations);
        if (ix !== undefined && ix < (completions ?? 0) && !hasIndex(prevSucceededIndexes, ix)) newSucceededIndexes.push(ix);
      } else if (!uncounted.succeeded.includes(uid(p))) {
        uncounted.succeeded.push(uid(p));
      }
    } else if (considerFailed || (finished && finished.type !== 'SuccessCriteriaMet')) {
      // Once the Job is finishing, every pod not succeeded counts as failed.
      if (!uncounted.failed.includes(uid(p)) && validIndex(p) && counts(p)) uncounted.failed.push(uid(p));
    }
  }
  if (indexed) {
    const all = withIndexes(prevSucceededIndexes, newSucceededIndexes);
    status.succeeded = totalIndexes(all);
    status.completedIndexes = formatIndexes(all);
    if (perIndex) status.failedIndexes = formatIndexes(failedIndexes);
  }
  status.uncountedTerminatedPods = {
    ...(uncounted.succeeded.length ? { succeeded: uncounted.succeeded } : {}),
    ...(uncounted.failed.length ? { failed: uncounted.failed } : {}),
  };

  if (finished?.type === 'FailureTarget') {
    (status.conditions ??= []).push(finished);
    finished = newCondition('Failed', 'True', finished.reason ?? '', finished.message ?? '', now);
  }
  if (finished?.type === 'SuccessCriteriaMet') {
    if (!trueCondition(status.conditions, 'SuccessCriteriaMet')) (status.conditions ??= []).push(finished);
    finished = newCondition('Complete', 'True', finished.reason ?? '', finished.message ?? '', now);
  }

  // enactJobFinished: only once every pod is counted and none is still terminating.
  if (finished && uncounted.succeeded.length + uncounted.failed.length === 0 && terminating === 0) {
    ensureCondition(status, finished.type, 'True', finished.reason ?? '', finished.message ?? '', now);
    if (finished.type === 'Complete') {
      status.completionTime = rfc3339(now);
      if (completions !== undefined && (status.succeeded ?? 0) > completions) {
        plan.events.push({ type: 'Warning', reason: 'TooManySucceededPods', message: 'Too many succeeded pods running after completion count reached' });
      }
      plan.events.push({ type: 'Normal', reason: 'Completed', message: 'Job completed' });
    } else {
      plan.events.push({ type: 'Warning', reason: finished.reason ?? '', message: finished.message ?? '' });
    }
    delete plan.requeueAfterMs;
  }

  // Zero counters are omitted, as Go's omitempty does.
  for (const k of ['active', 'succeeded', 'failed'] as const) if (status[k] === 0) delete status[k];
  if (status.completedIndexes === '') delete status.completedIndexes;
  plan.status = status;
  plan.statusChanged = !deepEqual(status, job.status ?? {});
  plan.backoff = nextBackoff;
  return plan;
}
