// The resources a cluster serves: every built-in kind, plus the custom resources its CRDs
// define. Registration problems (two kinds claiming one resource or short name) fail at start-up.
import { coreResources } from './core/index.ts';
import { appsResources } from './apps/index.ts';
import { batchResources } from './batch/index.ts';
import { autoscalingResources } from './autoscaling/index.ts';
import { policyResources } from './policy/index.ts';
import { discoveryResources } from './discovery/index.ts';
import { eventsResources } from './events/index.ts';
import { networkingResources } from './networking/index.ts';
import { storageResources } from './storage/index.ts';
import { rbacResources } from './rbac/index.ts';
import { coordinationResources } from './coordination/index.ts';
import { authorizationResources } from './authorization/index.ts';
import { authenticationResources } from './authentication/index.ts';
import { apiextensionsResources } from './apiextensions/index.ts';
import { schedulingResources } from './scheduling/index.ts';
import type { ResourceDef, ResourceLookup } from './types.ts';

/** Built-in resources in upstream's discovery order of groups. */
export const builtinResources: readonly ResourceDef[] = [
  ...coreResources,
  ...appsResources,
  ...batchResources,
  ...autoscalingResources,
  ...policyResources,
  ...discoveryResources,
  ...eventsResources,
  ...networkingResources,
  ...storageResources,
  ...rbacResources,
  ...coordinationResources,
  ...authorizationResources,
  ...authenticationResources,
  ...apiextensionsResources,
  ...schedulingResources,
];

/** Group order as upstream's aggregator sorts /apis (priority order), used for discovery. */
export const GROUP_ORDER = [
  '',
  'apiregistration.k8s.io',
  'apps',
  'events.k8s.io',
  'authentication.k8s.io',
  'authorization.k8s.io',
  'autoscaling',
  'batch',
  'certificates.k8s.io',
  'networking.k8s.io',
  'policy',
  'rbac.authorization.k8s.io',
  'storage.k8s.io',
  'admissionregistration.k8s.io',
  'apiextensions.k8s.io',
  'scheduling.k8s.io',
  'coordination.k8s.io',
  'node.k8s.io',
  'discovery.k8s.io',
  'flowcontrol.apiserver.k8s.io',
];

function check(defs: readonly ResourceDef[]): void {
  const seen = new Map<string, ResourceDef>();
  for (const d of defs) {
    const key = `${d.group}/${d.version}/${d.resource}`;
    if (seen.has(key)) throw new Error(`resource ${key} registered twice`);
    seen.set(key, d);
  }
}

export class ResourceCatalog implements ResourceLookup {
  private defs: ResourceDef[];
  private byRes = new Map<string, ResourceDef>();
  private byKindMap = new Map<string, ResourceDef>();
  /** Bumped whenever the set of resources changes (discovery caches key on it). */
  generation = 0;

  constructor(
    private readonly builtins: readonly ResourceDef[],
    private custom: ResourceDef[] = [],
  ) {
    this.defs = [];
    this.rebuild();
  }

  private rebuild(): void {
    const all = [...this.builtins, ...this.custom];
    check(all);
    this.defs = all;
    this.byRes.clear();
    this.byKindMap.clear();
    for (const d of all) {
      const rk = `${d.group}/${d.resource}`;
      if (!this.byRes.has(rk)) this.byRes.set(rk, d);
      this.byRes.set(`${d.group}/${d.version}/${d.resource}`, d);
      const kk = `${d.group}/${d.kind}`;
      if (!this.byKindMap.has(kk)) this.byKindMap.set(kk, d);
      this.byKindMap.set(`${d.group}/${d.version}/${d.kind}`, d);
    }
    this.generation++;
  }

  /** Replaces the custom resources (from CRDs). */
  setCustom(defs: ResourceDef[]): void {
    this.custom = defs;
    this.rebuild();
  }

  byResource(group: string, resource: string, version?: string): ResourceDef | undefined {
    return version ? this.byRes.get(`${group}/${version}/${resource}`) : this.byRes.get(`${group}/${resource}`);
  }

  byKind(group: string, kind: string, version?: string): ResourceDef | undefined {
    return version ? this.byKindMap.get(`${group}/${version}/${kind}`) : this.byKindMap.get(`${group}/${kind}`);
  }

  all(): readonly ResourceDef[] {
    return this.defs;
  }
}

check(builtinResources);
