// SelfSubjectAccessReview (authorization.k8s.io/v1): registered; upstream's strategy, validation and printer to come.
import type * as api from '../../../../generated/k8s/authorization/v1.ts';
import { defineResource } from '../../define.ts';

type SelfSubjectAccessReview = api.SelfSubjectAccessReview & { metadata: NonNullable<api.SelfSubjectAccessReview['metadata']> };

export const selfSubjectAccessReviewResource = defineResource<SelfSubjectAccessReview>({
  group: 'authorization.k8s.io',
  version: 'v1',
  kind: 'SelfSubjectAccessReview',
  resource: 'selfsubjectaccessreviews',
  namespaced: false,
  verbs: ['create'],
  virtual: (obj) => obj,
});
