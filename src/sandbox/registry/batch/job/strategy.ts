// The Job strategy (pkg/registry/batch/job/strategy.go): the selector and template labels are
// generated unless manualSelector is set, status is the controller's, generation follows the spec.
import { path } from '../../../../apimachinery/field-errors.ts';
import type { Strategy } from '../../types.ts';
import { carryOver } from '../../apps/shared/carry.ts';
import { initialGeneration, nextGeneration } from '../../apps/shared/generation.ts';
import { podNameWarnings } from '../../apps/shared/name-warning.ts';
import { defaultJobLabels } from './defaults.ts';
import { generateSelector } from './selector.ts';
import type { Job, JobSpec } from './types.ts';
import { validateJob, validateJobStatus, validateJobUpdate } from './validation.ts';
import { jobSpecWarnings } from './warnings.ts';

export const jobStrategy: Strategy<Job> = {
  prepareForCreate(job) {
    const spec = (job.spec ??= {} as JobSpec);
    spec.template ??= {};
    if (spec.manualSelector !== true) generateSelector(job);
    // Upstream defaults the Job's labels from its template again when it reads the object back.
    defaultJobLabels(job);
    job.status = {};
    initialGeneration(job);
  },
  prepareForUpdate(job, old) {
    carryOver(job, old, 'status');
    nextGeneration(job, old);
  },
  validate: (job) => validateJob(job, { requirePrefixedLabels: true }),
  validateUpdate: (job, old) => validateJobUpdate(job, old),
  warningsOnCreate: (job) => [...podNameWarnings(job.metadata.name), ...jobSpecWarnings(path('spec'), job.spec)],
  warningsOnUpdate: (job, old) => (job.metadata.generation !== old.metadata.generation ? jobSpecWarnings(path('spec'), job.spec, old.spec) : []),
};

export const jobStatusStrategy: Strategy<Job> = {
  prepareForUpdate(job, old) {
    carryOver(job, old, 'spec');
  },
  validateUpdate: (job) => validateJobStatus(job.status ?? {}, path('status')),
};
