import { test } from 'node:test';
import assert from 'node:assert/strict';
import type * as core from '../../../../generated/k8s/core/v1.ts';
import { hostnameFile, hostsFile, podDNS, resolvConf } from './etc-files.ts';

const pod = (spec: Partial<core.PodSpec> = {}): core.Pod => ({ metadata: { name: 'web-0', namespace: 'shop' }, spec: { containers: [], ...spec } });
const node = { name: 'kubecamp-worker', ip: '172.18.0.3' };

test('/etc/hosts of a pod on the pod network', () => {
  assert.equal(
    hostsFile(pod(), ['10.244.1.2'], node),
    '# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n10.244.1.2\tweb-0\n',
  );
});

test('/etc/hosts with hostname, subdomain and hostAliases', () => {
  const text = hostsFile(pod({ hostname: 'db', subdomain: 'nodes', hostAliases: [{ ip: '1.2.3.4', hostnames: ['foo.local', 'bar.local'] }] }), ['10.244.1.9'], node);
  assert.match(text, /\n10\.244\.1\.9\tdb\.nodes\.shop\.svc\.cluster\.local\tdb\n/);
  assert.ok(text.endsWith('\n# Entries added by HostAliases.\n1.2.3.4\tfoo.local\tbar.local\n'));
});

test('/etc/hosts and /etc/hostname of a hostNetwork pod come from the node', () => {
  const p = pod({ hostNetwork: true });
  const text = hostsFile(p, ['172.18.0.3'], node);
  assert.ok(text.startsWith('# Kubernetes-managed hosts file (host network).\n127.0.0.1\tlocalhost\n'));
  assert.match(text, /172\.18\.0\.3\tkubecamp-worker\n/);
  assert.equal(hostnameFile(p, 'kubecamp-worker'), 'kubecamp-worker\n');
  assert.equal(hostnameFile(pod({ hostname: 'db' }), 'kubecamp-worker'), 'db\n');
});

test('resolv.conf for ClusterFirst', () => {
  assert.equal(resolvConf(podDNS(pod())), 'search shop.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n');
});

test('resolv.conf for Default, hostNetwork and ClusterFirstWithHostNet', () => {
  assert.equal(resolvConf(podDNS(pod({ dnsPolicy: 'Default' }))), 'nameserver 172.18.0.1\noptions ndots:0\n');
  assert.equal(resolvConf(podDNS(pod({ hostNetwork: true }))), 'nameserver 172.18.0.1\noptions ndots:0\n');
  assert.match(resolvConf(podDNS(pod({ hostNetwork: true, dnsPolicy: 'ClusterFirstWithHostNet' }))), /nameserver 10\.96\.0\.10/);
});

test('resolv.conf for None and with dnsConfig merged in', () => {
  const none = pod({ dnsPolicy: 'None', dnsConfig: { nameservers: ['1.1.1.1'], searches: ['corp.example'], options: [{ name: 'ndots', value: '2' }, { name: 'edns0' }] } });
  assert.equal(resolvConf(podDNS(none)), 'search corp.example\nnameserver 1.1.1.1\noptions ndots:2 edns0\n');
  const merged = pod({ dnsConfig: { nameservers: ['10.96.0.10', '8.8.8.8'], searches: ['corp.example'], options: [{ name: 'ndots', value: '1' }] } });
  assert.equal(resolvConf(podDNS(merged)), 'search corp.example shop.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\nnameserver 8.8.8.8\noptions ndots:1\n');
});
