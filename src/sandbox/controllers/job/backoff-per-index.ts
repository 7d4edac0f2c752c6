// spec.backoffLimitPerIndex for Indexed Jobs (upstream indexed_job_utils.go, KEP-3850): each
// index has its own failure count, carried from a failed pod to its replacement in the
// batch.kubernetes.io/job-index-failure-count annotation; an index whose count reaches the limit
// fails (status.failedIndexes) and is not retried. The failed pod keeps its tracking finalizer
// until the replacement exists, and the replacement waits out the index's own back-off.
import { backoffDelay, finishedTime } from './backoff.ts';
import { completionIndexOf, hasIndex, type Intervals, parseIndexes, withIndexes } from './indexes.ts';
import { matchPodFailurePolicy } from './pod-failure-policy.ts';
import { hasTrackingFinalizer, isPodFailed, type Pod, type StoredJob } from './pods.ts';

export const INDEX_FAILURE_COUNT = 'batch.kubernetes.io/job-index-failure-count';
export const INDEX_IGNORED_FAILURE_COUNT = 'batch.kubernetes.io/job-index-ignored-failure-count';

function annotationCount(p: Pod, key: string): number {
  const v = p.metadata.annotations?.[key];
  if (v === undefined || !/^\d+$/.test(v)) return 0;
  const n = Number(v);
  return n > 2147483647 ? 0 : n;
}

export function hasBackoffLimitPerIndex(job: StoredJob): boolean {
  return job.spec?.backoffLimitPerIndex !== undefined;
}

function validIndex(job: StoredJob, p: Pod): number | undefined {
  const ix = completionIndexOf(p.metadata.annotations);
  return ix !== undefined && ix < (job.spec?.completions ?? 0) ? ix : undefined;
}

/** isIndexFailed: a failed pod whose index used up its retries (or matched FailIndex). */
function isIndexFailed(job: StoredJob, p: Pod): boolean {
  if (!isPodFailed(p, job)) return false;
  const match = matchPodFailurePolicy(job.spec?.podFailurePolicy, p);
  if (match.action === 'FailIndex') return true;
  return match.countFailed && annotationCount(p, INDEX_FAILURE_COUNT) >= (job.spec?.backoffLimitPerIndex ?? 0);
}

/** calculateFailedIndexes: status.failedIndexes plus the indexes that failed since. */
export function calculateFailedIndexes(job: StoredJob, pods: Pod[]): Intervals {
  const completions = job.spec?.completions ?? 0;
  const prev = parseIndexes(job.status?.failedIndexes, completions);
  const fresh = pods.filter((p) => hasTrackingFinalizer(p) && validIndex(job, p) !== undefined && isIndexFailed(job, p)).map((p) => validIndex(job, p)!);
  return withIndexes(prev, new Set(fresh));
}

/**
 * getPodsWithDelayedDeletionPerIndex: per index still to retry, its latest failed pod, kept
 * (finalizer on) so the replacement can inherit its failure count.
 */
export function podsWithDelayedDeletion(job: StoredJob, pods: Pod[], succeeded: Intervals, failed: Intervals, activeIndexes: Set<number>): Map<number, Pod> {
  const out = new Map<number, Pod>();
  for (const p of pods) {
    if (!hasTrackingFinalizer(p) || !isPodFailed(p, job)) continue;
    const ix = validIndex(job, p);
    if (ix === undefined || hasIndex(succeeded, ix) || hasIndex(failed, ix) || activeIndexes.has(ix)) continue;
    const prev = out.get(ix);
    const abs = (q: Pod) => annotationCount(q, INDEX_FAILURE_COUNT) + annotationCount(q, INDEX_IGNORED_FAILURE_COUNT);
    if (!prev || (abs(prev) <= abs(p) && finishedTime(p) >= finishedTime(prev))) out.set(ix, p);
  }
  return out;
}

/** The failure-count annotations of the pod replacing `replaced` (getNewIndexFailureCounts). */
export function replacementAnnotations(job: StoredJob, replaced: Pod | undefined): Record<string, string> {
  let failures = 0;
  let ignored = 0;
  if (replaced) {
    failures = annotationCount(replaced, INDEX_FAILURE_COUNT);
    ignored = annotationCount(replaced, INDEX_IGNORED_FAILURE_COUNT);
    if (matchPodFailurePolicy(job.spec?.podFailurePolicy, replaced).countFailed) failures++;
    else ignored++;
  }
  return { [INDEX_FAILURE_COUNT]: String(failures), ...(ignored > 0 ? { [INDEX_IGNORED_FAILURE_COUNT]: String(ignored) } : {}) };
}

/** getRemainingTimePerIndex: the back-off of one index after its last failed pod. */
export function remainingTimePerIndex(lastFailed: Pod | undefined, now: number): number {
  if (!lastFailed) return 0;
  const failures = annotationCount(lastFailed, INDEX_FAILURE_COUNT) + annotationCount(lastFailed, INDEX_IGNORED_FAILURE_COUNT) + 1;
  const elapsed = now - finishedTime(lastFailed);
  const d = backoffDelay(failures);
  return d < elapsed ? 0 : d - elapsed;
}
