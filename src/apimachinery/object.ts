// The shape every API object shares, plus JSON-value helpers used across the machinery.
import type * as metav1 from '../generated/k8s/meta/v1.ts';

export type ObjectMeta = metav1.ObjectMeta;
export type OwnerReference = metav1.OwnerReference;
export type ManagedFieldsEntry = metav1.ManagedFieldsEntry;

/** Any API object. Stored objects always carry metadata. */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
}

/** An API object whose other fields are read generically. */
export type Unstructured = KubeObject & { [field: string]: unknown };

export interface StoredObject extends KubeObject {
  metadata: ObjectMeta & { name: string; resourceVersion: string; uid: string };
}

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Deep copy of a JSON value (faster than structuredClone for API objects). */
export function deepClone<T>(v: T): T {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) {
    const out = new Array(v.length);
    for (let i = 0; i < v.length; i++) out[i] = deepClone(v[i]);
    return out as T;
  }
  const out: Record<string, unknown> = {};
  for (const k in v as Record<string, unknown>) {
    const x = (v as Record<string, unknown>)[k];
    if (x !== undefined) out[k] = deepClone(x);
  }
  return out as T;
}

/** Semantic equality of JSON values (key order ignored, undefined fields ignored). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  let n = 0;
  for (const k in ao) {
    if (ao[k] === undefined) continue;
    n++;
    if (!deepEqual(ao[k], bo[k])) return false;
  }
  for (const k in bo) if (bo[k] !== undefined) n--;
  return n === 0;
}

/** Freezes a stored object in tests (KUBECAMP_FREEZE_OBJECTS=1) so accidental mutation throws. */
export const FREEZE_STORED = process.env.KUBECAMP_FREEZE_OBJECTS === '1';

export function deepFreeze<T>(v: T): T {
  if (v === null || typeof v !== 'object' || Object.isFrozen(v)) return v;
  Object.freeze(v);
  for (const k in v as Record<string, unknown>) deepFreeze((v as Record<string, unknown>)[k]);
  return v;
}

export function objectKey(namespace: string | undefined, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}

export function metaOf(obj: KubeObject): ObjectMeta {
  if (!obj.metadata) obj.metadata = {};
  return obj.metadata;
}
