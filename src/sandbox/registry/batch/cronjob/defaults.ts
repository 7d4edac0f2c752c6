// SetDefaults_CronJob (pkg/apis/batch/v1/defaults.go): Allow, not suspended, three successful and
// one failed Job kept. The job template gets only the type-level defaults (pod template, pod
// failure policy patterns), not SetDefaults_Job.
import { defaultPodTemplate } from '../../apps/shared/pod-template.ts';
import type { CronJob, CronJobSpec } from './types.ts';

export function defaultCronJob(cj: CronJob): void {
  const spec = (cj.spec ??= {} as CronJobSpec);
  spec.concurrencyPolicy ||= 'Allow';
  spec.suspend ??= false;
  spec.successfulJobsHistoryLimit ??= 3;
  spec.failedJobsHistoryLimit ??= 1;
  const jobSpec = spec.jobTemplate?.spec;
  for (const rule of jobSpec?.podFailurePolicy?.rules ?? []) {
    for (const pattern of rule.onPodConditions ?? []) pattern.status ||= 'True';
  }
  defaultPodTemplate(jobSpec?.template);
}
