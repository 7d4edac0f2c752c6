// The cluster network (ClusterNetwork of node/runtime.ts): what a process in a pod reaches.
// DNS with the pod's search path (dns.ts), connections routed as kube-proxy does
// (service-routing.ts), NetworkPolicies checked on both ends (network-policy.ts; a denied packet
// is dropped: the client waits for its timeout), Ingress through the simulated ingress-nginx
// (ingress-routing.ts), and delivery to the container listening there through the kubelet's
// PodRuntime. Everything is read from the store when a request is made; nothing runs in between.
import type { IncomingHttpRequest } from '../images/process/types.ts';
import type { ClusterNetwork, ClusterRuntime } from '../runtime.ts';
import type { HttpResponse, NetworkAccess, NetworkFailure } from '../shell/types.ts';
import { KUBE_DNS_SERVICE_IP } from '../../bootstrap/services.ts';
import type * as corev1 from '../../../generated/k8s/core/v1.ts';
import { type DNSConfig, podDNS } from '../kubelet/environment/etc-files.ts';
import { type DnsAnswer, lookup, NDOTS, searchPath } from './dns.ts';
import { nginxErrorPage, routeIngress, servedIngresses, sslRedirect } from './ingress-routing.ts';
import { type PolicyPeer, policiesFor, policyAllows } from './network-policy.ts';
import { type Destination, type Picker, routeTo } from './service-routing.ts';
import { type ObjectSource, type Pod, podByIP, type Service } from './view.ts';

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/** CoreDNS as policies see it when the cluster has no CoreDNS pods of its own (kind runs two in kube-system). */
const VIRTUAL_COREDNS: Pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'coredns', namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' }, uid: 'coredns', resourceVersion: '0' },
  spec: { containers: [{ name: 'coredns', ports: [{ name: 'dns', containerPort: 53, protocol: 'UDP' }, { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' }] }] },
  status: { podIP: '10.244.0.252', phase: 'Running' },
};

/** The ingress-nginx controller pod as policies and backends see it (namespace ingress-nginx, as kind's deploy manifest). */
export const INGRESS_CONTROLLER_POD: Pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name: 'ingress-nginx-controller',
    namespace: 'ingress-nginx',
    labels: { 'app.kubernetes.io/component': 'controller', 'app.kubernetes.io/instance': 'ingress-nginx', 'app.kubernetes.io/name': 'ingress-nginx' },
    uid: 'ingress-nginx-controller',
    resourceVersion: '0',
  },
  status: { podIP: '10.244.0.250', phase: 'Running' },
};

interface ParsedUrl {
  host: string;
  port: number;
  path: string;
  scheme: string;
}

function parseUrl(raw: string): ParsedUrl | undefined {
  const m = /^(?:(https?):\/\/)?([^/:?#\s]+)(?::(\d+))?([^\s]*)$/.exec(raw);
  if (!m) return undefined;
  const scheme = m[1] ?? 'http';
  return { scheme, host: m[2]!, port: m[3] ? Number(m[3]) : scheme === 'https' ? 443 : 80, path: m[4] || '/' };
}

function timeout(host: string, port: number): NetworkFailure {
  return { kind: 'timeout', host, port };
}

export class SimulatedNetwork implements ClusterNetwork {
  private readonly turns = new Map<string, number>();

  constructor(
    private readonly src: ObjectSource,
    private readonly runtime: ClusterRuntime,
  ) {}

  forPod(namespace: string, pod: string): NetworkAccess {
    return new PodNetwork(this, namespace, pod);
  }

  /** Round-robin per Service, or the same endpoint for a client with ClientIP affinity. */
  picker(clientIp: string): Picker {
    return (svc: Service, n: number) => {
      if (svc.spec?.sessionAffinity === 'ClientIP') {
        let h = 0;
        for (const c of clientIp) h = (h * 31 + c.charCodeAt(0)) >>> 0;
        return h % n;
      }
      const key = svc.metadata.uid;
      const turn = this.turns.get(key) ?? 0;
      this.turns.set(key, turn + 1);
      return turn % n;
    };
  }

  runtimePods(): ClusterRuntime['pods'] {
    return this.runtime.pods;
  }

  source(): ObjectSource {
    return this.src;
  }

  /** A policy peer for an address (the pod there, with its namespace's labels). */
  peer(ip: string, pod?: Pod): PolicyPeer {
    const p = pod ?? podByIP(this.src, ip);
    if (!p) return { ip };
    const ns = this.src.get('namespaces', undefined, p.metadata.namespace!);
    return { ip, pod: p, namespaceLabels: ns?.metadata.labels ?? { 'kubernetes.io/metadata.name': p.metadata.namespace! } };
  }

  allowed(from: PolicyPeer, to: PolicyPeer, port: number, protocol = 'TCP'): boolean {
    return policyAllows(policiesFor(this.src, from.pod?.metadata.namespace, to.pod?.metadata.namespace), from, to, port, protocol);
  }

  /** Whether `from` may query the cluster DNS (egress to CoreDNS on 53/UDP or 53/TCP). */
  dnsAllowed(from: PolicyPeer): boolean {
    const coredns = (this.src.list('pods', 'kube-system') as Pod[]).find((p) => p.metadata.labels?.['k8s-app'] === 'kube-dns' && p.status?.podIP && p.status.phase === 'Running') ?? VIRTUAL_COREDNS;
    const to = this.peer(coredns.status!.podIP!, coredns);
    return this.allowed(from, to, 53, 'UDP') || this.allowed(from, to, 53, 'TCP');
  }

  /** Sends an HTTP request from `from` to ip:port. */
  async deliver(from: PolicyPeer, host: string, ip: string, port: number, req: { method: string; path: string; headers: Record<string, string>; body?: string }): Promise<HttpResponse | NetworkFailure> {
    const dest = routeTo(this.src, ip, port, this.picker(from.ip));
    return this.send(from, host, ip, port, dest, req);
  }

  private async send(from: PolicyPeer, host: string, ip: string, port: number, dest: Destination, req: { method: string; path: string; headers: Record<string, string>; body?: string }): Promise<HttpResponse | NetworkFailure> {
    switch (dest.kind) {
      case 'nowhere':
        return timeout(host, port);
      case 'refused':
        return { kind: 'refused', host, port };
      case 'dns':
        return this.dnsAllowed(from) ? { kind: 'refused', host, port } : timeout(host, port);
      case 'apiserver':
        return this.allowed(from, { ip }, port) ? forbiddenByApiServer(req.path) : timeout(host, port);
      case 'ingress':
        return this.allowed(from, { ip }, port) ? this.ingress(from, host, port, req) : timeout(host, port);
      case 'pod': {
        // Through a NodePort the receiving node masquerades the client (externalTrafficPolicy Cluster).
        const client = dest.via?.nodePort ? { ip } : from;
        if (!this.allowed(from, this.peer(dest.ip, dest.pod), dest.port) || (client !== from && !this.allowed(client, this.peer(dest.ip, dest.pod), dest.port))) return timeout(host, port);
        const pods = this.runtime.pods;
        if (!pods) return timeout(host, port);
        const incoming: IncomingHttpRequest = { method: req.method, path: req.path, port: dest.port, headers: req.headers, clientIp: client.ip };
        if (req.body !== undefined) incoming.body = req.body;
        const res = await pods.http(dest.ip, incoming);
        if ('kind' in res) {
          if (res.kind === 'not-http') return { kind: 'refused', host, port };
          return { ...res, host, port } as NetworkFailure;
        }
        return res;
      }
    }
  }

  /** The simulated ingress-nginx: route by Host and path, proxy to the Service. */
  private async ingress(client: PolicyPeer, host: string, port: number, req: { method: string; path: string; headers: Record<string, string>; body?: string }): Promise<HttpResponse | NetworkFailure> {
    const hostHeader = Object.entries(req.headers).find(([k]) => k.toLowerCase() === 'host')?.[1] ?? host;
    const route = routeIngress(servedIngresses(this.src), hostHeader, req.path);
    if (!route) return nginxErrorPage(404);
    if (port === 80 && sslRedirect(route, hostHeader)) {
      const page = nginxErrorPage(308);
      return { ...page, headers: { ...page.headers, Location: `https://${hostHeader.replace(/:\d+$/, '')}${req.path}` } };
    }
    const svc = this.src.get('services', route.namespace, route.service) as Service | undefined;
    const sp = svc?.spec?.ports?.find((p) => (route.port.number !== undefined ? p.port === route.port.number : p.name === route.port.name));
    if (!svc || !sp || !svc.spec?.clusterIP || svc.spec.clusterIP === 'None') return nginxErrorPage(503);
    const from = this.peer(INGRESS_CONTROLLER_POD.status!.podIP!, INGRESS_CONTROLLER_POD);
    const dest = routeTo(this.src, svc.spec.clusterIP, sp.port, this.picker(from.ip));
    if (dest.kind === 'refused') return nginxErrorPage(503);
    const scheme = port === 443 ? 'https' : 'http';
    const headers = { ...req.headers, 'X-Real-IP': client.ip, 'X-Forwarded-For': client.ip, 'X-Forwarded-Host': hostHeader.replace(/:\d+$/, ''), 'X-Forwarded-Port': String(port), 'X-Forwarded-Proto': scheme, 'X-Scheme': scheme };
    const res = await this.send(from, svc.spec.clusterIP, svc.spec.clusterIP, sp.port, dest, { ...req, headers });
    if ('kind' in res) return nginxErrorPage(res.kind === 'timeout' ? 504 : 502);
    return res;
  }
}

/** The API server's answer to an anonymous request (kind disables anonymous access to all but health paths). */
function forbiddenByApiServer(path: string): HttpResponse {
  const p = path.replace(/[?#].*$/, '');
  const body = JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `forbidden: User "system:anonymous" cannot get path "${p}"`, reason: 'Forbidden', details: {}, code: 403 }, null, 2) + '\n';
  return { status: 403, statusText: 'Forbidden', headers: { 'Content-Type': 'application/json' }, body };
}

const LOOPBACK = '127.0.0.1';

/** The network as one pod's processes see it. */
class PodNetwork implements NetworkAccess {
  constructor(
    private readonly net: SimulatedNetwork,
    private readonly namespace: string,
    private readonly pod: string,
  ) {}

  private self(): PolicyPeer {
    const pod = this.net.source().get('pods', this.namespace, this.pod) as Pod | undefined;
    const ip = pod?.status?.podIP ?? '';
    return pod ? this.net.peer(ip, pod) : { ip };
  }

  /** The pod's resolv.conf as the kubelet writes it (dnsPolicy, dnsConfig). */
  private resolver(): DNSConfig {
    const pod = this.net.source().get('pods', this.namespace, this.pod) as Pod | undefined;
    return pod ? podDNS(pod as corev1.Pod) : { nameservers: [KUBE_DNS_SERVICE_IP], searches: searchPath(this.namespace), options: [`ndots:${NDOTS}`] };
  }

  nameserver(): string {
    return this.resolver().nameservers[0] ?? KUBE_DNS_SERVICE_IP;
  }

  lookup(name: string): DnsAnswer | undefined {
    if (IPV4.test(name)) return { name, addresses: [name] };
    const cfg = this.resolver();
    // The node's resolver (dnsPolicy Default, host network) knows no cluster names, and there is no internet.
    if (!cfg.nameservers.includes(KUBE_DNS_SERVICE_IP)) return undefined;
    if (!this.net.dnsAllowed(this.self())) return undefined;
    const ndots = Number(cfg.options.find((o) => o.startsWith('ndots:'))?.slice(6) ?? NDOTS);
    return lookup(this.net.source(), name, this.namespace, cfg.searches, Number.isFinite(ndots) ? ndots : NDOTS);
  }

  resolve(name: string): string[] | undefined {
    return this.lookup(name)?.addresses;
  }

  dnsReachable(): boolean {
    const cfg = this.resolver();
    return !cfg.nameservers.includes(KUBE_DNS_SERVICE_IP) || this.net.dnsAllowed(this.self());
  }

  private address(host: string): string | undefined {
    // /etc/hosts comes first: localhost and the pod's own hostname.
    if (host === 'localhost' || host === 'localhost.localdomain' || host === 'ip6-localhost' || host === 'ip6-loopback') return LOOPBACK;
    return this.lookup(host)?.addresses[0];
  }

  /** The pod's own network namespace: loopback and its own IP reach its containers directly, past every policy. */
  private isOwn(ip: string, self: PolicyPeer): boolean {
    return ip === LOOPBACK || ip === '::1' || /^127\./.test(ip) || (self.ip !== '' && ip === self.ip);
  }

  async http(req: { method: string; url: string; headers: Record<string, string>; body?: string }): Promise<HttpResponse | NetworkFailure> {
    const u = parseUrl(req.url);
    if (!u) return { kind: 'unresolved', host: req.url };
    const ip = this.address(u.host);
    if (!ip) return { kind: 'unresolved', host: u.host };
    const self = this.self();
    if (this.isOwn(ip, self)) {
      const pods = this.net.runtimePods();
      if (!pods || !self.ip) return { kind: 'refused', host: u.host, port: u.port };
      const incoming: IncomingHttpRequest = { method: req.method, path: u.path, port: u.port, headers: req.headers, clientIp: ip === self.ip ? self.ip : LOOPBACK };
      if (req.body !== undefined) incoming.body = req.body;
      const res = await pods.http(self.ip, incoming);
      if ('kind' in res) return res.kind === 'not-http' ? { kind: 'refused', host: u.host, port: u.port } : ({ ...res, host: u.host, port: u.port } as NetworkFailure);
      return res;
    }
    return this.net.deliver(self, u.host, ip, u.port, { method: req.method, path: u.path, headers: req.headers, body: req.body });
  }

  async connect(host: string, port: number): Promise<true | NetworkFailure> {
    const ip = this.address(host);
    if (!ip) return { kind: 'unresolved', host };
    const self = this.self();
    if (this.isOwn(ip, self)) {
      const pods = this.net.runtimePods();
      if (!pods || !self.ip) return { kind: 'refused', host, port };
      const r = pods.connect(self.ip, port);
      return r === true ? true : ({ ...r, host, port } as NetworkFailure);
    }
    const dest = routeTo(this.net.source(), ip, port, this.net.picker(self.ip));
    switch (dest.kind) {
      case 'nowhere':
        return timeout(host, port);
      case 'refused':
        return { kind: 'refused', host, port };
      case 'dns':
        return this.net.dnsAllowed(self) ? true : timeout(host, port);
      case 'apiserver':
      case 'ingress':
        return this.net.allowed(self, { ip }, port) ? true : timeout(host, port);
      case 'pod': {
        if (!this.net.allowed(self, this.net.peer(dest.ip, dest.pod), dest.port)) return timeout(host, port);
        const pods = this.net.runtimePods();
        if (!pods) return timeout(host, port);
        const r = pods.connect(dest.ip, dest.port);
        return r === true ? true : ({ ...r, host, port } as NetworkFailure);
      }
    }
  }
}
