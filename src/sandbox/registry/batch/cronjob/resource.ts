// CronJob (batch/v1, pkg/registry/batch/cronjob): defaults, schedule and time zone validation,
// strategy, status subresource and the table printer.
import { defineResource } from '../../define.ts';
import { defaultCronJob } from './defaults.ts';
import { cronJobPrinter } from './printer.ts';
import { cronJobStatusStrategy, cronJobStrategy } from './strategy.ts';
import type { CronJob } from './types.ts';

export const cronJobResource = defineResource<CronJob>({
  group: 'batch',
  version: 'v1',
  kind: 'CronJob',
  resource: 'cronjobs',
  namespaced: true,
  shortNames: ['cj'],
  categories: ['all'],
  defaults: defaultCronJob,
  strategy: cronJobStrategy,
  statusStrategy: cronJobStatusStrategy,
  printer: cronJobPrinter,
});
