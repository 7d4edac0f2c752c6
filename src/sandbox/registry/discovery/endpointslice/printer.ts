// The EndpointSlice table (printEndpointSlice): ports and addresses, three at most.
import { age, ageColumn, column, nameColumn } from '../../printers/format.ts';
import type { TablePrinter } from '../../types.ts';
import { swaggerDoc } from '../../core/shared/swagger-doc.ts';
import type { EndpointSlice } from './types.ts';

const MAX = 3;

function listWithMore(list: string[], count: number): string {
  const ret = list.join(',');
  if (count > MAX) return `${ret} + ${count - MAX} more...`;
  return ret === '' ? '<unset>' : ret;
}

export function formatSlicePorts(slice: EndpointSlice): string {
  const ports = slice.ports ?? [];
  return listWithMore(
    ports.slice(0, MAX).map((p) => (p.port !== undefined ? String(p.port) : p.name !== undefined ? p.name : '*')),
    ports.length,
  );
}

export function formatSliceEndpoints(slice: EndpointSlice): string {
  const all = (slice.endpoints ?? []).flatMap((e) => e.addresses ?? []);
  return listWithMore(all.slice(0, MAX), all.length);
}

const DEF = 'io.k8s.api.discovery.v1.EndpointSlice';

export const endpointSlicePrinter: TablePrinter<EndpointSlice> = {
  columns: [
    nameColumn,
    column('AddressType', 'string', swaggerDoc(DEF, 'addressType')),
    column('Ports', 'string', swaggerDoc(DEF, 'ports')),
    column('Endpoints', 'string', swaggerDoc(DEF, 'endpoints')),
    ageColumn,
  ],
  cells: (s, ctx) => [s.metadata.name, s.addressType ?? '', formatSlicePorts(s), formatSliceEndpoints(s), age(s.metadata.creationTimestamp, ctx.now)],
};
