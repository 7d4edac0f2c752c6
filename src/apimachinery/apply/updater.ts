// merge.Updater from structured-merge-diff: how an update or an apply changes which manager owns
// which fields. An update takes every field it changes (from whoever owned it) and everyone loses
// the fields it removes; an apply merges the configuration into the object, removes the fields
// the applier applied last time but no longer applies unless someone else owns them, and fails
// when it changes fields other managers own, unless forced.
//
// Managers are keyed by their identifier (managed-fields.ts). There is one API version per
// object here, so sets of other versions are compared as they are (upstream converts them).
import { deepEqual } from '../object.ts';
import type { SchemaNode } from '../openapi/schema-model.ts';
import { compareTyped, type Comparison } from './compare.ts';
import { FieldSet } from './field-set.ts';
import { mergeTyped } from './merge.ts';
import { ensureNamedFieldsAreMembers } from './named-fields.ts';
import { removeItems } from './remove-items.ts';
import { toFieldSet } from './to-field-set.ts';

export interface VersionedSet {
  readonly set: FieldSet;
  readonly apiVersion: string;
  readonly applied: boolean;
}

/** Field sets by manager identifier. */
export type ManagedFieldSets = Map<string, VersionedSet>;

export interface Conflict {
  /** Manager identifier. */
  manager: string;
  path: readonly string[];
}

/** merge.Conflicts: fields the apply would change that other managers own. */
export class ConflictsError extends Error {
  constructor(readonly conflicts: Conflict[]) {
    super('conflicts');
  }
}

export interface UpdaterContext {
  node: SchemaNode;
  apiVersion: string;
  /** Fields the strategy resets (upstream IgnoredFields): never owned through this endpoint. */
  ignored?: FieldSet;
}

function filtered(set: FieldSet, ignored: FieldSet | undefined): FieldSet {
  return ignored ? set.recursiveDifference(ignored) : set;
}

/** Takes the changed fields away from everyone but `workflow`, failing on conflicts unless forced. */
function transferOwnership(
  ctx: UpdaterContext,
  live: unknown,
  next: unknown,
  managers: ManagedFieldSets,
  workflow: string,
  force: boolean,
): Comparison {
  // The ignored fields are left out of the comparison itself (what filtering would remove).
  const cmp = compareTyped(ctx.node, live, next, { zeroValues: live !== undefined, ignored: ctx.ignored });
  const changed = cmp.modified.union(cmp.added);
  const conflicts = new Map<string, FieldSet>();
  for (const [manager, vs] of managers) {
    if (manager === workflow) continue;
    const c = vs.set.intersection(changed);
    if (!c.isEmpty()) conflicts.set(manager, c);
  }
  if (!force && conflicts.size > 0) {
    const list: Conflict[] = [];
    for (const [manager, set] of conflicts) set.forEachPath((path) => list.push({ manager, path: [...path] }));
    throw new ConflictsError(list);
  }
  for (const [manager, vs] of managers) {
    if (manager === workflow) continue;
    let set = vs.set;
    const c = conflicts.get(manager);
    if (c) set = set.difference(c);
    if (!cmp.removed.isEmpty()) set = set.difference(cmp.removed);
    // A subset of the same size is the same set: keep the object, whose encoding is cached.
    if (set !== vs.set && set.size() !== vs.set.size()) managers.set(manager, { ...vs, set });
  }
  for (const [manager, vs] of managers) if (vs.set.isEmpty()) managers.delete(manager);
  return cmp;
}

/**
 * Updater.Update: `manager` now owns what changed between `live` (undefined on create) and
 * `next`. Mutates and returns `managers`.
 */
export function updateManagedFields(ctx: UpdaterContext, live: unknown, next: unknown, managers: ManagedFieldSets, manager: string): ManagedFieldSets {
  const cmp = transferOwnership(ctx, live ?? {}, next, managers, manager, true);
  const previous = managers.get(manager)?.set;
  const owned = previous ? previous.difference(cmp.removed) : new FieldSet();
  owned.addAll(cmp.modified);
  owned.addAll(cmp.added);
  const set = filtered(owned, ctx.ignored);
  if (set.isEmpty()) managers.delete(manager);
  else managers.set(manager, { set, apiVersion: ctx.apiVersion, applied: false });
  return managers;
}

export interface ApplyResult {
  /** The merged object, or undefined when the apply changes nothing. */
  object: unknown;
  managers: ManagedFieldSets;
}

/**
 * Updater.Apply: merges `config` (already validated) into `live` (undefined on create). Mutates
 * `managers`; throws ConflictsError.
 */
export function applyManagedFields(
  ctx: UpdaterContext,
  live: unknown,
  config: unknown,
  managers: ManagedFieldSets,
  manager: string,
  force: boolean,
): ApplyResult {
  const base = live ?? {};
  let merged = mergeTyped(ctx.node, base, config);
  const lastSet = managers.get(manager);
  const set = filtered(toFieldSet(ctx.node, config), ctx.ignored);
  managers.set(manager, { set, apiVersion: ctx.apiVersion, applied: true });
  if (lastSet && !lastSet.set.isEmpty()) merged = prune(ctx.node, merged, managers, lastSet.set);
  transferOwnership(ctx, base, merged, managers, manager, force);
  return { object: deepEqual(base, merged) ? undefined : merged, managers };
}

/** Removes what the applier applied last time and no longer applies, unless someone owns it. */
function prune(node: SchemaNode, merged: unknown, managers: ManagedFieldSets, lastSet: FieldSet): unknown {
  const last = ensureNamedFieldsAreMembers(lastSet, node);
  let pruned = removeItems(node, merged, last);
  const mergedSet = ensureNamedFieldsAreMembers(toFieldSet(node, merged), node);

  // Add back what other managers (or the applier's new configuration) own.
  const owned = new FieldSet();
  for (const vs of managers.values()) owned.addAll(vs.set);
  const prunedSet = ensureNamedFieldsAreMembers(toFieldSet(node, pruned), node);
  pruned = removeItems(node, merged, mergedSet.difference(prunedSet.union(ensureNamedFieldsAreMembers(owned, node))));

  // Add back what was removed only because its parent was: remove only what was last applied.
  const remaining = ensureNamedFieldsAreMembers(toFieldSet(node, pruned), node);
  return removeItems(node, merged, mergedSet.difference(remaining).intersection(last));
}
