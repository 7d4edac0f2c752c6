// RBAC validation with upstream's messages (pkg/apis/rbac/validation/validation.go): policy
// rules, aggregation rules, role references and binding subjects.
import { fieldErrors as fe, type FieldError, type FieldPath, path, Rendered } from '../../../apimachinery/field-errors.ts';
import { goQuote } from '../../../apimachinery/go-format.ts';
import { labelSelectorAsSelector } from '../../../apimachinery/labels.ts';
import { validateLabelSelector } from '../../../apimachinery/validation/label-selector.ts';
import { isDNS1123Subdomain } from '../../../apimachinery/validation/names.ts';
import { validatePathSegmentName } from '../../../apimachinery/validation/object-meta.ts';
import type * as rbacv1 from '../../../generated/k8s/rbac/v1.ts';

export const RBAC_GROUP = 'rbac.authorization.k8s.io';

/** `%#v` of a []string, as Invalid prints a slice. */
function goStrings(values: readonly string[] | undefined): Rendered {
  return new Rendered(`[]string{${(values ?? []).map(goQuote).join(', ')}}`);
}

export function validatePolicyRule(rule: rbacv1.PolicyRule, namespaced: boolean, fld: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (!rule.verbs?.length) errs.push(fe.required(fld.child('verbs'), 'verbs must contain at least one value'));
  if (rule.nonResourceURLs?.length) {
    if (namespaced) errs.push(fe.invalid(fld.child('nonResourceURLs'), goStrings(rule.nonResourceURLs), 'namespaced rules cannot apply to non-resource URLs'));
    if (rule.apiGroups?.length || rule.resources?.length || rule.resourceNames?.length) {
      errs.push(fe.invalid(fld.child('nonResourceURLs'), goStrings(rule.nonResourceURLs), 'rules cannot apply to both regular resources and non-resource URLs'));
    }
    return errs;
  }
  if (!rule.apiGroups?.length) errs.push(fe.required(fld.child('apiGroups'), 'resource rules must supply at least one api group'));
  if (!rule.resources?.length) errs.push(fe.required(fld.child('resources'), 'resource rules must supply at least one resource'));
  if (rule.resourceNames?.length && (rule.resources?.length ?? 0) > 1) {
    errs.push(fe.required(fld.child('resourceNames'), 'resource names cannot apply to multiple resources'));
  }
  return errs;
}

export function validateRules(rules: readonly rbacv1.PolicyRule[] | null | undefined, namespaced: boolean): FieldError[] {
  return (rules ?? []).flatMap((r, i) => validatePolicyRule(r, namespaced, path('rules').index(i)));
}

export function validateAggregationRule(rule: rbacv1.AggregationRule | undefined): FieldError[] {
  if (!rule) return [];
  const fld = path('aggregationRule', 'clusterRoleSelectors');
  const selectors = rule.clusterRoleSelectors ?? [];
  const errs: FieldError[] = [];
  if (selectors.length === 0) errs.push(fe.required(fld, 'at least one clusterRoleSelector required if aggregationRule is non-nil'));
  selectors.forEach((s, i) => {
    errs.push(...validateLabelSelector(s, {}, fld.index(i)));
    try {
      labelSelectorAsSelector(s);
    } catch {
      errs.push(fe.invalid(fld.index(i), null, 'invalid label selector.'));
    }
  });
  return errs;
}

export function validateRoleRef(ref: rbacv1.RoleRef | undefined, allowedKinds: readonly string[]): FieldError[] {
  const errs: FieldError[] = [];
  const r = ref ?? { apiGroup: '', kind: '', name: '' };
  if (r.apiGroup !== RBAC_GROUP) errs.push(fe.notSupported(path('roleRef', 'apiGroup'), r.apiGroup ?? '', [RBAC_GROUP]));
  if (!allowedKinds.includes(r.kind)) errs.push(fe.notSupported(path('roleRef', 'kind'), r.kind ?? '', allowedKinds));
  if (!r.name) errs.push(fe.required(path('roleRef', 'name')));
  else for (const m of validatePathSegmentName(r.name, false)) errs.push(fe.invalid(path('roleRef', 'name'), r.name, m));
  return errs;
}

export function validateSubject(s: rbacv1.Subject, namespaced: boolean, fld: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const name = s.name ?? '';
  const apiGroup = s.apiGroup ?? '';
  if (!name) errs.push(fe.required(fld.child('name')));
  switch (s.kind) {
    case 'ServiceAccount':
      if (name) for (const m of isDNS1123Subdomain(name)) errs.push(fe.invalid(fld.child('name'), name, m));
      if (apiGroup) errs.push(fe.notSupported(fld.child('apiGroup'), apiGroup, ['']));
      if (!namespaced && !s.namespace) errs.push(fe.required(fld.child('namespace')));
      break;
    case 'User':
      if (!name) errs.push(fe.invalid(fld.child('name'), name, 'user name cannot be empty'));
      if (apiGroup !== RBAC_GROUP) errs.push(fe.notSupported(fld.child('apiGroup'), apiGroup, [RBAC_GROUP]));
      break;
    case 'Group':
      if (!name) errs.push(fe.invalid(fld.child('name'), name, 'group name cannot be empty'));
      if (apiGroup !== RBAC_GROUP) errs.push(fe.notSupported(fld.child('apiGroup'), apiGroup, [RBAC_GROUP]));
      break;
    default:
      errs.push(fe.notSupported(fld.child('kind'), s.kind ?? '', ['ServiceAccount', 'User', 'Group']));
  }
  return errs;
}

export function validateSubjects(subjects: readonly rbacv1.Subject[] | undefined, namespaced: boolean): FieldError[] {
  return (subjects ?? []).flatMap((s, i) => validateSubject(s, namespaced, path('subjects').index(i)));
}

/** `cannot change roleRef`, with the value printed as Go's %#v of the internal rbac.RoleRef. */
export function validateRoleRefUnchanged(ref: rbacv1.RoleRef | undefined, old: rbacv1.RoleRef | undefined): FieldError[] {
  const a = ref ?? { apiGroup: '', kind: '', name: '' };
  const b = old ?? { apiGroup: '', kind: '', name: '' };
  if (a.apiGroup === b.apiGroup && a.kind === b.kind && a.name === b.name) return [];
  const shown = new Rendered(`rbac.RoleRef{APIGroup:${goQuote(a.apiGroup ?? '')}, Kind:${goQuote(a.kind ?? '')}, Name:${goQuote(a.name ?? '')}}`);
  return [fe.invalid(path('roleRef'), shown, 'cannot change roleRef')];
}

/** SetDefaults_RoleBinding / _ClusterRoleBinding / _Subject. */
export function defaultBinding(b: { roleRef?: rbacv1.RoleRef; subjects?: rbacv1.Subject[] }): void {
  if (b.roleRef && !b.roleRef.apiGroup) b.roleRef.apiGroup = RBAC_GROUP;
  for (const s of b.subjects ?? []) {
    if (!s.apiGroup && (s.kind === 'User' || s.kind === 'Group')) s.apiGroup = RBAC_GROUP;
  }
}
