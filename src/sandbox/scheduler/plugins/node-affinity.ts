// NodeAffinity: Filter applies the pod's nodeSelector and required node affinity; PreFilter
// narrows the candidate nodes to those named by matchFields metadata.name In terms (as
// DaemonSet pods use); Score sums the weights of matching preferred terms (normalized by the
// highest).
import { defaultNormalizeScore, statelessFilter, type Plugin } from '../framework.ts';
import { preferredTermsScore, RequiredNodeAffinity } from '../node-selector.ts';
import { unresolvable } from '../status.ts';

export const NODE_AFFINITY = 'NodeAffinity';
export const ERR_REASON_POD = "node(s) didn't match Pod's node affinity/selector";
export const ERR_REASON_CONFLICT = 'pod affinity terms conflict';

export const nodeAffinity: Plugin = {
  name: NODE_AFFINITY,
  preFilter(ctx) {
    const spec = ctx.pod.spec;
    const required = spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
    if (!required && spec?.nodeSelector == null) return { kind: 'skip' };
    const matcher = new RequiredNodeAffinity(ctx.pod);
    const state = statelessFilter((node) => (matcher.matches(node) ? null : unresolvable(NODE_AFFINITY, ERR_REASON_POD)));
    const terms = required?.nodeSelectorTerms ?? [];
    if (terms.length === 0) return { kind: 'ok', state };
    let nodeNames: Set<string> | undefined;
    for (const t of terms) {
      let termNames: Set<string> | undefined;
      for (const r of t.matchFields ?? []) {
        if (r.key !== 'metadata.name' || r.operator !== 'In') continue;
        const s = new Set(r.values ?? []);
        termNames = termNames ? new Set([...termNames].filter((n) => s.has(n))) : s;
      }
      // A term without a node name constraint admits every node (terms are ORed).
      if (!termNames) return { kind: 'ok', state };
      nodeNames = new Set([...(nodeNames ?? []), ...termNames]);
    }
    if (nodeNames && nodeNames.size === 0) return { kind: 'reject', status: unresolvable(NODE_AFFINITY, ERR_REASON_CONFLICT) };
    return nodeNames ? { kind: 'ok', state, nodeNames } : { kind: 'ok', state };
  },
  preScore(ctx) {
    const preferred = ctx.pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution;
    if (!preferred) return null;
    return { score: (node) => preferredTermsScore(preferred, node), normalize: (scores) => defaultNormalizeScore(scores, false) };
  },
};
