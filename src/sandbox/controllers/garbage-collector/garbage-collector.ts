// The garbage collector (upstream pkg/controller/garbagecollector): objects whose owners are all
// gone are deleted (background propagation), dangling owner references next to live ones are
// removed, an owner deleted with propagationPolicy=Foreground waits (finalizer
// foregroundDeletion) until its blocking dependents are gone, and one deleted with Orphan
// (finalizer orphan) first releases its dependents.
import { StatusError } from '../../../apimachinery/errors.ts';
import { deepClone, type KubeObject, type OwnerReference, type StoredObject } from '../../../apimachinery/object.ts';
import type { Cluster } from '../../cluster.ts';
import { controllerUser } from '../../cluster.ts';
import { storageKey } from '../../registry/generic-store.ts';
import type { ResourceDef } from '../../registry/types.ts';
import type { StoreEvent } from '../../storage/object-store.ts';
import { type Enqueue, QueueController } from '../queue-controller.ts';

const USER = controllerUser('generic-garbage-collector');
const MANAGER = 'kube-controller-manager';

interface Ref {
  resource: string;
  namespace: string | undefined;
  name: string;
}

const refKey = (r: Ref) => `${r.resource}|${r.namespace ?? ''}|${r.name}`;

function parseRefKey(k: string): Ref {
  const [resource, ns, name] = k.split('|') as [string, string, string];
  return { resource, namespace: ns || undefined, name };
}

function refOf(ev: { resource: string; object: StoredObject }): Ref {
  return { resource: ev.resource, namespace: ev.object.metadata.namespace || undefined, name: ev.object.metadata.name };
}

export class GarbageCollector extends QueueController {
  readonly name = 'garbage-collector';
  /** uid → where the object with that uid lives. */
  private readonly byUid = new Map<string, Ref>();
  /** owner uid → dependents (ref keys). */
  private readonly dependents = new Map<string, Set<string>>();
  private defs = new Map<string, ResourceDef>();
  private defsGeneration = -1;

  protected initial(cluster: Cluster, enqueue: Enqueue): void {
    for (const resource of cluster.store.resources()) {
      for (const obj of cluster.store.list(resource)) this.index({ resource, object: obj }, undefined);
    }
    // Objects whose owners vanished while we were not running.
    for (const resource of cluster.store.resources()) {
      for (const obj of cluster.store.list(resource)) {
        const ref = refKey({ resource, namespace: obj.metadata.namespace || undefined, name: obj.metadata.name });
        if (obj.metadata.ownerReferences?.length) enqueue(`dependent:${ref}`);
        if (obj.metadata.deletionTimestamp && this.hasGCFinalizer(obj)) enqueue(`owner:${ref}`);
      }
    }
  }

  private hasGCFinalizer(obj: StoredObject): boolean {
    const f = obj.metadata.finalizers ?? [];
    return f.includes('orphan') || f.includes('foregroundDeletion');
  }

  private index(ev: { resource: string; object: StoredObject }, prev: StoredObject | undefined): void {
    const ref = refOf(ev);
    const key = refKey(ref);
    if (prev) for (const o of prev.metadata.ownerReferences ?? []) this.dependents.get(o.uid)?.delete(key);
    this.byUid.set(ev.object.metadata.uid, ref);
    for (const o of ev.object.metadata.ownerReferences ?? []) {
      let set = this.dependents.get(o.uid);
      if (!set) this.dependents.set(o.uid, (set = new Set()));
      set.add(key);
    }
  }

  protected changed(_cluster: Cluster, ev: StoreEvent, enqueue: Enqueue): void {
    const key = refKey(refOf(ev));
    if (ev.type === 'DELETED') {
      const uid = ev.object.metadata.uid;
      this.byUid.delete(uid);
      for (const o of ev.object.metadata.ownerReferences ?? []) {
        this.dependents.get(o.uid)?.delete(key);
        // An owner waiting for its dependents may now be free to go.
        const owner = this.byUid.get(o.uid);
        if (owner) enqueue(`owner:${refKey(owner)}`);
      }
      for (const d of this.dependents.get(uid) ?? []) enqueue(`dependent:${d}`);
      return;
    }
    this.index(ev, ev.prev);
    if (ev.object.metadata.ownerReferences?.length) enqueue(`dependent:${key}`);
    if (ev.object.metadata.deletionTimestamp && this.hasGCFinalizer(ev.object)) enqueue(`owner:${key}`);
    if (ev.type === 'ADDED') for (const d of this.dependents.get(ev.object.metadata.uid) ?? []) enqueue(`dependent:${d}`);
  }

  private defFor(cluster: Cluster, resource: string): ResourceDef | undefined {
    if (this.defsGeneration !== cluster.resources.generation) {
      this.defs = new Map();
      for (const d of cluster.resources.all()) if (!d.storage && !d.virtual && !this.defs.has(storageKey(d))) this.defs.set(storageKey(d), d);
      this.defsGeneration = cluster.resources.generation;
    }
    return this.defs.get(resource);
  }

  protected async sync(cluster: Cluster, key: string): Promise<void> {
    const sep = key.indexOf(':');
    const kind = key.slice(0, sep);
    const ref = parseRefKey(key.slice(sep + 1));
    if (kind === 'dependent') await this.syncDependent(cluster, ref);
    else await this.syncOwner(cluster, ref);
  }

  /** Whether the referenced owner exists (same uid) and is not being deleted with foreground propagation. */
  private ownerState(cluster: Cluster, dep: Ref, o: OwnerReference): 'present' | 'absent' | 'deleting-foreground' {
    const at = this.byUid.get(o.uid);
    if (!at) return 'absent';
    const owner = cluster.store.get(at.resource, at.namespace, at.name);
    if (!owner || owner.metadata.uid !== o.uid) return 'absent';
    // A namespaced dependent can only be owned by an object in its namespace or a cluster-scoped one.
    if (at.namespace && at.namespace !== dep.namespace) return 'absent';
    if (owner.metadata.deletionTimestamp && owner.metadata.finalizers?.includes('foregroundDeletion')) return 'deleting-foreground';
    return 'present';
  }

  private async syncDependent(cluster: Cluster, ref: Ref): Promise<void> {
    const obj = cluster.store.get(ref.resource, ref.namespace, ref.name);
    if (!obj || obj.metadata.deletionTimestamp) return;
    const refs = obj.metadata.ownerReferences ?? [];
    if (!refs.length) return;
    const states = refs.map((o) => this.ownerState(cluster, ref, o));
    const def = this.defFor(cluster, ref.resource);
    if (!def) return;
    const ctx = cluster.context(USER);
    const absent = refs.filter((_, i) => states[i] === 'absent');
    const solid = states.filter((s) => s === 'present').length;
    try {
      if (solid === 0) {
        const foreground = states.some((s) => s === 'deleting-foreground') && refs.some((o, i) => states[i] === 'deleting-foreground' && o.blockOwnerDeletion);
        await cluster.api.delete(ctx, def, ref.namespace, ref.name, {
          propagationPolicy: foreground ? 'Foreground' : 'Background',
          preconditions: { uid: obj.metadata.uid },
        });
      } else if (absent.length) {
        const next = deepClone(obj) as KubeObject;
        next.metadata!.ownerReferences = refs.filter((_, i) => states[i] !== 'absent');
        await cluster.api.update(ctx, def, ref.namespace, ref.name, next, { fieldManager: MANAGER });
      }
    } catch (e) {
      if (e instanceof StatusError && (e.code === 404 || e.code === 409)) return;
      throw e;
    }
  }

  private async syncOwner(cluster: Cluster, ref: Ref): Promise<void> {
    const owner = cluster.store.get(ref.resource, ref.namespace, ref.name);
    if (!owner || !owner.metadata.deletionTimestamp) return;
    const finalizers = owner.metadata.finalizers ?? [];
    const uid = owner.metadata.uid;
    const ctx = cluster.context(USER);
    const deps = [...(this.dependents.get(uid) ?? [])].map(parseRefKey);
    if (finalizers.includes('orphan')) {
      for (const d of deps) {
        const obj = cluster.store.get(d.resource, d.namespace, d.name);
        const def = this.defFor(cluster, d.resource);
        if (!obj || !def) continue;
        const next = deepClone(obj) as KubeObject;
        next.metadata!.ownerReferences = (obj.metadata.ownerReferences ?? []).filter((o) => o.uid !== uid);
        if (!next.metadata!.ownerReferences.length) delete next.metadata!.ownerReferences;
        await this.quietly(cluster.api.update(ctx, def, d.namespace, d.name, next, { fieldManager: MANAGER }));
      }
      await this.removeFinalizer(cluster, ref, 'orphan');
      return;
    }
    if (finalizers.includes('foregroundDeletion')) {
      let blocking = 0;
      for (const d of deps) {
        const obj = cluster.store.get(d.resource, d.namespace, d.name);
        const def = this.defFor(cluster, d.resource);
        if (!obj || !def) continue;
        const mine = (obj.metadata.ownerReferences ?? []).find((o) => o.uid === uid);
        if (mine?.blockOwnerDeletion) blocking++;
        if (!obj.metadata.deletionTimestamp) {
          await this.quietly(
            cluster.api.delete(ctx, def, d.namespace, d.name, {
              propagationPolicy: mine?.blockOwnerDeletion ? 'Foreground' : 'Background',
              preconditions: { uid: obj.metadata.uid },
            }),
          );
        }
      }
      if (blocking === 0) await this.removeFinalizer(cluster, ref, 'foregroundDeletion');
    }
  }

  private async removeFinalizer(cluster: Cluster, ref: Ref, finalizer: string): Promise<void> {
    const obj = cluster.store.get(ref.resource, ref.namespace, ref.name);
    const def = this.defFor(cluster, ref.resource);
    if (!obj || !def || !obj.metadata.finalizers?.includes(finalizer)) return;
    const next = deepClone(obj) as KubeObject;
    next.metadata!.finalizers = obj.metadata.finalizers.filter((f) => f !== finalizer);
    await this.quietly(cluster.api.update(cluster.context(USER), def, ref.namespace, ref.name, next, { fieldManager: MANAGER }));
  }

  private async quietly(p: Promise<unknown>): Promise<void> {
    try {
      await p;
    } catch (e) {
      if (e instanceof StatusError && (e.code === 404 || e.code === 409)) return;
      throw e;
    }
  }
}
