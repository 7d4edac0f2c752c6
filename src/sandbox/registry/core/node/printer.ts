// The Node table (printNode in pkg/printers/internalversion/printers.go): STATUS from the Ready
// condition plus SchedulingDisabled, ROLES from node-role labels.
import { age, ageColumn, column, nameColumn } from '../../printers/format.ts';
import type { TablePrinter } from '../../types.ts';
import { swaggerDoc } from '../shared/swagger-doc.ts';
import type { Node } from './types.ts';

const ROLE_PREFIX = 'node-role.kubernetes.io/';

export function nodeStatus(node: Node): string {
  const status: string[] = [];
  const ready = (node.status?.conditions ?? []).find((c) => c.type === 'Ready');
  if (ready) status.push(ready.status === 'True' ? 'Ready' : 'NotReady');
  if (status.length === 0) status.push('Unknown');
  if (node.spec?.unschedulable) status.push('SchedulingDisabled');
  return status.join(',');
}

/** findNodeRoles: node-role.kubernetes.io/<role> labels and the kubernetes.io/role label. */
export function nodeRoles(node: Node): string {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(node.metadata.labels ?? {})) {
    if (k.startsWith(ROLE_PREFIX)) {
      const role = k.slice(ROLE_PREFIX.length);
      if (role) roles.add(role);
    } else if (k === 'kubernetes.io/role' && v !== '') roles.add(v);
  }
  return [...roles].sort().join(',') || '<none>';
}

function address(node: Node, type: string): string {
  return (node.status?.addresses ?? []).find((a) => a.type === type)?.address ?? '<none>';
}

export const nodePrinter: TablePrinter<Node> = {
  columns: [
    nameColumn,
    column('Status', 'string', 'The status of the node'),
    column('Roles', 'string', 'The roles of the node'),
    ageColumn,
    column('Version', 'string', swaggerDoc('NodeSystemInfo', 'kubeletVersion')),
    column('Internal-IP', 'string', swaggerDoc('NodeStatus', 'addresses'), 1),
    column('External-IP', 'string', swaggerDoc('NodeStatus', 'addresses'), 1),
    column('OS-Image', 'string', swaggerDoc('NodeSystemInfo', 'osImage'), 1),
    column('Kernel-Version', 'string', swaggerDoc('NodeSystemInfo', 'kernelVersion'), 1),
    column('Container-Runtime', 'string', swaggerDoc('NodeSystemInfo', 'containerRuntimeVersion'), 1),
  ],
  cells: (node, ctx) => {
    const info = node.status?.nodeInfo;
    return [
      node.metadata.name,
      nodeStatus(node),
      nodeRoles(node),
      age(node.metadata.creationTimestamp, ctx.now),
      info?.kubeletVersion ?? '',
      address(node, 'InternalIP'),
      address(node, 'ExternalIP'),
      info?.osImage || '<unknown>',
      info?.kernelVersion || '<unknown>',
      info?.containerRuntimeVersion || '<unknown>',
    ];
  },
};
