// The CronJob table (printers.go printCronJob): NAME SCHEDULE TIMEZONE SUSPEND ACTIVE
// LAST SCHEDULE AGE, and CONTAINERS IMAGES SELECTOR with -o wide.
import { formatLabelSelector } from '../../../../apimachinery/labels.ts';
import type { TablePrinter } from '../../types.ts';
import { age, ageColumn, nameColumn } from '../../printers/format.ts';
import { containersColumn, docColumn, imagesColumn, layoutContainerCells, printBoolPtr } from '../../apps/shared/printing.ts';
import type { CronJob } from './types.ts';

const spec = 'io.k8s.api.batch.v1.CronJobSpec';
const status = 'io.k8s.api.batch.v1.CronJobStatus';

export const cronJobPrinter: TablePrinter<CronJob> = {
  columns: [
    nameColumn,
    docColumn('Schedule', 'string', spec, 'schedule'),
    docColumn('Timezone', 'string', spec, 'timeZone'),
    docColumn('Suspend', 'boolean', spec, 'suspend'),
    docColumn('Active', 'integer', status, 'active'),
    docColumn('Last Schedule', 'string', status, 'lastScheduleTime'),
    ageColumn,
    containersColumn,
    imagesColumn,
    docColumn('Selector', 'string', 'io.k8s.api.batch.v1.JobSpec', 'selector', 1),
  ],
  cells(cj, ctx) {
    const jobSpec = cj.spec?.jobTemplate?.spec;
    const [names, images] = layoutContainerCells(jobSpec?.template?.spec?.containers);
    const last = cj.status?.lastScheduleTime;
    return [
      cj.metadata.name,
      cj.spec?.schedule ?? '',
      cj.spec?.timeZone ?? '<none>',
      printBoolPtr(cj.spec?.suspend),
      (cj.status?.active ?? []).length,
      last ? age(last, ctx.now) : '<none>',
      age(cj.metadata.creationTimestamp, ctx.now),
      names,
      images,
      formatLabelSelector(jobSpec?.selector),
    ];
  },
};
