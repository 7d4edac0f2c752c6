// The Deployment table (printers.go printDeployment): NAME READY UP-TO-DATE AVAILABLE AGE, and
// CONTAINERS IMAGES SELECTOR with -o wide.
import type { TablePrinter } from '../../types.ts';
import { age, ageColumn, column, nameColumn } from '../../printers/format.ts';
import { containersColumn, docColumn, imagesColumn, layoutContainerCells } from '../shared/printing.ts';
import { selectorOf } from '../shared/template-selector.ts';
import type { Deployment } from './types.ts';

const status = 'io.k8s.api.apps.v1.DeploymentStatus';

export const deploymentPrinter: TablePrinter<Deployment> = {
  columns: [
    nameColumn,
    column('Ready', 'string', 'Number of the pod with ready state'),
    docColumn('Up-to-date', 'string', status, 'updatedReplicas'),
    docColumn('Available', 'string', status, 'availableReplicas'),
    ageColumn,
    containersColumn,
    imagesColumn,
    docColumn('Selector', 'string', 'io.k8s.api.apps.v1.DeploymentSpec', 'selector', 1),
  ],
  cells(d, ctx) {
    const [names, images] = layoutContainerCells(d.spec?.template?.spec?.containers);
    const selector = selectorOf(d.spec?.selector);
    return [
      d.metadata.name,
      `${d.status?.readyReplicas ?? 0}/${d.spec?.replicas ?? 0}`,
      d.status?.updatedReplicas ?? 0,
      d.status?.availableReplicas ?? 0,
      age(d.metadata.creationTimestamp, ctx.now),
      names,
      images,
      selector ? selector.toString() : '<invalid>',
    ];
  },
};
