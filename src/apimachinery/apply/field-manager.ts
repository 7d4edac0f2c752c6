// The field manager's contract (k8s.io/apiserver/pkg/endpoints/handlers/fieldmanager): every
// write records which manager owns which fields in metadata.managedFields, and server-side apply
// merges an applied configuration into the live object, failing on conflicts unless forced.
import type { KubeObject } from '../object.ts';
import type { SchemaNode } from '../openapi/schema-model.ts';

export interface ManagedContext {
  /** The schema of the kind being written. */
  schema: SchemaNode;
  /** `apps/v1` */
  apiVersion: string;
  /** '' for the main resource, 'status', 'scale'. */
  subresource: string;
  /** RFC 3339 time of the request. */
  time: string;
  /**
   * Top-level fields the endpoint's strategy resets (upstream GetResetFields), which therefore
   * no manager of this endpoint owns: `status` on the main resource, `spec` on /status.
   */
  resetFields?: readonly string[];
}

export interface ApplyConflict {
  /** The manager as upstream prints it: `"kubectl-client-side-apply" using apps/v1`. */
  manager: string;
  /** `.spec.replicas` */
  field: string;
}

export class ApplyConflictError extends Error {
  /** `message` is upstream's: `Apply failed with 1 conflict: conflict with "m" using apps/v1: .spec.replicas`. */
  constructor(
    readonly conflicts: ApplyConflict[],
    message: string,
  ) {
    super(message);
  }
}

export interface FieldManager {
  /**
   * Records an Update by `manager`: fields that changed between `live` (undefined on create) and
   * `obj` become owned by the manager; sets obj.metadata.managedFields.
   */
  update(ctx: ManagedContext, live: KubeObject | undefined, obj: KubeObject, manager: string): void;
  /**
   * Server-side apply: returns the new object (with managedFields) from merging `applied` into
   * `live` (undefined when the object does not exist yet). Throws ApplyConflictError.
   */
  apply(ctx: ManagedContext, live: KubeObject | undefined, applied: KubeObject, manager: string, force: boolean): KubeObject;
}
