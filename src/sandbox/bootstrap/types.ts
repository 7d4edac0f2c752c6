// What a fresh cluster is made of. Each bootstrap module contributes the objects a new real
// cluster has (namespaces, nodes, RBAC policy, ...); they are written in one batch.
import type { KubeObject } from '../../apimachinery/object.ts';
import type { ClusterRecord } from '../cluster.ts';
import type { IdSource } from '../registry/types.ts';

export interface BootstrapContext {
  record: ClusterRecord;
  ids: IdSource;
  /** RFC 3339 creation time of the cluster. */
  timestamp: string;
  /** PEM of the sandbox CA (published in kube-root-ca.crt). */
  caPem: string;
}

export interface BootstrapObject {
  /** Qualified resource (`pods`, `clusterroles.rbac.authorization.k8s.io`). */
  resource: string;
  object: KubeObject;
}

export type BootstrapContributor = (ctx: BootstrapContext) => BootstrapObject[];

export function meta(ctx: BootstrapContext, name: string, namespace?: string, extra: Record<string, unknown> = {}) {
  return {
    name,
    ...(namespace ? { namespace } : {}),
    uid: ctx.ids.uid(),
    creationTimestamp: ctx.timestamp,
    ...extra,
  };
}
