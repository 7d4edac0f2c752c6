// NodePorts: a pod's host ports (containers and sidecar init containers) must be free on the
// node for their protocol and address; 0.0.0.0 conflicts with every address.
import { statelessFilter, type Plugin } from '../framework.ts';
import { hostPortConflict, podHostPorts } from '../node-info.ts';
import { unschedulable } from '../status.ts';

export const NODE_PORTS = 'NodePorts';
export const ERR_REASON_NODE_PORTS = "node(s) didn't have free ports for the requested pod ports";

export const nodePorts: Plugin = {
  name: NODE_PORTS,
  preFilter(ctx) {
    const wanted = podHostPorts(ctx.pod);
    if (wanted.length === 0) return { kind: 'skip' };
    return {
      kind: 'ok',
      state: statelessFilter((node) =>
        wanted.some((p) => hostPortConflict(node.usedPorts, p.hostIP, p.protocol, p.hostPort ?? 0)) ? unschedulable(NODE_PORTS, ERR_REASON_NODE_PORTS) : null,
      ),
    };
  },
};
