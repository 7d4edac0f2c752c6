// The ReplicaSet table (printers.go printReplicaSet): NAME DESIRED CURRENT READY AGE, and
// CONTAINERS IMAGES SELECTOR with -o wide.
import { formatLabelSelector } from '../../../../apimachinery/labels.ts';
import type { TablePrinter } from '../../types.ts';
import { age, ageColumn, nameColumn } from '../../printers/format.ts';
import { containersColumn, docColumn, imagesColumn, layoutContainerCells } from '../shared/printing.ts';
import type { ReplicaSet } from './types.ts';

const spec = 'io.k8s.api.apps.v1.ReplicaSetSpec';
const status = 'io.k8s.api.apps.v1.ReplicaSetStatus';

export const replicaSetPrinter: TablePrinter<ReplicaSet> = {
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
  cells(rs, ctx) {
    const [names, images] = layoutContainerCells(rs.spec?.template?.spec?.containers);
    return [
      rs.metadata.name,
      rs.spec?.replicas ?? 0,
      rs.status?.replicas ?? 0,
      rs.status?.readyReplicas ?? 0,
      age(rs.metadata.creationTimestamp, ctx.now),
      names,
      images,
      formatLabelSelector(rs.spec?.selector),
    ];
  },
};
