// DaemonSet (apps/v1): registered; upstream's strategy, validation and printer to come.
import type * as api from '../../../../generated/k8s/apps/v1.ts';
import { defineResource } from '../../define.ts';

type DaemonSet = api.DaemonSet & { metadata: NonNullable<api.DaemonSet['metadata']> };

export const daemonSetResource = defineResource<DaemonSet>({
  group: 'apps',
  version: 'v1',
  kind: 'DaemonSet',
  resource: 'daemonsets',
  namespaced: true,
  shortNames: ['ds'],
  categories: ['all'],
  statusStrategy: {},
});
