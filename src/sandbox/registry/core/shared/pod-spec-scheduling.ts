// Scheduling constraints of a PodSpec (upstream validateAffinity, ValidateTolerations,
// validateTopologySpreadConstraints, validateSchedulingGates, validateReadinessGates): what
// learners write when they pin, spread or tolerate pods.
import type * as core from '../../../../generated/k8s/core/v1.ts';
import { fieldErrors as fe, type FieldError, type FieldPath } from '../../../../apimachinery/field-errors.ts';
import { isDNS1123Label, isQualifiedName, isValidLabelValue } from '../../../../apimachinery/validation/names.ts';
import { validateNodeSelector, validateNodeSelectorTerm } from './node-selector.ts';
import { validateLabelName, validateLabelSelector } from '../../../../apimachinery/validation/label-selector.ts';

function validatePodAffinityTerm(term: core.PodAffinityTerm, fld: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  errs.push(...validateLabelSelector(term.labelSelector, {}, fld.child('labelSelector')));
  errs.push(...validateLabelSelector(term.namespaceSelector, {}, fld.child('namespaceSelector')));
  for (const ns of term.namespaces ?? []) for (const m of isDNS1123Label(ns)) errs.push(fe.invalid(fld.child('namespace'), ns, m));
  const match = term.matchLabelKeys ?? [];
  const mismatch = term.mismatchLabelKeys ?? [];
  if ((match.length || mismatch.length) && !term.labelSelector) {
    if (match.length) errs.push(fe.forbidden(fld.child('matchLabelKeys'), 'must not be specified when labelSelector is not set'));
    if (mismatch.length) errs.push(fe.forbidden(fld.child('mismatchLabelKeys'), 'must not be specified when labelSelector is not set'));
  }
  match.forEach((k, i) => errs.push(...validateLabelName(k, fld.child('matchLabelKeys').index(i))));
  mismatch.forEach((k, i) => {
    errs.push(...validateLabelName(k, fld.child('mismatchLabelKeys').index(i)));
    if (match.includes(k)) errs.push(fe.invalid(fld.child('mismatchLabelKeys').index(i), k, 'exists in both matchLabelKeys and mismatchLabelKeys'));
  });
  if (!term.topologyKey) errs.push(fe.required(fld.child('topologyKey'), 'can not be empty'));
  errs.push(...validateLabelName(term.topologyKey ?? '', fld.child('topologyKey')));
  return errs;
}

function validateWeightedTerms(terms: core.WeightedPodAffinityTerm[] | undefined, fld: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  (terms ?? []).forEach((t, j) => {
    if (!(t.weight > 0 && t.weight <= 100)) errs.push(fe.invalid(fld.index(j).child('weight'), t.weight ?? 0, 'must be in the range 1-100'));
    errs.push(...validatePodAffinityTerm(t.podAffinityTerm ?? ({} as core.PodAffinityTerm), fld.index(j).child('podAffinityTerm')));
  });
  return errs;
}

function validatePodAffinityLike(a: core.PodAffinity | core.PodAntiAffinity, fld: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const req = fld.child('requiredDuringSchedulingIgnoredDuringExecution');
  (a.requiredDuringSchedulingIgnoredDuringExecution ?? []).forEach((t, i) => errs.push(...validatePodAffinityTerm(t, req.index(i))));
  errs.push(...validateWeightedTerms(a.preferredDuringSchedulingIgnoredDuringExecution, fld.child('preferredDuringSchedulingIgnoredDuringExecution')));
  return errs;
}

/** validateAffinity. */
export function validateAffinity(affinity: core.Affinity | undefined, fld: FieldPath): FieldError[] {
  if (!affinity) return [];
  const errs: FieldError[] = [];
  const na = affinity.nodeAffinity;
  if (na) {
    const np = fld.child('nodeAffinity');
    const required = na.requiredDuringSchedulingIgnoredDuringExecution;
    if (required) errs.push(...validateNodeSelector(required, false, np.child('requiredDuringSchedulingIgnoredDuringExecution')));
    (na.preferredDuringSchedulingIgnoredDuringExecution ?? []).forEach((t, i) => {
      const pp = np.child('preferredDuringSchedulingIgnoredDuringExecution').index(i);
      if (!(t.weight > 0 && t.weight <= 100)) errs.push(fe.invalid(pp.child('weight'), t.weight ?? 0, 'must be in the range 1-100'));
      errs.push(...validateNodeSelectorTerm(t.preference ?? {}, true, pp.child('preference')));
    });
  }
  if (affinity.podAffinity) errs.push(...validatePodAffinityLike(affinity.podAffinity, fld.child('podAffinity')));
  if (affinity.podAntiAffinity) errs.push(...validatePodAffinityLike(affinity.podAntiAffinity, fld.child('podAntiAffinity')));
  return errs;
}

const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/** ValidateTolerations. */
export function validateTolerations(tolerations: core.Toleration[] | undefined, fld: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  (tolerations ?? []).forEach((t, i) => {
    const p = fld.index(i);
    const key = t.key ?? '';
    const op = t.operator ?? '';
    const value = t.value ?? '';
    const effect = t.effect ?? '';
    if (key) errs.push(...validateLabelName(key, p.child('key')));
    if (!key && op !== 'Exists') {
      errs.push(fe.invalid(p.child('operator'), op, 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    }
    if (t.tolerationSeconds !== undefined && effect !== 'NoExecute') {
      errs.push(fe.invalid(p.child('effect'), effect, "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    }
    switch (op) {
      case 'Equal':
      case '': {
        const msgs = isValidLabelValue(value);
        if (msgs.length) errs.push(fe.invalid(p.child('operator'), value, msgs.join(';')));
        break;
      }
      case 'Exists':
        if (value) errs.push(fe.invalid(p.child('operator'), value, "value must be empty when `operator` is 'Exists'"));
        break;
      default:
        errs.push(fe.notSupported(p.child('operator'), op, ['Equal', 'Exists']));
    }
    if (effect && !TAINT_EFFECTS.includes(effect)) errs.push(fe.notSupported(p.child('effect'), effect, TAINT_EFFECTS));
  });
  return errs;
}

/** validateTopologySpreadConstraints. */
export function validateTopologySpreadConstraints(constraints: core.TopologySpreadConstraint[] | undefined, fld: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const list = constraints ?? [];
  list.forEach((c, i) => {
    const p = fld.index(i);
    if (!(c.maxSkew > 0)) errs.push(fe.invalid(p.child('maxSkew'), c.maxSkew ?? 0, 'must be greater than zero'));
    if (!c.topologyKey) errs.push(fe.required(p.child('topologyKey'), 'can not be empty'));
    const actions = ['DoNotSchedule', 'ScheduleAnyway'];
    if (!actions.includes(c.whenUnsatisfiable)) errs.push(fe.notSupported(p.child('whenUnsatisfiable'), c.whenUnsatisfiable ?? '', actions));
    if (list.slice(i + 1).some((o) => o.topologyKey === c.topologyKey && o.whenUnsatisfiable === c.whenUnsatisfiable)) {
      errs.push(fe.duplicate(p.child('{topologyKey, whenUnsatisfiable}'), `{${c.topologyKey ?? ''}, ${c.whenUnsatisfiable ?? ''}}`));
    }
    if (c.minDomains !== undefined) {
      if (c.minDomains <= 0) errs.push(fe.invalid(p.child('minDomains'), c.minDomains, 'must be greater than zero'));
      if (c.whenUnsatisfiable !== 'DoNotSchedule') {
        errs.push(fe.invalid(p.child('minDomains'), c.minDomains, `can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ${c.whenUnsatisfiable ?? ''}`));
      }
    }
    for (const [field, v] of [['nodeAffinityPolicy', c.nodeAffinityPolicy], ['nodeTaintsPolicy', c.nodeTaintsPolicy]] as const) {
      if (v !== undefined && v !== 'Honor' && v !== 'Ignore') errs.push(fe.notSupported(p.child(field), v, ['Honor', 'Ignore']));
    }
    (c.matchLabelKeys ?? []).forEach((k, j) => errs.push(...validateLabelName(k, p.child('matchLabelKeys').index(j))));
    errs.push(...validateLabelSelector(c.labelSelector, {}, p.child('labelSelector')));
  });
  return errs;
}

/** validateSchedulingGates: qualified names, no duplicates. */
export function validateSchedulingGates(gates: core.PodSchedulingGate[] | undefined, fld: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  (gates ?? []).forEach((g, i) => {
    for (const m of isQualifiedName(g.name ?? '')) errs.push(fe.invalid(fld.index(i), g.name ?? '', m));
    if (seen.has(g.name)) errs.push(fe.duplicate(fld.index(i), g.name));
    seen.add(g.name);
  });
  return errs;
}

/** validateReadinessGates: condition types are qualified names. */
export function validateReadinessGates(gates: core.PodReadinessGate[] | undefined, fld: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  (gates ?? []).forEach((g, i) => {
    for (const m of isQualifiedName(g.conditionType ?? '')) errs.push(fe.invalid(fld.index(i).child('conditionType'), g.conditionType ?? '', m));
  });
  return errs;
}
