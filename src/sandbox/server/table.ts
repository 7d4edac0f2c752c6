// Server-side printing: meta.k8s.io Table responses built from each kind's printer, as
// `kubectl get` requests them. Kinds without a printer get upstream's default table
// (Name, Created At).
import type { KubeObject, StoredObject } from '../../apimachinery/object.ts';
import type { PrintContext, PrinterColumn, ResourceDef, TablePrinter } from '../registry/types.ts';
import { nameColumn } from '../registry/printers/format.ts';

export type IncludeObject = 'None' | 'Metadata' | 'Object';

const defaultPrinter: TablePrinter = {
  columns: [
    nameColumn,
    {
      name: 'Created At',
      type: 'date',
      format: '',
      description: 'CreationTimestamp is a timestamp representing the server time when this object was created.',
      priority: 0,
    },
  ],
  cells: (obj) => [obj.metadata.name, obj.metadata.creationTimestamp],
};

export function printerFor(def: ResourceDef): TablePrinter {
  return (def.printer as TablePrinter | undefined) ?? defaultPrinter;
}

export function partialObjectMetadata(obj: StoredObject, version: string): KubeObject {
  return { kind: 'PartialObjectMetadata', apiVersion: `meta.k8s.io/${version}`, metadata: obj.metadata };
}

function rowObject(obj: StoredObject, include: IncludeObject, version: string): KubeObject | undefined {
  if (include === 'None') return undefined;
  if (include === 'Object') return obj;
  return partialObjectMetadata(obj, version);
}

export interface TableOptions {
  include: IncludeObject;
  version: 'v1' | 'v1beta1';
  /** Leave out columnDefinitions (watch events after the first). */
  noHeaders?: boolean;
}

export function buildTable(
  def: ResourceDef,
  objects: readonly StoredObject[],
  ctx: PrintContext,
  opts: TableOptions,
  listMeta: { resourceVersion?: string; continue?: string; remainingItemCount?: number } = {},
): KubeObject & { rows: unknown[]; columnDefinitions: PrinterColumn[] } {
  const printer = printerFor(def);
  const rows = objects.map((o) => {
    const row: Record<string, unknown> = { cells: printer.cells(o, ctx) };
    const ro = rowObject(o, opts.include, opts.version);
    if (ro) row.object = ro;
    return row;
  });
  const metadata: Record<string, unknown> = {};
  if (listMeta.resourceVersion) metadata.resourceVersion = listMeta.resourceVersion;
  if (listMeta.continue) metadata.continue = listMeta.continue;
  if (listMeta.remainingItemCount !== undefined) metadata.remainingItemCount = listMeta.remainingItemCount;
  return {
    kind: 'Table',
    apiVersion: `meta.k8s.io/${opts.version}`,
    metadata,
    columnDefinitions: opts.noHeaders ? [] : [...printer.columns],
    rows,
  } as unknown as KubeObject & { rows: unknown[]; columnDefinitions: PrinterColumn[] };
}
