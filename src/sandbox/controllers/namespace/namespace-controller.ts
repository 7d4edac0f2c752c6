// The namespace controller (upstream pkg/controller/namespace): a namespace being deleted has
// every object inside it deleted, reports what remains in its status conditions, and once it is
// empty its `kubernetes` finalizer is removed, which deletes it.
import { StatusError } from '../../../apimachinery/errors.ts';
import { deepClone, type StoredObject } from '../../../apimachinery/object.ts';
import type { Cluster } from '../../cluster.ts';
import { controllerUser } from '../../cluster.ts';
import { storageKey } from '../../registry/generic-store.ts';
import type { ResourceDef, Strategy } from '../../registry/types.ts';
import type { StoreEvent } from '../../storage/object-store.ts';
import { type Enqueue, QueueController } from '../queue-controller.ts';
import { remainingContent, terminatingConditions } from './namespace-status.ts';

const USER = controllerUser('namespace-controller');

/** namespaces/finalize: only spec.finalizers may change. */
export const finalizeStrategy: Strategy = {
  prepareForUpdate(obj, old) {
    const next = obj as StoredObject & { spec?: { finalizers?: string[] } };
    const finalizers = next.spec?.finalizers;
    Object.assign(next, deepClone(old));
    (next as { spec?: object }).spec = { ...((old as { spec?: object }).spec ?? {}), finalizers };
    if (!finalizers) delete (next.spec as { finalizers?: string[] }).finalizers;
  },
};

/** One ResourceDef per stored resource (aliases such as HPA v1 or events.k8s.io share storage). */
export function namespacedStorage(cluster: Cluster): ResourceDef[] {
  const seen = new Set<string>();
  const out: ResourceDef[] = [];
  for (const d of cluster.resources.all()) {
    if (!d.namespaced || d.virtual || d.storage || !d.verbs.includes('delete')) continue;
    const key = storageKey(d);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(d);
  }
  return out;
}

export class NamespaceController extends QueueController {
  readonly name = 'namespace';

  protected initial(cluster: Cluster, enqueue: Enqueue): void {
    for (const ns of cluster.store.list('namespaces')) if (ns.metadata.deletionTimestamp) enqueue(ns.metadata.name);
  }

  protected changed(cluster: Cluster, ev: StoreEvent, enqueue: Enqueue): void {
    if (ev.resource === 'namespaces') {
      if (ev.object.metadata.deletionTimestamp && ev.type !== 'DELETED') enqueue(ev.object.metadata.name);
    } else if (ev.type === 'DELETED' && ev.namespace) {
      const ns = cluster.store.get('namespaces', undefined, ev.namespace);
      if (ns?.metadata.deletionTimestamp) enqueue(ev.namespace);
    }
  }

  protected async sync(cluster: Cluster, name: string): Promise<void> {
    const ns = cluster.store.get('namespaces', undefined, name);
    if (!ns || !ns.metadata.deletionTimestamp) return;
    const ctx = () => cluster.context(USER);
    const defs = namespacedStorage(cluster);
    for (const def of defs) {
      for (const obj of cluster.store.list(storageKey(def), name)) {
        if (obj.metadata.deletionTimestamp) continue;
        try {
          await cluster.api.delete(ctx(), def, name, obj.metadata.name, { propagationPolicy: 'Background' });
        } catch (e) {
          if (!(e instanceof StatusError && (e.code === 404 || e.code === 409))) throw e;
        }
      }
    }
    const remaining = remainingContent(cluster, defs, name);
    const current = cluster.store.get('namespaces', undefined, name);
    if (!current) return;
    const nsDef = cluster.resources.byResource('', 'namespaces')!;
    const conditions = terminatingConditions(remaining, ctx().now, (current as { status?: { conditions?: [] } }).status?.conditions);
    const status = (current as { status?: Record<string, unknown> }).status ?? {};
    if (JSON.stringify(status.conditions ?? []) !== JSON.stringify(conditions)) {
      const next = deepClone(current) as StoredObject & { status?: Record<string, unknown> };
      next.status = { ...status, phase: 'Terminating', conditions };
      await cluster.api.update(ctx(), nsDef, undefined, name, next, { fieldManager: 'kube-controller-manager', subresource: 'status' });
    }
    if (remaining.total > 0) return; // deletions of what remains re-queue the namespace
    const latest = cluster.store.get('namespaces', undefined, name);
    if (!latest) return;
    const spec = (latest as { spec?: { finalizers?: string[] } }).spec;
    if (!spec?.finalizers?.includes('kubernetes')) return;
    const next = deepClone(latest) as StoredObject & { spec: { finalizers?: string[] } };
    next.spec = { ...spec, finalizers: spec.finalizers.filter((f) => f !== 'kubernetes') };
    await cluster.api.update(ctx(), nsDef, undefined, name, next, { fieldManager: 'kube-controller-manager', strategy: finalizeStrategy });
  }
}
