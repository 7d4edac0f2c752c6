// Service link variables (upstream pkg/kubelet/envvars and Kubelet.getServiceEnvVarMap): for each
// Service with a cluster IP in the pod's namespace (all of them only when enableServiceLinks is
// true; the `kubernetes` Service of `default` always), FOO_SERVICE_HOST, FOO_SERVICE_PORT,
// FOO_SERVICE_PORT_<PORTNAME>, and the Docker-link style FOO_PORT, FOO_PORT_80_TCP(_PROTO|_PORT|_ADDR).
// Only the Services that exist when the container starts: the kubelet computes them then.
import type * as core from '../../../../generated/k8s/core/v1.ts';

export function serviceEnvVarName(name: string): string {
  const n = name.replace(/[.-]/g, '_').toUpperCase();
  return /^[0-9]/.test(n) ? `_${n}` : n;
}

function hasClusterIP(svc: core.Service): boolean {
  const ip = svc.spec?.clusterIP;
  return !!ip && ip !== 'None';
}

/** The variables of the given Services, in upstream's order. */
export function fromServices(services: readonly core.Service[]): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const svc of services) {
    const ports = svc.spec?.ports ?? [];
    if (!hasClusterIP(svc) || !ports.length) continue;
    const ip = svc.spec!.clusterIP!;
    const prefix = serviceEnvVarName(svc.metadata?.name ?? '');
    out.push([`${prefix}_SERVICE_HOST`, ip]);
    out.push([`${prefix}_SERVICE_PORT`, String(ports[0].port)]);
    for (const p of ports) if (p.name) out.push([`${prefix}_SERVICE_PORT_${serviceEnvVarName(p.name)}`, String(p.port)]);
    ports.forEach((p, i) => {
      const proto = (p.protocol || 'TCP').toLowerCase();
      const url = `${proto}://${ip}:${p.port}`;
      if (i === 0) out.push([`${prefix}_PORT`, url]);
      const pp = `${prefix}_PORT_${p.port}_${proto.toUpperCase()}`;
      out.push([pp, url], [`${pp}_PROTO`, proto], [`${pp}_PORT`, String(p.port)], [`${pp}_ADDR`, ip]);
    });
  }
  return out;
}

/**
 * The service variables a pod in `namespace` sees: `defaultServices` are those of `default`
 * (where `kubernetes` lives), `namespaceServices` those of the pod's namespace.
 */
export function serviceEnvVarMap(
  namespace: string,
  enableServiceLinks: boolean,
  defaultServices: readonly core.Service[],
  namespaceServices: readonly core.Service[],
): Map<string, string> {
  const byName = new Map<string, core.Service>();
  const master = defaultServices.find((s) => s.metadata?.name === 'kubernetes' && hasClusterIP(s));
  if (master) byName.set('kubernetes', master);
  if (enableServiceLinks) {
    for (const s of namespace === 'default' ? defaultServices : namespaceServices) {
      if (hasClusterIP(s)) byName.set(s.metadata?.name ?? '', s);
    }
  }
  const sorted = [...byName.values()].sort((a, b) => (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''));
  return new Map(fromServices(sorted));
}
