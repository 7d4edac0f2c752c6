// Node selection rules as component-helpers/scheduling/corev1/nodeaffinity evaluates them:
// nodeSelector maps, NodeSelector terms (ORed; an empty term matches nothing; a term that fails to
// parse matches nothing), matchExpressions with In/NotIn/Exists/DoesNotExist/Gt/Lt and
// matchFields on metadata.name (In/NotIn with exactly one value), and preferred terms' weights.
import { newRequirement, Selector, type Operator, type Requirement } from '../../apimachinery/labels.ts';
import type * as corev1 from '../../generated/k8s/core/v1.ts';

/** What node selection looks at: the name (for matchFields) and the labels. */
export interface NodeIdentity {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
}

const OPERATORS: Record<string, Operator> = { In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!', Gt: 'gt', Lt: 'lt' };

/** A parsed NodeSelectorTerm; `undefined` fields impose nothing. */
interface ParsedTerm {
  labels?: Selector;
  fields?: Array<{ key: string; op: 'in' | 'notin'; value: string }>;
  invalid: boolean;
}

function parseTerm(term: corev1.NodeSelectorTerm): ParsedTerm {
  const out: ParsedTerm = { invalid: false };
  const exprs = term.matchExpressions ?? [];
  if (exprs.length > 0) {
    const reqs: Requirement[] = [];
    for (const e of exprs) {
      const op = OPERATORS[e.operator];
      if (!op) {
        out.invalid = true;
        continue;
      }
      try {
        reqs.push(newRequirement(e.key, op, e.values ?? []));
      } catch {
        out.invalid = true;
      }
    }
    out.labels = new Selector(reqs);
  }
  const fields = term.matchFields ?? [];
  if (fields.length > 0) {
    out.fields = [];
    for (const f of fields) {
      if ((f.operator !== 'In' && f.operator !== 'NotIn') || (f.values ?? []).length !== 1) {
        out.invalid = true;
        continue;
      }
      out.fields.push({ key: f.key, op: f.operator === 'In' ? 'in' : 'notin', value: f.values![0]! });
    }
  }
  return out;
}

const isEmptyTerm = (t: corev1.NodeSelectorTerm): boolean => (t.matchExpressions ?? []).length === 0 && (t.matchFields ?? []).length === 0;

function termMatches(t: ParsedTerm, node: NodeIdentity): boolean {
  if (t.invalid) return false;
  if (t.labels && !t.labels.matches(node.labels)) return false;
  // Upstream only checks fields when the node has any (a nameless node, as in PV affinity checks, has none).
  if (t.fields && node.name !== '') {
    for (const f of t.fields) {
      const value = f.key === 'metadata.name' ? node.name : '';
      if ((value === f.value) !== (f.op === 'in')) return false;
    }
  }
  return true;
}

/** A NodeSelector: terms ORed, empty terms dropped. */
export class NodeSelectorMatcher {
  private readonly terms: ParsedTerm[];
  constructor(selector: corev1.NodeSelector) {
    this.terms = (selector.nodeSelectorTerms ?? []).filter((t) => !isEmptyTerm(t)).map(parseTerm);
  }
  matches(node: NodeIdentity): boolean {
    return this.terms.some((t) => termMatches(t, node));
  }
}

/** nodeaffinity.RequiredNodeAffinity: the pod's nodeSelector AND its required node affinity. */
export class RequiredNodeAffinity {
  private readonly labels: Selector | undefined;
  private readonly affinity: NodeSelectorMatcher | undefined;
  constructor(pod: corev1.Pod) {
    const ns = pod.spec?.nodeSelector;
    this.labels = ns && Object.keys(ns).length > 0 ? selectorForSet(ns) : undefined;
    const required = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
    this.affinity = required ? new NodeSelectorMatcher(required) : undefined;
  }
  matches(node: NodeIdentity): boolean {
    if (this.labels && !this.labels.matches(node.labels)) return false;
    return this.affinity ? this.affinity.matches(node) : true;
  }
}

function selectorForSet(set: Readonly<Record<string, string>>): Selector {
  return new Selector(
    Object.keys(set)
      .sort()
      .map((key) => ({ key, operator: '=' as Operator, values: [set[key]!] })),
  );
}

/** nodeaffinity.PreferredSchedulingTerms.Score: the summed weights of the matching terms (weight-0 and empty terms skipped). */
export function preferredTermsScore(terms: readonly corev1.PreferredSchedulingTerm[], node: NodeIdentity): number {
  let score = 0;
  for (const t of terms) {
    if (!t.weight || isEmptyTerm(t.preference)) continue;
    const parsed = parseTerm(t.preference);
    if (parsed.invalid) continue;
    if (termMatches(parsed, node)) score += t.weight;
  }
  return score;
}

/** v1helper.MatchTopologySelectorTerms (StorageClass.allowedTopologies): no terms match everything. */
export function matchTopologySelectorTerms(terms: readonly corev1.TopologySelectorTerm[] | undefined, labels: Readonly<Record<string, string>>): boolean {
  if (!terms || terms.length === 0) return true;
  return terms.some((t) => {
    const exprs = t.matchLabelExpressions ?? [];
    if (exprs.length === 0) return false;
    return exprs.every((e) => Object.prototype.hasOwnProperty.call(labels, e.key) && e.values.includes(labels[e.key]!));
  });
}
