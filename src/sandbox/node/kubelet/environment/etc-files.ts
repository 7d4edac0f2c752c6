// The files the kubelet and the runtime give every container: /etc/hosts (upstream
// managedHostsFileContent / nodeHostsFileContent), /etc/hostname (GeneratePodHostNameAndDomain)
// and /etc/resolv.conf (pkg/kubelet/network/dns GetPodDNS, written as containerd writes it).
import type * as core from '../../../../generated/k8s/core/v1.ts';

export const CLUSTER_DOMAIN = 'cluster.local';
/** The kube-dns Service's cluster IP (kubelet --cluster-dns). */
export const CLUSTER_DNS = '10.96.0.10';
/** A kind node's /etc/resolv.conf: the docker network's gateway resolves. */
export const NODE_RESOLV = { nameservers: ['172.18.0.1'], searches: [] as string[], options: ['ndots:0'] };

/** The pod's hostname and, with a subdomain, its domain `<subdomain>.<ns>.svc.cluster.local`. */
export function podHostNameAndDomain(pod: core.Pod): { hostname: string; domain: string } {
  let hostname = pod.spec?.hostname || pod.metadata?.name || '';
  if (hostname.length > 63) hostname = hostname.slice(0, 63).replace(/[-.]+$/, '');
  const sub = pod.spec?.subdomain;
  return { hostname, domain: sub ? `${sub}.${pod.metadata?.namespace}.svc.${CLUSTER_DOMAIN}` : '' };
}

function hostAliasLines(aliases: readonly core.HostAlias[] | undefined): string {
  if (!aliases?.length) return '';
  return '\n# Entries added by HostAliases.\n' + aliases.map((a) => `${a.ip}\t${(a.hostnames ?? []).join('\t')}\n`).join('');
}

/** A kind node's own /etc/hosts. */
export function nodeHostsFile(nodeName: string, nodeIP: string): string {
  return [
    '127.0.0.1\tlocalhost',
    '::1\tlocalhost ip6-localhost ip6-loopback',
    'fe00::0\tip6-localnet',
    'ff00::0\tip6-mcastprefix',
    'ff02::1\tip6-allnodes',
    'ff02::2\tip6-allrouters',
    `${nodeIP}\t${nodeName}`,
    '',
  ].join('\n');
}

export function hostsFile(pod: core.Pod, podIPs: readonly string[], node: { name: string; ip: string }): string {
  const aliases = hostAliasLines(pod.spec?.hostAliases);
  if (pod.spec?.hostNetwork) return '# Kubernetes-managed hosts file (host network).\n' + nodeHostsFile(node.name, node.ip) + aliases;
  const { hostname, domain } = podHostNameAndDomain(pod);
  let out =
    '# Kubernetes-managed hosts file.\n' +
    '127.0.0.1\tlocalhost\n' +
    '::1\tlocalhost ip6-localhost ip6-loopback\n' +
    'fe00::0\tip6-localnet\n' +
    'fe00::0\tip6-mcastprefix\n' +
    'fe00::1\tip6-allnodes\n' +
    'fe00::2\tip6-allrouters\n';
  for (const ip of podIPs) out += domain ? `${ip}\t${hostname}.${domain}\t${hostname}\n` : `${ip}\t${hostname}\n`;
  return out + aliases;
}

export function hostnameFile(pod: core.Pod, nodeName: string): string {
  return (pod.spec?.hostNetwork ? nodeName : podHostNameAndDomain(pod).hostname) + '\n';
}

export interface DNSConfig {
  nameservers: string[];
  searches: string[];
  options: string[];
}

const unique = (xs: string[]) => [...new Set(xs)];

/** The pod's resolver configuration for its dnsPolicy and dnsConfig. */
export function podDNS(pod: core.Pod): DNSConfig {
  const policy = pod.spec?.dnsPolicy ?? 'ClusterFirst';
  const hostNetwork = !!pod.spec?.hostNetwork;
  let cfg: DNSConfig;
  const cluster = policy === 'ClusterFirstWithHostNet' || (policy === 'ClusterFirst' && !hostNetwork);
  if (policy === 'None') {
    cfg = { nameservers: [], searches: [], options: [] };
  } else if (cluster) {
    const ns = pod.metadata?.namespace ?? 'default';
    cfg = {
      nameservers: [CLUSTER_DNS],
      searches: [`${ns}.svc.${CLUSTER_DOMAIN}`, `svc.${CLUSTER_DOMAIN}`, CLUSTER_DOMAIN, ...NODE_RESOLV.searches],
      options: ['ndots:5'],
    };
  } else {
    cfg = { nameservers: [...NODE_RESOLV.nameservers], searches: [...NODE_RESOLV.searches], options: [...NODE_RESOLV.options] };
  }
  const extra = pod.spec?.dnsConfig;
  if (extra) {
    cfg.nameservers = unique([...cfg.nameservers, ...(extra.nameservers ?? [])]);
    cfg.searches = unique([...(extra.searches ?? []), ...cfg.searches]);
    const opts = new Map<string, string>();
    for (const o of cfg.options) {
      const [name, value] = o.split(':');
      opts.set(name, value === undefined ? name : `${name}:${value}`);
    }
    for (const o of extra.options ?? []) opts.set(o.name ?? '', o.value !== undefined && o.value !== null ? `${o.name}:${o.value}` : (o.name ?? ''));
    cfg.options = [...opts.values()];
  }
  // Upstream limits: 3 nameservers, 32 search domains.
  cfg.nameservers = cfg.nameservers.slice(0, 3);
  cfg.searches = cfg.searches.slice(0, 32);
  return cfg;
}

export function resolvConf(cfg: DNSConfig): string {
  let out = '';
  if (cfg.searches.length) out += `search ${cfg.searches.join(' ')}\n`;
  for (const ns of cfg.nameservers) out += `nameserver ${ns}\n`;
  if (cfg.options.length) out += `options ${cfg.options.join(' ')}\n`;
  return out;
}
