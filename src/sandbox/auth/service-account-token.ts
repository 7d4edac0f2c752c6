// ServiceAccount tokens (TokenRequest, `kubectl create token`): JWTs signed with the cluster's
// own key, carrying upstream's claims, valid only while the ServiceAccount (same uid) exists.
import { jwtVerify, SignJWT } from 'jose';
import type { Cluster } from '../cluster.ts';
import type { UserInfo } from '../registry/types.ts';

export const ISSUER = 'https://kubernetes.default.svc.cluster.local';
export const DEFAULT_AUDIENCES = ['https://kubernetes.default.svc.cluster.local'];

interface KubernetesClaims {
  namespace: string;
  serviceaccount: { name: string; uid: string };
  pod?: { name: string; uid: string };
  node?: { name: string; uid: string };
}

function key(cluster: Cluster): Uint8Array {
  return Buffer.from(cluster.record.tokenKey, 'base64url');
}

export async function issueServiceAccountToken(
  cluster: Cluster,
  sa: { namespace: string; name: string; uid: string },
  opts: { audiences?: string[]; expirationSeconds: number; now: number; boundPod?: { name: string; uid: string } },
): Promise<{ token: string; expirationTimestamp: string }> {
  const iat = Math.floor(opts.now / 1000);
  const exp = iat + opts.expirationSeconds;
  const claims: KubernetesClaims = { namespace: sa.namespace, serviceaccount: { name: sa.name, uid: sa.uid } };
  if (opts.boundPod) claims.pod = opts.boundPod;
  const token = await new SignJWT({ 'kubernetes.io': claims })
    .setProtectedHeader({ alg: 'HS256', kid: cluster.id })
    .setIssuer(ISSUER)
    .setSubject(`system:serviceaccount:${sa.namespace}:${sa.name}`)
    .setAudience(opts.audiences?.length ? opts.audiences : DEFAULT_AUDIENCES)
    .setIssuedAt(iat)
    .setNotBefore(iat)
    .setExpirationTime(exp)
    .setJti(cluster.ids.uid())
    .sign(key(cluster));
  return { token, expirationTimestamp: `${new Date(exp * 1000).toISOString().slice(0, 19)}Z` };
}

export function serviceAccountUser(namespace: string, name: string, uid?: string): UserInfo {
  return {
    username: `system:serviceaccount:${namespace}:${name}`,
    uid,
    groups: ['system:serviceaccounts', `system:serviceaccounts:${namespace}`, 'system:authenticated'],
  };
}

export async function verifyServiceAccountToken(cluster: Cluster, token: string): Promise<UserInfo | undefined> {
  try {
    const { payload } = await jwtVerify(token, key(cluster), {
      issuer: ISSUER,
      currentDate: new Date(cluster.clock.now()),
      algorithms: ['HS256'],
    });
    const k = payload['kubernetes.io'] as KubernetesClaims | undefined;
    if (!k) return undefined;
    const sa = cluster.store.get('serviceaccounts', k.namespace, k.serviceaccount.name);
    if (!sa || sa.metadata.uid !== k.serviceaccount.uid) return undefined;
    const user = serviceAccountUser(k.namespace, k.serviceaccount.name, k.serviceaccount.uid);
    const extra: Record<string, string[]> = {};
    if (k.pod) {
      extra['authentication.kubernetes.io/pod-name'] = [k.pod.name];
      extra['authentication.kubernetes.io/pod-uid'] = [k.pod.uid];
    }
    if (payload.jti) extra['authentication.kubernetes.io/credential-id'] = [`JTI=${payload.jti}`];
    return Object.keys(extra).length ? { ...user, extra } : user;
  } catch {
    return undefined;
  }
}
