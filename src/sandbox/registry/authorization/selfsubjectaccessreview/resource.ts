// SelfSubjectAccessReview (pkg/registry/authorization/selfsubjectaccessreview): may the requester
// do this? `kubectl auth can-i` asks it. Create-only, never stored.
import type * as api from '../../../../generated/k8s/authorization/v1.ts';
import { CREATE_ONLY, defineResource } from '../../define.ts';
import { attributesOf, review, throwIfInvalid, validateAttributesChoice } from '../review.ts';

type SelfSubjectAccessReview = api.SelfSubjectAccessReview & { metadata: NonNullable<api.SelfSubjectAccessReview['metadata']> };

export const selfSubjectAccessReviewResource = defineResource<SelfSubjectAccessReview>({
  group: 'authorization.k8s.io',
  version: 'v1',
  kind: 'SelfSubjectAccessReview',
  resource: 'selfsubjectaccessreviews',
  namespaced: false,
  verbs: CREATE_ONLY,
  virtual: (obj, ctx) => {
    const sar = obj as SelfSubjectAccessReview;
    const spec = sar.spec ?? {};
    throwIfInvalid('SelfSubjectAccessReview', validateAttributesChoice(spec));
    return { ...sar, apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', status: review(ctx.cluster, attributesOf(ctx.user, spec)) };
  },
});
