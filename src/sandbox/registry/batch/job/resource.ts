// Job (batch/v1, pkg/registry/batch/job): defaults, generated selector, strategy, status
// subresource, the table printer and the status.successful field selector. Deleting a batch/v1
// Job without a propagation policy orphans its pods, as upstream.
import { defineResource } from '../../define.ts';
import { defaultJob } from './defaults.ts';
import { jobPrinter } from './printer.ts';
import { jobStatusStrategy, jobStrategy } from './strategy.ts';
import type { Job } from './types.ts';

export const jobResource = defineResource<Job>({
  group: 'batch',
  version: 'v1',
  kind: 'Job',
  resource: 'jobs',
  namespaced: true,
  categories: ['all'],
  defaults: defaultJob,
  strategy: jobStrategy,
  statusStrategy: jobStatusStrategy,
  printer: jobPrinter,
  fieldLabels: (job) => ({ 'status.successful': String(job.status?.succeeded ?? 0) }),
  defaultPropagation: 'Orphan',
});
