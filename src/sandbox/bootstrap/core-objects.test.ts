import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KubeObject } from '../../apimachinery/object.ts';
import { seededIds } from '../ids.ts';
import { validateNode } from '../registry/core/node/validation.ts';
import { nodeRoles, nodeStatus } from '../registry/core/node/printer.ts';
import type { Node } from '../registry/core/node/types.ts';
import type { Service } from '../registry/core/service/types.ts';
import { validateService } from '../registry/core/service/validation.ts';
import { nodes } from './nodes.ts';
import { serviceAccounts } from './serviceaccounts.ts';
import { services } from './services.ts';
import type { BootstrapContext } from './types.ts';

function ctx(n: number): BootstrapContext {
  return {
    record: { id: 'c1', createdAt: 0, adminToken: 't', tokenKey: 'k', nodes: n },
    ids: seededIds('boot'),
    timestamp: '2025-01-01T00:00:00Z',
    caPem: 'PEM',
  };
}

const byResource = (objs: Array<{ resource: string; object: KubeObject }>, r: string) => objs.filter((o) => o.resource === r).map((o) => o.object);

describe('bootstrap nodes', () => {
  it('creates kind-like nodes: a tainted control plane and workers', () => {
    const ns = byResource(nodes(ctx(3)), 'nodes') as Node[];
    assert.deepEqual(ns.map((n) => n.metadata.name), ['kubecamp-control-plane', 'kubecamp-worker', 'kubecamp-worker2']);
    assert.deepEqual(ns.map(nodeRoles), ['control-plane', '<none>', '<none>']);
    assert.deepEqual(ns.map(nodeStatus), ['Ready', 'Ready', 'Ready']);
    assert.deepEqual(ns[0]!.spec?.taints, [{ effect: 'NoSchedule', key: 'node-role.kubernetes.io/control-plane' }]);
    assert.equal(ns[1]!.spec?.taints, undefined);
    assert.deepEqual(ns.map((n) => n.spec?.podCIDR), ['10.244.0.0/24', '10.244.1.0/24', '10.244.2.0/24']);
    assert.deepEqual(ns.map((n) => n.status?.addresses?.[0]?.address), ['172.18.0.2', '172.18.0.3', '172.18.0.4']);
    assert.equal(ns[0]!.metadata.labels?.['kubernetes.io/hostname'], 'kubecamp-control-plane');
    assert.equal(ns[0]!.status?.capacity?.pods, '110');
    assert.equal(ns[0]!.status?.nodeInfo?.kubeletVersion, 'v1.36.0');
    const ready = ns[0]!.status?.conditions?.find((c) => c.type === 'Ready');
    assert.deepEqual([ready?.status, ready?.reason, ready?.message], ['True', 'KubeletReady', 'kubelet is posting ready status']);
    for (const n of ns) assert.deepEqual(validateNode(n).map(String), []);
  });

  it('untaints a lone control plane, as kind does', () => {
    const ns = byResource(nodes(ctx(1)), 'nodes') as Node[];
    assert.equal(ns.length, 1);
    assert.equal(ns[0]!.spec?.taints, undefined);
  });

  it('gives every node a lease and distinct ids per cluster', () => {
    const a = nodes(ctx(2));
    assert.deepEqual(byResource(a, 'leases.coordination.k8s.io').map((l) => l.metadata?.name), ['kubecamp-control-plane', 'kubecamp-worker']);
    const uids = new Set(a.map((o) => o.object.metadata?.uid));
    assert.equal(uids.size, a.length);
  });
});

describe('bootstrap services and service accounts', () => {
  it('creates the kubernetes Service at 10.96.0.1 with endpoints on the control plane', () => {
    const objs = services(ctx(3));
    const svc = byResource(objs, 'services')[0] as Service;
    assert.equal(svc.spec?.clusterIP, '10.96.0.1');
    assert.deepEqual(validateService(svc).map(String), []);
    const ep = byResource(objs, 'endpoints')[0] as { subsets: Array<{ addresses: Array<{ ip: string }> }> };
    assert.equal(ep.subsets[0]!.addresses[0]!.ip, '172.18.0.2');
    assert.equal(byResource(objs, 'endpointslices.discovery.k8s.io')[0]!.metadata?.labels?.['kubernetes.io/service-name'], 'kubernetes');
  });

  it('creates the kube-dns Service in kube-system at 10.96.0.10, as kubeadm does', () => {
    const svc = byResource(services(ctx(3)), 'services').find((o) => o.metadata?.name === 'kube-dns') as Service;
    assert.equal(svc.metadata.namespace, 'kube-system');
    assert.equal(svc.spec?.clusterIP, '10.96.0.10');
    assert.deepEqual(svc.spec?.ports?.map((p) => `${p.name} ${p.port}/${p.protocol}`), ['dns 53/UDP', 'dns-tcp 53/TCP', 'metrics 9153/TCP']);
    assert.deepEqual(svc.spec?.selector, { 'k8s-app': 'kube-dns' });
    assert.deepEqual(validateService(svc).map(String), []);
  });

  it('creates the default ServiceAccount in each system namespace', () => {
    assert.deepEqual(
      serviceAccounts(ctx(3)).map((o) => `${o.object.metadata?.namespace}/${o.object.metadata?.name}`),
      ['default/default', 'kube-node-lease/default', 'kube-public/default', 'kube-system/default'],
    );
  });
});
