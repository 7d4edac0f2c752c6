// The contract between the generic store and each kind: a ResourceDef names the resource
// (discovery), its schema, its Strategy (upstream's RESTCreateStrategy / RESTUpdateStrategy /
// RESTDeleteStrategy hooks) and its table printer. The generic store never branches on the kind.
import type { FieldError } from '../../apimachinery/field-errors.ts';
import type { KubeObject, StoredObject } from '../../apimachinery/object.ts';
import type { SchemaNode } from '../../apimachinery/openapi/schema-model.ts';
import type { NameValidation } from '../../apimachinery/validation/object-meta.ts';
import type { ObjectStore } from '../storage/object-store.ts';
import type { GenericStore } from './generic-store.ts';

export type Verb = 'get' | 'list' | 'watch' | 'create' | 'update' | 'patch' | 'delete' | 'deletecollection';

export const ALL_VERBS: readonly Verb[] = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

export interface UserInfo {
  username: string;
  uid?: string;
  groups: string[];
  extra?: Record<string, string[]>;
}

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

export interface IdSource {
  uid(): string;
  /** Five characters from upstream's generateName alphabet. */
  suffix(n?: number): string;
}

/** What a strategy or admission plugin may consult about its cluster. */
export interface ClusterServices {
  readonly id: string;
  readonly store: ObjectStore;
  readonly clock: Clock;
  readonly ids: IdSource;
  readonly resources: ResourceLookup;
  /** The cluster's generic store, for subresources that write through another resource (eviction deletes a pod). */
  readonly api?: GenericStore;
}

export interface ResourceLookup {
  /** By group and plural resource name. */
  byResource(group: string, resource: string): ResourceDef | undefined;
  /** By group and kind (any served version). */
  byKind(group: string, kind: string): ResourceDef | undefined;
  all(): readonly ResourceDef[];
}

export interface StrategyContext {
  readonly cluster: ClusterServices;
  readonly user: UserInfo;
  /** Milliseconds since the epoch at the start of the request. */
  readonly now: number;
  readonly dryRun: boolean;
  /** Warnings returned to the client in `Warning` headers. */
  readonly warnings: string[];
  /** How unknown fields in the request body are treated (fieldValidation parameter). */
  readonly fieldValidation?: 'Strict' | 'Warn' | 'Ignore';
}

export interface DeleteOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: 'Orphan' | 'Background' | 'Foreground';
  orphanDependents?: boolean;
  preconditions?: { uid?: string; resourceVersion?: string };
  dryRun?: string[];
}

export interface Strategy<T extends KubeObject = KubeObject> {
  /** Clear fields the client may not set on create (status), set generation, normalize. */
  prepareForCreate?(obj: T, ctx: StrategyContext): void;
  /** Carry over fields this endpoint must not change (status on the main resource, spec on /status). */
  prepareForUpdate?(obj: T, old: StoredObject & T, ctx: StrategyContext): void;
  validate?(obj: T, ctx: StrategyContext): FieldError[];
  validateUpdate?(obj: T, old: StoredObject & T, ctx: StrategyContext): FieldError[];
  warningsOnCreate?(obj: T, ctx: StrategyContext): string[];
  warningsOnUpdate?(obj: T, old: StoredObject & T, ctx: StrategyContext): string[];
  /** Final normalization before storage. */
  canonicalize?(obj: T): void;
  /** Side effects tied to the write, run after validation (e.g. ClusterIP allocation). */
  beforeCreate?(obj: T, ctx: StrategyContext): void;
  beforeUpdate?(obj: T, old: StoredObject & T, ctx: StrategyContext): void;
  /** Changes a pending (graceful or finalized) deletion makes, e.g. a Namespace turns Terminating. */
  prepareForDelete?(obj: T, ctx: StrategyContext): void;
  /** PUT of a missing object creates it. */
  allowCreateOnUpdate?: boolean;
  /** PUT without metadata.resourceVersion is allowed (last write wins). Default true. */
  allowUnconditionalUpdate?: boolean;
  /**
   * Graceful deletion: the grace period to apply, or undefined to delete at once.
   * Called with the options the client sent; may default gracePeriodSeconds.
   */
  checkGracefulDelete?(obj: StoredObject & T, options: DeleteOptions, ctx: StrategyContext): number | undefined;
}

export interface PrinterColumn {
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  format: string;
  description: string;
  /** 0 for the default columns, 1 for those shown only with `-o wide`. */
  priority: number;
}

export interface PrintContext {
  now: number;
  cluster: ClusterServices;
}

export interface TablePrinter<T extends KubeObject = KubeObject> {
  columns: readonly PrinterColumn[];
  /** One row per object; a kind may print several rows for one object (rare). */
  cells(obj: StoredObject & T, ctx: PrintContext): unknown[];
}

export interface ScaleSubresource {
  specReplicasPath: string;
  statusReplicasPath: string;
  labelSelectorPath?: string;
}

export interface ResourceDef<T extends KubeObject = KubeObject> {
  group: string;
  version: string;
  kind: string;
  listKind: string;
  /** Plural, lower case: `deployments`. */
  resource: string;
  singular: string;
  namespaced: boolean;
  shortNames: readonly string[];
  categories: readonly string[];
  verbs: readonly Verb[];
  /** The OpenAPI definition (`io.k8s.api.apps.v1.Deployment`) or a CRD's schema. */
  schema: () => SchemaNode;
  /** OpenAPI definition name, when built in. */
  definition?: string;
  /** How names are validated (upstream ValidateNameFunc); DNS subdomain by default. */
  nameValidation?: NameValidation;
  /** Upstream SetDefaults_* for this kind, applied after every decode. */
  defaults?(obj: T): void;
  /** Replaces the schema-driven decode (custom resources prune and default by their CRD's schema). */
  decode?(obj: KubeObject, ctx: StrategyContext): KubeObject;
  strategy: Strategy<T>;
  /** The /status subresource's strategy; its presence serves /status. */
  statusStrategy?: Strategy<T>;
  scale?: ScaleSubresource;
  printer?: TablePrinter<T>;
  /** Field selector values beyond metadata.name and metadata.namespace. */
  fieldLabels?: (obj: StoredObject & T) => Record<string, string>;
  /** DELETE answers with the deleted object rather than a Status (upstream ReturnDeletedObject). */
  returnDeletedObject?: boolean;
  /** Propagation when the client sends none (upstream DefaultGarbageCollectionPolicy). */
  defaultPropagation?: 'Background' | 'Orphan';
  /** Resources that exist only as a verb, such as SelfSubjectAccessReview (create only, not stored). */
  virtual?: VirtualCreate;
  /**
   * Objects of this resource are stored by another version or group (HPA autoscaling/v1 is
   * stored as v2; events.k8s.io Events as core Events): the key they live under and the
   * conversions to and from the stored form.
   */
  storage?: { resource: string; toStorage(obj: KubeObject): KubeObject; fromStorage(obj: StoredObject): StoredObject };
  /** Other subresources (token, eviction, binding, log, exec ...). */
  subresources?: Record<string, SubresourceHandler>;
  /** A deprecated resource: this warning accompanies every request to it (upstream's deprecated-API warning). */
  deprecationWarning?: string;
}

/** A create-only resource that answers with a computed object (reviews). */
export type VirtualCreate = (obj: KubeObject, ctx: StrategyContext) => KubeObject | Promise<KubeObject>;

export interface SubresourceRequest {
  method: string;
  namespace: string | undefined;
  name: string;
  body: KubeObject | undefined;
  query: URLSearchParams;
  ctx: StrategyContext;
}

export interface SubresourceHandler {
  verbs: readonly Verb[];
  /** Group/version/kind of the request and response body, for discovery. */
  kind: { group: string; version: string; kind: string };
  handle(req: SubresourceRequest): KubeObject | Promise<KubeObject>;
}

export function groupVersion(def: { group: string; version: string }): string {
  return def.group ? `${def.group}/${def.version}` : def.version;
}

/** `pods`, `deployments.apps`: the key objects are stored under. */
export function qualified(def: { group: string; resource: string }): string {
  return def.group ? `${def.resource}.${def.group}` : def.resource;
}
