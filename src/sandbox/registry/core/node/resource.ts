// Node (pkg/registry/core/node): printed as `kubectl get nodes` shows them, selectable by
// spec.unschedulable.
import { defineResource } from '../../define.ts';
import { nodePrinter } from './printer.ts';
import { nodeStatusStrategy, nodeStrategy } from './strategy.ts';
import type { Node } from './types.ts';

export const nodeResource = defineResource<Node>({
  group: '',
  version: 'v1',
  kind: 'Node',
  resource: 'nodes',
  namespaced: false,
  shortNames: ['no'],
  defaults(node) {
    // SetDefaults_NodeStatus: allocatable follows capacity when unset.
    if (node.status?.capacity && !node.status.allocatable) node.status.allocatable = { ...node.status.capacity };
  },
  strategy: nodeStrategy,
  statusStrategy: nodeStatusStrategy,
  printer: nodePrinter,
  fieldLabels: (node) => ({ 'spec.unschedulable': String(node.spec?.unschedulable ?? false) }),
});
