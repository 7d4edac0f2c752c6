// Warnings for a JobSpec (pkg/api/job/warnings.go), shared with CronJob job templates.
import type { FieldPath } from '../../../../apimachinery/field-errors.ts';
import { podTemplateWarnings } from '../../apps/shared/pod-template.ts';
import type { JobSpec } from './types.ts';

export function jobSpecWarnings(fld: FieldPath, spec: JobSpec | undefined, old?: JobSpec): string[] {
  if (!spec) return [];
  const warnings: string[] = [];
  if (spec.completionMode === 'Indexed' && (spec.completions ?? 0) > 100_000 && (spec.parallelism ?? 0) > 10_000) {
    warnings.push(
      `${fld}: In Indexed Jobs with a number of completions higher than 10^5 and a parallelism higher than 10^4, Kubernetes might not be able to track completedIndexes when a big number of indexes fail`,
    );
  }
  warnings.push(...podTemplateWarnings(spec.template, fld.child('template'), old?.template));
  return warnings;
}
