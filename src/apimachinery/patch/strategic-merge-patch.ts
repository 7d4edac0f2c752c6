// Strategic merge patch (application/strategic-merge-patch+json), the server side of
// k8s.io/apimachinery/pkg/util/strategicpatch: a JSON merge patch whose lists merge by the
// schema's x-kubernetes-patch-strategy and patch-merge-key, with the directives kubectl sends:
//
//   $patch: replace | delete        in a map (replace it / delete it) or a list item
//   $retainKeys: [..]               keep only these keys of the original map
//   $setElementOrder/<list>: [..]   the order the merged list should have
//   $deleteFromPrimitiveList/<list> values to remove from a merged list of scalars
//   null                            deletes a key
//
// Ordering, deduplication and error wording follow upstream, including its Go sort and map
// printing. The original is a private copy and is modified in place, as upstream does.
import { deepClone, isPlainObject } from '../object.ts';
import type { SchemaNode } from '../openapi/schema-model.ts';
import { goSprint, goTypeName } from './go-sprint.ts';
import { sliceStable } from './go-stable-sort.ts';
import { SchemaPatchMeta } from './patch-meta.ts';

type JsonMap = Record<string, unknown>;

/** How the API server answers a patch error (interpretStrategicMergePatchError). */
export type SmpErrorKind = 'bad-request' | 'unprocessable' | 'internal';

export class StrategicMergePatchError extends Error {
  constructor(
    message: string,
    readonly kind: SmpErrorKind = 'internal',
  ) {
    super(message);
  }
}

const DIRECTIVE = '$patch';
const DELETE = 'delete';
const REPLACE = 'replace';
const MERGE = 'merge';
const RETAIN_KEYS = 'retainKeys';
const RETAIN_KEYS_DIRECTIVE = '$retainKeys';
const DELETE_FROM_PRIMITIVE_LIST = '$deleteFromPrimitiveList';
const SET_ELEMENT_ORDER = '$setElementOrder';

const errBadPatchFormatForPrimitiveList = () => new StrategicMergePatchError('invalid patch format of primitive list', 'bad-request');
const errBadPatchFormatForRetainKeys = () => new StrategicMergePatchError('invalid patch format of retainKeys', 'bad-request');
const errBadPatchFormatForSetElementOrderList = () => new StrategicMergePatchError('invalid patch format of setElementOrder list', 'bad-request');
const errNoListOfLists = () => new StrategicMergePatchError('lists of lists are not supported', 'unprocessable');
const errNoMergeKey = (m: unknown, k: string) => new StrategicMergePatchError(`map: ${goSprint(m)} does not contain declared merge key: ${k}`);
const errBadArgType = (expected: string, actual: unknown) => new StrategicMergePatchError(`expected a ${expected}, but received a ${goTypeName(actual)}`);
const errBadPatchType = (t: unknown, m: unknown) => new StrategicMergePatchError(`unknown patch type: ${goSprint(t)} in map: ${goSprint(m)}`);

const MAP_TYPE = 'map[string]interface {}';
const SLICE_TYPE = '[]interface {}';

type GoKind = 'map' | 'slice' | 'string' | 'int' | 'float' | 'bool' | 'nil';

/** reflect.TypeOf of a decoded JSON value (integers decode as int64, other numbers as float64). */
function goKind(v: unknown): GoKind {
  if (v === null || v === undefined) return 'nil';
  if (Array.isArray(v)) return 'slice';
  if (isPlainObject(v)) return 'map';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  return Number.isInteger(v) ? 'int' : 'float';
}

interface MergeOptions {
  /** Server side: process $deleteFromPrimitiveList and $setElementOrder lists. */
  mergeParallelList: boolean;
  /** Server side: a null for a key the original lacks is dropped rather than kept. */
  ignoreUnmatchedNulls: boolean;
}

/** Applies `patch` to `original` by the schema `node` (undefined: plain merge semantics). */
export function strategicMergePatch(original: JsonMap, patch: JsonMap, node: SchemaNode | undefined): JsonMap {
  return mergeMap(deepClone(original), deepClone(patch), new SchemaPatchMeta(node), { mergeParallelList: true, ignoreUnmatchedNulls: true });
}

function mergeMap(original: JsonMap | null, patch: JsonMap, schema: SchemaPatchMeta, opts: MergeOptions): JsonMap {
  if (DIRECTIVE in patch) return handleDirectiveInMergeMap(patch[DIRECTIVE], patch);
  const out = original ?? {};
  applyRetainKeysDirective(out, patch, opts);
  mergePatchIntoOriginal(out, patch, schema, opts);

  for (const [key, patchV] of Object.entries(patch)) {
    let k = key;
    let isDeleteList = false;
    if (key.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
      if (!opts.mergeParallelList) {
        out[key] = patchV;
        continue;
      }
      k = extractKey(key, DELETE_FROM_PRIMITIVE_LIST);
      isDeleteList = true;
    }

    if (patchV === null) {
      delete out[k];
      if (opts.ignoreUnmatchedNulls) continue;
    }

    if (!(k in out) || goKind(out[k]) !== goKind(patchV)) {
      if (!isDeleteList) {
        if (opts.ignoreUnmatchedNulls) discardNullValuesFromPatch(patchV);
        const [v, keep] = removeDirectives(patchV);
        if (keep) out[k] = v;
        else delete out[k];
      }
      continue;
    }

    switch (goKind(out[k])) {
      case 'map': {
        const { schema: sub, meta } = schema.forStruct(k);
        const [, strategy] = extractRetainKeysPatchStrategy(meta.strategies);
        out[k] = mergeMapHandler(out[k], patchV, sub, strategy, opts);
        break;
      }
      case 'slice': {
        const { schema: sub, meta } = schema.forSlice(k);
        const [, strategy] = extractRetainKeysPatchStrategy(meta.strategies);
        out[k] = mergeSliceHandler(out[k], patchV, sub, strategy, meta.mergeKey, isDeleteList, opts);
        break;
      }
      default: {
        const [v, keep] = removeDirectives(patchV);
        if (keep) out[k] = v;
        else delete out[k];
      }
    }
  }
  return out;
}

function handleDirectiveInMergeMap(directive: unknown, patch: JsonMap): JsonMap {
  if (directive === REPLACE) {
    delete patch[DIRECTIVE];
    return patch;
  }
  if (directive === DELETE) return {};
  throw errBadPatchType(directive, patch);
}

/** extractRetainKeysPatchStrategy: whether retainKeys is among the strategies, and the other one. */
function extractRetainKeysPatchStrategy(strategies: readonly string[]): [boolean, string] {
  switch (strategies.length) {
    case 0:
      return [false, ''];
    case 1:
      return strategies[0] === RETAIN_KEYS ? [true, ''] : [false, strategies[0]!];
    case 2:
      if (strategies[0] === RETAIN_KEYS) return [true, strategies[1]!];
      if (strategies[1] === RETAIN_KEYS) return [true, strategies[0]!];
      throw new StrategicMergePatchError(`unexpected patch strategy: [${strategies.join(' ')}]`);
    default:
      throw new StrategicMergePatchError(`unexpected patch strategy: [${strategies.join(' ')}]`);
  }
}

function mergeMapHandler(original: unknown, patch: unknown, schema: SchemaPatchMeta, strategy: string, opts: MergeOptions): JsonMap {
  if (!isPlainObject(original)) throw errBadArgType(MAP_TYPE, original);
  if (!isPlainObject(patch)) throw errBadArgType(MAP_TYPE, patch);
  if (strategy !== REPLACE) return mergeMap(original, patch, schema, opts);
  return patch;
}

function mergeSliceHandler(
  original: unknown,
  patch: unknown,
  schema: SchemaPatchMeta,
  strategy: string,
  mergeKey: string,
  isDeleteList: boolean,
  opts: MergeOptions,
): unknown[] {
  if (!Array.isArray(original)) throw errBadArgType(SLICE_TYPE, original);
  if (!Array.isArray(patch)) throw errBadArgType(SLICE_TYPE, patch);
  // Delete lists are handled the same way whatever the field's strategy.
  if (strategy === MERGE || isDeleteList) return mergeSlice(original, patch, schema, mergeKey, opts, isDeleteList);
  return patch;
}

function discardNullValuesFromPatch(v: unknown): void {
  if (Array.isArray(v)) {
    for (const x of v) discardNullValuesFromPatch(x);
  } else if (isPlainObject(v)) {
    for (const k of Object.keys(v)) {
      if (v[k] === null) delete v[k];
      else discardNullValuesFromPatch(v[k]);
    }
  }
}

/** Removes directives from a value that is added whole; false when the value itself is one. */
function removeDirectives(v: unknown): [unknown, boolean] {
  if (v === null || v === undefined) return [v, true];
  if (isPlainObject(v)) {
    if (DIRECTIVE in v) return [null, false];
    for (const k of Object.keys(v)) {
      const [nv, keep] = removeDirectives(v[k]);
      if (keep) v[k] = nv;
      else delete v[k];
    }
    return [v, true];
  }
  if (Array.isArray(v)) {
    const res: unknown[] = [];
    for (const x of v) {
      const [nv, keep] = removeDirectives(x);
      if (keep) res.push(nv);
    }
    return [res, true];
  }
  return [v, true];
}

function extractKey(s: string, prefix: string): string {
  const slash = s.indexOf('/');
  if (slash < 0 || s.slice(0, slash) !== prefix) {
    if (prefix === DELETE_FROM_PRIMITIVE_LIST) throw errBadPatchFormatForPrimitiveList();
    if (prefix === SET_ELEMENT_ORDER) throw errBadPatchFormatForSetElementOrderList();
    throw new StrategicMergePatchError(`fail to find unknown prefix ${JSON.stringify(prefix)} in ${s}`);
  }
  return s.slice(slash + 1);
}

function applyRetainKeysDirective(original: JsonMap, patch: JsonMap, opts: MergeOptions): void {
  if (!(RETAIN_KEYS_DIRECTIVE in patch)) return;
  const retain = patch[RETAIN_KEYS_DIRECTIVE];
  delete patch[RETAIN_KEYS_DIRECTIVE];
  if (!opts.mergeParallelList) {
    original[RETAIN_KEYS_DIRECTIVE] = retain;
    return;
  }
  if (!Array.isArray(retain)) throw errBadPatchFormatForRetainKeys();
  const keep = new Set<unknown>(retain);
  for (const [k, v] of Object.entries(patch)) {
    if (v === null || k.startsWith(DELETE_FROM_PRIMITIVE_LIST) || k.startsWith(SET_ELEMENT_ORDER)) continue;
    if (!keep.has(k)) throw errBadPatchFormatForRetainKeys();
  }
  for (const k of Object.keys(original)) if (!keep.has(k)) delete original[k];
}

/** Processes each $setElementOrder list with its list, then deletes both from the patch. */
function mergePatchIntoOriginal(original: JsonMap, patch: JsonMap, schema: SchemaPatchMeta, opts: MergeOptions): void {
  for (const key of Object.keys(patch)) {
    if (!key.startsWith(SET_ELEMENT_ORDER)) continue;
    const setOrder = patch[key];
    delete patch[key];
    if (!Array.isArray(setOrder)) throw errBadArgType(SLICE_TYPE, setOrder);
    const originalKey = extractKey(key, SET_ELEMENT_ORDER);
    const foundOriginal = originalKey in original;
    const foundPatch = originalKey in patch;
    let originalList: unknown[] = [];
    let patchList: unknown[] = [];
    if (foundOriginal) {
      const v = original[originalKey];
      if (!Array.isArray(v)) throw errBadArgType(SLICE_TYPE, v);
      originalList = v;
    }
    if (foundPatch) {
      const v = patch[originalKey];
      if (!Array.isArray(v)) throw errBadArgType(SLICE_TYPE, v);
      patchList = v;
    }
    const { schema: sub, meta } = schema.forSlice(originalKey);
    const [, strategy] = extractRetainKeysPatchStrategy(meta.strategies);
    validatePatchWithSetOrderList(patchList, setOrder, meta.mergeKey);

    let merged: unknown[];
    if (foundOriginal && !foundPatch) merged = originalList;
    else if (!foundOriginal && foundPatch) merged = removeDirectives(patchList)[0] as unknown[];
    else if (foundOriginal && foundPatch) merged = mergeSliceHandler(originalList, patchList, sub, strategy, meta.mergeKey, false, opts);
    else continue;

    const [patchItems, serverOnly] = meta.mergeKey
      ? partitionMapsByPresentInList(merged, setOrder, meta.mergeKey)
      : partitionPrimitivesByPresentInList(merged, setOrder);
    const kind = sliceElementType(originalList, patchList);
    original[originalKey] = normalizeElementOrder(patchItems, serverOnly, setOrder, originalList, meta.mergeKey, kind);
    delete patch[originalKey];
  }
}

/** The order of the patch list's items must agree with $setElementOrder (deletions aside). */
function validatePatchWithSetOrderList(patchList: unknown[], setOrder: unknown[], mergeKey: string): void {
  if (setOrder.length === 0 || patchList.length === 0) return;
  const nonDelete = mergeKey ? extractToDeleteItems(patchList)[0] : patchList;
  let p = 0;
  let s = 0;
  while (p < nonDelete.length && s < setOrder.length) {
    if (isPlainObject(nonDelete[p]) && DIRECTIVE in (nonDelete[p] as JsonMap)) {
      p++;
      continue;
    }
    if (mergeKeyValueEqual(nonDelete[p], setOrder[s], mergeKey)) p++;
    s++;
  }
  if (p < nonDelete.length && s >= setOrder.length) {
    throw new StrategicMergePatchError(`the order in patch list:\n${goSprint(patchList)}\n doesn't match ${SET_ELEMENT_ORDER} list:\n${goSprint(setOrder)}`);
  }
}

function mergeKeyValueEqual(left: unknown, right: unknown, mergeKey: string): boolean {
  if (!mergeKey) return left === right;
  if (!isPlainObject(left)) throw errBadArgType(MAP_TYPE, left);
  if (!isPlainObject(right)) throw errBadArgType(MAP_TYPE, right);
  if (!(mergeKey in left)) throw errNoMergeKey(left, mergeKey);
  if (!(mergeKey in right)) throw errNoMergeKey(right, mergeKey);
  return left[mergeKey] === right[mergeKey];
}

function partitionPrimitivesByPresentInList(original: unknown[], partitionBy: unknown[]): [unknown[], unknown[]] {
  const inPatch = new Set(partitionBy);
  const patch: unknown[] = [];
  const serverOnly: unknown[] = [];
  for (const v of original) (inPatch.has(v) ? patch : serverOnly).push(v);
  return [patch, serverOnly];
}

function partitionMapsByPresentInList(original: unknown[], partitionBy: unknown[], mergeKey: string): [unknown[], unknown[]] {
  const patch: unknown[] = [];
  const serverOnly: unknown[] = [];
  for (const v of original) {
    if (!isPlainObject(v)) throw errBadArgType(MAP_TYPE, v);
    if (!(mergeKey in v)) throw errNoMergeKey(v, mergeKey);
    const found = findMapInSliceBasedOnKeyValue(partitionBy, mergeKey, v[mergeKey]) >= 0;
    (found ? patch : serverOnly).push(v);
  }
  return [patch, serverOnly];
}

/** The index of the map whose `key` is `value`, or -1. */
function findMapInSliceBasedOnKeyValue(list: unknown[], key: string, value: unknown): number {
  for (let i = 0; i < list.length; i++) {
    const v = list[i];
    if (!isPlainObject(v)) throw new StrategicMergePatchError(`value for key ${i} is not a map`);
    if (key in v && v[key] === value) return i;
  }
  return -1;
}

/** The element kind shared by all items of the lists; errors for mixed kinds, lists of lists and no items. */
function sliceElementType(...lists: unknown[][]): GoKind {
  let prev: GoKind | undefined;
  for (const list of lists) {
    for (const v of list) {
      const k = goKind(v);
      if (prev === undefined) {
        prev = k;
        if (k === 'slice') throw errNoListOfLists();
      } else if (prev !== k) {
        throw new StrategicMergePatchError(`list element types are not identical: [${lists.map(goSprint).join(' ')}]`);
      }
    }
  }
  if (prev === undefined) throw new StrategicMergePatchError('no elements in any of the given slices');
  return prev;
}

/**
 * A Go slice of list items over a shared backing array. Upstream deletes list items in place
 * (`append(s[:i], s[i+1:]...)`) and appends into the spare capacity, so the caller's view of the
 * original list changes under it, and that view orders the result. Writes at indexes the caller
 * can see land in its array; writes beyond are kept aside (they are invisible either way).
 */
class GoSlice {
  private readonly extra: unknown[] = [];

  constructor(
    private readonly backing: unknown[],
    public len: number,
  ) {}

  at(i: number): unknown {
    return i < this.backing.length ? this.backing[i] : this.extra[i - this.backing.length];
  }

  set(i: number, v: unknown): void {
    if (i < this.backing.length) this.backing[i] = v;
    else this.extra[i - this.backing.length] = v;
  }

  deleteAt(i: number): void {
    for (let j = i; j < this.len - 1; j++) this.set(j, this.at(j + 1));
    this.len--;
  }

  push(v: unknown): void {
    this.set(this.len, v);
    this.len++;
  }

  /** The index of the map whose `key` is `value`, or -1. */
  find(key: string, value: unknown): number {
    for (let i = 0; i < this.len; i++) {
      const v = this.at(i);
      if (!isPlainObject(v)) throw new StrategicMergePatchError(`value for key ${i} is not a map`);
      if (key in v && v[key] === value) return i;
    }
    return -1;
  }

  toArray(): unknown[] {
    const out: unknown[] = [];
    for (let i = 0; i < this.len; i++) out.push(this.at(i));
    return out;
  }
}

/** Merges two lists (the original list may be changed in place, as upstream's is). */
function mergeSlice(original: unknown[], patch: unknown[], schema: SchemaPatchMeta, mergeKey: string, opts: MergeOptions, isDeleteList: boolean): unknown[] {
  if (original.length === 0 && patch.length === 0) return original;
  const kind = sliceElementType(original, patch);
  if (kind !== 'map') {
    if (opts.mergeParallelList && isDeleteList) return deleteFromSlice(original, patch);
    const merged = deduplicateScalars([...original, ...patch]);
    const [patchItems, serverOnly] = partitionPrimitivesByPresentInList(merged, patch);
    return normalizeElementOrder(patchItems, serverOnly, patch, original, mergeKey, kind);
  }
  if (!mergeKey) throw new StrategicMergePatchError(`cannot merge lists without merge key for ${schema.name()}`);
  const special = mergeSliceWithSpecialElements(new GoSlice(original, original.length), patch, mergeKey);
  const serverOrder = special.original.toArray();
  const merged = mergeSliceWithoutSpecialElements(special.original, special.patch, mergeKey, schema, opts);
  const [patchItems, serverOnly] = partitionMapsByPresentInList(merged, special.patch, mergeKey);
  return normalizeElementOrder(patchItems, serverOnly, special.patch, serverOrder, mergeKey, kind);
}

/** Applies `$patch: delete` and `$patch: replace` items; returns the new original and the plain items. */
function mergeSliceWithSpecialElements(original: GoSlice, patch: unknown[], mergeKey: string): { original: GoSlice; patch: unknown[] } {
  const plain: unknown[] = [];
  let replace = false;
  for (const v of patch) {
    const item = v as JsonMap;
    if (!(DIRECTIVE in item)) {
      plain.push(v);
      continue;
    }
    const directive = item[DIRECTIVE];
    if (directive === DELETE) {
      if (!(mergeKey in item)) throw errNoMergeKey(item, mergeKey);
      for (let i = original.find(mergeKey, item[mergeKey]); i >= 0; i = original.find(mergeKey, item[mergeKey])) original.deleteAt(i);
    } else if (directive === REPLACE) {
      // Keep going, to drop any other directive items.
      replace = true;
    } else if (directive === MERGE) {
      throw new StrategicMergePatchError('merging lists cannot yet be specified in the patch');
    } else {
      throw errBadPatchType(directive, item);
    }
  }
  return replace ? { original: new GoSlice([...plain], plain.length), patch: [] } : { original, patch: plain };
}

function mergeSliceWithoutSpecialElements(original: GoSlice, patch: unknown[], mergeKey: string, schema: SchemaPatchMeta, opts: MergeOptions): unknown[] {
  for (const v of patch) {
    const item = v as JsonMap;
    if (!(mergeKey in item)) throw errNoMergeKey(item, mergeKey);
    const i = original.find(mergeKey, item[mergeKey]);
    if (i >= 0) original.set(i, mergeMap(original.at(i) as JsonMap, item, schema, opts));
    else original.push(v);
  }
  return original.toArray();
}

function deleteFromSlice(current: unknown[], toDelete: unknown[]): unknown[] {
  const del = new Set(toDelete);
  return current.filter((v) => !del.has(v));
}

/** Go's in-place deduplication: a later duplicate is overwritten by the last element. */
function deduplicateScalars(s: unknown[]): unknown[] {
  let length = s.length - 1;
  for (let i = 0; i < length; i++) {
    for (let j = i + 1; j <= length; j++) {
      if (s[i] === s[j]) {
        s[j] = s[length];
        s = s.slice(0, length);
        length--;
        j--;
      }
    }
  }
  return s;
}

function extractToDeleteItems(list: unknown[]): [unknown[], unknown[]] {
  const keep: unknown[] = [];
  const del: unknown[] = [];
  for (const v of list) {
    if (!isPlainObject(v)) throw errBadArgType(MAP_TYPE, v);
    (v[DIRECTIVE] === DELETE ? del : keep).push(v);
  }
  return [keep, del];
}

function validateMergeKeyInLists(mergeKey: string, ...lists: unknown[][]): void {
  for (const list of lists) {
    for (const item of list) {
      if (!isPlainObject(item)) throw errBadArgType(MAP_TYPE, item);
      if (!(mergeKey in item)) throw errNoMergeKey(item, mergeKey);
    }
  }
}

/** The index of `v` in `list` (maps compared by their merge key), or -1. */
function indexOf(list: unknown[], v: unknown, mergeKey: string, kind: GoKind): number {
  const val = (x: unknown) => (kind === 'map' ? (isPlainObject(x) ? x[mergeKey] : null) : x);
  const want = val(v);
  for (let i = 0; i < list.length; i++) if (val(list[i]) === want) return i;
  return -1;
}

function normalizeSliceOrder(toSort: unknown[], order: unknown[], mergeKey: string, kind: GoKind): unknown[] {
  let toDelete: unknown[] = [];
  if (kind === 'map') {
    validateMergeKeyInLists(mergeKey, toSort, order);
    [toSort, toDelete] = extractToDeleteItems(toSort);
  } else {
    toSort = [...toSort];
  }
  sliceStable(toSort, (i, j) => {
    const ii = indexOf(order, toSort[i], mergeKey, kind);
    if (ii >= 0) {
      const ij = indexOf(order, toSort[j], mergeKey, kind);
      if (ij >= 0) return ii < ij;
    }
    return true;
  });
  return [...toSort, ...toDelete];
}

/** Interleaves server-only items with patch items, keeping each group's order (mergeSortedSlice). */
function normalizeElementOrder(patch: unknown[], serverOnly: unknown[], patchOrder: unknown[], serverOrder: unknown[], mergeKey: string, kind: GoKind): unknown[] {
  const right = normalizeSliceOrder(patch, patchOrder, mergeKey, kind);
  const left = normalizeSliceOrder(serverOnly, serverOrder, mergeKey, kind);
  const out: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (i >= left.length) out.push(right[j++]);
    else if (j >= right.length) out.push(left[i++]);
    else {
      const li = indexOf(serverOrder, left[i], mergeKey, kind);
      const ri = indexOf(serverOrder, right[j], mergeKey, kind);
      if (li >= 0 && ri >= 0 && li < ri) out.push(left[i++]);
      else out.push(right[j++]);
    }
  }
  return out;
}
