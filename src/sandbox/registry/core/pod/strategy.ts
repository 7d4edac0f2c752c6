// Pod strategies (upstream pkg/registry/core/pod/strategy.go): create starts the pod Pending
// with its QoS class; updates keep status (and /status keeps spec); generation follows spec
// changes; deletion is immediate for unscheduled or finished pods, graceful otherwise.
import type * as core from '../../../../generated/k8s/core/v1.ts';
import { deepEqual } from '../../../../apimachinery/object.ts';
import { isDNS1123Label } from '../../../../apimachinery/validation/names.ts';
import type { DeleteOptions, Strategy, StrategyContext } from '../../types.ts';
import { warningsForPodSpec } from '../shared/pod-spec-warnings.ts';
import { validateAppArmorProfile } from '../shared/pod-spec-security.ts';
import { path } from '../../../../apimachinery/field-errors.ts';
import { updatePodCondition } from './conditions.ts';
import { computePodQOS } from './qos.ts';
import { type Pod, validatePodCreate, validatePodStatusUpdate, validatePodUpdate } from './validation.ts';

/** applySchedulingGatedCondition: gated pods say why they wait. */
function applySchedulingGatedCondition(pod: Pod, now: number): void {
  if (!pod.spec?.schedulingGates?.length) return;
  const status = (pod.status ??= {});
  if ((status.conditions ?? []).some((c) => c.type === 'PodScheduled')) return;
  updatePodCondition(status, { type: 'PodScheduled', status: 'False', reason: 'SchedulingGated', message: 'Scheduling is blocked due to non-empty scheduling gates' }, now);
}

function applyLabelKeys(selector: NonNullable<core.PodAffinityTerm['labelSelector']>, keys: string[] | undefined, operator: 'In' | 'NotIn', labels: Record<string, string>): void {
  for (const key of keys ?? []) {
    if (!(key in labels)) continue;
    (selector.matchExpressions ??= []).push({ key, operator, values: [labels[key]!] });
  }
}

/** mutatePodAffinity and mutateTopologySpreadConstraints: matchLabelKeys become selector requirements. */
function mergeLabelKeys(pod: Pod): void {
  const labels = pod.metadata.labels ?? {};
  const terms: core.PodAffinityTerm[] = [];
  for (const a of [pod.spec?.affinity?.podAffinity, pod.spec?.affinity?.podAntiAffinity]) {
    if (!a) continue;
    terms.push(...(a.requiredDuringSchedulingIgnoredDuringExecution ?? []));
    for (const w of a.preferredDuringSchedulingIgnoredDuringExecution ?? []) if (w.podAffinityTerm) terms.push(w.podAffinityTerm);
  }
  for (const t of terms) {
    if (!t.labelSelector || (!t.matchLabelKeys?.length && !t.mismatchLabelKeys?.length)) continue;
    applyLabelKeys(t.labelSelector, t.matchLabelKeys, 'In', labels);
    applyLabelKeys(t.labelSelector, t.mismatchLabelKeys, 'NotIn', labels);
  }
  for (const c of pod.spec?.topologySpreadConstraints ?? []) {
    if (c.labelSelector && c.matchLabelKeys?.length) applyLabelKeys(c.labelSelector, c.matchLabelKeys, 'In', labels);
  }
}

const APPARMOR_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

function appArmorFieldFor(annotation: string): core.AppArmorProfile | undefined {
  if (annotation === 'runtime/default') return { type: 'RuntimeDefault' };
  if (annotation === 'unconfined') return { type: 'Unconfined' };
  if (annotation.startsWith('localhost/')) return { type: 'Localhost', localhostProfile: annotation.slice('localhost/'.length) };
  return undefined;
}

/** applyAppArmorVersionSkew: deprecated container annotations are copied into the fields, with a warning. */
function applyAppArmorVersionSkew(pod: Pod, ctx: StrategyContext): void {
  const spec = pod.spec;
  if (!spec || spec.os?.name === 'windows') return;
  const podProfile = spec.securityContext?.appArmorProfile;
  const annotations = pod.metadata.annotations ?? {};
  for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? []), ...(spec.ephemeralContainers ?? [])]) {
    const key = APPARMOR_PREFIX + c.name;
    const annotation = annotations[key];
    if (annotation === undefined || c.securityContext?.appArmorProfile) continue;
    let field = appArmorFieldFor(annotation);
    if (field && validateAppArmorProfile(field, path('x')).length) field = undefined;
    let warn = field === undefined;
    if (field && !deepEqual(field, podProfile)) {
      c.securityContext = { ...c.securityContext, appArmorProfile: field };
      warn = true;
    }
    if (warn) ctx.warnings.push(`${path('metadata', 'annotations').key(key)}: deprecated since v1.30; use the "appArmorProfile" field instead`);
  }
}

/** PodStrategy.CheckGracefulDelete: the grace period, 0 when the pod never ran or has finished. */
export function podGracePeriod(pod: Pod, options: DeleteOptions): number {
  let period = options.gracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 0;
  if (!pod.spec?.nodeName) period = 0;
  const phase = pod.status?.phase;
  if (phase === 'Failed' || phase === 'Succeeded') period = 0;
  if (period < 0) period = 1;
  options.gracePeriodSeconds = period;
  return period;
}

export const podStrategy: Strategy<Pod> = {
  prepareForCreate(pod, ctx) {
    pod.metadata.generation = 1;
    pod.status = { phase: 'Pending', qosClass: computePodQOS(pod.spec) };
    applySchedulingGatedCondition(pod, ctx.now);
    mergeLabelKeys(pod);
    applyAppArmorVersionSkew(pod, ctx);
  },
  prepareForUpdate(pod, old) {
    pod.status = old.status;
    if (!deepEqual(pod.spec, old.spec)) pod.metadata.generation = (pod.metadata.generation ?? 0) + 1;
  },
  // Upstream runs mutating admission before PrepareForCreate; here admission comes after it, so
  // the class is computed again once LimitRanger may have added requests and limits.
  beforeCreate(pod) {
    if (pod.status) pod.status.qosClass = computePodQOS(pod.spec);
  },
  validate: (pod) => validatePodCreate(pod),
  validateUpdate: (pod, old) => validatePodUpdate(pod, old),
  warningsOnCreate(pod) {
    const warnings: string[] = [];
    const msgs = isDNS1123Label(pod.metadata.name ?? '');
    if (msgs.length) warnings.push(`metadata.name: this is used in the Pod's hostname, which can result in surprising behavior; a DNS label is recommended: [${msgs.join(' ')}]`);
    warnings.push(...warningsForPodSpec(pod.spec, pod.metadata));
    return warnings;
  },
  allowCreateOnUpdate: false,
  allowUnconditionalUpdate: true,
  checkGracefulDelete: (pod, options) => podGracePeriod(pod, options),
};

/** Keeps observedGeneration values a writer leaves out (upstream preserveOldObservedGeneration). */
function preserveObservedGeneration(pod: Pod, old: Pod): void {
  const status = pod.status;
  if (!status) return;
  if (!status.observedGeneration && old.status?.observedGeneration) status.observedGeneration = old.status.observedGeneration;
  const previous = new Map<string, number[]>();
  for (const c of old.status?.conditions ?? []) previous.set(c.type, [...(previous.get(c.type) ?? []), c.observedGeneration ?? 0]);
  for (const c of status.conditions ?? []) {
    const list = previous.get(c.type) ?? [];
    const g = list.shift() ?? 0;
    if (!c.observedGeneration && g) c.observedGeneration = g;
  }
}

export const podStatusStrategy: Strategy<Pod> = {
  prepareForUpdate(pod, old) {
    pod.spec = old.spec;
    if (old.metadata.ownerReferences) pod.metadata.ownerReferences = old.metadata.ownerReferences;
    else delete pod.metadata.ownerReferences;
    const status = (pod.status ??= {});
    if (!status.qosClass && old.status?.qosClass) status.qosClass = old.status.qosClass;
    preserveObservedGeneration(pod, old);
  },
  validateUpdate: (pod, old) => validatePodStatusUpdate(pod, old),
  allowCreateOnUpdate: false,
  allowUnconditionalUpdate: true,
};

/** ToSelectableFields: what `--field-selector` can match on pods. */
export function podFieldLabels(pod: Pod): Record<string, string> {
  return {
    'spec.nodeName': pod.spec?.nodeName ?? '',
    'spec.restartPolicy': pod.spec?.restartPolicy ?? '',
    'spec.schedulerName': pod.spec?.schedulerName ?? '',
    'spec.serviceAccountName': pod.spec?.serviceAccountName ?? '',
    'spec.hostNetwork': String(pod.spec?.hostNetwork ?? false),
    'status.phase': pod.status?.phase ?? '',
    'status.podIP': pod.status?.podIPs?.[0]?.ip ?? '',
    'status.nominatedNodeName': pod.status?.nominatedNodeName ?? '',
  };
}
