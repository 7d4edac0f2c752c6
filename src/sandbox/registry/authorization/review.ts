// What the access reviews share (pkg/registry/authorization/util and
// pkg/apis/authorization/validation): request attributes from a review's spec, spec validation
// with upstream's messages, and the status an authorizer's answer becomes.
import { invalid } from '../../../apimachinery/errors.ts';
import { fieldErrors as fe, type FieldError, path, Rendered } from '../../../apimachinery/field-errors.ts';
import { goQuote } from '../../../apimachinery/go-format.ts';
import type * as authzv1 from '../../../generated/k8s/authorization/v1.ts';
import { authorizerOf } from '../../auth/cluster-authorizer.ts';
import type { AuthorizationAttributes } from '../../auth/types.ts';
import type { ClusterServices, UserInfo } from '../types.ts';

export const AUTHORIZATION_GROUP = 'authorization.k8s.io';

/** ResourceAttributesFrom: an empty version matches every version. */
export function resourceAttributesFrom(user: UserInfo, ra: authzv1.ResourceAttributes): AuthorizationAttributes {
  return {
    user,
    verb: ra.verb ?? '',
    resourceRequest: true,
    apiGroup: ra.group ?? '',
    apiVersion: ra.version || '*',
    resource: ra.resource ?? '',
    subresource: ra.subresource ?? '',
    namespace: ra.namespace ?? '',
    name: ra.name ?? '',
    path: '',
  };
}

export function nonResourceAttributesFrom(user: UserInfo, nra: authzv1.NonResourceAttributes): AuthorizationAttributes {
  return { user, verb: nra.verb ?? '', resourceRequest: false, apiGroup: '', apiVersion: '', resource: '', subresource: '', namespace: '', name: '', path: nra.path ?? '' };
}

/** Go's %#v of *authorization.NonResourceAttributes as a field error prints it (nil is null). */
function shownNonResource(nra: authzv1.NonResourceAttributes | undefined): Rendered | null {
  if (!nra) return null;
  return new Rendered(`authorization.NonResourceAttributes{Path:${goQuote(nra.path ?? '')}, Verb:${goQuote(nra.verb ?? '')}}`);
}

/** ValidateSelfSubjectAccessReviewSpec: exactly one of resource and non-resource attributes. */
export function validateAttributesChoice(spec: { resourceAttributes?: unknown; nonResourceAttributes?: authzv1.NonResourceAttributes }): FieldError[] {
  const errs: FieldError[] = [];
  const fld = path('spec');
  if (spec.resourceAttributes && spec.nonResourceAttributes) {
    errs.push(fe.invalid(fld.child('nonResourceAttributes'), shownNonResource(spec.nonResourceAttributes), 'cannot be specified in combination with resourceAttributes'));
  }
  if (!spec.resourceAttributes && !spec.nonResourceAttributes) {
    errs.push(fe.invalid(fld.child('resourceAttributes'), shownNonResource(spec.nonResourceAttributes), 'exactly one of nonResourceAttributes or resourceAttributes must be specified'));
  }
  return errs;
}

/** ValidateSubjectAccessReviewSpec: the choice of attributes, and a user or group to check. */
export function validateSubjectSpec(spec: authzv1.SubjectAccessReviewSpec | undefined): FieldError[] {
  const s = spec ?? {};
  const errs = validateAttributesChoice(s);
  if (!s.user && !s.groups?.length) errs.push(fe.invalid(path('spec', 'user'), s.user ?? '', 'at least one of user or group must be specified'));
  return errs;
}

export function throwIfInvalid(kind: string, errs: FieldError[]): void {
  if (errs.length) throw invalid({ group: AUTHORIZATION_GROUP, kind }, '', errs);
}

/** Asks the cluster's authorizer and shapes the SubjectAccessReviewStatus. */
export function review(cluster: ClusterServices, attrs: AuthorizationAttributes): authzv1.SubjectAccessReviewStatus {
  const d = authorizerOf(cluster).authorize(attrs);
  const status: authzv1.SubjectAccessReviewStatus = { allowed: d.decision === 'allow' };
  if (d.decision === 'deny') status.denied = true;
  if (d.reason) status.reason = d.reason;
  return status;
}

/** The attributes a review's spec asks about, for `user`. */
export function attributesOf(user: UserInfo, spec: { resourceAttributes?: authzv1.ResourceAttributes; nonResourceAttributes?: authzv1.NonResourceAttributes }): AuthorizationAttributes {
  return spec.resourceAttributes ? resourceAttributesFrom(user, spec.resourceAttributes) : nonResourceAttributesFrom(user, spec.nonResourceAttributes ?? {});
}
