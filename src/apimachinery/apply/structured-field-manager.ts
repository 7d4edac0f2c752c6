// The field manager upstream's API server installs for every resource
// (managedfields/internal NewDefaultFieldManager), as one pipeline per operation:
//
//   managedFields of the request or the live object -> skip untracked updates -> structured merge
//   (updater.ts) -> strip metadata the server owns -> attribute to the manager (an update merges
//   into the manager's Update entry and stamps the request time only when it changed something)
//   -> cap Update entries at ten -> last-applied annotation (kubectl only) -> encode.
//
// Every write through the generic store calls update(); server-side apply calls apply().
import { StatusError, badRequest } from '../errors.ts';
import { deepEqual, type KubeObject } from '../object.ts';
import type { SchemaNode } from '../openapi/schema-model.ts';
import { applyConflictError } from './conflicts.ts';
import type { FieldManager, ManagedContext } from './field-manager.ts';
import { FieldSet } from './field-set.ts';
import { allowedConflictsFromLastApplied, buildLastApplied, hasLastApplied, KUBECTL_MANAGER, withLastApplied } from './last-applied.ts';
import {
  capUpdateManagers,
  decodeManagedFields,
  emptyManaged,
  encodeManagedFields,
  isResetManagedFields,
  type Managed,
  ManagedFieldsError,
  managerIdentifier,
} from './managed-fields.ts';
import { fieldElement } from './path-element.ts';
import { ValidationErrors, toFieldSet } from './to-field-set.ts';
import { TypedValueError } from './typed-schema.ts';
import { applyManagedFields, ConflictsError, type ManagedFieldSets, updateManagedFields, type UpdaterContext, type VersionedSet } from './updater.ts';

/** Fields the server owns: never attributed to a manager (stripmeta.go). */
const STRIPPED = FieldSet.of(
  [fieldElement('apiVersion')],
  [fieldElement('kind')],
  [fieldElement('metadata')],
  ...['name', 'namespace', 'creationTimestamp', 'selfLink', 'uid', 'clusterName', 'generation', 'managedFields', 'resourceVersion'].map((f) => [
    fieldElement('metadata'),
    fieldElement(f),
  ]),
);

/** The temporary manager an update is computed under (real identifiers are JSON objects). */
const CURRENT_OPERATION = 'current-operation';

function updaterContext(ctx: ManagedContext): UpdaterContext {
  const reset = ctx.resetFields ?? [];
  return {
    node: ctx.schema,
    apiVersion: ctx.apiVersion,
    ignored: reset.length ? FieldSet.of(...reset.map((f) => [fieldElement(f)])) : undefined,
  };
}

/** The object as the structured merge sees it: managedFields are bookkeeping, not content. */
function withoutManagedFields(obj: KubeObject): KubeObject {
  if (!obj.metadata || obj.metadata.managedFields === undefined) return obj;
  return { ...obj, metadata: { ...obj.metadata, managedFields: undefined } };
}

function stripServerFields(fields: ManagedFieldSets, id: string): void {
  const vs = fields.get(id);
  if (!vs) return;
  const set = vs.set.difference(STRIPPED);
  if (set.isEmpty()) fields.delete(id);
  else fields.set(id, { ...vs, set });
}

function sameSets(a: ManagedFieldSets, b: ManagedFieldSets): boolean {
  if (a.size !== b.size) return false;
  for (const [id, vs] of a) if (b.get(id) !== vs) return false;
  return true;
}

function decodeOrEmpty(obj: KubeObject | undefined): Managed {
  try {
    return decodeManagedFields(obj?.metadata?.managedFields);
  } catch (e) {
    if (e instanceof ManagedFieldsError) return emptyManaged();
    throw e;
  }
}

/**
 * decodeLiveOrNew: a request may set managedFields (or reset them); otherwise the live ones hold.
 * `fromLive` tells that the live entries are what is recorded.
 */
function managedForUpdate(ctx: ManagedContext, live: KubeObject | undefined, obj: KubeObject): { managed: Managed; fromLive: boolean } {
  const liveEntries = live?.metadata?.managedFields;
  if (ctx.subresource) return { managed: decodeOrEmpty(live), fromLive: true };
  const requested = obj.metadata?.managedFields;
  if (isResetManagedFields(requested)) return { managed: emptyManaged(), fromLive: false };
  // Most requests send back what they read (patches always do): decode the live copy, which is cached.
  if (requested !== undefined && liveEntries !== undefined && deepEqual(requested, liveEntries)) return { managed: decodeOrEmpty(live), fromLive: true };
  try {
    const managed = decodeManagedFields(requested);
    if (managed.fields.size > 0) return { managed, fromLive: false };
  } catch (e) {
    if (!(e instanceof ManagedFieldsError)) throw e;
  }
  return { managed: decodeOrEmpty(live), fromLive: true };
}

function setManagedFields(obj: KubeObject, managed: Managed): KubeObject {
  const entries = encodeManagedFields(managed);
  const metadata = { ...obj.metadata };
  if (entries) metadata.managedFields = entries;
  else delete metadata.managedFields;
  return { ...obj, metadata };
}

function gvkString(apiVersion: unknown, kind: unknown): string {
  const gv = typeof apiVersion === 'string' ? apiVersion : '';
  const slash = gv.indexOf('/');
  const group = slash >= 0 ? gv.slice(0, slash) : '';
  const version = slash >= 0 ? gv.slice(slash + 1) : gv;
  return `${group}/${version}, Kind=${typeof kind === 'string' ? kind : ''}`;
}

function kindOf(node: SchemaNode): string {
  return node.kind === 'object' ? node.goName : '';
}

/**
 * The fields a create without managedFields gives its manager, by the object's shape: objects
 * made alike (every event a recorder writes, the pods of a ReplicaSet) own the same fields, and
 * comparing each with the empty object (then encoding the set) is most of a small create's cost.
 */
const createdSets = new WeakMap<SchemaNode, Map<string, VersionedSet>>();

function rememberCreated(schema: SchemaNode, shape: string, vs: VersionedSet): void {
  let m = createdSets.get(schema);
  if (!m) createdSets.set(schema, (m = new Map()));
  if (m.size >= 1000) m.clear();
  m.set(shape, vs);
}

/**
 * What the comparison of a create reads of `obj`: its keys, nesting and value types, whether
 * each scalar is its type's zero value (present zero-valued fields of Go structs do not count as
 * changed), and lists whole (their items are keyed by their values). Pods a ReplicaSet creates
 * from one template share theirs too.
 */
function createShapeKey(ctx: ManagedContext, obj: KubeObject): string | undefined {
  const shape = valueShape(obj);
  return shape === undefined ? undefined : `${ctx.apiVersion}\u0000${ctx.subresource}\u0000${(ctx.resetFields ?? []).join(',')}\u0000${shape}`;
}

/** A value's shape for createShapeKey (undefined: not cached). */
function valueShape(v: unknown): string | undefined {
  if (v === null) return 'n';
  switch (typeof v) {
    case 'string':
      return v === '' ? 's0' : 's';
    case 'number':
      return v === 0 ? 'd0' : 'd';
    case 'boolean':
      return v ? 'b1' : 'b0';
    case 'object': {
      if (Array.isArray(v)) return exactValue(v);
      let out = '{';
      for (const k in v) {
        const x = (v as Record<string, unknown>)[k];
        if (x === undefined) continue;
        const inner = valueShape(x);
        if (inner === undefined) return undefined;
        out += `${k.length}:${k}${inner};`;
      }
      return `${out}}`;
    }
    default:
      return undefined;
  }
}

/** A list in full (its items are keyed by their values): undefined for what JSON cannot hold. */
function exactValue(v: unknown): string | undefined {
  if (v === undefined) return 'u';
  if (v === null) return 'n';
  switch (typeof v) {
    case 'string':
      return JSON.stringify(v);
    case 'number':
      return `d${v}`;
    case 'boolean':
      return v ? 't' : 'f';
    case 'object': {
      let out = Array.isArray(v) ? '[' : '{';
      if (Array.isArray(v)) {
        for (const x of v) {
          const inner = exactValue(x);
          if (inner === undefined) return undefined;
          out += `${inner},`;
        }
        return `${out}]`;
      }
      for (const k in v) {
        const x = (v as Record<string, unknown>)[k];
        if (x === undefined) continue;
        const inner = exactValue(x);
        if (inner === undefined) return undefined;
        out += `${JSON.stringify(k)}:${inner},`;
      }
      return `${out}}`;
    }
    default:
      return undefined;
  }
}

export const structuredFieldManager: FieldManager = {
  update(ctx, live, obj, manager) {
    const { managed, fromLive } = managedForUpdate(ctx, live, obj);
    if (obj.metadata) delete obj.metadata.managedFields;
    // An existing object nobody tracks stays untracked until someone applies.
    if (managed.fields.size === 0 && live !== undefined) return;
    const before = new Map(managed.fields);
    const shape = live === undefined && managed.fields.size === 0 ? createShapeKey(ctx, obj) : undefined;
    const known = shape === undefined ? undefined : createdSets.get(ctx.schema)?.get(shape);
    if (known) {
      managed.fields.set(CURRENT_OPERATION, known);
    } else {
      try {
        updateManagedFields(updaterContext(ctx), live && withoutManagedFields(live), obj, managed.fields, CURRENT_OPERATION);
      } catch (e) {
        // UpdateNoErrors: an object the schema cannot index loses its managedFields.
        if (e instanceof TypedValueError) return;
        throw e;
      }
      stripServerFields(managed.fields, CURRENT_OPERATION);
      const created = managed.fields.get(CURRENT_OPERATION);
      if (shape !== undefined && created) rememberCreated(ctx.schema, shape, created);
    }
    const changed = managed.fields.get(CURRENT_OPERATION);
    if (changed) {
      managed.fields.delete(CURRENT_OPERATION);
      const id = managerIdentifier({ manager: manager || 'unknown', operation: 'Update', apiVersion: ctx.apiVersion, subresource: ctx.subresource });
      const previous = managed.fields.get(id);
      let set = previous ? changed.set.union(previous.set) : changed.set;
      // Changing only fields it already owned leaves the manager's set as it was before this
      // update: keep that object (its encoding is cached by identity).
      const owned = before.get(id)?.set;
      if (owned && set.equals(owned)) set = owned;
      managed.fields.set(id, { set, apiVersion: changed.apiVersion, applied: false });
      managed.times.set(id, ctx.time);
    } else if (fromLive && live?.metadata?.managedFields && sameSets(before, managed.fields)) {
      // Nothing changed hands: the recorded entries stand as they are. (Entries are copied, their
      // fieldsV1 kept: stored values are never mutated, and decoding them again hits the cache.)
      (obj.metadata ??= {}).managedFields = live.metadata.managedFields.map((e) => ({ ...e }));
      return;
    }
    capUpdateManagers(managed);
    const entries = encodeManagedFields(managed);
    if (entries) (obj.metadata ??= {}).managedFields = entries;
  },

  apply(ctx, live, applied, manager, force) {
    const managed = decodeOrEmpty(live);
    const kind = kindOf(ctx.schema);
    if (applied.apiVersion !== ctx.apiVersion || applied.kind !== kind) {
      throw badRequest(`invalid object type: ${gvkString(applied.apiVersion, applied.kind)}`);
    }
    if (applied.metadata?.managedFields != null) throw badRequest('metadata.managedFields must be nil');
    try {
      toFieldSet(ctx.schema, applied, true);
    } catch (e) {
      if (!(e instanceof ValidationErrors)) throw e;
      const m = applied.metadata ?? {};
      throw new StatusError(500, '', `failed to create typed patch object (${m.namespace ?? ''}/${m.name ?? ''}; ${gvkString(applied.apiVersion, applied.kind)}): ${e.message}`);
    }
    const uctx = updaterContext(ctx);
    const id = managerIdentifier({ manager: manager || 'unknown', operation: 'Apply', apiVersion: ctx.apiVersion, subresource: ctx.subresource });
    const base = live && withoutManagedFields(live);

    const attempt = (forced: boolean): { object: KubeObject; managed: Managed } => {
      const fields: ManagedFieldSets = new Map(managed.fields);
      const times = new Map(managed.times);
      const result = applyManagedFields(uctx, base, applied, fields, id, forced);
      stripServerFields(fields, id);
      let object: KubeObject;
      if (result.object !== undefined) {
        times.set(id, ctx.time);
        object = result.object as KubeObject;
      } else {
        object = base ?? {};
      }
      return { object, managed: { fields, times } };
    };

    let out: { object: KubeObject; managed: Managed };
    try {
      try {
        out = attempt(force);
      } catch (e) {
        // Upgrading from client-side apply: kubectl may take over what its last-applied
        // annotation recorded, as long as the live values still match it.
        if (!(e instanceof ConflictsError) || manager !== KUBECTL_MANAGER || !live) throw e;
        const allowed = allowedConflictsFromLastApplied(ctx.schema, live, ctx.apiVersion);
        if (!allowed) throw e;
        const remaining = e.conflicts.filter((c) => !allowed.has(c.path));
        if (remaining.length) throw new ConflictsError(remaining);
        out = attempt(true);
      }
    } catch (e) {
      if (e instanceof ConflictsError) throw applyConflictError(e.conflicts);
      if (e instanceof TypedValueError) throw new StatusError(500, '', `failed to merge config: ${e.message}`);
      throw e;
    }

    capUpdateManagers(out.managed);
    let object = out.object;
    if (manager === KUBECTL_MANAGER && hasLastApplied(object)) object = withLastApplied(object, buildLastApplied(applied));
    return setManagedFields(object, out.managed);
  },
};
