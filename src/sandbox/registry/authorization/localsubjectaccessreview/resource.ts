// LocalSubjectAccessReview (authorization.k8s.io/v1): registered; upstream's strategy, validation and printer to come.
import type * as api from '../../../../generated/k8s/authorization/v1.ts';
import { defineResource } from '../../define.ts';

type LocalSubjectAccessReview = api.LocalSubjectAccessReview & { metadata: NonNullable<api.LocalSubjectAccessReview['metadata']> };

export const localSubjectAccessReviewResource = defineResource<LocalSubjectAccessReview>({
  group: 'authorization.k8s.io',
  version: 'v1',
  kind: 'LocalSubjectAccessReview',
  resource: 'localsubjectaccessreviews',
  namespaced: true,
  verbs: ['create'],
  virtual: (obj) => obj,
});
