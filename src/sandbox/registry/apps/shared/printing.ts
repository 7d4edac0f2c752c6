// Helpers of upstream's printers.go that several workload printers share.
import { builtinSchema } from '../../../../apimachinery/openapi/schema-model.ts';
import type { KubeObject } from '../../../../apimachinery/object.ts';
import type { PrinterColumn, TablePrinter } from '../../types.ts';
import { age, ageColumn, column, nameColumn } from '../../printers/format.ts';

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

/** What the replica-count tables read from a ReplicaSet or a ReplicationController. */
interface Replicated {
  metadata?: { name?: string; creationTimestamp?: string };
  spec?: { replicas?: number; template?: { spec?: { containers?: readonly ContainerLike[] } } };
  status?: { replicas?: number; readyReplicas?: number };
}

/**
 * printReplicaSet and printReplicationController, which upstream keeps as twins: NAME DESIRED
 * CURRENT READY AGE, and CONTAINERS IMAGES SELECTOR with -o wide. Only the selector's type and
 * the documented definitions differ.
 */
export function replicaCountPrinter<T extends Replicated & KubeObject>(
  specDefinition: string,
  statusDefinition: string,
  selector: (obj: T) => string,
): TablePrinter<T> {
  return {
    columns: [
      nameColumn,
      docColumn('Desired', 'integer', specDefinition, 'replicas'),
      docColumn('Current', 'integer', statusDefinition, 'replicas'),
      docColumn('Ready', 'integer', statusDefinition, 'readyReplicas'),
      ageColumn,
      containersColumn,
      imagesColumn,
      docColumn('Selector', 'string', specDefinition, 'selector', 1),
    ],
    cells(obj, ctx) {
      const [names, images] = layoutContainerCells(obj.spec?.template?.spec?.containers);
      return [
        obj.metadata.name,
        obj.spec?.replicas ?? 0,
        obj.status?.replicas ?? 0,
        obj.status?.readyReplicas ?? 0,
        age(obj.metadata.creationTimestamp, ctx.now),
        names,
        images,
        selector(obj),
      ];
    },
  };
}
