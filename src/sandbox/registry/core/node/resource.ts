// Node (core/v1): registered; upstream's strategy, validation and printer to come.
import type * as api from '../../../../generated/k8s/core/v1.ts';
import { defineResource } from '../../define.ts';

type Node = api.Node & { metadata: NonNullable<api.Node['metadata']> };

export const nodeResource = defineResource<Node>({
  group: '',
  version: 'v1',
  kind: 'Node',
  resource: 'nodes',
  namespaced: false,
  shortNames: ['no'],
  statusStrategy: {},
});
