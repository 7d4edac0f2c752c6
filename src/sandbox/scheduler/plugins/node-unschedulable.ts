// NodeUnschedulable: cordoned nodes (spec.unschedulable) take only pods that tolerate the
// node.kubernetes.io/unschedulable:NoSchedule taint.
import { statelessFilter, type Plugin } from '../framework.ts';
import { unresolvable } from '../status.ts';
import { tolerationsTolerateTaint } from '../taints.ts';

export const NODE_UNSCHEDULABLE = 'NodeUnschedulable';
export const ERR_REASON_UNSCHEDULABLE = 'node(s) were unschedulable';
export const TAINT_NODE_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';

export const nodeUnschedulable: Plugin = {
  name: NODE_UNSCHEDULABLE,
  preFilter(ctx) {
    const tolerates = tolerationsTolerateTaint(ctx.pod.spec?.tolerations, { key: TAINT_NODE_UNSCHEDULABLE, effect: 'NoSchedule' });
    return {
      kind: 'ok',
      state: statelessFilter((node) =>
        node.node.spec?.unschedulable === true && !tolerates ? unresolvable(NODE_UNSCHEDULABLE, ERR_REASON_UNSCHEDULABLE) : null,
      ),
    };
  },
};
