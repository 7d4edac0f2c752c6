// The Job controller (upstream pkg/controller/job): the loop and its effects. A Job is synced
// when it or one of its pods changes, and again when its back-off or activeDeadlineSeconds
// runs out (a timer on the cluster's clock, no polling). Each sync applies planJob: deletes and
// creates pods (events SuccessfulDelete / SuccessfulCreate `Created pod: pi-x2x4k`), writes the
// status through jobs/status, removes job-tracking finalizers, records the Job's events.
import { StatusError } from '../../../apimachinery/errors.ts';
import { deepClone, type KubeObject, type StoredObject } from '../../../apimachinery/object.ts';
import type { Cluster } from '../../cluster.ts';
import { controllerUser } from '../../cluster.ts';
import { EventRecorder } from '../../sim/event-recorder.ts';
import type { StoreEvent } from '../../storage/object-store.ts';
import { type Enqueue, QueueController } from '../queue-controller.ts';
import { type BackoffRecord, NO_BACKOFF } from './backoff.ts';
import { planJob } from './plan.ts';
import { controlledBy, JOB_TRACKING_FINALIZER, type Pod, podFromTemplate, type StoredJob } from './pods.ts';

const USER = controllerUser('job-controller');
const MANAGER = 'kube-controller-manager';
export const JOBS = 'jobs.batch';

function jobKeyOfPod(pod: StoredObject): string | undefined {
  const ref = (pod.metadata.ownerReferences ?? []).find((o) => o.controller && o.kind === 'Job' && o.apiVersion.startsWith('batch/'));
  return ref ? `${pod.metadata.namespace}/${ref.name}` : undefined;
}

function ignoreNotFound(e: unknown): void {
  if (!(e instanceof StatusError && e.code === 404)) throw e;
}

export class JobController extends QueueController {
  readonly name = 'job';
  private readonly backoffs = new Map<string, BackoffRecord>();
  private recorder?: EventRecorder;

  override start(cluster: Cluster): void {
    this.recorder = new EventRecorder(cluster, { component: 'job-controller' });
    super.start(cluster);
  }

  protected initial(cluster: Cluster, enqueue: Enqueue): void {
    for (const job of cluster.store.list(JOBS)) enqueue(`${job.metadata.namespace}/${job.metadata.name}`);
  }

  protected changed(_cluster: Cluster, ev: StoreEvent, enqueue: Enqueue): void {
    if (ev.resource === JOBS) enqueue(`${ev.namespace}/${ev.object.metadata.name}`);
    else if (ev.resource === 'pods') {
      const key = jobKeyOfPod(ev.object) ?? (ev.prev ? jobKeyOfPod(ev.prev) : undefined);
      if (key) enqueue(key);
    }
  }

  protected async sync(cluster: Cluster, key: string): Promise<void> {
    const [namespace, name] = key.split('/') as [string, string];
    const job = cluster.store.get(JOBS, namespace, name) as StoredJob | undefined;
    // Pods of a Job that is gone (or was replaced by one of the same name) are no longer tracked.
    for (const p of cluster.store.list('pods', namespace)) {
      if (jobKeyOfPod(p) === key && (!job || !controlledBy(p, job.metadata.uid))) await this.removeFinalizer(cluster, namespace, p.metadata.name);
    }
    if (!job) {
      this.backoffs.delete(key);
      this.delayed?.forget(key);
      return;
    }
    const pods = cluster.store.list('pods', namespace).filter((p) => controlledBy(p, job.metadata.uid)) as Pod[];
    const plan = planJob({ job, pods, backoff: this.backoffs.get(key) ?? NO_BACKOFF, now: cluster.clock.now() });
    const ctx = () => cluster.context(USER);
    const podDef = cluster.resources.byResource('', 'pods')!;
    const recorder = this.recorder!;

    for (const d of plan.deletePods) {
      try {
        if (d.removeFinalizerFirst) await this.removeFinalizer(cluster, namespace, d.name);
        await cluster.api.delete(ctx(), podDef, namespace, d.name, {});
        void recorder.event(job, 'Normal', 'SuccessfulDelete', `Deleted pod: ${d.name}`);
      } catch (e) {
        ignoreNotFound(e);
      }
    }
    for (const c of plan.createPods) {
      try {
        const { object } = await cluster.api.create(ctx(), podDef, namespace, podFromTemplate(job, c.index, c.annotations) as KubeObject, { fieldManager: MANAGER });
        void recorder.event(job, 'Normal', 'SuccessfulCreate', `Created pod: ${(object as StoredObject).metadata.name}`);
      } catch (e) {
        // A terminating namespace takes everything with it; anything else is retried.
        if (e instanceof StatusError && e.code === 403 && e.message.includes('because it is being terminated')) return;
        void recorder.event(job, 'Warning', 'FailedCreate', `Error creating: ${(e as Error).message}`);
        throw e;
      }
    }
    if (plan.statusChanged) {
      const jobDef = cluster.resources.byResource('batch', 'jobs')!;
      const next = deepClone(job) as StoredJob;
      next.status = plan.status;
      try {
        await cluster.api.update(ctx(), jobDef, namespace, name, next as KubeObject, { fieldManager: MANAGER, subresource: 'status' });
      } catch (e) {
        ignoreNotFound(e);
        return;
      }
    }
    this.backoffs.set(key, plan.backoff);
    for (const podName of plan.removeFinalizers) await this.removeFinalizer(cluster, namespace, podName);
    for (const ev of plan.events) void recorder.event(job, ev.type, ev.reason, ev.message);
    if (plan.requeueAfterMs !== undefined) this.delayed?.addAfter(key, plan.requeueAfterMs);
  }

  /** Drops the job-tracking finalizer (the pod goes away if it was already being deleted). */
  private async removeFinalizer(cluster: Cluster, namespace: string, name: string): Promise<void> {
    const pod = cluster.store.get('pods', namespace, name);
    if (!pod || !(pod.metadata.finalizers ?? []).includes(JOB_TRACKING_FINALIZER)) return;
    const next = deepClone(pod) as KubeObject;
    next.metadata!.finalizers = (pod.metadata.finalizers ?? []).filter((f) => f !== JOB_TRACKING_FINALIZER);
    try {
      await cluster.api.update(cluster.context(USER), cluster.resources.byResource('', 'pods')!, namespace, name, next, { fieldManager: MANAGER });
    } catch (e) {
      ignoreNotFound(e);
    }
  }
}
