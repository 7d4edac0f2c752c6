// SelfSubjectReview (authentication.k8s.io/v1): registered; upstream's strategy, validation and printer to come.
import type * as api from '../../../../generated/k8s/authentication/v1.ts';
import { defineResource } from '../../define.ts';

type SelfSubjectReview = api.SelfSubjectReview & { metadata: NonNullable<api.SelfSubjectReview['metadata']> };

export const selfSubjectReviewResource = defineResource<SelfSubjectReview>({
  group: 'authentication.k8s.io',
  version: 'v1',
  kind: 'SelfSubjectReview',
  resource: 'selfsubjectreviews',
  namespaced: false,
  verbs: ['create'],
  virtual: (obj) => obj,
});
