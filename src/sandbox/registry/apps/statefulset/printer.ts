// The StatefulSet table (printers.go printStatefulSet): NAME READY AGE, and CONTAINERS IMAGES
// with -o wide.
import type { TablePrinter } from '../../types.ts';
import { age, ageColumn, column, nameColumn } from '../../printers/format.ts';
import { containersColumn, imagesColumn, layoutContainerCells } from '../shared/printing.ts';
import type { StatefulSet } from './types.ts';

export const statefulSetPrinter: TablePrinter<StatefulSet> = {
  columns: [nameColumn, column('Ready', 'string', 'Number of the pod with ready state'), ageColumn, containersColumn, imagesColumn],
  cells(sts, ctx) {
    const [names, images] = layoutContainerCells(sts.spec?.template?.spec?.containers);
    return [sts.metadata.name, `${sts.status?.readyReplicas ?? 0}/${sts.spec?.replicas ?? 0}`, age(sts.metadata.creationTimestamp, ctx.now), names, images];
  },
};
