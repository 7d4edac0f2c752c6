// SubjectAccessReview (pkg/registry/authorization/subjectaccessreview): may this user (with
// exactly the groups given) do this? Create-only, never stored.
import { fieldErrors as fe, path, Rendered } from '../../../../apimachinery/field-errors.ts';
import type * as api from '../../../../generated/k8s/authorization/v1.ts';
import type { UserInfo } from '../../types.ts';
import { CREATE_ONLY, defineResource } from '../../define.ts';
import { attributesOf, review, throwIfInvalid, validateSubjectSpec } from '../review.ts';

type SubjectAccessReview = api.SubjectAccessReview & { metadata: NonNullable<api.SubjectAccessReview['metadata']> };

/** The metadata of a SubjectAccessReview must be empty (managedFields aside). */
export function metadataIsEmpty(meta: Record<string, unknown> | undefined, allowed: readonly string[] = []): boolean {
  return Object.entries(meta ?? {}).every(([k, v]) => k === 'managedFields' || allowed.includes(k) || v === null || v === undefined || v === '');
}

export function userFromSpec(spec: api.SubjectAccessReviewSpec): UserInfo {
  const user: UserInfo = { username: spec.user ?? '', groups: spec.groups ?? [] };
  if (spec.uid) user.uid = spec.uid;
  if (spec.extra) user.extra = spec.extra;
  return user;
}

export const subjectAccessReviewResource = defineResource<SubjectAccessReview>({
  group: 'authorization.k8s.io',
  version: 'v1',
  kind: 'SubjectAccessReview',
  resource: 'subjectaccessreviews',
  namespaced: false,
  verbs: CREATE_ONLY,
  virtual: (obj, ctx) => {
    const sar = obj as SubjectAccessReview;
    const spec = sar.spec ?? {};
    const errs = validateSubjectSpec(spec);
    if (!metadataIsEmpty(sar.metadata as Record<string, unknown> | undefined)) {
      errs.push(fe.invalid(path('metadata'), new Rendered(`v1.ObjectMeta{Name:"${sar.metadata?.name ?? ''}"}`), 'must be empty'));
    }
    throwIfInvalid('SubjectAccessReview', errs);
    return { ...sar, apiVersion: 'authorization.k8s.io/v1', kind: 'SubjectAccessReview', status: review(ctx.cluster, attributesOf(userFromSpec(spec), spec)) };
  },
});
