// The PodSecurity admission plugin (upstream k8s.io/pod-security-admission/admission, with
// kube-apiserver's defaults: privileged:latest for every mode, no exemptions). It validates
//  - namespaces: pod-security.kubernetes.io labels must be valid (422 on create, and on update
//    when the errors change); tightening the enforce level warns about existing pods that would
//    violate it;
//  - pods: the enforce level rejects (`pods "x" is forbidden: violates PodSecurity ...`), the warn
//    level adds a `would violate PodSecurity` warning;
//  - workload kinds with a pod template: warnings only, never a rejection.
// The audit mode is parsed (and its label validated) but the sandbox keeps no audit log.
import { forbidden, invalid } from '../../../apimachinery/errors.ts';
import { deepEqual } from '../../../apimachinery/object.ts';
import { goQuote } from '../../../apimachinery/go-format.ts';
import type * as corev1 from '../../../generated/k8s/core/v1.ts';
import type { AdmissionAttributes, AdmissionPlugin } from '../types.ts';
import { compareLevels, fullyPrivileged, levelVersionString, type Policy, policyToEvaluate, sameLevelVersion, sameVersion } from './api.ts';
import { aggregateCheckResults, type AggregateCheckResult, forbiddenDetail, type PodMetadata, type PodSpec } from './check.ts';
import { defaultChecks } from './checks/index.ts';
import { PolicyEvaluator } from './evaluator.ts';
import { evaluatePodsInNamespace } from './namespace-pods.ts';
import { hasPodTemplate, podTemplateOf } from './pod-template.ts';
import { isSignificantPodUpdate } from './pod-update.ts';

const evaluator = new PolicyEvaluator(defaultChecks);

/** Pod subresources that cannot change what the policy inspects. */
const IGNORED_POD_SUBRESOURCES = new Set(['exec', 'attach', 'binding', 'eviction', 'log', 'portforward', 'proxy', 'status']);

type Pod = corev1.Pod & { metadata: { name: string } };

function labelsOf(obj: unknown): Record<string, string> | undefined {
  return (obj as { metadata?: { labels?: Record<string, string> } } | undefined)?.metadata?.labels;
}

function namespacePolicy(a: AdmissionAttributes): ReturnType<typeof policyToEvaluate> | undefined {
  const ns = a.namespace ? a.ctx.cluster.store.get('namespaces', undefined, a.namespace) : undefined;
  return ns ? policyToEvaluate(labelsOf(ns)) : undefined;
}

function validateNamespace(a: AdmissionAttributes): void {
  if (a.subresource !== '') return;
  const next = policyToEvaluate(labelsOf(a.object));
  if (a.operation === 'CREATE') {
    if (next.errors.length) throw invalid(a.def, a.name, next.errors);
    return;
  }
  const prev = policyToEvaluate(labelsOf(a.oldObject));
  const render = (r: typeof next) => r.errors.map((e) => e.toString());
  if (next.errors.length && (prev.errors.length === 0 || !deepEqual(render(next), render(prev)))) throw invalid(a.def, a.name, next.errors);
  const [enforce, before] = [next.policy.enforce, prev.policy.enforce];
  if (sameLevelVersion(enforce, before) || enforce.level === 'privileged') return;
  // Relaxing the level at the same version cannot make existing pods violate it.
  if (sameVersion(enforce.version, before.version) && compareLevels(enforce.level, before.level) < 1) return;
  const pods = a.ctx.cluster.store.list('pods', a.name) as Pod[];
  a.ctx.warnings.push(...evaluatePodsInNamespace(evaluator, a.name, pods, enforce));
}

/** Upstream EvaluatePod: enforce (pods only) rejects; warn adds a warning to an allowed request. */
function evaluate(a: AdmissionAttributes, policy: Policy, meta: PodMetadata | undefined, spec: PodSpec, enforce: boolean): void {
  const results = new Map<string, AggregateCheckResult>();
  const run = (lv: Policy['enforce']) => {
    const key = levelVersionString(lv);
    let r = results.get(key);
    if (!r) results.set(key, (r = aggregateCheckResults(evaluator.evaluatePod(lv, meta, spec))));
    return r;
  };
  if (enforce) {
    const r = run(policy.enforce);
    if (!r.allowed) {
      throw forbidden({ group: a.def.group, resource: a.def.resource }, a.name, `violates PodSecurity ${goQuote(levelVersionString(policy.enforce))}: ${forbiddenDetail(r)}`);
    }
  }
  const w = run(policy.warn);
  if (!w.allowed) a.ctx.warnings.push(`would violate PodSecurity ${goQuote(levelVersionString(policy.warn))}: ${forbiddenDetail(w)}`);
}

function validatePod(a: AdmissionAttributes): void {
  if (IGNORED_POD_SUBRESOURCES.has(a.subresource)) return;
  const ns = namespacePolicy(a);
  if (!ns || (ns.errors.length === 0 && fullyPrivileged(ns.policy))) return;
  const pod = a.object as Pod;
  if (a.operation === 'UPDATE' && a.oldObject && !isSignificantPodUpdate(pod, a.oldObject as Pod)) return;
  evaluate(a, ns.policy, pod.metadata, pod.spec ?? { containers: [] }, true);
}

function validatePodController(a: AdmissionAttributes): void {
  if (a.subresource !== '') return;
  const ns = namespacePolicy(a);
  if (!ns || (ns.errors.length === 0 && ns.policy.warn.level === 'privileged' && ns.policy.audit.level === 'privileged')) return;
  const template = podTemplateOf(a.def.group, a.def.resource, a.object!);
  if (template) evaluate(a, ns.policy, template.meta, template.spec, false);
}

export const podSecurityAdmission: AdmissionPlugin = {
  name: 'PodSecurity',
  validate(a) {
    if ((a.operation !== 'CREATE' && a.operation !== 'UPDATE') || !a.object) return;
    const { group, resource } = a.def;
    if (group === '' && resource === 'namespaces') validateNamespace(a);
    else if (group === '' && resource === 'pods') validatePod(a);
    else if (hasPodTemplate(group, resource)) validatePodController(a);
  },
};
