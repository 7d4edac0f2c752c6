// What a terminating namespace reports in status.conditions, worded as upstream's namespace
// deleter (pkg/controller/namespace/deletion).
import type { Cluster } from '../../cluster.ts';
import { storageKey } from '../../registry/generic-store.ts';
import type { ResourceDef } from '../../registry/types.ts';

export interface RemainingContent {
  total: number;
  /** `pods.` / `deployments.apps` → count */
  byResource: Map<string, number>;
  /** finalizer → count of objects still carrying it */
  finalizers: Map<string, number>;
}

export function remainingContent(cluster: Cluster, defs: ResourceDef[], namespace: string): RemainingContent {
  const out: RemainingContent = { total: 0, byResource: new Map(), finalizers: new Map() };
  for (const def of defs) {
    const objs = cluster.store.list(storageKey(def), namespace);
    if (!objs.length) continue;
    out.total += objs.length;
    out.byResource.set(`${def.resource}.${def.group}`, objs.length);
    for (const o of objs) for (const f of o.metadata.finalizers ?? []) out.finalizers.set(f, (out.finalizers.get(f) ?? 0) + 1);
  }
  return out;
}

export interface NamespaceCondition {
  type: string;
  status: 'True' | 'False';
  lastTransitionTime: string;
  reason: string;
  message: string;
}

export function terminatingConditions(r: RemainingContent, now: number, previous: NamespaceCondition[] = []): NamespaceCondition[] {
  const time = `${new Date(now).toISOString().slice(0, 19)}Z`;
  const list = (m: Map<string, number>, fmt: (k: string, n: number) => string) =>
    [...m.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, n]) => fmt(k, n)).join(', ');
  const wanted: Array<Omit<NamespaceCondition, 'lastTransitionTime'>> = [
    { type: 'NamespaceDeletionDiscoveryFailure', status: 'False', reason: 'ResourcesDiscovered', message: 'All resources successfully discovered' },
    { type: 'NamespaceDeletionGroupVersionParsingFailure', status: 'False', reason: 'ParsedGroupVersions', message: 'All legacy kube types successfully parsed' },
    { type: 'NamespaceDeletionContentFailure', status: 'False', reason: 'ContentDeleted', message: 'All content successfully deleted, may be waiting on finalization' },
    r.byResource.size
      ? { type: 'NamespaceContentRemaining', status: 'True', reason: 'SomeResourcesRemain', message: `Some resources are remaining: ${list(r.byResource, (k, n) => `${k} has ${n} resource instances`)}` }
      : { type: 'NamespaceContentRemaining', status: 'False', reason: 'ContentRemoved', message: 'All content successfully removed' },
    r.finalizers.size
      ? { type: 'NamespaceFinalizersRemaining', status: 'True', reason: 'SomeFinalizersRemain', message: `Some content in the namespace has finalizers remaining: ${list(r.finalizers, (k, n) => `${k} in ${n} resource instances`)}` }
      : { type: 'NamespaceFinalizersRemaining', status: 'False', reason: 'ContentHasNoFinalizers', message: 'All content-preserving finalizers finished' },
  ];
  return wanted.map((c) => {
    const prev = previous.find((p) => p.type === c.type);
    const same = prev && prev.status === c.status && prev.reason === c.reason && prev.message === c.message;
    return { type: c.type, status: c.status, lastTransitionTime: same ? prev.lastTransitionTime : time, reason: c.reason, message: c.message };
  });
}
