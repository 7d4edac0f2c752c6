// The Endpoints table (printEndpoints / formatEndpoints): up to three ip:port pairs, then
// `+ N more...`.
import { age, ageColumn, column, nameColumn } from '../../printers/format.ts';
import type { TablePrinter } from '../../types.ts';
import { swaggerDoc } from '../shared/swagger-doc.ts';
import type { Endpoints } from './types.ts';

const MAX = 3;

function hostPort(ip: string, port: number): string {
  return ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`;
}

export function formatEndpoints(ep: Endpoints): string {
  const subsets = ep.subsets ?? [];
  if (subsets.length === 0) return '<none>';
  const list: string[] = [];
  let more = false;
  let count = 0;
  for (const ss of subsets) {
    const addresses = ss.addresses ?? [];
    if ((ss.ports ?? []).length === 0) {
      count += addresses.length;
      for (const a of addresses) {
        if (list.length === MAX) {
          more = true;
          break;
        }
        list.push(a.ip ?? '');
      }
      continue;
    }
    for (const port of ss.ports ?? []) {
      count += addresses.length;
      for (const a of addresses) {
        if (list.length === MAX) {
          more = true;
          break;
        }
        list.push(hostPort(a.ip ?? '', port.port ?? 0));
      }
    }
  }
  const ret = list.join(',');
  return more ? `${ret} + ${count - MAX} more...` : ret;
}

export const endpointsPrinter: TablePrinter<Endpoints> = {
  columns: [nameColumn, column('Endpoints', 'string', swaggerDoc('Endpoints', 'subsets')), ageColumn],
  cells: (ep, ctx) => [ep.metadata.name, formatEndpoints(ep), age(ep.metadata.creationTimestamp, ctx.now)],
};
