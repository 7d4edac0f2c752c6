// Bearer-token authentication for one cluster: its admin token (the kubeconfig user) or a
// ServiceAccount token it issued. Tokens of other clusters never validate here.
import { timingSafeEqual } from 'node:crypto';
import { ADMIN_USER, type Cluster } from '../cluster.ts';
import type { UserInfo } from '../registry/types.ts';
import { verifyServiceAccountToken } from './service-account-token.ts';

function sameToken(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

export async function authenticateToken(cluster: Cluster, token: string): Promise<UserInfo | undefined> {
  if (!token) return undefined;
  if (sameToken(token, cluster.record.adminToken)) return ADMIN_USER;
  if (token.split('.').length === 3) return verifyServiceAccountToken(cluster, token);
  return undefined;
}
