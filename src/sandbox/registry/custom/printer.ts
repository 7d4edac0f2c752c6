// The Table printer of a custom resource version (upstream apiextensions tableconvertor): a Name
// column, then the version's additionalPrinterColumns (or a default Age column), each cell the
// first result of the column's JSONPath. `date` cells print as ages, `integer` cells truncate,
// `string` cells print whatever the path selects as JSONPath text.
import type { CustomResourceColumnDefinition } from '../../../generated/k8s/apiextensions/v1.ts';
import type { StoredObject } from '../../../apimachinery/object.ts';
import { humanDuration, nameColumn } from '../printers/format.ts';
import type { PrinterColumn, TablePrinter } from '../types.ts';
import { goPrint } from './go-value.ts';
import { type JSONPath, JSONPathError, parseJSONPath } from './jsonpath.ts';

const CREATION_TIMESTAMP_DESCRIPTION =
  'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata';

/** The columns a version prints: its own, or upstream's default Age column. */
export function columnsFor(columns: readonly CustomResourceColumnDefinition[] | undefined): CustomResourceColumnDefinition[] {
  if (columns && columns.length > 0) return [...columns];
  return [{ name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp', description: CREATION_TIMESTAMP_DESCRIPTION }];
}

/** cellForJSONValue: a column value as the Table cell of its declared type. */
export function cellFor(type: string, value: unknown, now: number): unknown {
  if (value === null || value === undefined) return null;
  switch (type) {
    case 'integer':
      return typeof value === 'number' ? Math.trunc(value) : null;
    case 'number':
      return typeof value === 'number' ? value : null;
    case 'boolean':
      return typeof value === 'boolean' ? value : null;
    case 'string':
      return typeof value === 'string' ? value : null;
    case 'date': {
      if (typeof value !== 'string') return null;
      if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value)) return '<invalid>';
      const t = Date.parse(value);
      return Number.isNaN(t) ? '<invalid>' : humanDuration(now - t);
    }
    default:
      return null;
  }
}

export function customResourcePrinter(columns: readonly CustomResourceColumnDefinition[] | undefined): TablePrinter {
  const cols = columnsFor(columns);
  const paths: Array<JSONPath | undefined> = cols.map((c) => {
    try {
      return parseJSONPath(`{${c.jsonPath}}`);
    } catch (e) {
      if (e instanceof JSONPathError) return undefined;
      throw e;
    }
  });
  const definitions: PrinterColumn[] = [
    nameColumn,
    ...cols.map((c) => ({
      name: c.name,
      type: c.type as PrinterColumn['type'],
      format: c.format ?? '',
      description: c.description ?? '',
      priority: c.priority ?? 0,
    })),
  ];
  return {
    columns: definitions,
    cells(obj: StoredObject, ctx) {
      const row: unknown[] = [obj.metadata.name];
      cols.forEach((c, i) => {
        const results = paths[i]?.find(obj) ?? [];
        if (results.length === 0) {
          row.push(null);
          return;
        }
        const value = results[0];
        if (c.type === 'string') row.push(value === null || value === undefined ? null : goPrint(value));
        else row.push(cellFor(c.type, value, ctx.now));
      });
      return row;
    },
  };
}
