// The CronJob strategy (pkg/registry/batch/cronjob/strategy.go).
import { path } from '../../../../apimachinery/field-errors.ts';
import type { Strategy } from '../../types.ts';
import { carryOver } from '../../apps/shared/carry.ts';
import { initialGeneration, nextGeneration } from '../../apps/shared/generation.ts';
import { podNameWarnings } from '../../apps/shared/name-warning.ts';
import { jobSpecWarnings } from '../job/warnings.ts';
import type { CronJob } from './types.ts';
import { validateCronJobCreate, validateCronJobUpdate } from './validation.ts';

const jobSpecPath = path('spec', 'jobTemplate', 'spec');

export const cronJobStrategy: Strategy<CronJob> = {
  prepareForCreate(cj) {
    cj.status = {};
    initialGeneration(cj);
  },
  prepareForUpdate(cj, old) {
    carryOver(cj, old, 'status');
    nextGeneration(cj, old);
  },
  validate: (cj) => validateCronJobCreate(cj),
  validateUpdate: (cj, old) => validateCronJobUpdate(cj, old),
  warningsOnCreate: (cj) => [...podNameWarnings(cj.metadata.name), ...jobSpecWarnings(jobSpecPath, cj.spec?.jobTemplate?.spec)],
  warningsOnUpdate(cj, old) {
    const warnings = cj.metadata.generation !== old.metadata.generation ? jobSpecWarnings(jobSpecPath, cj.spec?.jobTemplate?.spec, old.spec?.jobTemplate?.spec) : [];
    // Upstream's path here really is spec.spec.schedule.
    if ((cj.spec?.schedule ?? '').includes('TZ')) {
      warnings.push('cannot use TZ or CRON_TZ in spec.spec.schedule, use timeZone instead, see https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/ for more details');
    }
    return warnings;
  },
};

/** /status: the spec is kept; upstream validates nothing more. */
export const cronJobStatusStrategy: Strategy<CronJob> = {
  prepareForUpdate(cj, old) {
    carryOver(cj, old, 'spec');
  },
};
