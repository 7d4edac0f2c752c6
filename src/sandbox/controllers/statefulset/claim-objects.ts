// Adoption and release (upstream controller_ref_manager.go ClaimPods / ClaimControllerRevisions),
// shared by the StatefulSet and DaemonSet controllers: an object matching the owner's selector
// with no controller is adopted (the owner becomes its controller), one the owner controls that
// no longer matches is released. A set recreated after `kubectl delete --cascade=orphan` thereby
// takes its old pods and revisions back.
import { StatusError } from '../../../apimachinery/errors.ts';
import { deepClone, type KubeObject, type StoredObject } from '../../../apimachinery/object.ts';
import { type LabelSelector, labelSelectorAsSelector, Selector } from '../../../apimachinery/labels.ts';
import type { Cluster } from '../../cluster.ts';
import type { ResourceDef, UserInfo } from '../../registry/types.ts';
import { controllerOf, controllerRef } from './pod-state.ts';

export type ClaimStep = { type: 'adopt' | 'release'; object: StoredObject };

/** The pure part: which objects to adopt and which to release. */
export function planClaims(owner: StoredObject, selector: Selector, objects: readonly StoredObject[]): ClaimStep[] {
  const steps: ClaimStep[] = [];
  for (const obj of objects) {
    const ref = controllerOf(obj);
    const matches = selector.matches(obj.metadata.labels);
    if (ref) {
      if (ref.uid === owner.metadata.uid && !matches && !owner.metadata.deletionTimestamp) steps.push({ type: 'release', object: obj });
    } else if (matches && !obj.metadata.deletionTimestamp && !owner.metadata.deletionTimestamp) {
      steps.push({ type: 'adopt', object: obj });
    }
  }
  return steps;
}

/** Adopts and releases as planned; resolves with the objects the owner controls afterwards. */
export async function claimObjects(cluster: Cluster, user: UserInfo, def: ResourceDef, owner: StoredObject, selector: Selector, objects: readonly StoredObject[]): Promise<StoredObject[]> {
  const steps = planClaims(owner, selector, objects);
  const changed = new Map<string, StoredObject | undefined>();
  for (const { type, object } of steps) {
    const next = deepClone(object) as StoredObject;
    const refs = (next.metadata.ownerReferences ?? []).filter((r) => r.uid !== owner.metadata.uid);
    if (type === 'adopt') refs.push(controllerRef(owner));
    if (refs.length) next.metadata.ownerReferences = refs;
    else delete next.metadata.ownerReferences;
    try {
      const { object: written } = await cluster.api.update(cluster.context(user), def, object.metadata.namespace, object.metadata.name, next as KubeObject, { fieldManager: 'kube-controller-manager' });
      changed.set(object.metadata.uid, type === 'adopt' ? (written as StoredObject) : undefined);
    } catch (e) {
      // Changed or gone meanwhile: the next sync decides again.
      if (!(e instanceof StatusError && (e.code === 404 || e.code === 409))) throw e;
      changed.set(object.metadata.uid, undefined);
    }
  }
  const out: StoredObject[] = [];
  for (const obj of objects) {
    if (changed.has(obj.metadata.uid)) {
      const w = changed.get(obj.metadata.uid);
      if (w) out.push(w);
    } else if (controllerOf(obj)?.uid === owner.metadata.uid) out.push(obj);
  }
  return out;
}

/** The owner's spec.selector as a Selector; one that does not parse selects nothing. */
export function selectorOf(owner: { spec?: { selector?: LabelSelector } }): Selector {
  try {
    return labelSelectorAsSelector(owner.spec?.selector);
  } catch {
    return Selector.nothing();
  }
}
