// metadata.managedFields <-> field sets by manager, as upstream's managedfields package: entries
// are keyed by a manager identifier (the entry without time and fields, and without apiVersion
// for appliers), encoded sorted (Apply before Update, then by time, manager, apiVersion,
// subresource), and the oldest Update entries beyond ten are folded into "ancient-changes".
import { isPlainObject, type ManagedFieldsEntry } from '../object.ts';
import { FieldSet } from './field-set.ts';
import { goJson } from './go-json.ts';
import type { ManagedFieldSets } from './updater.ts';

export type Operation = 'Apply' | 'Update';

export interface ManagerInfo {
  manager: string;
  operation: Operation;
  apiVersion: string;
  subresource: string;
}

export interface Managed {
  fields: ManagedFieldSets;
  /** RFC 3339 times by manager identifier. */
  times: Map<string, string>;
}

export class ManagedFieldsError extends Error {}

// Field sets are never mutated once decoded or encoded, so both directions are cached by
// identity: stored objects keep their managedFields objects from write to write. The decoded
// side is bounded: a decoded tree costs several KB, and pinning one to every stored object
// (hundreds of thousands across a sandbox) would dominate memory; the recently written objects,
// which are the ones updated again, stay cached.
const DECODED_CACHE_SIZE = 2048;
const decoded = new Map<object, FieldSet>();
const encoded = new WeakMap<FieldSet, Record<string, unknown>>();

function rememberDecoded(key: object, set: FieldSet): void {
  decoded.delete(key);
  decoded.set(key, set);
  if (decoded.size > DECODED_CACHE_SIZE) decoded.delete(decoded.keys().next().value!);
}

function decodeSet(fieldsV1: unknown): FieldSet {
  if (fieldsV1 === undefined || fieldsV1 === null) return new FieldSet();
  if (typeof fieldsV1 === 'object') {
    const hit = decoded.get(fieldsV1);
    if (hit) {
      rememberDecoded(fieldsV1, hit);
      return hit;
    }
  }
  const set = FieldSet.fromFieldsV1(fieldsV1);
  if (typeof fieldsV1 === 'object') rememberDecoded(fieldsV1, set);
  return set;
}

// Recently encoded sets by manager and top-level fields: a set equal to one of them (the same
// fields of the next pod, event or status a manager writes) shares its encoding instead of
// emitting and sorting it again.
const RECENT_PER_KEY = 4;
const RECENT_KEYS = 256;
const recentEncoded = new Map<string, Array<{ set: FieldSet; v: Record<string, unknown> }>>();

function encodeSet(set: FieldSet, manager: string): Record<string, unknown> {
  const hit = encoded.get(set);
  if (hit) return hit;
  const key = `${manager}\u0000${[...set.members].join(',')}\u0000${[...set.children.keys()].join(',')}`;
  let recent = recentEncoded.get(key);
  for (const r of recent ?? []) {
    if (r.set.equals(set)) {
      encoded.set(set, r.v);
      return r.v;
    }
  }
  const v = set.toFieldsV1();
  encoded.set(set, v);
  rememberDecoded(v, set);
  if (!recent) {
    if (recentEncoded.size >= RECENT_KEYS) recentEncoded.clear();
    recentEncoded.set(key, (recent = []));
  }
  recent.push({ set, v });
  if (recent.length > RECENT_PER_KEY) recent.shift();
  return v;
}

/** Bound of the identifier caches below (a sandbox has few distinct managers). */
const ID_CACHE_SIZE = 1000;

// Identifiers by their parts: every write decodes the object's entries, from few managers.
const identifiers = new Map<string, string>();

/** BuildManagerIdentifier: the JSON of the entry's manager, operation, apiVersion (not for Apply) and subresource. */
export function managerIdentifier(info: ManagerInfo): string {
  const key = `${info.manager}\u0000${info.operation}\u0000${info.apiVersion}\u0000${info.subresource}`;
  let id = identifiers.get(key);
  if (id === undefined) {
    id = buildIdentifier(info);
    if (identifiers.size >= ID_CACHE_SIZE) identifiers.clear();
    identifiers.set(key, id);
  }
  return id;
}

function buildIdentifier(info: ManagerInfo): string {
  const id: Record<string, string> = {};
  if (info.manager) id.manager = info.manager;
  if (info.operation) id.operation = info.operation;
  if (info.operation !== 'Apply' && info.apiVersion) id.apiVersion = info.apiVersion;
  if (info.subresource) id.subresource = info.subresource;
  return goJson(id, false);
}

// Each identifier is parsed once (the results are read-only).
const parsedIds = new Map<string, Readonly<Partial<ManagerInfo>>>();

export function parseIdentifier(id: string): Readonly<Partial<ManagerInfo>> {
  let info = parsedIds.get(id);
  if (info) return info;
  try {
    const v = JSON.parse(id) as unknown;
    info = isPlainObject(v) ? (v as Partial<ManagerInfo>) : {};
  } catch {
    info = {};
  }
  if (parsedIds.size >= ID_CACHE_SIZE) parsedIds.clear();
  parsedIds.set(id, info);
  return info;
}

export function emptyManaged(): Managed {
  return { fields: new Map(), times: new Map() };
}

/** DecodeManagedFields; throws ManagedFieldsError for entries upstream rejects. */
export function decodeManagedFields(entries: readonly ManagedFieldsEntry[] | undefined): Managed {
  const managed = emptyManaged();
  if (!entries) return managed;
  entries.forEach((e, i) => {
    if (typeof e !== 'object' || e === null || Array.isArray(e)) throw new ManagedFieldsError(`invalid managed fields entry ${i}`);
    if (e.operation !== 'Apply' && e.operation !== 'Update') throw new ManagedFieldsError('operation must be `Apply` or `Update`');
    if (!e.apiVersion) throw new ManagedFieldsError('apiVersion must not be empty');
    if (!e.fieldsType) throw new ManagedFieldsError(`missing fieldsType in managed fields entry ${i}`);
    if (e.fieldsType !== 'FieldsV1') throw new ManagedFieldsError(`invalid fieldsType ${JSON.stringify(e.fieldsType)} in managed fields entry ${i}`);
    const id = managerIdentifier({ manager: e.manager ?? '', operation: e.operation, apiVersion: e.apiVersion, subresource: e.subresource ?? '' });
    let set: FieldSet;
    try {
      set = decodeSet(e.fieldsV1);
    } catch (err) {
      throw new ManagedFieldsError(`error decoding versioned set from entry ${i}: ${(err as Error).message}`);
    }
    managed.fields.set(id, { set, apiVersion: e.apiVersion, applied: e.operation === 'Apply' });
    if (e.time) managed.times.set(id, e.time);
    else managed.times.delete(id);
  });
  return managed;
}

/** Entries upstream treats as "reset managedFields": `[]` or `[{}]`. */
export function isResetManagedFields(entries: unknown): boolean {
  if (!Array.isArray(entries)) return false;
  if (entries.length === 0) return true;
  return entries.length === 1 && isPlainObject(entries[0]) && Object.values(entries[0]).every((v) => v === undefined);
}

function seconds(t: string | undefined): number {
  if (!t) return 0;
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? 0 : Math.floor(ms / 1000);
}

function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** encodeManagedFields: undefined when nobody manages anything. */
export function encodeManagedFields(managed: Managed): ManagedFieldsEntry[] | undefined {
  if (managed.fields.size === 0) return undefined;
  const entries: ManagedFieldsEntry[] = [];
  for (const [id, vs] of managed.fields) {
    const info = parseIdentifier(id);
    const e: ManagedFieldsEntry = {};
    if (info.manager) e.manager = info.manager;
    e.operation = vs.applied ? 'Apply' : (info.operation ?? 'Update');
    e.apiVersion = vs.apiVersion;
    const time = managed.times.get(id);
    if (time) e.time = time;
    e.fieldsType = 'FieldsV1';
    e.fieldsV1 = encodeSet(vs.set, id);
    if (info.subresource) e.subresource = info.subresource;
    entries.push(e);
  }
  return entries.sort((p, q) => {
    if (p.operation !== q.operation) return byteOrder(p.operation ?? '', q.operation ?? '');
    const ps = seconds(p.time);
    const qs = seconds(q.time);
    if (ps !== qs) return ps - qs;
    if (p.manager !== q.manager) return byteOrder(p.manager ?? '', q.manager ?? '');
    if (p.apiVersion !== q.apiVersion) return byteOrder(p.apiVersion ?? '', q.apiVersion ?? '');
    return byteOrder(p.subresource ?? '', q.subresource ?? '');
  });
}

export const MAX_UPDATE_MANAGERS = 10;
const ANCIENT_CHANGES = 'ancient-changes';

/** capManagersManager: folds the oldest Update entries into "ancient-changes" buckets. */
export function capUpdateManagers(managed: Managed, max = MAX_UPDATE_MANAGERS): void {
  const updaters = [...managed.fields].filter(([, vs]) => !vs.applied).map(([id]) => id);
  if (updaters.length <= max) return;
  updaters.sort((a, b) => {
    const sa = seconds(managed.times.get(a));
    const sb = seconds(managed.times.get(b));
    return sa !== sb ? sa - sb : byteOrder(a, b);
  });
  const firstByVersion = new Map<string, string>();
  let length = updaters.length;
  for (let i = 0; i < updaters.length && length > max; i++) {
    const id = updaters[i]!;
    const vs = managed.fields.get(id)!;
    const time = managed.times.get(id);
    const bucket = managerIdentifier({ manager: ANCIENT_CHANGES, operation: 'Update', apiVersion: vs.apiVersion, subresource: '' });
    const first = firstByVersion.get(vs.apiVersion);
    if (first === undefined) {
      firstByVersion.set(vs.apiVersion, id);
      continue;
    }
    if (!managed.fields.has(bucket)) {
      managed.fields.set(bucket, managed.fields.get(first)!);
      managed.fields.delete(first);
    }
    const merged = vs.set.union(managed.fields.get(bucket)!.set);
    managed.fields.set(bucket, { set: merged, apiVersion: vs.apiVersion, applied: false });
    managed.fields.delete(id);
    length--;
    if (time) managed.times.set(bucket, time);
    else managed.times.delete(bucket);
  }
}
