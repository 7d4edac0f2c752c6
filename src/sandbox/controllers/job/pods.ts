// A Job's pods as the Job controller sees and makes them: which are active, terminating, ready,
// failed or tracked by the job-tracking finalizer, and the pod a Job's template yields (names
// `<job>-<5 chars>` or `<job>-<index>-<5 chars>`, the completion index annotation and label,
// hostname `<job>-<index>` and JOB_COMPLETION_INDEX for Indexed Jobs).
import type { StoredObject } from '../../../apimachinery/object.ts';
import type * as core from '../../../generated/k8s/core/v1.ts';
import type { Job } from '../../registry/batch/job/types.ts';
import { COMPLETION_INDEX_KEY } from './indexes.ts';

export type Pod = core.Pod & StoredObject;
export type StoredJob = Job & StoredObject;

export const JOB_TRACKING_FINALIZER = 'batch.kubernetes.io/job-tracking';
/** names.MaxGeneratedNameLength: 63 less the 5 random characters. */
const MAX_GENERATED_NAME_LENGTH = 58;

export function hasTrackingFinalizer(p: Pod): boolean {
  return (p.metadata.finalizers ?? []).includes(JOB_TRACKING_FINALIZER);
}

/** controller.FilterActivePods: not finished and not being deleted. */
export function isActive(p: Pod): boolean {
  const phase = p.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed' && !p.metadata.deletionTimestamp;
}

/** Being deleted but not yet finished (CountTerminatingPods). */
export function isTerminating(p: Pod): boolean {
  const phase = p.status?.phase;
  return !!p.metadata.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed';
}

export function isReady(p: Pod): boolean {
  return (p.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

/** onlyReplaceFailedPods: podReplacementPolicy Failed, or a pod failure policy. */
export function onlyReplaceFailedPods(job: Job): boolean {
  return job.spec?.podReplacementPolicy === 'Failed' || !!job.spec?.podFailurePolicy;
}

/** isPodFailed: phase Failed, or deleted before it succeeded (unless only failed pods count). */
export function isPodFailed(p: Pod, job: Job): boolean {
  if (p.status?.phase === 'Failed') return true;
  if (onlyReplaceFailedPods(job)) return false;
  return !!p.metadata.deletionTimestamp && p.status?.phase !== 'Succeeded';
}

export function isIndexedJob(job: Job): boolean {
  return job.spec?.completionMode === 'Indexed';
}

/** The pod's generateName: `<job>-`, or `<job>-<index>-` with the job name cut to fit. */
export function podGenerateName(jobName: string, index?: number): string {
  if (index === undefined) return `${jobName}-`;
  const appendix = `-${index}-`;
  const prefix = jobName + appendix;
  return prefix.length > MAX_GENERATED_NAME_LENGTH ? jobName.slice(0, MAX_GENERATED_NAME_LENGTH - appendix.length) + appendix : prefix;
}

/** The pod the Job controller creates from the Job's template (GetPodFromTemplate + job additions). */
export function podFromTemplate(job: StoredJob, index?: number, extraAnnotations: Record<string, string> = {}): core.Pod {
  const template = structuredClone(job.spec?.template ?? {});
  const spec = (template.spec ?? { containers: [] }) as core.PodSpec;
  const labels = { ...(template.metadata?.labels ?? {}) };
  const annotations = { ...(template.metadata?.annotations ?? {}), ...extraAnnotations };
  const finalizers = [...(template.metadata?.finalizers ?? [])];
  if (!finalizers.includes(JOB_TRACKING_FINALIZER)) finalizers.push(JOB_TRACKING_FINALIZER);
  if (index !== undefined) {
    annotations[COMPLETION_INDEX_KEY] = String(index);
    labels[COMPLETION_INDEX_KEY] = String(index);
    spec.hostname = `${job.metadata.name}-${index}`;
    for (const c of [...(spec.initContainers ?? []), ...spec.containers]) {
      if ((c.env ?? []).some((e) => e.name === 'JOB_COMPLETION_INDEX')) continue;
      (c.env ??= []).push({ name: 'JOB_COMPLETION_INDEX', valueFrom: { fieldRef: { fieldPath: `metadata.labels['${COMPLETION_INDEX_KEY}']` } } });
    }
  }
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName: podGenerateName(job.metadata.name, index),
      namespace: job.metadata.namespace,
      labels,
      ...(Object.keys(annotations).length ? { annotations } : {}),
      finalizers,
      ownerReferences: [{ apiVersion: 'batch/v1', kind: 'Job', name: job.metadata.name, uid: job.metadata.uid, controller: true, blockOwnerDeletion: true }],
    },
    spec,
  };
}

/** Whether `p` is controlled by the Job with `uid`. */
export function controlledBy(p: StoredObject, uid: string): boolean {
  return (p.metadata.ownerReferences ?? []).some((o) => o.controller && o.uid === uid);
}
