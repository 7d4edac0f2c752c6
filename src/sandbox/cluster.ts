// One sandbox cluster: its object store and resourceVersion sequence, the resources it serves
// (built-in kinds and its CRDs), its credentials, its API (the generic store behind admission)
// and its in-process controllers. Clusters share nothing but immutable definitions.
import type { KubeObject } from '../apimachinery/object.ts';
import { AdmissionChain, type AdmissionPlugin } from './admission/types.ts';
import type { Authorizer } from './auth/types.ts';
import { ResourceCatalog } from './registry/catalog.ts';
import { decodeObject } from './registry/decode.ts';
import { GenericStore, type Patcher } from './registry/generic-store.ts';
import type { FieldManager } from '../apimachinery/apply/field-manager.ts';
import type { ClusterServices, IdSource, ResourceDef, StrategyContext, UserInfo } from './registry/types.ts';
import type { SimClock } from './sim/clock.ts';
import type { ClusterRuntime } from './node/runtime.ts';
import { ObjectStore } from './storage/object-store.ts';

/** What is persisted about a cluster besides its objects. */
export interface ClusterRecord {
  id: string;
  /** Milliseconds since the epoch. */
  createdAt: number;
  /** The bearer token of the cluster's admin user (kubeconfig user). */
  adminToken: string;
  /** Secret for signing this cluster's ServiceAccount tokens. */
  tokenKey: string;
  /** How many nodes the cluster was created with. */
  nodes: number;
}

/** A cluster-scoped piece of behaviour that runs in-process (namespace lifecycle, GC, ...). */
export interface Controller {
  readonly name: string;
  start(cluster: Cluster): void;
  stop(): void;
  /** Resolves once the controller has nothing queued (tests use it to wait without sleeping). */
  idle?(): Promise<void>;
}

/** The replaceable parts a cluster is built from (the sandbox's standard set is components.ts). */
export interface ClusterComponents {
  builtins: readonly ResourceDef[];
  admission: (cluster: Cluster) => AdmissionPlugin[];
  authorizer: (cluster: Cluster) => Authorizer;
  fieldManager: FieldManager;
  patcher: Patcher;
  controllers: () => Controller[];
}

export interface ClusterDeps extends ClusterComponents {
  clock: SimClock;
  ids: IdSource;
  /** PEM of the sandbox CA, published in every namespace as kube-root-ca.crt. */
  caPem: string;
}

/** The user the kubeconfig authenticates as: cluster-admin through kubeadm's group binding. */
export const ADMIN_USER: UserInfo = {
  username: 'kubernetes-admin',
  groups: ['kubeadm:cluster-admins', 'system:authenticated'],
};

/** The identity in-process controllers act as. */
export function controllerUser(name: string): UserInfo {
  return { username: `system:serviceaccount:kube-system:${name}`, groups: ['system:serviceaccounts', 'system:serviceaccounts:kube-system', 'system:authenticated'] };
}

export const SYSTEM_USER: UserInfo = { username: 'system:apiserver', groups: ['system:masters', 'system:authenticated'] };

export class Cluster implements ClusterServices {
  readonly id: string;
  readonly store: ObjectStore;
  readonly clock: SimClock;
  readonly ids: IdSource;
  readonly resources: ResourceCatalog;
  readonly api: GenericStore;
  readonly authorizer: Authorizer;
  readonly record: ClusterRecord;
  readonly caPem: string;
  /** The live parts (kubelet, network) as they offer themselves to the HTTP layer and each other. */
  readonly runtime: ClusterRuntime = {};
  private readonly controllers: Controller[];
  private readonly admission: AdmissionChain;

  constructor(record: ClusterRecord, deps: ClusterDeps) {
    this.id = record.id;
    this.record = record;
    this.clock = deps.clock;
    this.ids = deps.ids;
    this.caPem = deps.caPem;
    this.store = new ObjectStore();
    this.resources = new ResourceCatalog(deps.builtins);
    this.admission = new AdmissionChain(deps.admission(this));
    this.authorizer = deps.authorizer(this);
    this.api = new GenericStore({
      admission: this.admission,
      fieldManager: deps.fieldManager,
      patcher: deps.patcher,
      decode: (def, obj, ctx) => decodeObject(def, obj, ctx),
      nameValidation: (def) => def.nameValidation ?? 'subdomain',
    });
    this.controllers = deps.controllers();
  }

  /** A request context for `user` (controllers pass their own identity). */
  context(user: UserInfo, opts: { dryRun?: boolean; fieldValidation?: StrategyContext['fieldValidation'] } = {}): StrategyContext {
    return { cluster: this, user, now: this.clock.now(), dryRun: opts.dryRun ?? false, warnings: [], fieldValidation: opts.fieldValidation };
  }

  startControllers(): void {
    for (const c of this.controllers) c.start(this);
  }

  stopControllers(): void {
    for (const c of this.controllers) c.stop();
  }

  /** Resolves once every controller has caught up with the writes so far (tests). */
  async settle(): Promise<void> {
    for (let i = 0; i < 50; i++) {
      const rv = this.store.currentRV();
      for (const c of this.controllers) await c.idle?.();
      await new Promise((r) => setImmediate(r));
      if (this.store.currentRV() === rv) return;
    }
  }

  /** Looks up a served resource for an object's apiVersion and kind. */
  defFor(obj: KubeObject): ResourceDef | undefined {
    const [group, version] = (obj.apiVersion ?? '').includes('/') ? obj.apiVersion!.split('/') : ['', obj.apiVersion ?? ''];
    return this.resources.byKind(group!, obj.kind ?? '', version);
  }
}
