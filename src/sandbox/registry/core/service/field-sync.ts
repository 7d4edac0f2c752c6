// How a Service's linked fields are reconciled before allocation and validation
// (pkg/registry/core/service/strategy.go and storage/storage.go): clusterIP and clusterIPs kept in
// step, allocated values the client left out carried over, fields of a former type cleared.
import { deepEqual } from '../../../../apimachinery/object.ts';
import { needsClusterIP, needsHealthCheck, needsNodePort, type Service, specOf } from './types.ts';

/** NormalizeClusterIPs: infer clusterIPs from clusterIP (create), or follow the field the client changed (update). */
export function normalizeClusterIPs(svc: Service, old: Service | undefined): void {
  const s = specOf(svc);
  if (!old) {
    if (s.clusterIP && (s.clusterIPs ?? []).length === 0) s.clusterIPs = [s.clusterIP];
    return;
  }
  const o = old.spec ?? {};
  if ((o.clusterIPs ?? []).length > 0 && (s.clusterIPs ?? []).length === 0 && (o.clusterIP ?? '') === (s.clusterIP ?? '')) {
    s.clusterIPs = [...o.clusterIPs!];
  }
  if ((o.clusterIP ?? '') !== (s.clusterIP ?? '')) {
    if (o.clusterIP && !s.clusterIP) {
      delete s.clusterIPs;
      return;
    }
    if (s.clusterIP && (o.clusterIPs ?? []).length > 0 && deepEqual(o.clusterIPs, s.clusterIPs)) {
      s.clusterIPs = [s.clusterIP, ...s.clusterIPs!.slice(1)];
      return;
    }
  }
  if (!deepEqual(o.clusterIPs ?? [], s.clusterIPs ?? [])) {
    if ((s.clusterIPs ?? []).length === 0) {
      delete s.clusterIP;
      return;
    }
    s.clusterIP = s.clusterIPs![0];
  }
}

/** patchAllocatedValues: an update that omits allocated values (clusterIP, nodePorts) keeps them. */
export function patchAllocatedValues(svc: Service, old: Service): void {
  const s = specOf(svc);
  const o = old.spec ?? {};
  if (needsClusterIP(old) && needsClusterIP(svc)) {
    if (!s.clusterIP && o.clusterIP) s.clusterIP = o.clusterIP;
    if ((s.clusterIPs ?? []).length === 0 && (o.clusterIPs ?? []).length > 0) s.clusterIPs = [...o.clusterIPs!];
  }
  if (needsNodePort(old) && needsNodePort(svc)) {
    const used = (x: Service) => new Set((x.spec?.ports ?? []).map((p) => p.nodePort ?? 0).filter((n) => n !== 0));
    const newUsed = used(svc);
    const both = new Set([...used(old)].filter((n) => newUsed.has(n)));
    const byName = new Map((o.ports ?? []).map((p) => [p.name ?? '', p.nodePort ?? 0]));
    for (const p of s.ports ?? []) {
      if (!p.nodePort) {
        const prev = byName.get(p.name ?? '') ?? 0;
        if (prev !== 0 && !both.has(prev)) p.nodePort = prev;
      }
    }
  }
  if (needsHealthCheck(old) && needsHealthCheck(svc) && !s.healthCheckNodePort && o.healthCheckNodePort) {
    s.healthCheckNodePort = o.healthCheckNodePort;
  }
}

const same = (a: unknown, b: unknown) => deepEqual(a ?? null, b ?? null);

/** dropTypeDependentFields: a type change clears what only the old type used, unless the client changed it too. */
export function dropTypeDependentFields(svc: Service, old: Service): void {
  const s = specOf(svc);
  const o = old.spec ?? {};
  if (needsClusterIP(old) && !needsClusterIP(svc)) {
    if (same(o.clusterIP, s.clusterIP) && same(o.clusterIPs, s.clusterIPs)) {
      delete s.clusterIP;
      delete s.clusterIPs;
    }
    if (same(o.ipFamilies, s.ipFamilies)) delete s.ipFamilies;
    if (same(o.ipFamilyPolicy, s.ipFamilyPolicy)) delete s.ipFamilyPolicy;
  }
  // Ports may be added, removed or changed as long as no new nodePort appears.
  const oldNodePorts = new Set((o.ports ?? []).map((p) => p.nodePort ?? 0));
  const sameNodePorts = (s.ports ?? []).every((p) => !p.nodePort || oldNodePorts.has(p.nodePort));
  if (needsNodePort(old) && !needsNodePort(svc) && sameNodePorts) {
    for (const p of s.ports ?? []) delete p.nodePort;
  }
  if (needsHealthCheck(old) && !needsHealthCheck(svc) && same(o.healthCheckNodePort, s.healthCheckNodePort)) delete s.healthCheckNodePort;
  if (o.type === 'LoadBalancer' && s.type !== 'LoadBalancer') {
    if (s.allocateLoadBalancerNodePorts !== undefined && o.allocateLoadBalancerNodePorts === s.allocateLoadBalancerNodePorts) delete s.allocateLoadBalancerNodePorts;
    if (same(o.loadBalancerClass, s.loadBalancerClass)) delete s.loadBalancerClass;
  }
  const externallyAccessible = (x: Service) =>
    x.spec?.type === 'LoadBalancer' || x.spec?.type === 'NodePort' || (x.spec?.type === 'ClusterIP' && (x.spec.externalIPs?.length ?? 0) > 0);
  if (externallyAccessible(old) && !externallyAccessible(svc) && same(o.externalTrafficPolicy, s.externalTrafficPolicy)) {
    delete s.externalTrafficPolicy;
  }
  if (s.type !== 'LoadBalancer' && svc.status) svc.status = { ...svc.status, loadBalancer: {} };
}
