// The Job table (printers.go printJob): NAME STATUS COMPLETIONS DURATION AGE, and CONTAINERS
// IMAGES SELECTOR with -o wide.
import { formatLabelSelector } from '../../../../apimachinery/labels.ts';
import type { TablePrinter } from '../../types.ts';
import { age, ageColumn, column, humanDuration, nameColumn } from '../../printers/format.ts';
import { containersColumn, docColumn, imagesColumn, layoutContainerCells } from '../../apps/shared/printing.ts';
import type { Job } from './types.ts';

function hasCondition(job: Job, type: string): boolean {
  const c = (job.status?.conditions ?? []).find((x) => x.type === type);
  return c?.status === 'True';
}

/** The STATUS column, in upstream's order of precedence. */
export function jobStatus(job: Job): string {
  if (hasCondition(job, 'Complete')) return 'Complete';
  if (hasCondition(job, 'Failed')) return 'Failed';
  if (job.metadata.deletionTimestamp) return 'Terminating';
  if (hasCondition(job, 'Suspended')) return 'Suspended';
  if (hasCondition(job, 'FailureTarget')) return 'FailureTarget';
  if (hasCondition(job, 'SuccessCriteriaMet')) return 'SuccessCriteriaMet';
  return 'Running';
}

export function jobCompletions(job: Job): string {
  const succeeded = job.status?.succeeded ?? 0;
  if (job.spec?.completions !== undefined) return `${succeeded}/${job.spec.completions}`;
  const parallelism = job.spec?.parallelism ?? 0;
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

export function jobDuration(job: Job, now: number): string {
  const start = job.status?.startTime;
  if (!start) return '';
  const end = job.status?.completionTime ? Date.parse(job.status.completionTime) : now;
  return humanDuration(end - Date.parse(start));
}

export const jobPrinter: TablePrinter<Job> = {
  columns: [
    nameColumn,
    column('Status', 'string', 'Status of the job.'),
    docColumn('Completions', 'string', 'io.k8s.api.batch.v1.JobStatus', 'succeeded'),
    column('Duration', 'string', 'Time required to complete the job.'),
    ageColumn,
    containersColumn,
    imagesColumn,
    docColumn('Selector', 'string', 'io.k8s.api.batch.v1.JobSpec', 'selector', 1),
  ],
  cells(job, ctx) {
    const [names, images] = layoutContainerCells(job.spec?.template?.spec?.containers);
    return [
      job.metadata.name,
      jobStatus(job),
      jobCompletions(job),
      jobDuration(job, ctx.now),
      age(job.metadata.creationTimestamp, ctx.now),
      names,
      images,
      formatLabelSelector(job.spec?.selector),
    ];
  },
};
