// SelfSubjectRulesReview (authorization.k8s.io/v1): registered; upstream's strategy, validation and printer to come.
import type * as api from '../../../../generated/k8s/authorization/v1.ts';
import { defineResource } from '../../define.ts';

type SelfSubjectRulesReview = api.SelfSubjectRulesReview & { metadata: NonNullable<api.SelfSubjectRulesReview['metadata']> };

export const selfSubjectRulesReviewResource = defineResource<SelfSubjectRulesReview>({
  group: 'authorization.k8s.io',
  version: 'v1',
  kind: 'SelfSubjectRulesReview',
  resource: 'selfsubjectrulesreviews',
  namespaced: false,
  verbs: ['create'],
  virtual: (obj) => obj,
});
