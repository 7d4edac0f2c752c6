// Which evaluator accounts for a group/resource (upstream pkg/quota/v1/evaluator/core registry and
// pkg/quota/v1/install): pods, services and claims have their own; configmaps, secrets,
// replicationcontrollers and resourcequotas are counted under their legacy names as well; every
// other stored, namespaced resource is counted as `count/<resource>.<group>`. Events and the
// review/virtual resources are never quota'd.
import type { ResourceDef, ResourceLookup, Verb } from '../../registry/types.ts';
import type { QuotaEvaluator } from './evaluator.ts';
import { objectCountEvaluator } from './object-count-evaluator.ts';
import { podEvaluator } from './pod-evaluator.ts';
import { pvcEvaluator } from './pvc-evaluator.ts';
import { serviceEvaluator } from './service-evaluator.ts';

const IGNORED = new Set([
  '/bindings',
  '/componentstatuses',
  'authentication.k8s.io/tokenreviews',
  'authentication.k8s.io/selfsubjectreviews',
  'authorization.k8s.io/subjectaccessreviews',
  'authorization.k8s.io/selfsubjectaccessreviews',
  'authorization.k8s.io/localsubjectaccessreviews',
  'authorization.k8s.io/selfsubjectrulesreviews',
  '/events',
  'events.k8s.io/events',
]);

const LEGACY_ALIASES: Record<string, string> = {
  configmaps: 'configmaps',
  secrets: 'secrets',
  replicationcontrollers: 'replicationcontrollers',
  resourcequotas: 'resourcequotas',
};

const SPECIAL: readonly QuotaEvaluator[] = [podEvaluator, serviceEvaluator, pvcEvaluator];

const grKey = (group: string, resource: string) => `${group}/${resource}`;

export function isIgnored(group: string, resource: string): boolean {
  return IGNORED.has(grKey(group, resource));
}

/** The evaluator for a group/resource, or undefined when quota ignores it. */
export function evaluatorFor(group: string, resource: string): QuotaEvaluator | undefined {
  if (isIgnored(group, resource)) return undefined;
  const special = SPECIAL.find((e) => e.group === group && e.resource === resource);
  if (special) return special;
  return objectCountEvaluator(group, resource, group === '' ? LEGACY_ALIASES[resource] : undefined);
}

const QUOTABLE_VERBS: readonly Verb[] = ['create', 'list', 'watch', 'delete'];

/** Quotable resources (upstream GetQuotableResources): stored, namespaced, and supporting create, list, watch and delete. */
function quotable(def: ResourceDef): boolean {
  return def.namespaced && !def.virtual && QUOTABLE_VERBS.every((v) => def.verbs.includes(v));
}

/** One evaluator per quotable group/resource the cluster serves, each with the ResourceDef to list objects by. */
export function clusterEvaluators(resources: ResourceLookup): Array<{ evaluator: QuotaEvaluator; def: ResourceDef }> {
  const seen = new Set<string>();
  const out: Array<{ evaluator: QuotaEvaluator; def: ResourceDef }> = [];
  for (const def of resources.all()) {
    const key = grKey(def.group, def.resource);
    if (seen.has(key) || !quotable(def)) continue;
    seen.add(key);
    const evaluator = evaluatorFor(def.group, def.resource);
    if (evaluator) out.push({ evaluator, def });
  }
  return out;
}
