// The default RBAC policy of a fresh cluster: upstream's bootstrap ClusterRoles, Roles and their
// bindings (spec/kubernetes/bootstrap-policy/, see its README), plus kubeadm's binding of the
// kubeconfig user's group to cluster-admin. The aggregated roles (admin, edit, view) are emitted
// already aggregated, as the aggregation controller leaves them.
//
// The policy is loaded and built once per process; every cluster gets its own top-level objects
// and metadata (name, uid, creationTimestamp) but shares the immutable parts (rules, subjects,
// roleRef, labels, annotations): stored objects are never mutated.
import { readFileSync } from 'node:fs';
import type { KubeObject } from '../../apimachinery/object.ts';
import type * as rbacv1 from '../../generated/k8s/rbac/v1.ts';
import { aggregateAll } from '../controllers/clusterrole-aggregation/aggregate.ts';
import type { BootstrapContext, BootstrapObject } from './types.ts';

const DIR = new URL('../../../spec/kubernetes/bootstrap-policy/', import.meta.url);
const RBAC_GROUP = 'rbac.authorization.k8s.io';
const API_VERSION = `${RBAC_GROUP}/v1`;

type RuleEntry = rbacv1.PolicyRule | 'events';

interface RoleEntry {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  aggregationRule?: rbacv1.AggregationRule;
  rules?: RuleEntry[];
}

interface BindingEntry {
  name: string;
  namespace?: string;
  /** The role bound, when its name differs from the binding's. */
  role?: string;
  subjects?: rbacv1.Subject[];
}

/** One object of the policy: everything but the per-cluster metadata. */
interface Template {
  resource: string;
  kind: string;
  name: string;
  namespace?: string;
  labels?: Readonly<Record<string, string>>;
  annotations?: Readonly<Record<string, string>>;
  body: Readonly<Record<string, unknown>>;
}

const EVENTS_RULE: rbacv1.PolicyRule = { apiGroups: ['', 'events.k8s.io'], resources: ['events'], verbs: ['create', 'patch', 'update'] };
const BOOTSTRAP_LABELS = Object.freeze({ 'kubernetes.io/bootstrapping': 'rbac-defaults' });
const AUTOUPDATE = Object.freeze({ 'rbac.authorization.kubernetes.io/autoupdate': 'true' });

function load<T>(file: string): T {
  return JSON.parse(readFileSync(new URL(file, DIR), 'utf8')) as T;
}

function labelsOf(extra: Record<string, string> | undefined): Readonly<Record<string, string>> {
  return extra ? Object.freeze({ ...BOOTSTRAP_LABELS, ...extra }) : BOOTSTRAP_LABELS;
}

/** Subjects as the API stores them: User and Group carry the RBAC API group. */
function subjects(list: rbacv1.Subject[] | undefined): rbacv1.Subject[] | undefined {
  return list?.map((s) => (s.kind === 'ServiceAccount' || s.apiGroup ? s : { apiGroup: RBAC_GROUP, ...s }));
}

function roleTemplate(kind: 'ClusterRole' | 'Role', e: RoleEntry): Template {
  const body: Record<string, unknown> = {};
  if (e.aggregationRule) body.aggregationRule = e.aggregationRule;
  body.rules = e.rules ? e.rules.map((r) => (r === 'events' ? EVENTS_RULE : r)) : null;
  return {
    resource: kind === 'ClusterRole' ? `clusterroles.${RBAC_GROUP}` : `roles.${RBAC_GROUP}`,
    kind,
    name: e.name,
    namespace: e.namespace,
    labels: labelsOf(e.labels),
    annotations: AUTOUPDATE,
    body,
  };
}

function bindingTemplate(kind: 'ClusterRoleBinding' | 'RoleBinding', e: BindingEntry, labelled = true): Template {
  const roleRef = { apiGroup: RBAC_GROUP, kind: kind === 'ClusterRoleBinding' ? 'ClusterRole' : 'Role', name: e.role ?? e.name };
  const body: Record<string, unknown> = { roleRef };
  const s = subjects(e.subjects);
  if (s) body.subjects = s;
  return {
    resource: kind === 'ClusterRoleBinding' ? `clusterrolebindings.${RBAC_GROUP}` : `rolebindings.${RBAC_GROUP}`,
    kind,
    name: e.name,
    namespace: e.namespace,
    labels: labelled ? BOOTSTRAP_LABELS : undefined,
    annotations: labelled ? AUTOUPDATE : undefined,
    body,
  };
}

function deepFreeze<T>(v: T): T {
  if (v && typeof v === 'object' && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of Object.values(v as object)) deepFreeze(x);
  }
  return v;
}

function buildTemplates(): Template[] {
  const clusterRoles = [...load<RoleEntry[]>('cluster-roles.json'), ...load<RoleEntry[]>('controller-roles.json')].map((e) => roleTemplate('ClusterRole', e));
  // Aggregated roles start as the controller leaves them.
  const aggregated = aggregateAll(
    clusterRoles.map((t) => ({
      metadata: { name: t.name, labels: { ...t.labels } },
      rules: t.body.rules as rbacv1.PolicyRule[] | null,
      aggregationRule: t.body.aggregationRule as rbacv1.AggregationRule | undefined,
    })),
  );
  for (const t of clusterRoles) {
    const rules = aggregated.get(t.name);
    if (rules) t.body = { ...t.body, rules };
  }
  const controllerBindings = load<RoleEntry[]>('controller-roles.json').map((e) =>
    bindingTemplate('ClusterRoleBinding', {
      name: e.name,
      subjects: [{ kind: 'ServiceAccount', name: e.name.slice('system:controller:'.length), namespace: 'kube-system' }],
    }),
  );
  const kubeadm = load<{ clusterRoleBindings: BindingEntry[] }>('kubeadm.json');
  const templates = [
    ...clusterRoles,
    ...[...load<BindingEntry[]>('cluster-role-bindings.json').map((e) => bindingTemplate('ClusterRoleBinding', e)), ...controllerBindings],
    ...kubeadm.clusterRoleBindings.map((e) => bindingTemplate('ClusterRoleBinding', e, false)),
    ...load<RoleEntry[]>('namespace-roles.json').map((e) => roleTemplate('Role', e)),
    ...load<BindingEntry[]>('namespace-role-bindings.json').map((e) => bindingTemplate('RoleBinding', e)),
  ];
  return deepFreeze(templates);
}

let templates: Template[] | undefined;

/** The policy's objects without per-cluster metadata (built on first use, then shared). */
export function rbacPolicyTemplates(): readonly Template[] {
  return (templates ??= buildTemplates());
}

export function rbacPolicy(ctx: BootstrapContext): BootstrapObject[] {
  return rbacPolicyTemplates().map((t) => {
    const metadata: Record<string, unknown> = { name: t.name };
    if (t.namespace) metadata.namespace = t.namespace;
    metadata.uid = ctx.ids.uid();
    metadata.creationTimestamp = ctx.timestamp;
    if (t.labels) metadata.labels = t.labels;
    if (t.annotations) metadata.annotations = t.annotations;
    return { resource: t.resource, object: { apiVersion: API_VERSION, kind: t.kind, metadata, ...t.body } as KubeObject };
  });
}
