// The ReplicationController table (printers.go printReplicationController): NAME DESIRED CURRENT
// READY AGE, and CONTAINERS IMAGES SELECTOR with -o wide. Its selector is a plain label map.
import { formatLabels } from '../../../../apimachinery/labels.ts';
import { replicaCountPrinter } from '../../apps/shared/printing.ts';
import type { ReplicationController } from './types.ts';

export const replicationControllerPrinter = replicaCountPrinter<ReplicationController>(
  'io.k8s.api.core.v1.ReplicationControllerSpec',
  'io.k8s.api.core.v1.ReplicationControllerStatus',
  (rc) => formatLabels(rc.spec?.selector),
);
