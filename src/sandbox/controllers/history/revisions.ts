// ControllerRevision bookkeeping shared by the StatefulSet and DaemonSet controllers (upstream
// pkg/controller/history and the controllers' getStatefulSetRevisions / constructHistory /
// truncateHistory): a revision stores a strategic-merge patch that replaces spec.template, so
// `kubectl rollout undo` can re-apply it client-side; an edit back to an older template reuses
// (and renumbers) that revision instead of creating a new one.
import type * as apps from '../../../generated/k8s/apps/v1.ts';
import type * as core from '../../../generated/k8s/core/v1.ts';
import { goJson } from './hash.ts';

export type ControllerRevision = apps.ControllerRevision & { metadata: NonNullable<apps.ControllerRevision['metadata']> };

/** history.ControllerRevisionHashLabel */
export const CONTROLLER_REVISION_HASH_LABEL = 'controller.kubernetes.io/hash';

/** getPatch: `{"spec":{"template":{...,"$patch":"replace"}}}` as Go's encoding/json prints it. */
export function templatePatch(template: core.PodTemplateSpec | undefined): string {
  const t = { ...(template ?? {}) } as Record<string, unknown>;
  // The API server's v1 encoding prints an unset creationTimestamp as null.
  const meta = { ...((t.metadata as Record<string, unknown> | undefined) ?? {}) };
  if (meta.creationTimestamp === undefined) meta.creationTimestamp = null;
  t.metadata = meta;
  t.$patch = 'replace';
  return goJson({ spec: { template: t } });
}

/** The raw bytes a stored revision holds (its data re-encoded as Go would). */
export function revisionRaw(rev: ControllerRevision): string {
  return goJson(rev.data ?? null);
}

/** The template a revision restores (ApplyRevision: its patch replaces spec.template). */
export function revisionTemplate(rev: ControllerRevision): core.PodTemplateSpec | undefined {
  const data = rev.data as { spec?: { template?: Record<string, unknown> } } | undefined;
  const t = data?.spec?.template;
  if (!t) return undefined;
  const { $patch: _patch, ...rest } = t;
  const meta = { ...((rest.metadata as Record<string, unknown> | undefined) ?? {}) };
  if (meta.creationTimestamp === null) delete meta.creationTimestamp;
  return { ...rest, metadata: meta } as core.PodTemplateSpec;
}

/** history.SortControllerRevisions: by revision number, then creation time, then name. */
export function sortRevisions(revisions: readonly ControllerRevision[]): ControllerRevision[] {
  return [...revisions].sort(
    (a, b) =>
      a.revision - b.revision ||
      (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? '') ||
      (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''),
  );
}

/** nextRevision: one more than the highest (revisions sorted), 1 for none. */
export function nextRevision(sorted: readonly ControllerRevision[]): number {
  return sorted.length === 0 ? 1 : sorted[sorted.length - 1]!.revision + 1;
}

/** What to do so the owner's current template has a revision. */
export type RevisionStep =
  | { type: 'keep'; revision: ControllerRevision }
  | { type: 'renumber'; revision: ControllerRevision; to: number }
  | { type: 'create'; raw: string; number: number };

/**
 * getStatefulSetRevisions / constructHistory: the latest revision already holding `raw` is the
 * update revision; an older one holding it (a rollback) is renumbered to the next number; with
 * none, a new revision is created.
 */
export function planUpdateRevision(sorted: readonly ControllerRevision[], raw: string): RevisionStep {
  const equal = sorted.filter((r) => revisionRaw(r) === raw);
  const last = sorted[sorted.length - 1];
  if (equal.length > 0 && equal[equal.length - 1] === last) return { type: 'keep', revision: last! };
  if (equal.length > 0) return { type: 'renumber', revision: equal[equal.length - 1]!, to: nextRevision(sorted) };
  return { type: 'create', raw, number: nextRevision(sorted) };
}

/**
 * truncateHistory: the revisions beyond `limit` (revisionHistoryLimit, default 10), oldest first,
 * that no live pod uses and that are neither the current nor the update revision.
 */
export function revisionsToTruncate(sorted: readonly ControllerRevision[], live: ReadonlySet<string>, limit: number): ControllerRevision[] {
  const historic = sorted.filter((r) => !live.has(r.metadata.name ?? ''));
  const excess = historic.length - limit;
  return excess > 0 ? historic.slice(0, excess) : [];
}
