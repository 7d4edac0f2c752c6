// TokenReview (authentication.k8s.io/v1): registered; upstream's strategy, validation and printer to come.
import type * as api from '../../../../generated/k8s/authentication/v1.ts';
import { defineResource } from '../../define.ts';

type TokenReview = api.TokenReview & { metadata: NonNullable<api.TokenReview['metadata']> };

export const tokenReviewResource = defineResource<TokenReview>({
  group: 'authentication.k8s.io',
  version: 'v1',
  kind: 'TokenReview',
  resource: 'tokenreviews',
  namespaced: false,
  verbs: ['create'],
  virtual: (obj) => obj,
});
