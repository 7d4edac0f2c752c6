// The ReplicationController table (printers.go printReplicationController): NAME DESIRED CURRENT
// READY AGE, and CONTAINERS IMAGES SELECTOR with -o wide.
import { formatLabels } from '../../../../apimachinery/labels.ts';
import type { TablePrinter } from '../../types.ts';
import { age, ageColumn, nameColumn } from '../../printers/format.ts';
import { containersColumn, docColumn, imagesColumn, layoutContainerCells } from '../../apps/shared/printing.ts';
import type { ReplicationController } from './types.ts';

const spec = 'io.k8s.api.core.v1.ReplicationControllerSpec';
const status = 'io.k8s.api.core.v1.ReplicationControllerStatus';

export const replicationControllerPrinter: TablePrinter<ReplicationController> = {
  columns: [
    nameColumn,
    docColumn('Desired', 'integer', spec, 'replicas'),
    docColumn('Current', 'integer', status, 'replicas'),
    docColumn('Ready', 'integer', status, 'readyReplicas'),
    ageColumn,
    containersColumn,
    imagesColumn,
    docColumn('Selector', 'string', spec, 'selector', 1),
  ],
  cells(rc, ctx) {
    const [names, images] = layoutContainerCells(rc.spec?.template?.spec?.containers);
    return [
      rc.metadata.name,
      rc.spec?.replicas ?? 0,
      rc.status?.replicas ?? 0,
      rc.status?.readyReplicas ?? 0,
      age(rc.metadata.creationTimestamp, ctx.now),
      names,
      images,
      formatLabels(rc.spec?.selector),
    ];
  },
};
