// The Job shape the registry works with: batch/v1 with metadata always present.
import type * as api from '../../../../generated/k8s/batch/v1.ts';

export type Job = api.Job & { metadata: NonNullable<api.Job['metadata']> };
export type JobSpec = api.JobSpec;
export type JobStatus = api.JobStatus;
