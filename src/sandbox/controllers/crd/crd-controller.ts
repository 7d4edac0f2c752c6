// The CRD controller: gives CustomResourceDefinitions their accepted names and conditions
// (NamesAccepted, Established, KubernetesAPIApprovalPolicyConformant), serves the custom
// resources of established CRDs in this cluster (ResourceCatalog.setCustom), and finalizes
// deleted CRDs by deleting their custom resources before removing the cleanup finalizer.
//
// The served set is recomputed synchronously whenever a CRD is written (and at start, which
// follows recovery), so a request never sees a catalog older than the CRDs it can read.
import { StatusError } from '../../../apimachinery/errors.ts';
import { deepClone, type StoredObject } from '../../../apimachinery/object.ts';
import type { Cluster } from '../../cluster.ts';
import { SYSTEM_USER } from '../../cluster.ts';
import { setCondition } from '../../registry/apiextensions/customresourcedefinition/conditions.ts';
import { CLEANUP_FINALIZER, type CustomResourceDefinition } from '../../registry/apiextensions/customresourcedefinition/types.ts';
import { builtinResources } from '../../registry/catalog.ts';
import { customResourceDef } from '../../registry/custom/resource-def.ts';
import { CRD_STORAGE_KEY } from '../../registry/custom/strategy.ts';
import type { CustomResourceVersion } from '../../registry/custom/version.ts';
import type { ResourceDef } from '../../registry/types.ts';
import type { StoreEvent } from '../../storage/object-store.ts';
import { type Enqueue, QueueController } from '../queue-controller.ts';
import { desiredStatus, finalizeStep, servedVersions } from './plan.ts';

const MANAGER = 'kube-apiserver';
const builtinKeys = new Set(builtinResources.map((d) => `${d.group}/${d.resource}`));

function rfc3339(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

export class CRDController extends QueueController {
  readonly name = 'customresourcedefinitions';
  /** Built definitions by a key of everything they depend on, so unchanged CRDs keep their defs. */
  private defs = new Map<string, ResourceDef>();
  private servedKey = '';
  /** Storage keys of custom resources whose CRD is being deleted. */
  private finalizing = new Map<string, string>();

  protected initial(cluster: Cluster, enqueue: Enqueue): void {
    this.serve(cluster);
    for (const crd of this.crds(cluster)) enqueue(crd.metadata.name ?? '');
  }

  protected changed(cluster: Cluster, ev: StoreEvent, enqueue: Enqueue): void {
    if (ev.resource === CRD_STORAGE_KEY) {
      this.serve(cluster);
      for (const crd of this.crds(cluster)) if (crd.spec?.group === (ev.object as CustomResourceDefinition).spec?.group) enqueue(crd.metadata.name ?? '');
    } else {
      const crdName = this.finalizing.get(ev.resource);
      if (crdName) enqueue(crdName);
    }
  }

  private crds(cluster: Cluster): CustomResourceDefinition[] {
    return cluster.store.list(CRD_STORAGE_KEY) as unknown as CustomResourceDefinition[];
  }

  /** Registers the custom resources of every established CRD with the cluster's catalog. */
  private serve(cluster: Cluster): void {
    // Runs inside the store's write (observers are synchronous): it must never throw there.
    try {
      this.register(cluster);
    } catch (e) {
      console.error('kubecamp CRD controller: cannot serve custom resources:', e);
    }
  }

  private register(cluster: Cluster): void {
    const versions: CustomResourceVersion[] = [];
    const claimed = new Set<string>();
    for (const crd of this.crds(cluster)) {
      for (const v of servedVersions(crd)) {
        const key = `${v.group}/${v.plural}`;
        // A CRD never shadows a built-in resource (upstream OverlappingBuiltInResources).
        if (builtinKeys.has(key)) continue;
        const vKey = `${key}/${v.version}`;
        if (claimed.has(vKey)) continue;
        claimed.add(vKey);
        versions.push(v);
      }
    }
    const keyed = versions.map((v) => [JSON.stringify(v), v] as const);
    const servedKey = keyed.map(([k]) => k).join('\n');
    if (servedKey === this.servedKey) return;
    const next = new Map<string, ResourceDef>();
    for (const [k, v] of keyed) next.set(k, this.defs.get(k) ?? customResourceDef(v));
    this.defs = next;
    this.servedKey = servedKey;
    cluster.resources.setCustom([...next.values()]);
  }

  private crdDef(cluster: Cluster): ResourceDef {
    return cluster.resources.byResource('apiextensions.k8s.io', 'customresourcedefinitions')!;
  }

  private async writeStatus(cluster: Cluster, current: CustomResourceDefinition, mutate: (crd: CustomResourceDefinition) => void): Promise<void> {
    const next = deepClone(current);
    mutate(next);
    try {
      await cluster.api.update(cluster.context(SYSTEM_USER), this.crdDef(cluster), undefined, current.metadata.name ?? '', next as unknown as StoredObject, {
        fieldManager: MANAGER,
        subresource: 'status',
      });
    } catch (e) {
      // Deleted or changed meanwhile: the write that did it queues the CRD again.
      if (e instanceof StatusError && (e.code === 404 || e.code === 409)) return;
      throw e;
    }
  }

  protected async sync(cluster: Cluster, name: string): Promise<void> {
    const crd = cluster.store.get(CRD_STORAGE_KEY, undefined, name) as unknown as CustomResourceDefinition | undefined;
    if (!crd) return;
    const now = rfc3339(cluster.clock.now());
    const status = desiredStatus(crd, this.crds(cluster), now);
    if (status) {
      await this.writeStatus(cluster, crd, (c) => {
        c.status = status;
      });
      return;
    }
    await this.finalize(cluster, crd, now);
  }

  private async finalize(cluster: Cluster, crd: CustomResourceDefinition, now: string): Promise<void> {
    const def = [...this.defs.values()].find((d) => `${d.resource}.${d.group}` === crd.metadata.name) ?? this.definitionFor(crd);
    const storageKey = `${crd.status?.acceptedNames?.plural ?? crd.spec.names.plural}.${crd.spec.group}`;
    const instances = cluster.store.list(storageKey);
    const pending = instances.filter((o) => o.metadata.deletionTimestamp).length;
    const step = finalizeStep(crd, instances.length, pending);
    if (!step) {
      this.finalizing.delete(storageKey);
      return;
    }
    this.finalizing.set(storageKey, crd.metadata.name ?? '');
    switch (step.kind) {
      case 'wait':
        return;
      case 'delete-instances': {
        await this.writeStatus(cluster, crd, (c) => setCondition(c, step.condition, now));
        if (!def) return;
        const ctx = cluster.context(SYSTEM_USER);
        const namespaces = [...new Set(instances.map((o) => o.metadata.namespace))];
        for (const ns of namespaces) {
          try {
            await cluster.api.deleteCollection(ctx, def, ns, {}, {});
          } catch (e) {
            if (!(e instanceof StatusError && e.code === 404)) throw e;
          }
        }
        return;
      }
      case 'remove-finalizer':
        this.finalizing.delete(storageKey);
        await this.writeStatus(cluster, crd, (c) => {
          setCondition(c, step.condition, now);
          c.metadata.finalizers = (c.metadata.finalizers ?? []).filter((f) => f !== CLEANUP_FINALIZER);
          if (c.metadata.finalizers.length === 0) delete c.metadata.finalizers;
        });
    }
  }

  /** A definition to delete the instances of a CRD that is no longer served. */
  private definitionFor(crd: CustomResourceDefinition): ResourceDef | undefined {
    const v = servedVersions(crd)[0];
    return v ? customResourceDef(v) : undefined;
  }
}
