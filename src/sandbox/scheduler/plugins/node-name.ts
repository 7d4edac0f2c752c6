// NodeName: a pod that names its node (spec.nodeName) fits only that node.
import { statelessFilter, type Plugin } from '../framework.ts';
import { unresolvable } from '../status.ts';

export const NODE_NAME = 'NodeName';
export const ERR_REASON_NODE_NAME = "node(s) didn't match the requested node name";

export const nodeName: Plugin = {
  name: NODE_NAME,
  preFilter(ctx) {
    const wanted = ctx.pod.spec?.nodeName;
    if (!wanted) return { kind: 'skip' };
    return { kind: 'ok', state: statelessFilter((node) => (node.name === wanted ? null : unresolvable(NODE_NAME, ERR_REASON_NODE_NAME))) };
  },
};
