// TokenReview (pkg/registry/authentication/tokenreview): is this bearer token valid for this
// cluster, and whose is it? Accepts the cluster's ServiceAccount tokens and its admin token, for
// the requested audiences (the API server's own by default). Create-only, never stored.
import { decodeJwt } from 'jose';
import { badRequest } from '../../../../apimachinery/errors.ts';
import type * as api from '../../../../generated/k8s/authentication/v1.ts';
import { authenticateToken } from '../../../auth/authenticator.ts';
import { goQuotedList } from '../../../auth/policy-rule.ts';
import { DEFAULT_AUDIENCES } from '../../../auth/service-account-token.ts';
import type { Cluster } from '../../../cluster.ts';
import type { ClusterServices } from '../../types.ts';
import { CREATE_ONLY, defineResource } from '../../define.ts';
import { userInfoOf } from '../user-info.ts';

type TokenReview = api.TokenReview & { metadata: NonNullable<api.TokenReview['metadata']> };

function isCluster(c: ClusterServices): c is Cluster {
  return 'record' in c;
}

/** The audiences a token was issued for: a JWT's `aud`, or the API server's for the admin token. */
function tokenAudiences(token: string): string[] {
  if (token.split('.').length !== 3) return DEFAULT_AUDIENCES;
  try {
    const aud = decodeJwt(token).aud;
    return aud === undefined ? [] : Array.isArray(aud) ? aud : [aud];
  } catch {
    return [];
  }
}

export const tokenReviewResource = defineResource<TokenReview>({
  group: 'authentication.k8s.io',
  version: 'v1',
  kind: 'TokenReview',
  resource: 'tokenreviews',
  namespaced: false,
  verbs: CREATE_ONLY,
  virtual: async (obj, ctx) => {
    const tr = obj as TokenReview;
    const token = tr.spec?.token ?? '';
    if (!token) throw badRequest('token is required for TokenReview in authentication');
    const requested = tr.spec.audiences?.length ? tr.spec.audiences : DEFAULT_AUDIENCES;
    const status: api.TokenReviewStatus = { authenticated: false };
    const user = isCluster(ctx.cluster) ? await authenticateToken(ctx.cluster, token) : undefined;
    if (user) {
      const issued = tokenAudiences(token);
      const audiences = requested.filter((a) => issued.includes(a));
      if (audiences.length) {
        status.authenticated = true;
        status.user = userInfoOf(user);
        status.audiences = audiences;
      } else {
        status.error = `[invalid bearer token, token audiences ${goQuotedList(issued)} is invalid for the target audiences ${goQuotedList(requested)}]`;
      }
    } else {
      status.error = 'invalid bearer token';
    }
    return { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', metadata: tr.metadata ?? {}, spec: tr.spec, status };
  },
});
