// The CronJob shape the registry works with: batch/v1 with metadata always present.
import type * as api from '../../../../generated/k8s/batch/v1.ts';

export type CronJob = api.CronJob & { metadata: NonNullable<api.CronJob['metadata']> };
export type CronJobSpec = api.CronJobSpec;
