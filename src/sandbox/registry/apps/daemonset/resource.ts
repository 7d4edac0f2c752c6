// DaemonSet (apps/v1, pkg/registry/apps/daemonset): defaults, strategy with the template
// generation annotation, status subresource, and the table printer.
import { defineResource } from '../../define.ts';
import { defaultDaemonSet } from './defaults.ts';
import { daemonSetPrinter } from './printer.ts';
import { daemonSetStatusStrategy, daemonSetStrategy } from './strategy.ts';
import type { DaemonSet } from './types.ts';

export const daemonSetResource = defineResource<DaemonSet>({
  group: 'apps',
  version: 'v1',
  kind: 'DaemonSet',
  resource: 'daemonsets',
  namespaced: true,
  shortNames: ['ds'],
  categories: ['all'],
  defaults: defaultDaemonSet,
  strategy: daemonSetStrategy,
  statusStrategy: daemonSetStatusStrategy,
  printer: daemonSetPrinter,
});
