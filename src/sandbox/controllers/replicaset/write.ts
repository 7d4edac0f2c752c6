// Controller writes that re-read and retry on a conflict (upstream's RetryOnConflict), so a sync
// racing another writer settles without waiting for the work queue's back-off.
import { StatusError } from '../../../apimachinery/errors.ts';
import { deepClone, type KubeObject, type StoredObject } from '../../../apimachinery/object.ts';
import type { Cluster } from '../../cluster.ts';
import { storageKey } from '../../registry/generic-store.ts';
import type { ResourceDef, StrategyContext } from '../../registry/types.ts';

export const MANAGER = 'kube-controller-manager';

/**
 * Applies `mutate` to a fresh copy of the object and writes it (the status subresource when
 * asked); `mutate` returning false means nothing to write. A vanished object is not an error.
 */
export async function updateWithRetry<T extends StoredObject>(
  cluster: Cluster,
  ctx: StrategyContext,
  def: ResourceDef,
  namespace: string | undefined,
  name: string,
  mutate: (obj: T) => boolean,
  subresource?: 'status',
): Promise<T | undefined> {
  for (let attempt = 0; ; attempt++) {
    const current = cluster.store.get(storageKey(def), namespace, name) as T | undefined;
    if (!current) return undefined;
    // Without managedFields: an update that sends none keeps the live ones, as one sending them back does.
    const next = deepClone({ ...current, metadata: { ...current.metadata, managedFields: undefined } });
    if (!mutate(next)) return current;
    try {
      const res = await cluster.api.update(ctx, def, namespace, name, next as KubeObject, { fieldManager: MANAGER, subresource });
      return res.object as T;
    } catch (e) {
      if (e instanceof StatusError && e.code === 404) return undefined;
      if (e instanceof StatusError && e.code === 409 && attempt < 3) continue;
      throw e;
    }
  }
}
