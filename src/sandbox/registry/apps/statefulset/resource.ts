// StatefulSet (apps/v1, pkg/registry/apps/statefulset): DNS-label names, defaults, strategy,
// status and scale subresources, and the table printer.
import { defineResource } from '../../define.ts';
import { defaultStatefulSet } from './defaults.ts';
import { statefulSetPrinter } from './printer.ts';
import { statefulSetStatusStrategy, statefulSetStrategy } from './strategy.ts';
import type { StatefulSet } from './types.ts';

export const statefulSetResource = defineResource<StatefulSet>({
  group: 'apps',
  version: 'v1',
  kind: 'StatefulSet',
  resource: 'statefulsets',
  namespaced: true,
  shortNames: ['sts'],
  categories: ['all'],
  nameValidation: 'label',
  defaults: defaultStatefulSet,
  strategy: statefulSetStrategy,
  statusStrategy: statefulSetStatusStrategy,
  scale: { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.replicas', labelSelectorPath: '.spec.selector' },
  printer: statefulSetPrinter,
});
