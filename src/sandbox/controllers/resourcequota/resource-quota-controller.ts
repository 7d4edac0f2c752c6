// The resource quota controller (upstream pkg/controller/resourcequota): keeps every quota's
// status.hard equal to spec.hard and status.used equal to the observed usage, so `kubectl get
// quota` and `kubectl describe quota` show what admission enforces. Any change to an object a
// quota of its namespace tracks queues the namespace; the work queue coalesces a burst of
// changes into one recalculation per namespace. Writes go through /status and are retried on
// conflict.
import { StatusError } from '../../../apimachinery/errors.ts';
import { deepClone, type StoredObject } from '../../../apimachinery/object.ts';
import { hardNames, type ResourceQuota } from '../../admission/resource-quota/evaluator.ts';
import { clusterEvaluators, evaluatorFor } from '../../admission/resource-quota/registry.ts';
import { calculateUsage, type UsageSource } from '../../admission/resource-quota/usage.ts';
import type { Cluster } from '../../cluster.ts';
import { controllerUser } from '../../cluster.ts';
import { storageKey } from '../../registry/generic-store.ts';
import type { StoreEvent } from '../../storage/object-store.ts';
import { type Enqueue, QueueController } from '../queue-controller.ts';
import { planQuotaStatus } from './plan.ts';

const USER = controllerUser('resourcequota-controller');

type StoredQuota = StoredObject & ResourceQuota;

/** `pods` → ['', 'pods'], `deployments.apps` → ['apps', 'deployments']. */
function groupResource(storageResource: string): [string, string] {
  const dot = storageResource.indexOf('.');
  return dot < 0 ? ['', storageResource] : [storageResource.slice(dot + 1), storageResource.slice(0, dot)];
}

export class ResourceQuotaController extends QueueController {
  readonly name = 'resourcequota';

  protected initial(cluster: Cluster, enqueue: Enqueue): void {
    for (const q of cluster.store.list('resourcequotas')) enqueue(q.metadata.namespace!);
  }

  protected changed(cluster: Cluster, ev: StoreEvent, enqueue: Enqueue): void {
    if (!ev.namespace) return;
    if (ev.resource === 'resourcequotas') {
      enqueue(ev.namespace);
      return;
    }
    const quotas = cluster.store.list('resourcequotas', ev.namespace) as StoredQuota[];
    if (quotas.length === 0) return;
    const evaluator = evaluatorFor(...groupResource(ev.resource));
    if (evaluator && quotas.some((q) => evaluator.matchingResources(hardNames(q)).length > 0)) enqueue(ev.namespace);
  }

  protected async sync(cluster: Cluster, namespace: string): Promise<void> {
    const quotas = cluster.store.list('resourcequotas', namespace) as StoredQuota[];
    if (quotas.length === 0) return;
    const sources: UsageSource[] = clusterEvaluators(cluster.resources).map(({ evaluator, def }) => ({
      evaluator,
      objects: () => {
        const all = cluster.store.list(storageKey(def), namespace);
        return def.storage ? all.map((o) => def.storage!.fromStorage(o)) : all;
      },
    }));
    const rqDef = cluster.resources.byResource('', 'resourcequotas')!;
    const now = cluster.clock.now();
    for (const quota of quotas) {
      const status = planQuotaStatus(quota, calculateUsage(quota, sources, now));
      if (!status) continue;
      const next = deepClone(quota) as StoredQuota;
      next.status = status;
      try {
        await cluster.api.update(cluster.context(USER), rqDef, namespace, quota.metadata.name, next, {
          fieldManager: 'kube-controller-manager',
          subresource: 'status',
        });
      } catch (e) {
        // A deleted quota needs nothing; a conflict is retried by the queue with the latest version.
        if (!(e instanceof StatusError && e.code === 404)) throw e;
      }
    }
  }
}
