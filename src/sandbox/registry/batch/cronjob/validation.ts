// CronJob validation (pkg/apis/batch/validation: validateCronJobSpec, validateScheduleFormat,
// validateTimeZone, validateConcurrencyPolicy, ValidateJobTemplateSpec).
import { fieldErrors as fe, type FieldError, type FieldPath, path } from '../../../../apimachinery/field-errors.ts';
import type * as batchv1 from '../../../../generated/k8s/batch/v1.ts';
import { goLabelSelector } from '../../apps/shared/go-value.ts';
import { validateNonnegative } from '../../apps/shared/validation-helpers.ts';
import type { JobSpec } from '../job/types.ts';
import { validateJobSpecBody } from '../job/validation.ts';
import { parseStandardSchedule } from './schedule.ts';
import { isValidTimeZone } from './time-zone.ts';
import type { CronJob, CronJobSpec } from './types.ts';

/** validateScheduleFormat: robfig's parse error, then the TZ rules. */
export function validateScheduleFormat(schedule: string, allowTZ: boolean, timeZone: string | undefined, fld: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const parseError = parseStandardSchedule(schedule);
  if (parseError) errs.push(fe.invalid(fld, schedule, parseError));
  const hasTZ = schedule.includes('TZ');
  if (allowTZ && hasTZ && timeZone !== undefined) errs.push(fe.invalid(fld, schedule, 'cannot use both timeZone field and TZ or CRON_TZ in schedule'));
  else if (!allowTZ && hasTZ) errs.push(fe.invalid(fld, schedule, 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead'));
  return errs;
}

const validTimeZonePart = /^[A-Za-z.\-_0-9+]{1,14}$/;

/** validateTimeZone. */
export function validateTimeZone(tz: string | undefined, fld: FieldPath): FieldError[] {
  if (tz === undefined) return [];
  if (tz.length === 0) return [fe.invalid(fld, tz, 'timeZone must be nil or non-empty string')];
  for (const part of tz.split('/')) {
    if (part === '.' || part === '..' || part.startsWith('-') || !validTimeZonePart.test(part)) return [fe.invalid(fld, tz, `unknown time zone ${tz}`)];
  }
  const errs: FieldError[] = [];
  if (tz.toLowerCase() === 'local') errs.push(fe.invalid(fld, tz, 'timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones'));
  if (tz !== 'Local' && !isValidTimeZone(tz)) errs.push(fe.invalid(fld, tz, `unknown time zone ${tz}`));
  return errs;
}

function validateConcurrencyPolicy(policy: string | undefined, fld: FieldPath): FieldError[] {
  const valid = ['Allow', 'Forbid', 'Replace'];
  if (policy === undefined || policy === '') return [fe.required(fld, '')];
  return valid.includes(policy) ? [] : [fe.notSupported(fld, policy, valid)];
}

/** ValidateJobTemplateSpec: a Job spec whose selector the CronJob controller generates. */
export function validateJobTemplateSpec(tpl: batchv1.JobTemplateSpec | undefined, fld: FieldPath): FieldError[] {
  const spec: JobSpec = tpl?.spec ?? ({ template: {} } as JobSpec);
  const errs = validateJobSpecBody(spec, fld.child('spec'));
  if (spec.selector) errs.push(fe.invalid(fld.child('spec', 'selector'), goLabelSelector(spec.selector), '`selector` will be auto-generated'));
  if (spec.manualSelector === true) errs.push(fe.notSupported(fld.child('spec', 'manualSelector'), true, ['nil', 'false']));
  return errs;
}

/** validateCronJobSpec; `old` is given on update. */
export function validateCronJobSpec(spec: CronJobSpec, old: CronJobSpec | undefined, fld: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const schedule = spec.schedule ?? '';
  if (schedule.length === 0) errs.push(fe.required(fld.child('schedule'), ''));
  else errs.push(...validateScheduleFormat(schedule, old ? (old.schedule ?? '').includes('TZ') : false, spec.timeZone, fld.child('schedule')));
  if (spec.startingDeadlineSeconds !== undefined) errs.push(...validateNonnegative(spec.startingDeadlineSeconds, fld.child('startingDeadlineSeconds')));
  if (!old || old.timeZone !== spec.timeZone) errs.push(...validateTimeZone(spec.timeZone, fld.child('timeZone')));
  errs.push(...validateConcurrencyPolicy(spec.concurrencyPolicy, fld.child('concurrencyPolicy')));
  errs.push(...validateJobTemplateSpec(spec.jobTemplate, fld.child('jobTemplate')));
  if (spec.successfulJobsHistoryLimit !== undefined) errs.push(...validateNonnegative(spec.successfulJobsHistoryLimit, fld.child('successfulJobsHistoryLimit')));
  if (spec.failedJobsHistoryLimit !== undefined) errs.push(...validateNonnegative(spec.failedJobsHistoryLimit, fld.child('failedJobsHistoryLimit')));
  return errs;
}

/** ValidateCronJobCreate: the spec, and room for the 11-character suffix of the Jobs' names. */
export function validateCronJobCreate(cj: CronJob): FieldError[] {
  const errs = validateCronJobSpec(cj.spec ?? ({} as CronJobSpec), undefined, path('spec'));
  const name = cj.metadata.name ?? '';
  if (name.length > 63 - 11) errs.push(fe.invalid(path('metadata', 'name'), name, 'must be no more than 52 characters'));
  return errs;
}

/** ValidateCronJobUpdate (the name length is not checked again). */
export function validateCronJobUpdate(cj: CronJob, old: CronJob): FieldError[] {
  return validateCronJobSpec(cj.spec ?? ({} as CronJobSpec), old.spec ?? ({} as CronJobSpec), path('spec'));
}
