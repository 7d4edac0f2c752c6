// SubjectAccessReview (authorization.k8s.io/v1): registered; upstream's strategy, validation and printer to come.
import type * as api from '../../../../generated/k8s/authorization/v1.ts';
import { defineResource } from '../../define.ts';

type SubjectAccessReview = api.SubjectAccessReview & { metadata: NonNullable<api.SubjectAccessReview['metadata']> };

export const subjectAccessReviewResource = defineResource<SubjectAccessReview>({
  group: 'authorization.k8s.io',
  version: 'v1',
  kind: 'SubjectAccessReview',
  resource: 'subjectaccessreviews',
  namespaced: false,
  verbs: ['create'],
  virtual: (obj) => obj,
});
