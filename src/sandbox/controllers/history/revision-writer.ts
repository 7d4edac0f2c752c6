// Writes ControllerRevisions for a StatefulSet or DaemonSet (history.CreateControllerRevision /
// UpdateControllerRevision / DeleteControllerRevision): a name taken by a revision with other
// data is a hash collision, which bumps the collision count and tries the next name.
import { StatusError } from '../../../apimachinery/errors.ts';
import { deepClone, type KubeObject, type StoredObject } from '../../../apimachinery/object.ts';
import type { Cluster } from '../../cluster.ts';
import type { UserInfo } from '../../registry/types.ts';
import { type ControllerRevision, revisionRaw } from './revisions.ts';

export interface NewRevision {
  raw: string;
  number: number;
  /** The name and hash for a collision count. */
  naming(collisionCount: number): { name: string; hash: string };
  /** The labels for a hash (the template's labels plus the owner kind's hash label). */
  labels(hash: string): Record<string, string>;
}

const FIELD_MANAGER = 'kube-controller-manager';

function def(cluster: Cluster) {
  return cluster.resources.byResource('apps', 'controllerrevisions')!;
}

/** Creates the revision; resolves with it and the collision count that was needed. */
export async function createRevision(cluster: Cluster, user: UserInfo, owner: StoredObject, rev: NewRevision, collisionCount: number): Promise<{ revision: ControllerRevision; collisionCount: number }> {
  const namespace = owner.metadata.namespace!;
  for (let count = collisionCount; count < collisionCount + 100; count++) {
    const { name, hash } = rev.naming(count);
    const existing = cluster.store.get('controllerrevisions.apps', namespace, name) as ControllerRevision | undefined;
    if (existing) {
      if (revisionRaw(existing) === rev.raw) return { revision: existing, collisionCount: count };
      continue;
    }
    const annotations = owner.metadata.annotations;
    const body: ControllerRevision = {
      apiVersion: 'apps/v1',
      kind: 'ControllerRevision',
      metadata: {
        name,
        namespace,
        labels: rev.labels(hash),
        ...(annotations && Object.keys(annotations).length > 0 ? { annotations: { ...annotations } } : {}),
        ownerReferences: [{ apiVersion: owner.apiVersion!, kind: owner.kind!, name: owner.metadata.name, uid: owner.metadata.uid!, controller: true, blockOwnerDeletion: true }],
      },
      data: JSON.parse(rev.raw) as ControllerRevision['data'],
      revision: rev.number,
    };
    try {
      const { object } = await cluster.api.create(cluster.context(user), def(cluster), namespace, body, { fieldManager: FIELD_MANAGER });
      return { revision: object as ControllerRevision, collisionCount: count };
    } catch (e) {
      if (e instanceof StatusError && e.code === 409) continue;
      throw e;
    }
  }
  throw new Error(`cannot name a ControllerRevision for ${owner.metadata.name}: too many hash collisions`);
}

/** Gives an existing revision a new number (a rollback to an older template). */
export async function renumberRevision(cluster: Cluster, user: UserInfo, rev: ControllerRevision, to: number): Promise<ControllerRevision> {
  const { object } = await cluster.api.update(cluster.context(user), def(cluster), rev.metadata.namespace, rev.metadata.name!, { ...deepClone(rev), revision: to } as KubeObject, { fieldManager: FIELD_MANAGER });
  return object as ControllerRevision;
}

export async function deleteRevision(cluster: Cluster, user: UserInfo, rev: ControllerRevision): Promise<void> {
  try {
    await cluster.api.delete(cluster.context(user), def(cluster), rev.metadata.namespace, rev.metadata.name!, {});
  } catch (e) {
    if (!(e instanceof StatusError && e.code === 404)) throw e;
  }
}

/** The revisions `owner` controls or that have no controller (to adopt), from the store. */
export function revisionCandidates(cluster: Cluster, owner: StoredObject): ControllerRevision[] {
  return (cluster.store.list('controllerrevisions.apps', owner.metadata.namespace) as ControllerRevision[]).filter((r) => {
    const ref = (r.metadata.ownerReferences ?? []).find((o) => o.controller);
    return !ref || ref.uid === owner.metadata.uid;
  });
}

export function revisionDef(cluster: Cluster) {
  return def(cluster);
}
