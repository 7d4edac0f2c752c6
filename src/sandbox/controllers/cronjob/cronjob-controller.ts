// The CronJob controller (upstream pkg/controller/cronjob, ControllerV2): the loop and its
// effects. A CronJob is synced when it or one of its Jobs changes, and at its next activation
// through a timer on the cluster's clock (no polling: an idle CronJob holds one timer). Each sync
// applies planCronJob: deletes Jobs (history, Replace), creates the due Job (event SuccessfulCreate
// `Created job hello-29012345`), writes status.active/lastScheduleTime/lastSuccessfulTime through
// cronjobs/status and records the CronJob's events.
import { StatusError } from '../../../apimachinery/errors.ts';
import { deepClone, deepEqual, type KubeObject, type StoredObject } from '../../../apimachinery/object.ts';
import type { Cluster } from '../../cluster.ts';
import { controllerUser } from '../../cluster.ts';
import type { CronJob } from '../../registry/batch/cronjob/types.ts';
import type { Job } from '../../registry/batch/job/types.ts';
import { EventRecorder } from '../../sim/event-recorder.ts';
import type { StoreEvent } from '../../storage/object-store.ts';
import { type Enqueue, QueueController } from '../queue-controller.ts';
import { parseCronSchedule } from './cron-schedule.ts';
import { jobRef, planCronJob } from './plan.ts';
import { nextScheduleTimeDuration } from './schedule-times.ts';

const USER = controllerUser('cronjob-controller');
const MANAGER = 'kube-controller-manager';
const CRONJOBS = 'cronjobs.batch';
const JOBS = 'jobs.batch';

type StoredCronJob = CronJob & StoredObject;
type StoredJob = Job & StoredObject;

function cronJobOwner(job: StoredObject): string | undefined {
  return (job.metadata.ownerReferences ?? []).find((o) => o.controller && o.kind === 'CronJob')?.name;
}

function rfc3339(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

export class CronJobController extends QueueController {
  readonly name = 'cronjob';
  private recorder?: EventRecorder;

  override start(cluster: Cluster): void {
    this.recorder = new EventRecorder(cluster, { component: 'cronjob-controller' });
    super.start(cluster);
  }

  protected initial(cluster: Cluster, enqueue: Enqueue): void {
    for (const cj of cluster.store.list(CRONJOBS)) enqueue(`${cj.metadata.namespace}/${cj.metadata.name}`);
  }

  protected changed(cluster: Cluster, ev: StoreEvent, enqueue: Enqueue): void {
    if (ev.resource === CRONJOBS) {
      const key = `${ev.namespace}/${ev.object.metadata.name}`;
      const cj = ev.object as StoredCronJob;
      const prev = ev.prev as StoredCronJob | undefined;
      // A new schedule takes effect at its next activation, not at once (updateCronJob).
      if (ev.type === 'MODIFIED' && prev && (prev.spec?.schedule !== cj.spec?.schedule || prev.spec?.timeZone !== cj.spec?.timeZone)) {
        try {
          const sched = parseCronSchedule(cj.spec?.schedule ?? '', cj.spec?.timeZone);
          const state = {
            lastScheduleTime: cj.status?.lastScheduleTime ? Date.parse(cj.status.lastScheduleTime) : undefined,
            creationTime: Date.parse(cj.metadata.creationTimestamp ?? ''),
          };
          const delay = nextScheduleTimeDuration(state, cluster.clock.now(), sched);
          if (delay !== undefined) this.delayed?.addAfter(key, delay);
        } catch {
          enqueue(key);
        }
        return;
      }
      enqueue(key);
    } else if (ev.resource === JOBS) {
      const owner = cronJobOwner(ev.object) ?? (ev.prev ? cronJobOwner(ev.prev) : undefined);
      if (owner) enqueue(`${ev.namespace}/${owner}`);
    }
  }

  protected async sync(cluster: Cluster, key: string): Promise<void> {
    const [namespace, name] = key.split('/') as [string, string];
    const cj = cluster.store.get(CRONJOBS, namespace, name) as StoredCronJob | undefined;
    if (!cj) {
      this.delayed?.forget(key);
      return;
    }
    const jobs = cluster.store.list(JOBS, namespace).filter((j) => cronJobOwner(j) === name) as StoredJob[];
    const plan = planCronJob(cj, jobs, cluster.clock.now());
    const ctx = () => cluster.context(USER);
    const jobDef = cluster.resources.byResource('batch', 'jobs')!;
    const recorder = this.recorder!;
    const status = plan.status;

    for (const jobName of plan.deleteJobs) {
      try {
        await cluster.api.delete(ctx(), jobDef, namespace, jobName, { propagationPolicy: 'Background' });
      } catch (e) {
        if (!(e instanceof StatusError && e.code === 404)) {
          void recorder.event(cj, 'Warning', 'FailedDelete', `Deleted job: ${(e as Error).message}`);
          throw e;
        }
      }
    }
    for (const ev of plan.events) void recorder.event(cj, ev.type, ev.reason, ev.message);

    if (plan.createJob) {
      const { job, scheduledTime } = plan.createJob;
      let created: StoredJob | undefined;
      try {
        created = (await cluster.api.create(ctx(), jobDef, namespace, job as KubeObject, { fieldManager: MANAGER })).object as StoredJob;
        void recorder.event(cj, 'Normal', 'SuccessfulCreate', `Created job ${created.metadata.name}`);
      } catch (e) {
        if (e instanceof StatusError && e.code === 403 && e.message.includes('because it is being terminated')) return;
        if (!(e instanceof StatusError && e.code === 409)) {
          void recorder.event(cj, 'Warning', 'FailedCreate', `Error creating job: ${(e as Error).message}`);
          throw e;
        }
        // Created before (by us, before a status write was lost) or by someone else.
        const existing = cluster.store.get(JOBS, namespace, job.metadata.name!) as StoredJob | undefined;
        const ours = existing && (existing.metadata.ownerReferences ?? []).some((o) => o.controller && o.uid === cj.metadata.uid);
        if (!ours || (status.active ?? []).some((r) => r.uid === existing!.metadata.uid)) return;
        created = existing;
      }
      (status.active ??= []).push(jobRef(created));
      status.lastScheduleTime = rfc3339(scheduledTime);
    }

    if (!deepEqual(status, cj.status ?? {})) {
      const next = deepClone(cj) as StoredCronJob;
      next.status = status;
      try {
        await cluster.api.update(ctx(), cluster.resources.byResource('batch', 'cronjobs')!, namespace, name, next as KubeObject, { fieldManager: MANAGER, subresource: 'status' });
      } catch (e) {
        if (!(e instanceof StatusError && e.code === 404)) throw e;
        return;
      }
    }
    if (plan.requeueAfterMs !== undefined) this.delayed?.addAfter(key, plan.requeueAfterMs);
  }
}
