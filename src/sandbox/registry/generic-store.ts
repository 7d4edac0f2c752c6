// The generic store: create, update, patch, delete, get and list for every kind, following
// upstream's generic registry (k8s.io/apiserver/pkg/registry/generic/registry/store.go) and
// REST handlers. Kind-specific rules live in each ResourceDef's Strategy; this file never
// branches on the kind.
//
// Every operation runs synchronously from reading the current state to writing memory, so two
// requests to one cluster never interleave between a check and a write; only the wait for
// durability is asynchronous.
import type { FieldManager } from '../../apimachinery/apply/field-manager.ts';
import { ApplyConflictError } from '../../apimachinery/apply/field-manager.ts';
import {
  alreadyExists,
  badRequest,
  conflict,
  invalid,
  notFound,
  OPTIMISTIC_LOCK_MESSAGE,
  type Status,
  StatusError,
  successStatus,
} from '../../apimachinery/errors.ts';
import { fieldErrors as fe, type FieldError, path } from '../../apimachinery/field-errors.ts';
import type { FieldSelector } from '../../apimachinery/fields.ts';
import type { Selector } from '../../apimachinery/labels.ts';
import { deepClone, deepEqual, type KubeObject, type ObjectMeta, type StoredObject, type Unstructured } from '../../apimachinery/object.ts';
import { goJsonRoundTrip } from '../../apimachinery/openapi/go-json.ts';
import { nameFuncs, type NameValidation, validateObjectMeta, validateObjectMetaUpdate } from '../../apimachinery/validation/object-meta.ts';
import type { AdmissionChain, AdmissionAttributes } from '../admission/types.ts';
import type { StoredObjectDraft, WriteOp } from '../storage/object-store.ts';
import type { DeleteOptions, ResourceDef, Strategy, StrategyContext } from './types.ts';
import { groupVersion, qualified } from './types.ts';

export type PatchType = 'json' | 'merge' | 'strategic' | 'apply';

export interface Patcher {
  /** Applies a JSON, merge or strategic-merge patch to a copy of `current` and returns the result. */
  patch(def: ResourceDef, type: Exclude<PatchType, 'apply'>, current: KubeObject, patch: unknown): KubeObject;
}

export interface WriteOptions {
  /** The manager recorded in managedFields (fieldManager parameter or derived from User-Agent). */
  fieldManager: string;
  /** '' for the main resource, or 'status'. */
  subresource?: '' | 'status';
  /** Server-side apply only. */
  force?: boolean;
  /** In-process callers may write through another endpoint's rules (e.g. namespaces/finalize). */
  strategy?: Strategy;
}

export interface WriteResult {
  object: KubeObject | Status;
  /** HTTP status: 201 for creates, 200 for updates, 202 for deletes still pending. */
  code: 200 | 201 | 202;
}

export interface ListOptions {
  labelSelector?: Selector;
  fieldSelector?: FieldSelector;
  limit?: number;
  continue?: string;
}

export interface ListResult {
  items: StoredObject[];
  resourceVersion: string;
  continue?: string;
  remainingItemCount?: number;
}

export interface StoreDeps {
  admission: AdmissionChain;
  fieldManager: FieldManager;
  patcher: Patcher;
  /** Decodes a patched or submitted object: strict-field handling, types, defaulting. */
  decode(def: ResourceDef, obj: KubeObject, ctx: StrategyContext): KubeObject;
  nameValidation(def: ResourceDef): NameValidation;
}

const GENERATE_NAME_MAX = 63 - 5;

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** The store key objects of this resource live under (shared when another version stores them). */
export function storageKey(def: ResourceDef): string {
  return def.storage?.resource ?? qualified(def);
}

// Every write stamps one or two times, mostly within the same second: format each second once.
let stampSecond = Number.NaN;
let stamp = '';

function rfc3339(ms: number): string {
  const second = Math.floor(ms / 1000);
  if (second !== stampSecond) {
    stamp = `${new Date(second * 1000).toISOString().slice(0, 19)}Z`;
    stampSecond = second;
  }
  return stamp;
}

function groupResource(def: ResourceDef) {
  return { group: def.group, resource: def.resource };
}

function metaOf(obj: KubeObject): ObjectMeta {
  if (!obj.metadata || typeof obj.metadata !== 'object') obj.metadata = {};
  return obj.metadata;
}

export function fieldsForSelector(def: ResourceDef, obj: StoredObject): Record<string, string> {
  const base: Record<string, string> = { 'metadata.name': obj.metadata.name };
  if (def.namespaced) base['metadata.namespace'] = obj.metadata.namespace ?? '';
  return def.fieldLabels ? { ...base, ...def.fieldLabels(obj) } : base;
}

/** Encodes a list continuation: the key to start after, and the list's resourceVersion. */
function encodeContinue(rv: string, startAfter: string): string {
  return Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', rv: Number(rv), start: `${startAfter}\u0000` })).toString('base64');
}

function decodeContinue(token: string): { rv: number; start: string } {
  try {
    const c = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { v?: string; rv?: number; start?: string };
    if (c.v !== 'meta.k8s.io/v1' || typeof c.start !== 'string') throw new Error();
    return { rv: c.rv ?? 0, start: c.start };
  } catch {
    throw badRequest('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
  }
}

/**
 * Writes take ownership of the object they are given and may change it (defaults, system
 * fields); pass a copy (deepClone) of anything read from the store.
 */
export class GenericStore {
  constructor(private readonly deps: StoreDeps) {}

  /** Reads through the resource's storage (another version may store it, e.g. HPA v1 → v2). */
  private read(ctx: StrategyContext, def: ResourceDef, namespace: string | undefined, name: string): StoredObject | undefined {
    const o = ctx.cluster.store.get(storageKey(def), namespace, name);
    return o && def.storage ? def.storage.fromStorage(o) : o;
  }

  private readAll(ctx: StrategyContext, def: ResourceDef, namespace: string | undefined): StoredObject[] {
    const all = ctx.cluster.store.list(storageKey(def), namespace);
    return def.storage ? all.map((o) => def.storage!.fromStorage(o)) : all;
  }

  private persist(ctx: StrategyContext, def: ResourceDef, ops: DistributiveOmit<WriteOp, 'resource'>[]): { results: StoredObject[]; durable: Promise<void> } {
    const key = storageKey(def);
    const conv = def.storage;
    const full = ops.map((op) =>
      op.type === 'delete' ? { ...op, resource: key } : { ...op, resource: key, object: conv ? (conv.toStorage(op.object as KubeObject) as StoredObjectDraft) : op.object },
    ) as WriteOp[];
    const { results, durable } = ctx.cluster.store.write(full);
    return { results: conv ? results.map((o) => conv.fromStorage(o)) : results, durable };
  }

  private strategyFor(def: ResourceDef, subresource: string | undefined, override?: Strategy): Strategy {
    if (override) return override;
    return subresource === 'status' && def.statusStrategy ? def.statusStrategy : def.strategy;
  }

  get(ctx: StrategyContext, def: ResourceDef, namespace: string | undefined, name: string): StoredObject {
    const obj = this.read(ctx, def, def.namespaced ? namespace : undefined, name);
    if (!obj) throw notFound(groupResource(def), name);
    return obj;
  }

  list(ctx: StrategyContext, def: ResourceDef, namespace: string | undefined, opts: ListOptions): ListResult {
    const rv = String(ctx.cluster.store.currentRV());
    let all = this.readAll(ctx, def, def.namespaced ? namespace : undefined);
    const nameMatch = opts.fieldSelector?.requiresExactMatch('metadata.name');
    if (nameMatch !== undefined) all = all.filter((o) => o.metadata.name === nameMatch);
    let startKey: string | undefined;
    if (opts.continue) startKey = decodeContinue(opts.continue).start;
    const items: StoredObject[] = [];
    let more = false;
    let remaining = 0;
    let lastKey = '';
    for (const obj of all) {
      const key = obj.metadata.namespace ? `${obj.metadata.namespace}/${obj.metadata.name}` : obj.metadata.name;
      if (startKey !== undefined && key < startKey) continue;
      if (opts.labelSelector && !opts.labelSelector.matches(obj.metadata.labels)) continue;
      if (opts.fieldSelector && !opts.fieldSelector.isEmpty() && !opts.fieldSelector.matches(fieldsForSelector(def, obj))) continue;
      if (opts.limit && items.length >= opts.limit) {
        more = true;
        remaining++;
        continue;
      }
      items.push(obj);
      lastKey = key;
    }
    const result: ListResult = { items, resourceVersion: rv };
    if (more) {
      result.continue = encodeContinue(rv, lastKey);
      if (!opts.labelSelector?.requirements.length && !opts.fieldSelector?.requirements.length) result.remainingItemCount = remaining;
    }
    return result;
  }

  // ---- create -------------------------------------------------------------------------------

  create(ctx: StrategyContext, def: ResourceDef, namespace: string | undefined, input: KubeObject, opts: WriteOptions): Promise<WriteResult> {
    const obj = this.prepareCreate(ctx, def, namespace, input, opts);
    return this.commitCreate(ctx, def, obj);
  }

  /** Everything a create does short of writing: namespace, defaults, admission, system fields, validation. */
  private prepareCreate(
    ctx: StrategyContext,
    def: ResourceDef,
    namespace: string | undefined,
    obj: KubeObject,
    opts: WriteOptions,
    recordManagedFields = true,
  ): StoredObjectDraft {
    const meta = metaOf(obj);
    this.checkNamespace(def, namespace, meta);
    def.defaults?.(obj);
    const strategy = this.strategyFor(def, opts.subresource, opts.strategy);
    // Field ownership is recorded from what the client sent, before admission mutates it.
    // (Server-side apply has already recorded its own.)
    if (recordManagedFields) this.deps.fieldManager.update(this.managedContext(ctx, def, opts), undefined, obj, opts.fieldManager);

    // Mutating admission sees the object as decoded (its name may still be empty when
    // generateName is used), as upstream's create handler runs it before the store.
    const attrs = this.attributes('CREATE', def, opts, meta.namespace, meta.name ?? '', obj, undefined, ctx);
    this.deps.admission.admit(attrs);

    // Then upstream's Store.create: system fields and the generated name (strategies read them:
    // a Job's generated selector uses the uid), and BeforeCreate.
    delete meta.deletionTimestamp;
    delete meta.deletionGracePeriodSeconds;
    if (!meta.name && meta.generateName) {
      meta.name = meta.generateName.slice(0, GENERATE_NAME_MAX) + ctx.cluster.ids.suffix(5);
    }
    attrs.name = meta.name ?? '';
    meta.creationTimestamp = rfc3339(ctx.now);
    meta.uid = ctx.cluster.ids.uid();
    delete meta.resourceVersion;
    delete (meta as Record<string, unknown>).selfLink;
    strategy.prepareForCreate?.(obj, ctx);

    // The kind's validation first; generic ObjectMeta validation only when it passes, so the
    // specific messages show (upstream rest.BeforeCreate).
    const kindErrors = strategy.validate?.(obj, ctx) ?? [];
    if (kindErrors.length) throw invalid(def, meta.name ?? meta.generateName ?? '', kindErrors);
    const metaErrors = validateObjectMeta(meta, { namespaced: def.namespaced, nameFunc: nameFuncs[this.deps.nameValidation(def)] });
    if (metaErrors.length) throw invalid(def, meta.name ?? meta.generateName ?? '', metaErrors);
    for (const w of strategy.warningsOnCreate?.(obj, ctx) ?? []) ctx.warnings.push(w);
    strategy.canonicalize?.(obj);
    this.deps.admission.validate(attrs);

    if (this.read(ctx, def, meta.namespace, meta.name!)) throw alreadyExists(groupResource(def), meta.name!);
    strategy.beforeCreate?.(obj, ctx);
    obj.apiVersion = groupVersion(def);
    obj.kind = def.kind;
    goJsonRoundTrip(def.schema(), obj);
    return obj as StoredObjectDraft;
  }

  private async commitCreate(ctx: StrategyContext, def: ResourceDef, obj: StoredObjectDraft): Promise<WriteResult> {
    if (ctx.dryRun) return { object: obj, code: 201 };
    const { results, durable } = this.persist(ctx, def, [{ type: 'create', object: obj }]);
    await durable;
    return { object: results[0]!, code: 201 };
  }

  // ---- update -------------------------------------------------------------------------------

  update(
    ctx: StrategyContext,
    def: ResourceDef,
    namespace: string | undefined,
    name: string,
    input: KubeObject,
    opts: WriteOptions,
  ): Promise<WriteResult> {
    const meta = metaOf(input);
    if (meta.name !== undefined && meta.name !== name) {
      throw badRequest(`the name of the object (${meta.name}) does not match the name on the URL (${name})`);
    }
    meta.name = name;
    this.checkNamespace(def, namespace, meta);
    def.defaults?.(input);
    const existing = this.read(ctx, def, def.namespaced ? namespace : undefined, name);
    const strategy = this.strategyFor(def, opts.subresource, opts.strategy);
    if (!existing) {
      if (strategy.allowCreateOnUpdate && !opts.subresource) return this.create(ctx, def, namespace, input, opts);
      throw notFound(groupResource(def), name);
    }
    if (meta.resourceVersion) {
      if (meta.resourceVersion !== existing.metadata.resourceVersion) throw conflict(groupResource(def), name, OPTIMISTIC_LOCK_MESSAGE);
    } else if (strategy.allowUnconditionalUpdate === false) {
      throw invalid(def, name, [fe.invalid(path('metadata', 'resourceVersion'), 0, 'must be specified for an update')]);
    }
    this.deps.fieldManager.update(this.managedContext(ctx, def, opts), existing, input, opts.fieldManager);
    return this.commitUpdate(ctx, def, existing, input, opts);
  }

  /** The common tail of update and patch: admission, preparation, validation, write. */
  private async commitUpdate(
    ctx: StrategyContext,
    def: ResourceDef,
    existing: StoredObject,
    obj: KubeObject,
    opts: WriteOptions,
  ): Promise<WriteResult> {
    const meta = metaOf(obj);
    const old = existing.metadata;
    const strategy = this.strategyFor(def, opts.subresource, opts.strategy);
    // System fields the client cannot change.
    if (!meta.uid) meta.uid = old.uid;
    if (meta.creationTimestamp === undefined) meta.creationTimestamp = old.creationTimestamp;
    meta.deletionTimestamp = old.deletionTimestamp;
    meta.deletionGracePeriodSeconds = old.deletionGracePeriodSeconds;
    if (meta.deletionTimestamp === undefined) delete meta.deletionTimestamp;
    if (meta.deletionGracePeriodSeconds === undefined) delete meta.deletionGracePeriodSeconds;
    if (old.generation !== undefined) meta.generation = old.generation;
    else delete meta.generation;
    delete (meta as Record<string, unknown>).selfLink;

    const attrs = this.attributes('UPDATE', def, opts, old.namespace, old.name, obj, existing, ctx);
    this.deps.admission.admit(attrs);
    strategy.prepareForUpdate?.(obj, existing, ctx);

    const errs: FieldError[] = [
      ...validateObjectMetaUpdate(meta, old, { namespaced: def.namespaced, nameFunc: nameFuncs[this.deps.nameValidation(def)] }),
      ...(strategy.validateUpdate?.(obj, existing, ctx) ?? []),
    ];
    if (errs.length) throw invalid(def, old.name, errs);
    for (const w of strategy.warningsOnUpdate?.(obj, existing, ctx) ?? []) ctx.warnings.push(w);
    strategy.canonicalize?.(obj);
    this.deps.admission.validate(attrs);
    strategy.beforeUpdate?.(obj, existing, ctx);

    obj.apiVersion = groupVersion(def);
    obj.kind = def.kind;
    // What the update keeps of the stored object (a status update's spec) is normalized already;
    // an object read through a version conversion is not the stored one.
    goJsonRoundTrip(def.schema(), obj, def.storage ? undefined : existing);
    meta.resourceVersion = old.resourceVersion;
    // An update that changes nothing is not written (upstream skips identical writes).
    if (deepEqual(obj, existing)) return { object: existing, code: 200 };
    const draft = obj as StoredObjectDraft;
    // An object being deleted whose last finalizer is removed goes away now, unless a graceful
    // deletion is still running (upstream's shouldDeleteDuringUpdate: a pod whose kubelet has not
    // finished terminating it stays until the kubelet's own delete with grace period 0).
    const graceLeft = (old.deletionGracePeriodSeconds ?? 0) > 0;
    if (meta.deletionTimestamp && old.deletionTimestamp && !graceLeft && (meta.finalizers ?? []).length === 0 && !this.hasPendingSpecFinalizers(obj)) {
      if (ctx.dryRun) return { object: obj, code: 200 };
      const { results, durable } = this.persist(ctx, def, [
        { type: 'update', object: draft },
        { type: 'delete', namespace: meta.namespace, name: meta.name! },
      ]);
      await durable;
      return { object: results[1]!, code: 200 };
    }
    if (ctx.dryRun) return { object: obj, code: 200 };
    const { results, durable } = this.persist(ctx, def, [{ type: 'update', object: draft }]);
    await durable;
    return { object: results[0]!, code: 200 };
  }

  /** Namespaces stay while spec.finalizers lists anything (the namespace controller empties them). */
  private hasPendingSpecFinalizers(obj: KubeObject): boolean {
    const spec = (obj as Unstructured).spec as { finalizers?: string[] } | undefined;
    return obj.kind === 'Namespace' && (spec?.finalizers?.length ?? 0) > 0;
  }

  // ---- patch --------------------------------------------------------------------------------

  patch(
    ctx: StrategyContext,
    def: ResourceDef,
    namespace: string | undefined,
    name: string,
    type: PatchType,
    patchBody: unknown,
    opts: WriteOptions,
  ): Promise<WriteResult> {
    const ns = def.namespaced ? namespace : undefined;
    const existing = this.read(ctx, def, ns, name);
    if (type === 'apply') return this.apply(ctx, def, ns, name, existing, patchBody as KubeObject, opts);
    if (!existing) throw notFound(groupResource(def), name);
    const patched = this.deps.patcher.patch(def, type, deepClone(existing) as KubeObject, patchBody);
    const meta = metaOf(patched);
    // A patch that does not set a resourceVersion applies to the latest version.
    const patchMeta = (patchBody as KubeObject | undefined)?.metadata;
    const patchSetsRV = type !== 'json' ? typeof patchMeta?.resourceVersion === 'string' : meta.resourceVersion !== existing.metadata.resourceVersion;
    if (patchSetsRV && meta.resourceVersion !== existing.metadata.resourceVersion) {
      throw conflict(groupResource(def), name, OPTIMISTIC_LOCK_MESSAGE);
    }
    if (meta.name !== name) throw badRequest(`the name of the object (${meta.name}) does not match the name on the URL (${name})`);
    if (def.namespaced && meta.namespace !== ns) {
      throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
    }
    const decoded = this.deps.decode(def, patched, ctx);
    def.defaults?.(decoded);
    metaOf(decoded).resourceVersion = existing.metadata.resourceVersion;
    this.deps.fieldManager.update(this.managedContext(ctx, def, opts), existing, decoded, opts.fieldManager);
    return this.commitUpdate(ctx, def, existing, decoded, opts);
  }

  private apply(
    ctx: StrategyContext,
    def: ResourceDef,
    ns: string | undefined,
    name: string,
    existing: StoredObject | undefined,
    applied: KubeObject,
    opts: WriteOptions,
  ): Promise<WriteResult> {
    const am = metaOf(applied);
    if (am.name !== undefined && am.name !== name) {
      throw badRequest(`the name of the object (${am.name}) does not match the name on the URL (${name})`);
    }
    if (def.namespaced && am.namespace && am.namespace !== ns) {
      throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
    }
    const mctx = this.managedContext(ctx, def, opts);
    let merged: KubeObject;
    try {
      merged = this.deps.fieldManager.apply(mctx, existing ? deepClone(existing) : undefined, applied, opts.fieldManager, opts.force ?? false);
    } catch (e) {
      if (e instanceof ApplyConflictError) throw applyConflict(e);
      throw e;
    }
    const mm = metaOf(merged);
    mm.name = name;
    if (def.namespaced) mm.namespace = ns;
    const decoded = this.deps.decode(def, merged, ctx);
    if (!existing) {
      if (opts.subresource) throw notFound(groupResource(def), name);
      // Apply to a missing object creates it; managedFields come from the apply itself.
      const draft = this.prepareCreate(ctx, def, ns, decoded, opts, false);
      return this.commitCreate(ctx, def, draft);
    }
    const am2 = metaOf(decoded);
    if (typeof am.resourceVersion === 'string' && am.resourceVersion !== existing.metadata.resourceVersion) {
      throw conflict(groupResource(def), name, OPTIMISTIC_LOCK_MESSAGE);
    }
    am2.resourceVersion = existing.metadata.resourceVersion;
    def.defaults?.(decoded);
    return this.commitUpdate(ctx, def, existing, decoded, opts);
  }

  // ---- delete -------------------------------------------------------------------------------

  async delete(
    ctx: StrategyContext,
    def: ResourceDef,
    namespace: string | undefined,
    name: string,
    options: DeleteOptions,
  ): Promise<WriteResult> {
    const ns = def.namespaced ? namespace : undefined;
    const existing = this.read(ctx, def, ns, name);
    if (!existing) throw notFound(groupResource(def), name);
    const pre = options.preconditions;
    if (pre?.uid && pre.uid !== existing.metadata.uid) {
      throw conflict(groupResource(def), name, `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${existing.metadata.uid}`);
    }
    if (pre?.resourceVersion && pre.resourceVersion !== existing.metadata.resourceVersion) {
      throw conflict(
        groupResource(def),
        name,
        `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${existing.metadata.resourceVersion}`,
      );
    }
    const attrs = this.attributes('DELETE', def, { fieldManager: '' }, ns, name, undefined, existing, ctx);
    attrs.options = options;
    this.deps.admission.admit(attrs);
    this.deps.admission.validate(attrs);

    const policy = propagationPolicy(def, options);
    const next = deepClone(existing) as KubeObject;
    const meta = metaOf(next);
    let finalizers = [...(meta.finalizers ?? [])];
    // Propagation policy becomes a finalizer the garbage collector acts on.
    if (policy === 'Orphan' && !finalizers.includes('orphan')) {
      finalizers = finalizers.filter((f) => f !== 'foregroundDeletion');
      finalizers.push('orphan');
    } else if (policy === 'Foreground' && !finalizers.includes('foregroundDeletion')) {
      finalizers = finalizers.filter((f) => f !== 'orphan');
      finalizers.push('foregroundDeletion');
    }
    const grace = this.strategyFor(def, '').checkGracefulDelete?.(existing, options, ctx);
    const specFinalizers = this.hasPendingSpecFinalizers(existing);
    const pending = finalizers.length > 0 || (grace !== undefined && grace > 0) || specFinalizers;
    if (!pending) {
      if (ctx.dryRun) return { object: this.deleteResponse(def, existing), code: 200 };
      const { results, durable } = this.persist(ctx, def, [{ type: 'delete', namespace: ns, name }]);
      await durable;
      return { object: this.deleteResponse(def, results[0]!), code: 200 };
    }
    // Pending deletion: stamp deletionTimestamp (kept if already set, unless the grace shortens).
    const now = ctx.now;
    const graceSeconds = grace ?? 0;
    if (!meta.deletionTimestamp) {
      meta.deletionTimestamp = rfc3339(now + graceSeconds * 1000);
      meta.deletionGracePeriodSeconds = graceSeconds;
    } else if (grace !== undefined && (meta.deletionGracePeriodSeconds ?? 0) > graceSeconds) {
      meta.deletionTimestamp = rfc3339(now + graceSeconds * 1000);
      meta.deletionGracePeriodSeconds = graceSeconds;
    }
    meta.finalizers = finalizers;
    if (finalizers.length === 0) delete meta.finalizers;
    this.strategyFor(def, '').prepareForDelete?.(next, ctx);
    // Graceful deletion with grace 0 and no finalizers deletes now.
    if (finalizers.length === 0 && graceSeconds === 0 && !specFinalizers) {
      if (ctx.dryRun) return { object: this.deleteResponse(def, existing), code: 200 };
      const { results, durable } = this.persist(ctx, def, [{ type: 'delete', namespace: ns, name }]);
      await durable;
      return { object: this.deleteResponse(def, results[0]!), code: 200 };
    }
    if (deepEqual(next, existing)) return { object: existing, code: 202 };
    if (ctx.dryRun) return { object: next, code: 202 };
    const { results, durable } = this.persist(ctx, def, [{ type: 'update', object: next as StoredObjectDraft }]);
    await durable;
    return { object: results[0]!, code: 202 };
  }

  private deleteResponse(def: ResourceDef, obj: StoredObject): KubeObject | Status {
    if (def.returnDeletedObject) return obj;
    return successStatus({ name: obj.metadata.name, group: def.group || undefined, kind: def.resource, uid: obj.metadata.uid });
  }

  async deleteCollection(
    ctx: StrategyContext,
    def: ResourceDef,
    namespace: string | undefined,
    listOpts: ListOptions,
    options: DeleteOptions,
  ): Promise<ListResult> {
    const { items, resourceVersion } = this.list(ctx, def, namespace, { labelSelector: listOpts.labelSelector, fieldSelector: listOpts.fieldSelector });
    const deleted: StoredObject[] = [];
    for (const item of items) {
      try {
        const r = await this.delete(ctx, def, item.metadata.namespace, item.metadata.name, options);
        deleted.push((r.object.kind === 'Status' ? item : r.object) as StoredObject);
      } catch (e) {
        if (e instanceof StatusError && e.code === 404) continue;
        throw e;
      }
    }
    return { items: deleted, resourceVersion };
  }

  // ---- helpers ------------------------------------------------------------------------------

  private checkNamespace(def: ResourceDef, namespace: string | undefined, meta: ObjectMeta): void {
    if (def.namespaced) {
      if (meta.namespace && namespace && meta.namespace !== namespace) {
        throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
      }
      if (namespace) meta.namespace = namespace;
    } else {
      delete meta.namespace;
    }
  }

  private managedContext(ctx: StrategyContext, def: ResourceDef, opts: WriteOptions) {
    // With a status subresource, the main resource resets status and /status resets spec.
    const resetFields = def.statusStrategy ? [opts.subresource === 'status' ? 'spec' : 'status'] : [];
    return { schema: def.schema(), apiVersion: groupVersion(def), subresource: opts.subresource ?? '', time: rfc3339(ctx.now), resetFields };
  }

  private attributes(
    operation: AdmissionAttributes['operation'],
    def: ResourceDef,
    opts: WriteOptions,
    namespace: string | undefined,
    name: string,
    object: KubeObject | undefined,
    oldObject: StoredObject | undefined,
    ctx: StrategyContext,
  ): AdmissionAttributes {
    return { operation, def, subresource: opts.subresource ?? '', namespace, name, object, oldObject, ctx };
  }
}

function propagationPolicy(def: ResourceDef, o: DeleteOptions): 'Orphan' | 'Background' | 'Foreground' {
  if (o.propagationPolicy) return o.propagationPolicy;
  if (o.orphanDependents === true) return 'Orphan';
  if (o.orphanDependents === false) return 'Background';
  return def.defaultPropagation ?? 'Background';
}

/** Server-side apply conflicts as upstream's NewApplyConflict: 409 with one cause per field. */
function applyConflict(e: ApplyConflictError): StatusError {
  const causes = e.conflicts.map((c) => ({ reason: 'FieldManagerConflict', message: `conflict with ${c.manager}`, field: c.field }));
  return new StatusError(409, 'Conflict', e.message, { causes });
}
