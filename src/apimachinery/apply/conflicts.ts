// Apply conflicts as upstream reports them (managedfields/internal/conflict.go): one cause per
// field, and a message that names the manager, its subresource and, for updaters, the API
// version it used.
import { goQuote } from '../go-format.ts';
import { ApplyConflictError, type ApplyConflict } from './field-manager.ts';
import { parseIdentifier } from './managed-fields.ts';
import { pathString } from './path-element.ts';
import type { Conflict } from './updater.ts';

/** printManager: `"kubectl"`, `"kubectl-edit" using apps/v1`, `"m" with subresource "status"`. */
export function printManager(identifier: string): string {
  const info = parseIdentifier(identifier);
  if (info.manager === undefined && info.operation === undefined) return goQuote(identifier);
  let s = goQuote(info.manager ?? '');
  if (info.subresource) s = `${s} with subresource ${goQuote(info.subresource)}`;
  if (info.operation === 'Update') s = `${s} using ${info.apiVersion ?? ''}`;
  return s;
}

/** getConflictMessage; `conflicts` come ordered by manager identifier. */
function conflictMessage(conflicts: readonly ApplyConflict[]): string {
  if (conflicts.length === 1) return `Apply failed with 1 conflict: conflict with ${conflicts[0]!.manager}: ${conflicts[0]!.field}`;
  const byManager = new Map<string, string[]>();
  for (const c of conflicts) {
    const list = byManager.get(c.manager) ?? [];
    list.push(c.field);
    byManager.set(c.manager, list);
  }
  const lines: string[] = [];
  for (const manager of byManager.keys()) {
    lines.push(`conflicts with ${manager}:`);
    for (const f of byManager.get(manager)!) lines.push(`- ${f}`);
  }
  return `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`;
}

/** The error the field manager throws for conflicts (ordered by manager, then path). */
export function applyConflictError(conflicts: readonly Conflict[]): ApplyConflictError {
  const ordered = [...conflicts].sort((a, b) => (a.manager < b.manager ? -1 : a.manager > b.manager ? 1 : 0));
  const list = ordered.map((c) => ({ manager: printManager(c.manager), field: pathString(c.path) }));
  return new ApplyConflictError(list, conflictMessage(list));
}
