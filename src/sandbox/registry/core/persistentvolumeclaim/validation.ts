// PersistentVolumeClaim validation (ValidatePersistentVolumeClaim(Spec|Update|StatusUpdate)):
// the spec is immutable after creation except resources.requests (and volumeAttributesClassName)
// of bound claims, where storage may only grow; a later storageClassName only from nil.
import { fieldErrors as fe, type FieldError, type FieldPath, path } from '../../../../apimachinery/field-errors.ts';
import { deepClone, deepEqual } from '../../../../apimachinery/object.ts';
import { validateLabelSelector } from '../../../../apimachinery/validation/label-selector.ts';
import { isDNS1123Subdomain, isQualifiedName } from '../../../../apimachinery/validation/names.ts';
import { nameFuncs } from '../../../../apimachinery/validation/object-meta.ts';
import type * as corev1 from '../../../../generated/k8s/core/v1.ts';
import { type GoField, goStructDiff } from '../shared/go-diff.ts';
import { validateImmutableField } from '../shared/immutable.ts';
import { isNativeResource } from '../shared/resource-names.ts';
import { quantityOf, validatePositiveQuantityValue, validateResourceQuantityValue } from '../shared/resource-quantity.ts';
import { sortedEntries } from '../shared/sorted-entries.ts';
import { ACCESS_MODES, BETA_STORAGE_CLASS_ANNOTATION, VOLUME_MODES } from '../shared/volumes.ts';
import type { PersistentVolumeClaim } from './types.ts';

const SPEC_FIELDS: GoField[] = [
  { json: 'accessModes', go: 'AccessModes' },
  { json: 'selector', go: 'Selector', pointer: true },
  { json: 'resources', go: 'Resources' },
  { json: 'volumeName', go: 'VolumeName' },
  { json: 'storageClassName', go: 'StorageClassName', pointer: true },
  { json: 'volumeMode', go: 'VolumeMode', pointer: true },
  { json: 'dataSource', go: 'DataSource', pointer: true },
  { json: 'dataSourceRef', go: 'DataSourceRef', pointer: true },
  { json: 'volumeAttributesClassName', go: 'VolumeAttributesClassName', pointer: true },
];

function validateDataSource(ds: { apiGroup?: string; kind?: string; name?: string; namespace?: string }, fld: FieldPath, withNamespace: boolean): FieldError[] {
  const errs: FieldError[] = [];
  if (!ds.name) errs.push(fe.required(fld.child('name'), ''));
  if (!ds.kind) errs.push(fe.required(fld.child('kind'), ''));
  const group = ds.apiGroup ?? '';
  if (group === '' && ds.kind !== 'PersistentVolumeClaim') errs.push(fe.invalid(fld, ds.kind ?? '', "must be 'PersistentVolumeClaim' when referencing the default apiGroup"));
  if (group !== '') for (const m of isDNS1123Subdomain(group)) errs.push(fe.invalid(fld.child('apiGroup'), group, m));
  if (withNamespace && ds.namespace) for (const m of nameFuncs.label(ds.namespace, false)) errs.push(fe.invalid(fld.child('namespace'), ds.namespace, m));
  return errs;
}

export function validatePersistentVolumeClaimSpec(spec: corev1.PersistentVolumeClaimSpec, fld: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const modes = spec.accessModes ?? [];
  if (modes.length === 0) errs.push(fe.required(fld.child('accessModes'), 'at least 1 access mode is required'));
  if (spec.selector) errs.push(...validateLabelSelector(spec.selector, {}, fld.child('selector')));
  let rwop = false;
  let other = false;
  for (const m of modes) {
    if (!ACCESS_MODES.includes(m)) errs.push(fe.notSupported(fld.child('accessModes'), m, ACCESS_MODES));
    if (m === 'ReadWriteOncePod') rwop = true;
    else if (ACCESS_MODES.includes(m)) other = true;
  }
  if (rwop && other) errs.push(fe.forbidden(fld.child('accessModes'), 'may not use ReadWriteOncePod with other access modes'));
  const storagePath = fld.child('resources').key('storage');
  const storage = spec.resources?.requests?.storage;
  if (storage === undefined) errs.push(fe.required(storagePath, ''));
  else {
    const q = quantityOf(storage);
    const positive = q ? validatePositiveQuantityValue(q, storagePath) : [];
    errs.push(...(positive.length ? positive : validateResourceQuantityValue('storage', storage, storagePath)));
  }
  if (spec.storageClassName) for (const m of nameFuncs.subdomain(spec.storageClassName, false)) errs.push(fe.invalid(fld.child('storageClassName'), spec.storageClassName, m));
  if (spec.volumeMode !== undefined && !VOLUME_MODES.includes(spec.volumeMode)) errs.push(fe.notSupported(fld.child('volumeMode'), spec.volumeMode, VOLUME_MODES));
  if (spec.dataSource) errs.push(...validateDataSource(spec.dataSource, fld.child('dataSource'), false));
  if (spec.dataSourceRef) errs.push(...validateDataSource(spec.dataSourceRef, fld.child('dataSourceRef'), true));
  if (spec.dataSourceRef?.namespace) {
    if (spec.dataSource) errs.push(fe.invalid(fld, fld.child('dataSource').toString(), 'may not be specified when dataSourceRef.namespace is specified'));
  } else if (spec.dataSource && spec.dataSourceRef) {
    const same = (spec.dataSource.apiGroup ?? null) === (spec.dataSourceRef.apiGroup ?? null) && spec.dataSource.kind === spec.dataSourceRef.kind && spec.dataSource.name === spec.dataSourceRef.name;
    if (!same) errs.push(fe.invalid(fld, fld.child('dataSource').toString(), 'must match dataSourceRef'));
  }
  if (spec.volumeAttributesClassName) for (const m of nameFuncs.subdomain(spec.volumeAttributesClassName, false)) errs.push(fe.invalid(fld.child('volumeAttributesClassName'), spec.volumeAttributesClassName, m));
  return errs;
}

export function validatePersistentVolumeClaim(pvc: PersistentVolumeClaim): FieldError[] {
  return validatePersistentVolumeClaimSpec(pvc.spec ?? {}, path('spec'));
}

export const SPEC_IMMUTABLE = 'spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims';

export function validatePersistentVolumeClaimUpdate(pvc: PersistentVolumeClaim, old: PersistentVolumeClaim): FieldError[] {
  const errs = validatePersistentVolumeClaim(pvc);
  const newSpec = deepClone(pvc.spec ?? {}) as corev1.PersistentVolumeClaimSpec;
  const oldSpec = deepClone(old.spec ?? {}) as corev1.PersistentVolumeClaimSpec;
  const newAnn = { ...pvc.metadata.annotations };
  const oldAnn = old.metadata.annotations ?? {};
  // volumeName may be set once (the binder does).
  if (!oldSpec.volumeName) {
    if (newSpec.volumeName === undefined) delete oldSpec.volumeName;
    else oldSpec.volumeName = newSpec.volumeName;
  }
  const upgradeFromAnnotation =
    BETA_STORAGE_CLASS_ANNOTATION in oldAnn &&
    old.spec?.storageClassName === undefined &&
    pvc.spec?.storageClassName !== undefined &&
    pvc.spec.storageClassName === oldAnn[BETA_STORAGE_CLASS_ANNOTATION] &&
    (!(BETA_STORAGE_CLASS_ANNOTATION in newAnn) || newAnn[BETA_STORAGE_CLASS_ANNOTATION] === oldAnn[BETA_STORAGE_CLASS_ANNOTATION]);
  if (upgradeFromAnnotation) {
    delete newSpec.storageClassName;
  } else {
    const a = pvc.metadata.annotations?.[BETA_STORAGE_CLASS_ANNOTATION] ?? '';
    const b = oldAnn[BETA_STORAGE_CLASS_ANNOTATION] ?? '';
    if (a !== b) errs.push(fe.invalid(path('metadata', 'annotations', BETA_STORAGE_CLASS_ANNOTATION), a, 'field is immutable'));
    // A class may be set on a claim that had none (and no differing annotation).
    const fromNil =
      pvc.spec?.storageClassName !== undefined &&
      old.spec?.storageClassName === undefined &&
      (!(BETA_STORAGE_CLASS_ANNOTATION in oldAnn) || pvc.spec.storageClassName === oldAnn[BETA_STORAGE_CLASS_ANNOTATION]);
    if (fromNil) {
      if (oldSpec.storageClassName === undefined) delete newSpec.storageClassName;
      else newSpec.storageClassName = oldSpec.storageClassName;
    }
  }
  const bound = pvc.status?.phase === 'Bound';
  if (bound && newSpec.resources?.requests) {
    const requests = { ...newSpec.resources.requests };
    if (old.spec?.resources?.requests?.storage === undefined) delete requests.storage;
    else requests.storage = old.spec.resources.requests.storage;
    newSpec.resources = { ...newSpec.resources, requests };
  }
  if (bound && newSpec.volumeAttributesClassName !== undefined) {
    if (oldSpec.volumeAttributesClassName === undefined) delete newSpec.volumeAttributesClassName;
    else newSpec.volumeAttributesClassName = oldSpec.volumeAttributesClassName;
  }
  if (!deepEqual(newSpec, oldSpec)) {
    const diff = goStructDiff('core.PersistentVolumeClaimSpec', SPEC_FIELDS, oldSpec as Record<string, unknown>, newSpec as Record<string, unknown>);
    errs.push(fe.forbidden(path('spec'), `${SPEC_IMMUTABLE}\n${diff}`));
  }
  const newSize = quantityOf(pvc.spec?.resources?.requests?.storage ?? '0');
  const oldSize = quantityOf(old.spec?.resources?.requests?.storage ?? '0');
  const statusSize = quantityOf(old.status?.capacity?.storage ?? '0');
  // RecoverVolumeExpansionFailure (GA): shrinking is allowed down to, not below, the status capacity.
  if (newSize && oldSize && statusSize && newSize.cmp(oldSize) < 0 && newSize.cmp(statusSize) <= 0) {
    errs.push(fe.forbidden(path('spec', 'resources', 'requests', 'storage'), 'field can not be less than status.capacity'));
  }
  errs.push(...validateImmutableField(pvc.spec?.volumeMode ?? null, old.spec?.volumeMode ?? null, path('volumeMode'), pvc.spec?.volumeMode ?? null));
  if (old.spec?.volumeAttributesClassName !== undefined && !deepEqual(old.spec.volumeAttributesClassName, pvc.spec?.volumeAttributesClassName)) {
    if (pvc.spec?.volumeAttributesClassName === undefined) errs.push(fe.forbidden(path('spec', 'volumeAttributesClassName'), 'update from non-nil value to nil is forbidden'));
    else if (pvc.spec.volumeAttributesClassName === '') errs.push(fe.forbidden(path('spec', 'volumeAttributesClassName'), 'update from non-nil value to an empty string is forbidden'));
  }
  return errs;
}

const RESIZE_STATUSES = ['ControllerResizeInfeasible', 'ControllerResizeInProgress', 'NodeResizeInfeasible', 'NodeResizeInProgress', 'NodeResizePending'];

function validateClaimResourceKey(value: string, fld: FieldPath): FieldError[] {
  const errs = isQualifiedName(value).map((m) => fe.invalid(fld, value, m));
  if (errs.length) return errs;
  if (isNativeResource(value) && value !== 'storage') return [fe.notSupported(fld, value, ['storage'])];
  return [];
}

export function validatePersistentVolumeClaimStatusUpdate(pvc: PersistentVolumeClaim): FieldError[] {
  const errs: FieldError[] = [];
  if (!pvc.metadata.resourceVersion) errs.push(fe.required(path('resourceVersion'), ''));
  if ((pvc.spec?.accessModes ?? []).length === 0) errs.push(fe.required(path('Spec', 'accessModes'), ''));
  for (const [r, v] of sortedEntries(pvc.status?.capacity)) {
    const q = quantityOf(v);
    if (q && q.value() < 0n) errs.push(fe.invalid(path('status', 'capacity').key(r), Number(q.value()), 'must be a valid resource quantity'));
  }
  for (const [k, v] of sortedEntries(pvc.status?.allocatedResourceStatuses)) {
    const fld = path('status', 'allocatedResourceStatus');
    errs.push(...validateClaimResourceKey(k, fld));
    if (!RESIZE_STATUSES.includes(v)) errs.push(fe.notSupported(fld, k, RESIZE_STATUSES));
  }
  for (const [k, v] of sortedEntries(pvc.status?.allocatedResources)) {
    const fld = path('status', 'allocatedResources');
    const keyErrs = validateClaimResourceKey(k, fld);
    if (keyErrs.length) {
      errs.push(...keyErrs);
      continue;
    }
    errs.push(...validateResourceQuantityValue('storage', v, fld.key(k)));
  }
  return errs;
}
