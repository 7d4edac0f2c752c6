// The CustomResourceDefinition strategies (upstream apiextensions registry/customresourcedefinition
// strategy.go and etcd.go): create clears status and records the storage version; spec changes
// bump the generation; /status changes only status (and finalizers). Deleting a CRD does not
// remove it at once: it gains the customresourcecleanup finalizer and a Terminating condition,
// and the CRD controller removes it once its custom resources are gone.
import { deepClone, deepEqual, type StoredObject } from '../../../../apimachinery/object.ts';
import type { Strategy } from '../../types.ts';
import { setCondition } from './conditions.ts';
import { type CustomResourceDefinition, CLEANUP_FINALIZER } from './types.ts';
import { validateCRD, validateCRDStatusUpdate, validateCRDUpdate } from './validation.ts';

function rfc3339(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

function recordStorageVersion(crd: CustomResourceDefinition): void {
  const storage = (crd.spec?.versions ?? []).find((v) => v.storage);
  if (!storage) return;
  crd.status ??= {};
  const stored = (crd.status.storedVersions ??= []);
  if (!stored.includes(storage.name)) stored.push(storage.name);
}

export const crdStrategy: Strategy<CustomResourceDefinition> = {
  prepareForCreate(crd) {
    crd.status = { acceptedNames: { kind: '', plural: '' } };
    crd.metadata.generation = 1;
    recordStorageVersion(crd);
  },
  prepareForUpdate(crd, old) {
    crd.status = deepClone(old.status);
    if (!deepEqual(crd.spec, old.spec)) crd.metadata.generation = (old.metadata.generation ?? 0) + 1;
    recordStorageVersion(crd);
  },
  validate: (crd) => validateCRD(crd),
  validateUpdate: (crd, old) => validateCRDUpdate(crd, old),
  // Deletion is always pending: the finalizer keeps the CRD until its instances are deleted.
  checkGracefulDelete: (crd) => (crd.metadata.deletionTimestamp ? undefined : 1),
  prepareForDelete(crd, ctx) {
    const meta = crd.metadata;
    if ((meta.finalizers ?? []).includes(CLEANUP_FINALIZER) && meta.deletionGracePeriodSeconds === undefined) return;
    meta.deletionTimestamp = rfc3339(ctx.now);
    delete meta.deletionGracePeriodSeconds;
    if (!(meta.finalizers ?? []).includes(CLEANUP_FINALIZER)) meta.finalizers = [...(meta.finalizers ?? []), CLEANUP_FINALIZER];
    setCondition(
      crd,
      { type: 'Terminating', status: 'True', reason: 'InstanceDeletionPending', message: 'CustomResourceDefinition marked for deletion; CustomResource deletion will begin soon' },
      rfc3339(ctx.now),
    );
  },
};

export const crdStatusStrategy: Strategy<CustomResourceDefinition> = {
  prepareForUpdate(crd, old: StoredObject & CustomResourceDefinition) {
    crd.spec = deepClone(old.spec);
    const meta = crd.metadata;
    const copy = <K extends 'labels' | 'annotations' | 'ownerReferences' | 'generation'>(k: K) => {
      if (old.metadata[k] === undefined) delete meta[k];
      else meta[k] = deepClone(old.metadata[k]);
    };
    copy('labels');
    copy('annotations');
    copy('ownerReferences');
    copy('generation');
  },
  validateUpdate: (crd) => validateCRDStatusUpdate(crd),
};
