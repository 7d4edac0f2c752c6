// The table `kubectl get ingress` prints (pkg/printers/internalversion printIngress):
// NAME CLASS HOSTS ADDRESS PORTS AGE.
import type { StoredObject } from '../../../../apimachinery/object.ts';
import type * as netv1 from '../../../../generated/k8s/networking/v1.ts';
import { age, ageColumn, column, nameColumn } from '../../printers/format.ts';
import type { TablePrinter } from '../../types.ts';

type Ingress = StoredObject & netv1.Ingress;

/** At most three hosts, then `+ N more...`; `*` when no rule names a host. */
export function formatHosts(rules: readonly netv1.IngressRule[] | undefined): string {
  const list: string[] = [];
  let more = false;
  for (const r of rules ?? []) {
    if (list.length === 3) more = true;
    if (!more && r.host) list.push(r.host);
  }
  if (list.length === 0) return '*';
  const ret = list.join(',');
  return more ? `${ret} + ${(rules ?? []).length - 3} more...` : ret;
}

/** The load balancer's IPs (or hostnames), sorted and unique. */
export function formatAddress(status: netv1.IngressStatus | undefined): string {
  const set = new Set<string>();
  for (const i of status?.loadBalancer?.ingress ?? []) {
    if (i.ip) set.add(i.ip);
    else if (i.hostname) set.add(i.hostname);
  }
  return [...set].sort().join(',');
}

export const ingressPrinter: TablePrinter<Ingress> = {
  columns: [
    nameColumn,
    column('Class', 'string', 'The name of the IngressClass resource that should be used for additional configuration'),
    column('Hosts', 'string', 'Hosts that incoming requests are matched against before the ingress rule'),
    column('Address', 'string', 'Address is a list containing ingress points for the load-balancer'),
    column('Ports', 'string', 'Ports of TLS configurations that open'),
    ageColumn,
  ],
  cells: (ing, ctx) => [
    ing.metadata.name,
    ing.spec?.ingressClassName ?? '<none>',
    formatHosts(ing.spec?.rules),
    formatAddress(ing.status),
    ing.spec?.tls?.length ? '80, 443' : '80',
    age(ing.metadata.creationTimestamp, ctx.now),
  ],
};
