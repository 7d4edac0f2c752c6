// The generated selector of a Job (pkg/registry/batch/job/strategy.go generateSelector): the
// template is labelled with the Job's name and uid (legacy and batch.kubernetes.io/ keys), and
// the selector matches the uid. Labels the user already set are left for validation to judge.
import type { Job } from './types.ts';

export const JOB_NAME_LABEL = 'batch.kubernetes.io/job-name';
export const CONTROLLER_UID_LABEL = 'batch.kubernetes.io/controller-uid';
export const LEGACY_JOB_NAME_LABEL = 'job-name';
export const LEGACY_CONTROLLER_UID_LABEL = 'controller-uid';

export function generateSelector(job: Job): void {
  const spec = job.spec!;
  const tmeta = (spec.template.metadata ??= {});
  const labels = (tmeta.labels ??= {});
  for (const key of [LEGACY_JOB_NAME_LABEL, JOB_NAME_LABEL]) if (!(key in labels)) labels[key] = job.metadata.name ?? '';
  for (const key of [LEGACY_CONTROLLER_UID_LABEL, CONTROLLER_UID_LABEL]) if (!(key in labels)) labels[key] = job.metadata.uid ?? '';
  const selector = (spec.selector ??= {});
  const match = (selector.matchLabels ??= {});
  if (!(CONTROLLER_UID_LABEL in match)) match[CONTROLLER_UID_LABEL] = job.metadata.uid ?? '';
}
