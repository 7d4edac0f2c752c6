// SelfSubjectReview (pkg/registry/authentication/selfsubjectreview): who the requester is, after
// impersonation. `kubectl auth whoami` asks it. Create-only, never stored.
import type * as api from '../../../../generated/k8s/authentication/v1.ts';
import { CREATE_ONLY, defineResource } from '../../define.ts';
import { userInfoOf } from '../user-info.ts';

type SelfSubjectReview = api.SelfSubjectReview & { metadata: NonNullable<api.SelfSubjectReview['metadata']> };

function rfc3339(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

export const selfSubjectReviewResource = defineResource<SelfSubjectReview>({
  group: 'authentication.k8s.io',
  version: 'v1',
  kind: 'SelfSubjectReview',
  resource: 'selfsubjectreviews',
  namespaced: false,
  verbs: CREATE_ONLY,
  virtual: (_obj, ctx) => ({
    apiVersion: 'authentication.k8s.io/v1',
    kind: 'SelfSubjectReview',
    metadata: { creationTimestamp: rfc3339(ctx.now) },
    status: { userInfo: userInfoOf(ctx.user) },
  }),
});
