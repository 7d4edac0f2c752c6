// Helpers of upstream's printers.go that several workload printers share.
import { builtinSchema } from '../../../../apimachinery/openapi/schema-model.ts';
import type { PrinterColumn } from '../../types.ts';
import { column } from '../../printers/format.ts';

interface ContainerLike {
  name?: string;
  image?: string;
}

/** layoutContainerCells: names and images joined by commas. */
export function layoutContainerCells(containers: readonly ContainerLike[] | undefined): [string, string] {
  const list = containers ?? [];
  return [list.map((c) => c.name ?? '').join(','), list.map((c) => c.image ?? '').join(',')];
}

/** printBoolPtr: True/False, or <unset>. */
export function printBoolPtr(v: boolean | undefined): string {
  if (v === undefined) return '<unset>';
  return v ? 'True' : 'False';
}

/** The OpenAPI description of a field, as upstream's columns take it from SwaggerDoc(). */
export function fieldDoc(definition: string, field: string): string {
  const raw = builtinSchema().swagger.definitions[definition];
  return raw?.properties?.[field]?.description ?? '';
}

/** A column described by a field of an OpenAPI definition. */
export function docColumn(name: string, type: PrinterColumn['type'], definition: string, field: string, priority = 0): PrinterColumn {
  return column(name, type, fieldDoc(definition, field), priority);
}

export const containersColumn = column('Containers', 'string', 'Names of each container in the template.', 1);
export const imagesColumn = column('Images', 'string', 'Images referenced by each container in the template.', 1);
