// The kubectl.kubernetes.io/last-applied-configuration annotation across client-side and
// server-side apply (managedfields lastappliedmanager.go / lastappliedupdater.go): a server-side
// apply by the "kubectl" manager keeps an existing annotation in step with what it applied, so a
// later client-side apply computes the right patch; and it may take over, without conflict, the
// fields client-side apply set as recorded in the annotation, as long as they still hold the
// recorded values.
import { deepClone, isPlainObject, type KubeObject } from '../object.ts';
import type { SchemaNode } from '../openapi/schema-model.ts';
import { compareTyped } from './compare.ts';
import type { FieldSet } from './field-set.ts';
import { goJson } from './go-json.ts';
import { toFieldSet } from './to-field-set.ts';

export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';

/** The manager whose applies upgrade from, and keep in step with, client-side apply. */
export const KUBECTL_MANAGER = 'kubectl';

const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

export function hasLastApplied(obj: KubeObject): boolean {
  const v = obj.metadata?.annotations?.[LAST_APPLIED_ANNOTATION];
  return typeof v === 'string' && v.length > 0;
}

/** buildLastApplied: the applied configuration without the annotation, as Go's json.Encoder writes it. */
export function buildLastApplied(applied: KubeObject): string {
  const copy = deepClone(applied);
  if (copy.metadata?.annotations) delete copy.metadata.annotations[LAST_APPLIED_ANNOTATION];
  return `${goJson(copy)}\n`;
}

/** SetLastApplied: returns `obj` with the annotation set (dropped when annotations would grow too big). */
export function withLastApplied(obj: KubeObject, value: string): KubeObject {
  const annotations: Record<string, string> = { ...(obj.metadata?.annotations ?? {}), [LAST_APPLIED_ANNOTATION]: value };
  let size = 0;
  for (const [k, v] of Object.entries(annotations)) size += Buffer.byteLength(k) + Buffer.byteLength(v);
  if (size > TOTAL_ANNOTATION_SIZE_LIMIT) delete annotations[LAST_APPLIED_ANNOTATION];
  return { ...obj, metadata: { ...obj.metadata, annotations } };
}

/**
 * The fields recorded in `live`'s last-applied annotation that still hold the recorded values:
 * conflicts on these do not stop kubectl's server-side apply. Undefined when there is no usable
 * annotation.
 */
export function allowedConflictsFromLastApplied(node: SchemaNode, live: KubeObject, apiVersion: string): FieldSet | undefined {
  const raw = live.metadata?.annotations?.[LAST_APPLIED_ANNOTATION];
  if (!raw) return undefined;
  let lastApplied: unknown;
  try {
    lastApplied = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (!isPlainObject(lastApplied) || lastApplied.apiVersion !== apiVersion) return undefined;
  try {
    const set = toFieldSet(node, lastApplied, true);
    const cmp = compareTyped(node, lastApplied, live);
    return set.difference(cmp.modified).difference(cmp.added).difference(cmp.removed);
  } catch {
    return undefined;
  }
}
