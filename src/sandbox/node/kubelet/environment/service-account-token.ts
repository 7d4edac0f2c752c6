// The token the kubelet projects into kube-api-access volumes (serviceAccountToken sources):
// a TokenRequest bound to the pod and node, signed with the cluster's key exactly as
// auth/service-account-token.ts signs (HS256 JWT), so the sandbox's API server accepts it. Signed
// synchronously here because volume setup is synchronous. As a kube-apiserver with
// --service-account-extend-token-expiration does for the default 3607s, the token is valid a year
// and carries `warnafter` at the requested expiry.
import { createHmac } from 'node:crypto';
import type { Cluster } from '../../../cluster.ts';
import { DEFAULT_AUDIENCES, ISSUER } from '../../../auth/service-account-token.ts';

const EXTENDED_EXPIRATION_SECONDS = 365 * 24 * 60 * 60;
const KUBELET_EXPIRATION_SECONDS = 3607;

const b64url = (v: Buffer | string) => Buffer.from(v).toString('base64url');

export interface TokenRequestInputs {
  namespace: string;
  serviceAccount: { name: string; uid: string };
  pod: { name: string; uid: string };
  node: { name: string; uid: string };
  audience?: string;
  expirationSeconds?: number;
}

export function projectedServiceAccountToken(cluster: Cluster, r: TokenRequestInputs): string {
  const now = Math.floor(cluster.clock.now() / 1000);
  const requested = r.expirationSeconds ?? KUBELET_EXPIRATION_SECONDS;
  const extended = requested === KUBELET_EXPIRATION_SECONDS;
  const payload = {
    aud: r.audience ? [r.audience] : DEFAULT_AUDIENCES,
    exp: now + (extended ? EXTENDED_EXPIRATION_SECONDS : requested),
    iat: now,
    iss: ISSUER,
    jti: cluster.ids.uid(),
    'kubernetes.io': {
      namespace: r.namespace,
      node: r.node,
      pod: r.pod,
      serviceaccount: r.serviceAccount,
      ...(extended ? { warnafter: now + requested } : {}),
    },
    nbf: now,
    sub: `system:serviceaccount:${r.namespace}:${r.serviceAccount.name}`,
  };
  const head = b64url(JSON.stringify({ alg: 'HS256', kid: cluster.id }));
  const body = b64url(JSON.stringify(payload));
  const sig = createHmac('sha256', Buffer.from(cluster.record.tokenKey, 'base64url')).update(`${head}.${body}`).digest();
  return `${head}.${body}.${b64url(sig)}`;
}
