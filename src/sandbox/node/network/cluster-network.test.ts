import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { StoredObject } from '../../../apimachinery/object.ts';
import type { IncomingHttpRequest } from '../images/process/types.ts';
import type { PodRuntime } from '../runtime.ts';
import { SimulatedNetwork } from './cluster-network.ts';
import { endpoint, ingress, namespace, node, pod, policy, service, slice } from './testing.ts';
import { sourceOf } from './view.ts';

/** A PodRuntime whose pods answer HTTP on 8080 with their own IP and the client's. */
function fakePods(listening: Record<string, number[]>): PodRuntime & { seen: IncomingHttpRequest[] } {
  const seen: IncomingHttpRequest[] = [];
  return {
    seen,
    logs: () => ({ refused: true, status: 404, reason: 'NotFound', message: '' }),
    exec: () => ({ refused: true, status: 404, reason: 'NotFound', message: '' }),
    usage: () => undefined,
    connect: (ip, port) => ((listening[ip] ?? []).includes(port) ? true : { kind: 'refused', host: ip, port }),
    http: async (ip, req) => {
      seen.push(req);
      if (!(listening[ip] ?? []).includes(req.port)) return { kind: 'refused', host: ip, port: req.port };
      return { status: 200, statusText: 'OK', headers: {}, body: `hello from ${ip} to ${req.clientIp} ${req.headers['X-Forwarded-Host'] ?? ''}`.trim() };
    },
  };
}

function cluster(extra: StoredObject[] = []) {
  const objects: StoredObject[] = [
    namespace('default'),
    namespace('prod'),
    node('kubecamp-control-plane', '172.18.0.2'),
    node('kubecamp-worker', '172.18.0.3'),
    pod('client', { app: 'client' }, { ip: '10.244.1.2' }),
    pod('web-1', { app: 'web' }, { ip: '10.244.1.5' }),
    pod('web-2', { app: 'web' }, { ip: '10.244.2.5', node: 'kubecamp-worker2' }),
    service('web', { clusterIP: '10.96.20.30', selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP', nodePort: 30080 }], type: 'NodePort' }),
    slice('web', [endpoint('10.244.1.5'), endpoint('10.244.2.5')], [{ name: 'http', port: 8080, protocol: 'TCP' }]),
    service('idle', { clusterIP: '10.96.20.40', selector: { app: 'idle' }, ports: [{ port: 80, protocol: 'TCP' }] }),
    slice('idle', [], []),
    service('lb', { type: 'LoadBalancer', clusterIP: '10.96.20.50', selector: { app: 'web' }, ports: [{ port: 8000, targetPort: 8080, protocol: 'TCP' }] }, { status: { loadBalancer: { ingress: [{ ip: '172.18.255.201', ipMode: 'VIP' }] } } }),
    slice('lb', [endpoint('10.244.1.5')], [{ name: '', port: 8080, protocol: 'TCP' }]),
    ...extra,
  ];
  const pods = fakePods({ '10.244.1.5': [8080], '10.244.2.5': [8080] });
  const net = new SimulatedNetwork(sourceOf(objects), { pods });
  return { net: net.forPod('default', 'client'), pods };
}

const get = (url: string, headers: Record<string, string> = {}) => ({ method: 'GET', url, headers });

describe('cluster network for a pod', () => {
  it('tells the resolver when an egress policy drops its DNS traffic', () => {
    const objects = [namespace('default'), pod('client', { app: 'client' }, { ip: '10.244.1.2' })];
    const open = new SimulatedNetwork(sourceOf(objects), {}).forPod('default', 'client');
    assert.equal(open.dnsReachable?.(), true);
    const isolated = new SimulatedNetwork(sourceOf([...objects, policy('no-egress', { podSelector: {}, policyTypes: ['Egress'] })]), {}).forPod('default', 'client');
    assert.equal(isolated.dnsReachable?.(), false);
  });

  it('reaches the pod itself through localhost and its own IP, whatever the policies', async () => {
    const objects = [namespace('default'), pod('web-1', { app: 'web' }, { ip: '10.244.1.5' }), policy('deny-all', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] })];
    const pods = fakePods({ '10.244.1.5': [8080] });
    const net = new SimulatedNetwork(sourceOf(objects), { pods }).forPod('default', 'web-1');
    assert.deepEqual(await net.http(get('http://localhost:8080/')), { status: 200, statusText: 'OK', headers: {}, body: 'hello from 10.244.1.5 to 127.0.0.1' });
    assert.equal((await net.http(get('http://10.244.1.5:8080/')) as { body: string }).body, 'hello from 10.244.1.5 to 10.244.1.5');
    assert.equal(await net.connect('127.0.0.1', 8080), true);
    assert.deepEqual(await net.connect('localhost', 9999), { kind: 'refused', host: 'localhost', port: 9999 });
  });

  it('resolves names through the search path and uses the cluster DNS', () => {
    const { net } = cluster();
    assert.equal(net.nameserver(), '10.96.0.10');
    assert.deepEqual(net.resolve('web'), ['10.96.20.30']);
    assert.deepEqual(net.lookup?.('web.default.svc'), { name: 'web.default.svc.cluster.local', addresses: ['10.96.20.30'] });
    assert.equal(net.resolve('nope'), undefined);
  });

  it('follows the pod dnsPolicy: Default knows no cluster names, dnsConfig adds search domains', () => {
    const nodeDns = pod('client', { app: 'client' }, { ip: '10.244.1.2' });
    nodeDns.spec!.dnsPolicy = 'Default';
    const a = new SimulatedNetwork(sourceOf([nodeDns, service('web', { clusterIP: '10.96.20.30' })]), {}).forPod('default', 'client');
    assert.equal(a.nameserver(), '172.18.0.1');
    assert.equal(a.resolve('web'), undefined);
    const extra = pod('client', { app: 'client' }, { ip: '10.244.1.2' });
    extra.spec!.dnsConfig = { searches: ['shop.svc.cluster.local'] };
    const b = new SimulatedNetwork(sourceOf([extra, service('cache', { clusterIP: '10.96.40.40' }, { namespace: 'shop' })]), {}).forPod('default', 'client');
    assert.deepEqual(b.lookup?.('cache'), { name: 'cache.shop.svc.cluster.local', addresses: ['10.96.40.40'] });
  });

  it('load-balances a Service round-robin to ready endpoints on the resolved targetPort, with the client pod IP', async () => {
    const { net, pods } = cluster();
    const a = await net.http(get('http://web/'));
    const b = await net.http(get('http://web.default.svc.cluster.local:80/x'));
    assert.deepEqual([a, b].map((r) => ('body' in r ? r.body : r.kind)), ['hello from 10.244.1.5 to 10.244.1.2', 'hello from 10.244.2.5 to 10.244.1.2']);
    assert.deepEqual(pods.seen.map((r) => [r.port, r.path]), [[8080, '/'], [8080, '/x']]);
  });

  it('refuses a Service without endpoints, times out on a port the Service lacks, fails an unknown name', async () => {
    const { net } = cluster();
    assert.deepEqual(await net.http(get('http://idle/')), { kind: 'refused', host: 'idle', port: 80 });
    assert.deepEqual(await net.http(get('http://web:81/')), { kind: 'timeout', host: 'web', port: 81 });
    assert.deepEqual(await net.http(get('http://example.com/')), { kind: 'unresolved', host: 'example.com' });
    assert.deepEqual(await net.connect('idle', 80), { kind: 'refused', host: 'idle', port: 80 });
    assert.equal(await net.connect('web', 80), true);
  });

  it('reaches pods directly, NodePorts on any node (source NATed to the node) and LoadBalancer addresses', async () => {
    const { net } = cluster();
    const direct = await net.http(get('http://10.244.1.5:8080/'));
    assert.equal('body' in direct && direct.body, 'hello from 10.244.1.5 to 10.244.1.2');
    const nodePort = await net.http(get('http://172.18.0.3:30080/'));
    assert.match('body' in nodePort ? nodePort.body : '', /to 172\.18\.0\.3$/);
    const lb = await net.http(get('http://172.18.255.201:8000/'));
    assert.equal('body' in lb && lb.body, 'hello from 10.244.1.5 to 10.244.1.2');
    assert.deepEqual(await net.connect('172.18.0.3', 31000), { kind: 'refused', host: '172.18.0.3', port: 31000 });
  });

  it('keeps a client on one endpoint with sessionAffinity ClientIP', async () => {
    const sticky = service('sticky', { clusterIP: '10.96.20.60', selector: { app: 'web' }, sessionAffinity: 'ClientIP', ports: [{ port: 80, targetPort: 8080, protocol: 'TCP' }] });
    const { net } = cluster([sticky, slice('sticky', [endpoint('10.244.1.5'), endpoint('10.244.2.5')], [{ name: '', port: 8080, protocol: 'TCP' }])]);
    const bodies = new Set<string>();
    for (let i = 0; i < 4; i++) {
      const r = await net.http(get('http://sticky/'));
      bodies.add('body' in r ? r.body : r.kind);
    }
    assert.equal(bodies.size, 1);
  });

  it('drops what a NetworkPolicy denies (timeout) and lets allowed traffic through', async () => {
    const allowClient = policy('web', { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Ingress'], ingress: [{ from: [{ podSelector: { matchLabels: { app: 'client' } } }], ports: [{ port: 8080, protocol: 'TCP' }] }] });
    const allowed = await cluster([allowClient]).net.http(get('http://web/'));
    assert.equal('status' in allowed && allowed.status, 200);
    const deny = policy('deny', { podSelector: {}, policyTypes: ['Ingress'] });
    assert.deepEqual(await cluster([deny]).net.http(get('http://web/')), { kind: 'timeout', host: 'web', port: 80 });
    assert.deepEqual(await cluster([deny]).net.connect('10.244.1.5', 8080), { kind: 'timeout', host: '10.244.1.5', port: 8080 });
  });

  it('stops resolving names once egress is isolated without DNS, and resolves again when port 53 is allowed', () => {
    const egress = policy('egress', { podSelector: { matchLabels: { app: 'client' } }, policyTypes: ['Egress'], egress: [{ to: [{ podSelector: { matchLabels: { app: 'web' } } }] }] });
    assert.equal(cluster([egress]).net.resolve('web'), undefined);
    const dns = policy('dns', { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }], ports: [{ port: 53, protocol: 'UDP' }] }] });
    assert.deepEqual(cluster([egress, dns, namespace('kube-system')]).net.resolve('web'), ['10.96.20.30']);
  });

  it('routes the ingress controller on the nodes port 80 by Host header: 200, 404 page, 503 without endpoints', async () => {
    const ing = ingress('shop', { ingressClassName: 'nginx', rules: [{ host: 'shop.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { name: 'http' } } } }, { path: '/idle', pathType: 'Prefix', backend: { service: { name: 'idle', port: { number: 80 } } } }] } }] });
    const { net } = cluster([ing]);
    const ok = await net.http(get('http://172.18.0.3/', { Host: 'shop.example.com' }));
    assert.equal('body' in ok && ok.body, 'hello from 10.244.1.5 to 10.244.0.250 shop.example.com');
    const notFound = await net.http(get('http://172.18.0.2/', { Host: 'other.example.com' }));
    assert.equal('status' in notFound && notFound.status, 404);
    assert.match('body' in notFound ? notFound.body : '', /404 Not Found/);
    const unavailable = await net.http(get('http://172.18.255.200/idle', { Host: 'shop.example.com' }));
    assert.equal('status' in unavailable && unavailable.status, 503);
  });

  it('redirects plain HTTP to HTTPS for a host the Ingress has TLS for, and serves it on 443', async () => {
    const ing = ingress('tls', { ingressClassName: 'nginx', tls: [{ hosts: ['secure.example.com'], secretName: 'cert' }], rules: [{ host: 'secure.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] } }] });
    const { net } = cluster([ing]);
    const r = await net.http(get('http://172.18.0.3/login', { Host: 'secure.example.com' }));
    assert.deepEqual(['status' in r && r.status, 'headers' in r && r.headers.Location], [308, 'https://secure.example.com/login']);
    const s = await net.http(get('https://172.18.0.3/login', { Host: 'secure.example.com' }));
    assert.equal('status' in s && s.status, 200);
  });

  it('answers the API server anonymously with 403 and times out on addresses outside the cluster', async () => {
    const { net } = cluster([service('kubernetes', { clusterIP: '10.96.0.1', ports: [{ name: 'https', port: 443, protocol: 'TCP' }] }), slice('kubernetes', [endpoint('172.18.0.2')], [{ name: 'https', port: 6443, protocol: 'TCP' }])]);
    const r = await net.http(get('https://kubernetes.default/api'));
    assert.equal('status' in r && r.status, 403);
    assert.match('body' in r ? r.body : '', /forbidden: User \\"system:anonymous\\" cannot get path \\"\/api\\"/);
    assert.deepEqual(await net.connect('8.8.8.8', 53), { kind: 'timeout', host: '8.8.8.8', port: 53 });
  });
});
