// Allocation of a Service's IP families, clusterIPs and nodePorts on create and update
// (pkg/registry/core/service/storage/alloc.go) on a single-stack IPv4 cluster. Runs before
// validation, as upstream's BeginCreate/BeginUpdate do, and fails with upstream's errors.
import { internalError, invalid } from '../../../../apimachinery/errors.ts';
import { fieldErrors as fe, type FieldError, path } from '../../../../apimachinery/field-errors.ts';
import { deepEqual } from '../../../../apimachinery/object.ts';
import type { StrategyContext } from '../../types.ts';
import { ipFamilyOf } from '../shared/ip-address.ts';
import { clusterIPProblem, nextClusterIP, nextNodePort, nodePortProblem, type Taken, takenBy } from './allocator.ts';
import { pointerValue } from './go-values.ts';
import { validateClusterIPsRelatedFields } from './validation.ts';
import { needsHealthCheck, needsNodePort, type Service, shouldAllocateNodePorts, specOf } from './types.ts';

const SERVICE = { group: '', kind: 'Service' };
/** The families this cluster serves (--service-cluster-ip-range=10.96.0.0/12). */
const CONFIGURED = new Set(['IPv4']);
const DEFAULT_FAMILY = 'IPv4';

function fail(svc: Service, errs: FieldError[]): never {
  throw invalid(SERVICE, svc.metadata.name ?? svc.metadata.generateName ?? '', errs);
}

function matchingPreferDualStack(svc: Service, old: Service | undefined): boolean {
  if (!old || svc.spec?.ipFamilyPolicy === undefined || old.spec?.type !== svc.spec?.type) return false;
  if (!['ClusterIP', 'NodePort', 'LoadBalancer'].includes(svc.spec?.type ?? '')) return false;
  if (svc.spec?.ipFamilyPolicy !== 'PreferDualStack' || old.spec?.ipFamilyPolicy !== 'PreferDualStack') return false;
  return deepEqual(old.spec?.clusterIPs ?? [], svc.spec?.clusterIPs ?? []) && deepEqual(old.spec?.ipFamilies ?? [], svc.spec?.ipFamilies ?? []);
}

/** initIPFamilyFields: default ipFamilyPolicy and ipFamilies, refuse what this cluster cannot serve. */
export function initIPFamilyFields(svc: Service, old: Service | undefined): void {
  const s = specOf(svc);
  if (s.type === 'ExternalName' || matchingPreferDualStack(svc, old)) return;
  if (s.ipFamilyPolicy === undefined) {
    if (old?.spec?.ipFamilyPolicy !== undefined) s.ipFamilyPolicy = old.spec.ipFamilyPolicy;
    else if (s.clusterIP === 'None' && Object.keys(s.selector ?? {}).length === 0) s.ipFamilyPolicy = 'RequireDualStack';
    else s.ipFamilyPolicy = 'SingleStack';
  }
  const pre = validateClusterIPsRelatedFields(svc);
  if (pre.length) fail(svc, pre);
  const errs: FieldError[] = [];
  const policyField = path('spec', 'ipFamilyPolicy');
  if (old) {
    const o = old.spec ?? {};
    if (s.ipFamilyPolicy === 'SingleStack') {
      if (deepEqual(o.clusterIPs ?? [], s.clusterIPs ?? []) && (s.clusterIPs ?? []).length > 1) s.clusterIPs = s.clusterIPs!.slice(0, 1);
      if (deepEqual(o.ipFamilies ?? [], s.ipFamilies ?? []) && (s.ipFamilies ?? []).length > 1) s.ipFamilies = s.ipFamilies!.slice(0, 1);
    } else {
      if ((o.clusterIPs ?? []).length === 2 && (s.clusterIPs ?? []).length === 1) {
        errs.push(fe.invalid(policyField, pointerValue(s.ipFamilyPolicy), 'must be \'SingleStack\' to release the secondary cluster IP'));
      }
      if ((o.ipFamilies ?? []).length === 2 && (s.ipFamilies ?? []).length === 1) {
        errs.push(fe.invalid(policyField, pointerValue(s.ipFamilyPolicy), 'must be \'SingleStack\' to release the secondary IP family'));
      }
    }
  }
  if (s.ipFamilyPolicy === 'SingleStack') {
    if ((s.clusterIPs ?? []).length === 2) {
      errs.push(fe.invalid(policyField, pointerValue(s.ipFamilyPolicy), "must be 'RequireDualStack' or 'PreferDualStack' when multiple cluster IPs are specified"));
    }
    if ((s.ipFamilies ?? []).length === 2) {
      errs.push(fe.invalid(policyField, pointerValue(s.ipFamilyPolicy), "must be 'RequireDualStack' or 'PreferDualStack' when multiple IP families are specified"));
    }
  }
  const ips = s.clusterIPs ?? [];
  for (let i = 0; i < ips.length; i++) {
    if (ips[i] === 'None') break;
    const family = ipFamilyOf(ips[i]!)!;
    if (i >= (s.ipFamilies ?? []).length) {
      if (!CONFIGURED.has(family)) errs.push(fe.invalid(path('spec', 'clusterIPs').index(i), ips, `${family} is not configured on this cluster`));
      else s.ipFamilies = [...(s.ipFamilies ?? []), family];
    }
  }
  if (errs.length) fail(svc, errs);
  if (s.clusterIP === 'None' && Object.keys(s.selector ?? {}).length === 0) {
    // Headless and selectorless: allowed to name families this cluster lacks.
    if ((s.ipFamilies ?? []).length === 0) s.ipFamilies = [DEFAULT_FAMILY];
    if (s.ipFamilies!.length < 2 && s.ipFamilyPolicy !== 'SingleStack') s.ipFamilies = [...s.ipFamilies!, s.ipFamilies![0] === 'IPv4' ? 'IPv6' : 'IPv4'];
    return;
  }
  if (s.ipFamilyPolicy === 'RequireDualStack' && CONFIGURED.size < 2) {
    errs.push(fe.invalid(policyField, pointerValue(s.ipFamilyPolicy), 'this cluster is not configured for dual-stack services'));
  }
  (s.ipFamilies ?? []).forEach((f, i) => {
    if (!CONFIGURED.has(f)) errs.push(fe.invalid(path('spec', 'ipFamilies').index(i), f, 'not configured on this cluster'));
  });
  if (errs.length) fail(svc, errs);
  if ((s.ipFamilies ?? []).length === 0) s.ipFamilies = [DEFAULT_FAMILY];
}

function allocClusterIPs(svc: Service, taken: Taken, seed: string): void {
  const s = specOf(svc);
  if (s.type === 'ExternalName' || (s.clusterIPs ?? [])[0] === 'None') return;
  const ip = (s.clusterIPs ?? [])[0] ?? '';
  if (ip === '') {
    let next: string;
    try {
      next = nextClusterIP(taken, seed);
    } catch (e) {
      throw internalError(`failed to allocate a serviceIP: ${(e as Error).message}`);
    }
    s.clusterIP = next;
    s.clusterIPs = [next];
    return;
  }
  const problem = clusterIPProblem(ip, taken);
  if (problem) fail(svc, [fe.invalid(path('spec', 'clusterIPs'), s.clusterIPs, `failed to allocate IP ${ip}: ${problem}`)]);
  taken.ips.add(ip);
}

function autoNodePort(taken: Taken, seed: string): number {
  try {
    return nextNodePort(taken, seed);
  } catch (e) {
    throw internalError(`failed to allocate a nodePort: ${(e as Error).message}`);
  }
}

function requestNodePort(svc: Service, port: number, index: number, taken: Taken): void {
  const problem = nodePortProblem(port, taken);
  if (problem) fail(svc, [fe.invalid(path('spec', 'ports').index(index).child('nodePort'), port, problem)]);
  taken.ports.add(port);
}

function allocHealthCheckNodePort(svc: Service, taken: Taken, seed: string): void {
  const s = specOf(svc);
  if (s.healthCheckNodePort) {
    const problem = nodePortProblem(s.healthCheckNodePort, taken);
    if (problem) throw internalError(`failed to allocate requested HealthCheck NodePort ${s.healthCheckNodePort}: ${problem}`);
    taken.ports.add(s.healthCheckNodePort);
  } else {
    s.healthCheckNodePort = autoNodePort(taken, `${seed}/healthcheck`);
  }
}

function seedOf(svc: Service, ctx: StrategyContext): string {
  return `${ctx.cluster.id}/${svc.metadata.namespace ?? ''}/${svc.metadata.name || svc.metadata.generateName || ''}`;
}

/** allocateCreate. */
export function allocateCreate(svc: Service, ctx: StrategyContext): void {
  initIPFamilyFields(svc, undefined);
  const taken = takenBy(ctx.cluster.store);
  const seed = seedOf(svc, ctx);
  allocClusterIPs(svc, taken, seed);
  const s = specOf(svc);
  if (needsNodePort(svc)) {
    const byPort = new Map<number, number>();
    (s.ports ?? []).forEach((p, i) => {
      if (!p.nodePort && !shouldAllocateNodePorts(svc)) return;
      const already = byPort.get(p.port ?? 0);
      if (already === undefined) {
        // A later port with the same number may name the nodePort to share.
        const requested = (s.ports ?? []).find((q) => (q.port ?? 0) === (p.port ?? 0) && q.nodePort)?.nodePort;
        if (requested) {
          requestNodePort(svc, requested, i, taken);
          p.nodePort = requested;
        } else {
          p.nodePort = autoNodePort(taken, `${seed}/${i}`);
        }
        byPort.set(p.port ?? 0, p.nodePort);
      } else if (p.nodePort !== already) {
        if (!p.nodePort) p.nodePort = already;
        else requestNodePort(svc, p.nodePort, i, taken);
      }
    });
  }
  if (needsHealthCheck(svc)) allocHealthCheckNodePort(svc, taken, seed);
}

/** allocateUpdate: a type change to a ClusterIP type allocates, new ports get nodePorts. */
export function allocateUpdate(svc: Service, old: Service, ctx: StrategyContext): void {
  initIPFamilyFields(svc, old);
  const taken = takenBy(ctx.cluster.store, old.metadata);
  const seed = seedOf(svc, ctx);
  const s = specOf(svc);
  if (old.spec?.type === 'ExternalName' && s.type !== 'ExternalName') allocClusterIPs(svc, taken, seed);
  else for (const ip of s.clusterIPs ?? []) if (ip !== 'None') taken.ips.add(ip);
  // The old version's ports stay held until the update succeeds, so new allocations avoid them.
  const oldPorts = new Set((old.spec?.ports ?? []).map((p) => p.nodePort ?? 0).filter((n) => n !== 0));
  if (needsNodePort(svc)) {
    const claimed = new Set<number>();
    for (const p of oldPorts) taken.ports.add(p);
    (s.ports ?? []).forEach((p, i) => {
      if (!p.nodePort && !shouldAllocateNodePorts(svc)) return;
      if (p.nodePort) {
        if (!oldPorts.has(p.nodePort) && !claimed.has(p.nodePort)) {
          requestNodePort(svc, p.nodePort, i, taken);
          claimed.add(p.nodePort);
        }
      } else {
        p.nodePort = autoNodePort(taken, `${seed}/${i}`);
      }
    });
  }
  if (needsHealthCheck(svc)) {
    if (!needsHealthCheck(old)) allocHealthCheckNodePort(svc, taken, seed);
    else if (!s.healthCheckNodePort) s.healthCheckNodePort = old.spec?.healthCheckNodePort;
  }
}
