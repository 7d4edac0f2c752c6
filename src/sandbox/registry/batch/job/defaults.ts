// SetDefaults_Job (pkg/apis/batch/v1/defaults.go, 1.36 gates): completions and parallelism 1
// for a non-parallel Job, backoffLimit 6 (MaxInt32 with a per-index limit), the Job's labels from
// its template, NonIndexed, not suspended, podReplacementPolicy TerminatingOrFailed (Failed with
// a pod failure policy), manualSelector false; plus the pod template's defaults.
import { defaultPodTemplate } from '../../apps/shared/pod-template.ts';
import type { Job, JobSpec } from './types.ts';

const MAX_INT32 = 2147483647;

/** The defaults of a JobSpec, shared with CronJob job templates. */
export function defaultJobSpec(spec: JobSpec): void {
  if (spec.completions === undefined && spec.parallelism === undefined) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  spec.parallelism ??= 1;
  spec.backoffLimit ??= spec.backoffLimitPerIndex !== undefined ? MAX_INT32 : 6;
  spec.completionMode ??= 'NonIndexed';
  spec.suspend ??= false;
  for (const rule of spec.podFailurePolicy?.rules ?? []) {
    for (const pattern of rule.onPodConditions ?? []) pattern.status ||= 'True';
  }
  spec.podReplacementPolicy ??= spec.podFailurePolicy ? 'Failed' : 'TerminatingOrFailed';
  spec.manualSelector ??= false;
  defaultPodTemplate(spec.template);
}

/** A Job without labels takes its template's (upstream applies this on every decode, reads included). */
export function defaultJobLabels(job: Job): void {
  const labels = job.spec?.template?.metadata?.labels;
  if (labels && Object.keys(job.metadata.labels ?? {}).length === 0) job.metadata.labels = { ...labels };
}

export function defaultJob(job: Job): void {
  job.metadata ??= {};
  const spec = (job.spec ??= {} as JobSpec);
  spec.template ??= {};
  defaultJobSpec(spec);
  defaultJobLabels(job);
}
