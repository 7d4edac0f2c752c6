// ReplicaSet (apps/v1, pkg/registry/apps/replicaset): defaults, strategy, status and scale
// subresources, the table printer and the status.replicas field selector.
import { defineResource } from '../../define.ts';
import { defaultReplicaSet } from './defaults.ts';
import { replicaSetPrinter } from './printer.ts';
import { replicaSetStatusStrategy, replicaSetStrategy } from './strategy.ts';
import type { ReplicaSet } from './types.ts';

export const replicaSetResource = defineResource<ReplicaSet>({
  group: 'apps',
  version: 'v1',
  kind: 'ReplicaSet',
  resource: 'replicasets',
  namespaced: true,
  shortNames: ['rs'],
  categories: ['all'],
  defaults: defaultReplicaSet,
  strategy: replicaSetStrategy,
  statusStrategy: replicaSetStatusStrategy,
  scale: { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.replicas', labelSelectorPath: '.spec.selector' },
  printer: replicaSetPrinter,
  fieldLabels: (rs) => ({ 'status.replicas': String(rs.status?.replicas ?? 0) }),
});
