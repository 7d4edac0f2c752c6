// The DaemonSet table (printers.go printDaemonSet): NAME DESIRED CURRENT READY UP-TO-DATE
// AVAILABLE NODE SELECTOR AGE, and CONTAINERS IMAGES SELECTOR with -o wide.
import { formatLabels, formatLabelSelector } from '../../../../apimachinery/labels.ts';
import type { TablePrinter } from '../../types.ts';
import { age, ageColumn, nameColumn } from '../../printers/format.ts';
import { containersColumn, docColumn, imagesColumn, layoutContainerCells } from '../shared/printing.ts';
import type { DaemonSet } from './types.ts';

const status = 'io.k8s.api.apps.v1.DaemonSetStatus';

export const daemonSetPrinter: TablePrinter<DaemonSet> = {
  columns: [
    nameColumn,
    docColumn('Desired', 'integer', status, 'desiredNumberScheduled'),
    docColumn('Current', 'integer', status, 'currentNumberScheduled'),
    docColumn('Ready', 'integer', status, 'numberReady'),
    docColumn('Up-to-date', 'integer', status, 'updatedNumberScheduled'),
    docColumn('Available', 'integer', status, 'numberAvailable'),
    docColumn('Node Selector', 'string', 'io.k8s.api.core.v1.PodSpec', 'nodeSelector'),
    ageColumn,
    containersColumn,
    imagesColumn,
    docColumn('Selector', 'string', 'io.k8s.api.apps.v1.DaemonSetSpec', 'selector', 1),
  ],
  cells(ds, ctx) {
    const s = ds.status;
    const [names, images] = layoutContainerCells(ds.spec?.template?.spec?.containers);
    return [
      ds.metadata.name,
      s?.desiredNumberScheduled ?? 0,
      s?.currentNumberScheduled ?? 0,
      s?.numberReady ?? 0,
      s?.updatedNumberScheduled ?? 0,
      s?.numberAvailable ?? 0,
      formatLabels(ds.spec?.template?.spec?.nodeSelector),
      age(ds.metadata.creationTimestamp, ctx.now),
      names,
      images,
      formatLabelSelector(ds.spec?.selector),
    ];
  },
};
