// The RBAC policy of one cluster, indexed for authorization: every RoleBinding and
// ClusterRoleBinding resolved to its role's rules and filed under each subject it names.
// Upstream (pkg/registry/rbac/validation/rule.go DefaultRuleResolver) lists every binding on every
// request; here a request looks up only the bindings of its user, groups and ServiceAccount.
//
// A snapshot is built on first use and shared until an RBAC object of that store changes (the
// store tells its observers of every write synchronously). Recovery restores objects without
// observers, before any request, and the object counts catch that case too.
import { goQuote } from '../../apimachinery/go-format.ts';
import type { StoredObject } from '../../apimachinery/object.ts';
import type * as rbacv1 from '../../generated/k8s/rbac/v1.ts';
import type { UserInfo } from '../registry/types.ts';
import type { ObjectStore } from '../storage/object-store.ts';
import type { PolicyRule } from './policy-rule.ts';

export const CLUSTER_ROLES = 'clusterroles.rbac.authorization.k8s.io';
export const CLUSTER_ROLE_BINDINGS = 'clusterrolebindings.rbac.authorization.k8s.io';
export const ROLES = 'roles.rbac.authorization.k8s.io';
export const ROLE_BINDINGS = 'rolebindings.rbac.authorization.k8s.io';
const RBAC_RESOURCES = new Set([CLUSTER_ROLES, CLUSTER_ROLE_BINDINGS, ROLES, ROLE_BINDINGS]);

type Binding = StoredObject & { roleRef: rbacv1.RoleRef; subjects?: rbacv1.Subject[] };
type Role = StoredObject & { rules?: rbacv1.PolicyRule[] | null };

/** A binding that applies to a user, with the rules of the role it refers to. */
export interface BindingSource {
  readonly kind: 'ClusterRoleBinding' | 'RoleBinding';
  readonly binding: Binding;
  /** Position in upstream's visiting order (cluster bindings first, then by namespace/name). */
  readonly order: number;
  readonly rules: readonly PolicyRule[];
  /** Why the role could not be resolved (upstream's lister error), if it could not. */
  readonly error: string | undefined;
}

const SA_PREFIX = 'system:serviceaccount:';

/** serviceaccount.MatchesUsername. */
export function matchesServiceAccount(namespace: string, name: string, username: string): boolean {
  return username === `${SA_PREFIX}${namespace}:${name}`;
}

/** Whether a subject of a binding in `bindingNamespace` ('' for cluster bindings) names the user. */
export function appliesToUser(user: UserInfo, subject: rbacv1.Subject, bindingNamespace: string): boolean {
  switch (subject.kind) {
    case 'User':
      return user.username === subject.name;
    case 'Group':
      return user.groups.includes(subject.name);
    case 'ServiceAccount': {
      const ns = subject.namespace || bindingNamespace;
      return ns !== '' && matchesServiceAccount(ns, subject.name, user.username);
    }
    default:
      return false;
  }
}

function describeSubject(s: rbacv1.Subject, bindingNamespace: string): string {
  if (s.kind === 'ServiceAccount') return `${s.kind} ${goQuote(`${s.name}/${s.namespace || bindingNamespace}`)}`;
  return `${s.kind} ${goQuote(s.name)}`;
}

/** The source of an allow as upstream words it: `ClusterRoleBinding "x" of ClusterRole "y" to Group "z"`. */
export function describeSource(source: BindingSource, subject: rbacv1.Subject): string {
  const b = source.binding;
  if (source.kind === 'ClusterRoleBinding') {
    return `ClusterRoleBinding ${goQuote(b.metadata.name)} of ${b.roleRef.kind} ${goQuote(b.roleRef.name)} to ${describeSubject(subject, '')}`;
  }
  const ns = b.metadata.namespace ?? '';
  return `RoleBinding ${goQuote(`${b.metadata.name}/${ns}`)} of ${b.roleRef.kind} ${goQuote(b.roleRef.name)} to ${describeSubject(subject, ns)}`;
}

/** Bindings filed under the subjects they name. */
class SubjectIndex {
  private readonly users = new Map<string, BindingSource[]>();
  private readonly groups = new Map<string, BindingSource[]>();
  /** Keyed `namespace\0name`. */
  private readonly serviceAccounts = new Map<string, BindingSource[]>();

  add(source: BindingSource, bindingNamespace: string): void {
    for (const s of source.binding.subjects ?? []) {
      if (s.kind === 'User') push(this.users, s.name, source);
      else if (s.kind === 'Group') push(this.groups, s.name, source);
      else if (s.kind === 'ServiceAccount') {
        const ns = s.namespace || bindingNamespace;
        if (ns) push(this.serviceAccounts, `${ns}\u0000${s.name}`, source);
      }
    }
  }

  /** Bindings that may apply to the user, in visiting order, each once. */
  candidates(user: UserInfo): BindingSource[] {
    const found = new Set<BindingSource>();
    for (const b of this.users.get(user.username) ?? []) found.add(b);
    for (const g of user.groups) for (const b of this.groups.get(g) ?? []) found.add(b);
    if (user.username.startsWith(SA_PREFIX)) {
      const rest = user.username.slice(SA_PREFIX.length);
      for (let i = rest.indexOf(':'); i >= 0; i = rest.indexOf(':', i + 1)) {
        for (const b of this.serviceAccounts.get(`${rest.slice(0, i)}\u0000${rest.slice(i + 1)}`) ?? []) found.add(b);
      }
    }
    const out = [...found];
    if (out.length > 1) out.sort((a, b) => a.order - b.order);
    return out;
  }
}

function push(map: Map<string, BindingSource[]>, key: string, source: BindingSource): void {
  const list = map.get(key);
  if (list) {
    if (list[list.length - 1] !== source) list.push(source);
  } else map.set(key, [source]);
}

/** A binding that applies to a user, through the first of its subjects that names them. */
export interface Applicable {
  readonly source: BindingSource;
  readonly subject: rbacv1.Subject;
  /** describeSource(source, subject), computed on first use. */
  described?: string;
}

export type RuleVisitor = (applicable: Applicable, rule: PolicyRule) => boolean;

/** How many users' applicable bindings a snapshot remembers before it starts over. */
const USER_CACHE_LIMIT = 512;

export class RbacSnapshot {
  private readonly cluster = new SubjectIndex();
  private readonly namespaces = new Map<string, SubjectIndex>();
  /** Per user (name and groups) and namespace: the bindings that apply, in visiting order. */
  private readonly applicableCache = new Map<string, Applicable[]>();

  constructor(store: ObjectStore) {
    let order = 0;
    for (const b of store.list(CLUSTER_ROLE_BINDINGS) as Binding[]) {
      this.cluster.add(resolve(store, 'ClusterRoleBinding', b, order++), '');
    }
    for (const b of store.list(ROLE_BINDINGS) as Binding[]) {
      const ns = b.metadata.namespace ?? '';
      let index = this.namespaces.get(ns);
      if (!index) this.namespaces.set(ns, (index = new SubjectIndex()));
      index.add(resolve(store, 'RoleBinding', b, order++), ns);
    }
  }

  /** The bindings that apply to the user in the namespace: cluster bindings first, then the namespace's. */
  applicable(user: UserInfo, namespace: string): readonly Applicable[] {
    const key = `${namespace}\u0000${user.username}\u0000${user.groups.join('\u0000')}`;
    const cached = this.applicableCache.get(key);
    if (cached) return cached;
    const sources = this.cluster.candidates(user);
    if (namespace) {
      const local = this.namespaces.get(namespace);
      if (local) sources.push(...local.candidates(user));
    }
    const out: Applicable[] = [];
    for (const source of sources) {
      const ns = source.kind === 'RoleBinding' ? (source.binding.metadata.namespace ?? '') : '';
      const subject = (source.binding.subjects ?? []).find((s) => appliesToUser(user, s, ns));
      if (subject) out.push({ source, subject });
    }
    if (this.applicableCache.size >= USER_CACHE_LIMIT) this.applicableCache.clear();
    this.applicableCache.set(key, out);
    return out;
  }

  /**
   * Calls `visit` with each rule that applies to the user in the namespace (cluster bindings
   * first) until it returns false, and `onError` with each role that could not be resolved.
   */
  visitRulesFor(user: UserInfo, namespace: string, visit: RuleVisitor, onError: (message: string) => void): void {
    for (const a of this.applicable(user, namespace)) {
      if (a.source.error !== undefined) {
        onError(a.source.error);
        continue;
      }
      for (const rule of a.source.rules) if (!visit(a, rule)) return;
    }
  }

  /** Every rule that applies to the user in the namespace, and the resolution errors. */
  rulesFor(user: UserInfo, namespace: string): { rules: PolicyRule[]; errors: string[] } {
    const rules: PolicyRule[] = [];
    const errors: string[] = [];
    this.visitRulesFor(
      user,
      namespace,
      (_a, rule) => {
        rules.push(rule);
        return true;
      },
      (e) => errors.push(e),
    );
    return { rules, errors };
  }
}

/** GetRoleReferenceRules, with the lister's NotFound wording. */
function resolve(store: ObjectStore, kind: BindingSource['kind'], binding: Binding, order: number): BindingSource {
  const ref = binding.roleRef;
  let rules: readonly PolicyRule[] = [];
  let error: string | undefined;
  if (ref?.kind === 'ClusterRole') {
    const role = store.get(CLUSTER_ROLES, undefined, ref.name) as Role | undefined;
    if (role) rules = role.rules ?? [];
    else error = `clusterrole.rbac.authorization.k8s.io ${goQuote(ref.name)} not found`;
  } else if (ref?.kind === 'Role') {
    const role = kind === 'RoleBinding' ? (store.get(ROLES, binding.metadata.namespace, ref.name) as Role | undefined) : undefined;
    if (role) rules = role.rules ?? [];
    else error = `role.rbac.authorization.k8s.io ${goQuote(ref.name)} not found`;
  } else {
    error = `unsupported role reference kind: ${goQuote(ref?.kind ?? '')}`;
  }
  return { kind, binding, order, rules, error };
}

interface CacheEntry {
  snapshot: RbacSnapshot | undefined;
  /** Object counts of the RBAC resources when the snapshot was built. */
  counts: readonly number[];
}

const cache = new WeakMap<ObjectStore, CacheEntry>();
const RBAC_LIST = [...RBAC_RESOURCES];

/** The store's current RBAC snapshot, rebuilt only after an RBAC object changed. */
export function rbacSnapshot(store: ObjectStore): RbacSnapshot {
  let entry = cache.get(store);
  if (!entry) {
    const e: CacheEntry = { snapshot: undefined, counts: [] };
    store.observe((ev) => {
      if (RBAC_RESOURCES.has(ev.resource)) e.snapshot = undefined;
    });
    cache.set(store, (entry = e));
  }
  const counts = entry.counts;
  if (!entry.snapshot || RBAC_LIST.some((r, i) => store.count(r) !== counts[i])) {
    entry.snapshot = new RbacSnapshot(store);
    entry.counts = RBAC_LIST.map((r) => store.count(r));
  }
  return entry.snapshot;
}
