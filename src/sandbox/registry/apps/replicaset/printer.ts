// The ReplicaSet table (printers.go printReplicaSet): NAME DESIRED CURRENT READY AGE, and
// CONTAINERS IMAGES SELECTOR with -o wide.
import { formatLabelSelector } from '../../../../apimachinery/labels.ts';
import { replicaCountPrinter } from '../shared/printing.ts';
import type { ReplicaSet } from './types.ts';

export const replicaSetPrinter = replicaCountPrinter<ReplicaSet>('io.k8s.api.apps.v1.ReplicaSetSpec', 'io.k8s.api.apps.v1.ReplicaSetStatus', (rs) =>
  formatLabelSelector(rs.spec?.selector),
);
