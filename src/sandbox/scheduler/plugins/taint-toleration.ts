// TaintToleration: Filter rejects nodes with a NoSchedule/NoExecute taint the pod does not
// tolerate (naming the first such taint); Score prefers nodes with fewer untolerated
// PreferNoSchedule taints (normalized in reverse: fewest gets 100).
import { defaultNormalizeScore, statelessFilter, type Plugin } from '../framework.ts';
import { unresolvable } from '../status.ts';
import { findUntoleratedTaint, isDoNotScheduleTaint, tolerationsTolerateTaint } from '../taints.ts';

export const TAINT_TOLERATION = 'TaintToleration';

export const taintToleration: Plugin = {
  name: TAINT_TOLERATION,
  preFilter(ctx) {
    const tolerations = ctx.pod.spec?.tolerations;
    return {
      kind: 'ok',
      state: statelessFilter((node) => {
        const taint = findUntoleratedTaint(node.taints, tolerations, isDoNotScheduleTaint);
        return taint ? unresolvable(TAINT_TOLERATION, `node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`) : null;
      }),
    };
  },
  preScore(ctx) {
    // Tolerations with no effect tolerate PreferNoSchedule taints too.
    const tolerations = (ctx.pod.spec?.tolerations ?? []).filter((t) => !t.effect || t.effect === 'PreferNoSchedule');
    return {
      score: (node) => node.taints.filter((t) => t.effect === 'PreferNoSchedule' && !tolerationsTolerateTaint(tolerations, t)).length,
      normalize: (scores) => defaultNormalizeScore(scores, true),
    };
  },
};
