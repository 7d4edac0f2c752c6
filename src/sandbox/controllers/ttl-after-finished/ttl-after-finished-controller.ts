// The TTL-after-finished controller (upstream pkg/controller/ttlafterfinished): deletes a
// finished Job ttlSecondsAfterFinished after it finished, with foreground propagation so its
// pods go first, on a timer of the cluster's clock (no polling). Records no events, as upstream.
import { StatusError } from '../../../apimachinery/errors.ts';
import type { StoredObject } from '../../../apimachinery/object.ts';
import type { Cluster } from '../../cluster.ts';
import { controllerUser } from '../../cluster.ts';
import type { Job } from '../../registry/batch/job/types.ts';
import type { StoreEvent } from '../../storage/object-store.ts';
import { type Enqueue, QueueController } from '../queue-controller.ts';
import { planTTL } from './plan.ts';

const USER = controllerUser('ttl-after-finished-controller');
const JOBS = 'jobs.batch';

export class TTLAfterFinishedController extends QueueController {
  readonly name = 'ttl-after-finished';

  protected initial(cluster: Cluster, enqueue: Enqueue): void {
    for (const job of cluster.store.list(JOBS)) {
      if ((job as Job & StoredObject).spec?.ttlSecondsAfterFinished !== undefined) enqueue(`${job.metadata.namespace}/${job.metadata.name}`);
    }
  }

  protected changed(_cluster: Cluster, ev: StoreEvent, enqueue: Enqueue): void {
    if (ev.resource !== JOBS) return;
    const key = `${ev.namespace}/${ev.object.metadata.name}`;
    if (ev.type === 'DELETED') this.delayed?.forget(key);
    else if ((ev.object as Job & StoredObject).spec?.ttlSecondsAfterFinished !== undefined) enqueue(key);
  }

  protected async sync(cluster: Cluster, key: string): Promise<void> {
    const [namespace, name] = key.split('/') as [string, string];
    const job = cluster.store.get(JOBS, namespace, name) as (Job & StoredObject) | undefined;
    if (!job) return;
    const decision = planTTL(job, cluster.clock.now());
    if (decision.action === 'wait') this.delayed?.addAfter(key, decision.ms);
    if (decision.action !== 'delete') return;
    try {
      await cluster.api.delete(cluster.context(USER), cluster.resources.byResource('batch', 'jobs')!, namespace, name, {
        propagationPolicy: 'Foreground',
        preconditions: { uid: job.metadata.uid },
      });
    } catch (e) {
      if (!(e instanceof StatusError && (e.code === 404 || e.code === 409))) throw e;
    }
  }
}
