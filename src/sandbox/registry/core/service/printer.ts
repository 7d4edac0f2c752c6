// The Service table (printService in pkg/printers/internalversion/printers.go).
import { formatLabels } from '../../../../apimachinery/labels.ts';
import type * as corev1 from '../../../../generated/k8s/core/v1.ts';
import { age, ageColumn, column, nameColumn } from '../../printers/format.ts';
import type { TablePrinter } from '../../types.ts';
import { swaggerDoc } from '../shared/swagger-doc.ts';
import type { Service } from './types.ts';

/** loadBalancerStatusStringer (server-side tables are always wide, so nothing is clipped). */
function loadBalancerIPs(status: corev1.LoadBalancerStatus | undefined): string {
  const set = new Set<string>();
  for (const ing of status?.ingress ?? []) {
    if (ing.ip) set.add(ing.ip);
    else if (ing.hostname) set.add(ing.hostname);
  }
  return [...set].sort().join(',');
}

export function externalIP(svc: Service): string {
  const s = svc.spec ?? {};
  const external = s.externalIPs ?? [];
  switch (s.type) {
    case 'ClusterIP':
    case 'NodePort':
      return external.length ? external.join(',') : '<none>';
    case 'LoadBalancer': {
      const lb = loadBalancerIPs(svc.status?.loadBalancer);
      if (external.length) return [...(lb ? lb.split(',') : []), ...external].join(',');
      return lb || '<pending>';
    }
    case 'ExternalName':
      return s.externalName ?? '';
  }
  return '<unknown>';
}

export function portString(ports: corev1.ServicePort[] | undefined): string {
  return (ports ?? []).map((p) => (p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol ?? ''}` : `${p.port}/${p.protocol ?? ''}`)).join(',');
}

export const servicePrinter: TablePrinter<Service> = {
  columns: [
    nameColumn,
    column('Type', 'string', swaggerDoc('ServiceSpec', 'type')),
    column('Cluster-IP', 'string', swaggerDoc('ServiceSpec', 'clusterIP')),
    column('External-IP', 'string', swaggerDoc('ServiceSpec', 'externalIPs')),
    column('Port(s)', 'string', swaggerDoc('ServiceSpec', 'ports')),
    ageColumn,
    column('Selector', 'string', swaggerDoc('ServiceSpec', 'selector'), 1),
  ],
  cells: (svc, ctx) => [
    svc.metadata.name,
    svc.spec?.type ?? '',
    svc.spec?.clusterIPs?.[0] ?? '<none>',
    externalIP(svc),
    portString(svc.spec?.ports) || '<none>',
    age(svc.metadata.creationTimestamp, ctx.now),
    formatLabels(svc.spec?.selector),
  ],
};
