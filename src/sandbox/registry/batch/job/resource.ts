// Job (batch/v1): registered; upstream's strategy, validation and printer to come.
import type * as api from '../../../../generated/k8s/batch/v1.ts';
import { defineResource } from '../../define.ts';

type Job = api.Job & { metadata: NonNullable<api.Job['metadata']> };

export const jobResource = defineResource<Job>({
  group: 'batch',
  version: 'v1',
  kind: 'Job',
  resource: 'jobs',
  namespaced: true,
  categories: ['all'],
  statusStrategy: {},
});
