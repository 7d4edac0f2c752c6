// CronJob (batch/v1): registered; upstream's strategy, validation and printer to come.
import type * as api from '../../../../generated/k8s/batch/v1.ts';
import { defineResource } from '../../define.ts';

type CronJob = api.CronJob & { metadata: NonNullable<api.CronJob['metadata']> };

export const cronJobResource = defineResource<CronJob>({
  group: 'batch',
  version: 'v1',
  kind: 'CronJob',
  resource: 'cronjobs',
  namespaced: true,
  shortNames: ['cj'],
  categories: ['all'],
  statusStrategy: {},
});
