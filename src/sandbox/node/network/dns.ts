// Cluster DNS as CoreDNS's kubernetes plugin answers it on kind (zone cluster.local, `pods
// insecure`), with the resolver behaviour of a pod's /etc/resolv.conf (search
// `<ns>.svc.cluster.local svc.cluster.local cluster.local`, ndots:5):
//   <svc>.<ns>.svc.cluster.local            → the ClusterIP; for a headless Service the ready
//                                             endpoints' addresses
//   <hostname>.<svc>.<ns>.svc.cluster.local → an endpoint with that hostname (StatefulSet pods),
//                                             or the dashed address (10-244-1-5) of any endpoint
//   <a-b-c-d>.<ns>.pod.cluster.local        → a.b.c.d
//   ExternalName                            → a CNAME, followed only inside cluster.local (the
//                                             sandbox has no internet)
// Anything else is NXDOMAIN.
import { type ObjectSource, type Service, slicesOf } from './view.ts';

export const CLUSTER_DOMAIN = 'cluster.local';
export const NDOTS = 5;

export interface DnsAnswer {
  /** The fully qualified name that answered (the search path applied). */
  name: string;
  addresses: string[];
}

/** The pod's resolv.conf search list. */
export function searchPath(namespace: string): string[] {
  return [`${namespace}.svc.${CLUSTER_DOMAIN}`, `svc.${CLUSTER_DOMAIN}`, CLUSTER_DOMAIN];
}

/** The names the resolver tries, in order (glibc/musl: the name first when it has at least ndots dots). */
export function candidates(name: string, namespace: string, search = searchPath(namespace), ndots = NDOTS): string[] {
  const lower = name.toLowerCase();
  if (lower.endsWith('.')) return [lower.slice(0, -1)];
  const searched = search.map((d) => `${lower}.${d}`);
  const dots = lower.split('.').length - 1;
  return dots >= ndots ? [lower, ...searched] : [...searched, lower];
}

/**
 * Resolves `name` as a process in `namespace` would (with the default ClusterFirst resolv.conf,
 * or the search list and ndots given); undefined is NXDOMAIN.
 */
export function lookup(src: ObjectSource, name: string, namespace: string, search?: string[], ndots?: number): DnsAnswer | undefined {
  for (const fqdn of candidates(name, namespace, search, ndots)) {
    const addresses = answer(src, fqdn, 0);
    if (addresses?.length) return { name: fqdn, addresses };
  }
  return undefined;
}

function readyAddresses(src: ObjectSource, svc: Service): Array<{ ip: string; hostname?: string }> {
  const out: Array<{ ip: string; hostname?: string }> = [];
  const seen = new Set<string>();
  for (const s of slicesOf(src, svc.metadata.namespace!, svc.metadata.name)) {
    for (const e of s.endpoints ?? []) {
      if (e.conditions?.ready === false && !svc.spec?.publishNotReadyAddresses) continue;
      for (const ip of e.addresses) {
        if (seen.has(ip)) continue;
        seen.add(ip);
        out.push({ ip, hostname: e.hostname });
      }
    }
  }
  return out.sort((a, b) => compareIPs(a.ip, b.ip));
}

function compareIPs(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 4; i++) if (pa[i] !== pb[i]) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}

/** The A records of a fully qualified name, or undefined (NXDOMAIN). */
export function answer(src: ObjectSource, fqdn: string, depth: number): string[] | undefined {
  const suffix = `.${CLUSTER_DOMAIN}`;
  if (!fqdn.endsWith(suffix) || depth > 8) return undefined;
  const labels = fqdn.slice(0, -suffix.length).split('.');
  const kind = labels.at(-1);
  if (kind === 'pod' && labels.length === 3) {
    const ip = labels[0]!.split('-');
    if (ip.length === 4 && ip.every((o) => /^\d{1,3}$/.test(o) && Number(o) < 256)) return [ip.join('.')];
    return undefined;
  }
  if (kind !== 'svc' || (labels.length !== 3 && labels.length !== 4)) return undefined;
  const [ns, svcName] = [labels.at(-2)!, labels.at(-3)!];
  const svc = src.get('services', ns, svcName) as Service | undefined;
  if (!svc) return undefined;
  if (labels.length === 4) {
    const host = labels[0]!;
    if (svc.spec?.clusterIP !== 'None') return undefined;
    const hit = readyAddresses(src, svc).filter((a) => a.hostname === host || a.ip.replaceAll('.', '-') === host);
    return hit.length ? hit.map((a) => a.ip) : undefined;
  }
  if (svc.spec?.type === 'ExternalName') {
    const target = (svc.spec.externalName ?? '').toLowerCase().replace(/\.$/, '');
    return answer(src, target, depth + 1);
  }
  if (svc.spec?.clusterIP === 'None') {
    const ips = readyAddresses(src, svc).map((a) => a.ip);
    return ips.length ? ips : undefined;
  }
  return svc.spec?.clusterIP ? [svc.spec.clusterIP] : undefined;
}
