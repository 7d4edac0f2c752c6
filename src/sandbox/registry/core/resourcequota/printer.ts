// The ResourceQuota table (printResourceQuota): `resource: used/hard` pairs in name order,
// `limits.*` ones in LIMIT, the rest in REQUEST.
import { age, ageColumn, column, nameColumn } from '../../printers/format.ts';
import type { TablePrinter } from '../../types.ts';
import type { ResourceQuota } from './types.ts';

export function quotaColumns(rq: ResourceQuota): { request: string; limit: string } {
  const hard = rq.status?.hard ?? {};
  const used = rq.status?.used ?? {};
  const request: string[] = [];
  const limit: string[] = [];
  for (const r of Object.keys(hard).sort()) {
    const pieces = r.split('.');
    const target = pieces.length > 1 && pieces[0] === 'limits' ? limit : request;
    target.push(`${r}: ${used[r] ?? '0'}/${hard[r]}`);
  }
  return { request: request.join(', '), limit: limit.join(', ') };
}

export const resourceQuotaPrinter: TablePrinter<ResourceQuota> = {
  columns: [
    nameColumn,
    column('Request', 'string', 'Request represents a minimum amount of cpu/memory that a container may consume.'),
    column('Limit', 'string', 'Limits control the maximum amount of cpu/memory that a container may use independent of contention on the node.'),
    ageColumn,
  ],
  cells: (rq, ctx) => {
    const { request, limit } = quotaColumns(rq);
    return [rq.metadata.name, request, limit, age(rq.metadata.creationTimestamp, ctx.now)];
  },
};
