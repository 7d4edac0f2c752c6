// What the pod environment reads from the API: configMaps, secrets, Services, claims, volumes,
// nodes. An interface so the pure parts can be tested with plain objects; `storeSources` reads a
// cluster's store directly (the kubelet's informer caches are always in sync here).
import type * as core from '../../../../generated/k8s/core/v1.ts';
import type { Cluster } from '../../../cluster.ts';

export interface Sources {
  configMap(namespace: string, name: string): core.ConfigMap | undefined;
  secret(namespace: string, name: string): core.Secret | undefined;
  services(namespace: string): core.Service[];
  persistentVolumeClaim(namespace: string, name: string): core.PersistentVolumeClaim | undefined;
  persistentVolume(name: string): core.PersistentVolume | undefined;
  serviceAccount(namespace: string, name: string): core.ServiceAccount | undefined;
  node(name: string): core.Node | undefined;
}

export function storeSources(cluster: Cluster): Sources {
  const s = cluster.store;
  return {
    configMap: (ns, name) => s.get('configmaps', ns, name) as core.ConfigMap | undefined,
    secret: (ns, name) => s.get('secrets', ns, name) as core.Secret | undefined,
    services: (ns) => s.list('services', ns) as core.Service[],
    persistentVolumeClaim: (ns, name) => s.get('persistentvolumeclaims', ns, name) as core.PersistentVolumeClaim | undefined,
    persistentVolume: (name) => s.get('persistentvolumes', undefined, name) as core.PersistentVolume | undefined,
    serviceAccount: (ns, name) => s.get('serviceaccounts', ns, name) as core.ServiceAccount | undefined,
    node: (name) => s.get('nodes', undefined, name) as core.Node | undefined,
  };
}

/** A Secret's data as text (the API holds it base64-encoded). */
export function secretData(secret: core.Secret): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(secret.data ?? {})) out[k] = Buffer.from(v, 'base64').toString('utf8');
  return out;
}

/** A ConfigMap's data and binaryData (decoded) together, as volumes project them. */
export function configMapData(cm: core.ConfigMap): Record<string, string> {
  const out: Record<string, string> = { ...(cm.data ?? {}) };
  for (const [k, v] of Object.entries(cm.binaryData ?? {})) out[k] = Buffer.from(v, 'base64').toString('latin1');
  return out;
}

/** The node's InternalIP addresses (status.hostIPs). */
export function nodeIPs(node: core.Node | undefined): string[] {
  return (node?.status?.addresses ?? []).filter((a) => a.type === 'InternalIP').map((a) => a.address);
}
