// PersistentVolume validation (ValidatePersistentVolume(Spec), ValidatePersistentVolumeUpdate).
import { fieldErrors as fe, type FieldError, path, Rendered } from '../../../../apimachinery/field-errors.ts';
import { deepEqual } from '../../../../apimachinery/object.ts';
import { nameFuncs } from '../../../../apimachinery/validation/object-meta.ts';
import type * as corev1 from '../../../../generated/k8s/core/v1.ts';
import { type GoField, goStructDiff } from '../shared/go-diff.ts';
import { FIELD_IMMUTABLE, validateImmutableField } from '../shared/immutable.ts';
import { validateNodeSelector } from '../shared/node-selector.ts';
import { goQuantity, quantityOf, validatePositiveQuantityValue } from '../shared/resource-quantity.ts';
import { sortedEntries } from '../shared/sorted-entries.ts';
import { ACCESS_MODES, VOLUME_MODES } from '../shared/volumes.ts';
import type { PersistentVolume } from './types.ts';
import { validateCSI, validateHostPath, validateLocal, validateNFS } from './volume-sources.ts';

const RECLAIM_POLICIES = ['Delete', 'Recycle', 'Retain'];

/** The volume source fields in upstream's order, with the path its "more than 1" error names. */
const SOURCES: Array<[json: string, go: string, forbiddenPath: string]> = [
  ['hostPath', 'HostPath', 'hostPath'],
  ['gcePersistentDisk', 'GCEPersistentDisk', 'gcePersistentDisk'],
  ['awsElasticBlockStore', 'AWSElasticBlockStore', 'awsElasticBlockStore'],
  ['glusterfs', 'Glusterfs', 'glusterfs'],
  ['flocker', 'Flocker', 'flocker'],
  ['nfs', 'NFS', 'nfs'],
  ['rbd', 'RBD', 'rbd'],
  ['quobyte', 'Quobyte', 'quobyte'],
  ['cephfs', 'CephFS', 'cephFS'],
  ['iscsi', 'ISCSI', 'iscsi'],
  ['cinder', 'Cinder', 'cinder'],
  ['fc', 'FC', 'fc'],
  ['flexVolume', 'FlexVolume', 'flexVolume'],
  ['azureFile', 'AzureFile', 'azureFile'],
  ['vsphereVolume', 'VsphereVolume', 'vsphereVolume'],
  ['photonPersistentDisk', 'PhotonPersistentDisk', 'photonPersistentDisk'],
  ['portworxVolume', 'PortworxVolume', 'portworxVolume'],
  ['azureDisk', 'AzureDisk', 'azureDisk'],
  ['scaleIO', 'ScaleIO', 'scaleIO'],
  ['local', 'Local', 'local'],
  ['storageos', 'StorageOS', 'storageos'],
  ['csi', 'CSI', 'csi'],
];

const SOURCE_FIELDS: GoField[] = [
  ['gcePersistentDisk', 'GCEPersistentDisk'],
  ['awsElasticBlockStore', 'AWSElasticBlockStore'],
  ['hostPath', 'HostPath'],
  ['glusterfs', 'Glusterfs'],
  ['nfs', 'NFS'],
  ['rbd', 'RBD'],
  ['iscsi', 'ISCSI'],
  ['cinder', 'Cinder'],
  ['cephfs', 'CephFS'],
  ['fc', 'FC'],
  ['flocker', 'Flocker'],
  ['flexVolume', 'FlexVolume'],
  ['azureFile', 'AzureFile'],
  ['vsphereVolume', 'VsphereVolume'],
  ['quobyte', 'Quobyte'],
  ['azureDisk', 'AzureDisk'],
  ['photonPersistentDisk', 'PhotonPersistentDisk'],
  ['portworxVolume', 'PortworxVolume'],
  ['scaleIO', 'ScaleIO'],
  ['local', 'Local'],
  ['storageos', 'StorageOS'],
  ['csi', 'CSI'],
].map(([json, go]) => ({ json: json!, go: go!, pointer: true }));

function goResourceList(list: Record<string, string>): Rendered {
  const body = sortedEntries(list)
    .map(([k, v]) => `"${k}":${goQuantity(v).text}`)
    .join(', ');
  return new Rendered(`core.ResourceList{${body}}`);
}

function validateSpec(pv: PersistentVolume): FieldError[] {
  const spec = (pv.spec ?? {}) as corev1.PersistentVolumeSpec & Record<string, unknown>;
  const fld = path('spec');
  const errs: FieldError[] = [];
  const modes = spec.accessModes ?? [];
  if (modes.length === 0) errs.push(fe.required(fld.child('accessModes'), ''));
  let rwop = false;
  let other = false;
  for (const m of modes) {
    if (!ACCESS_MODES.includes(m)) errs.push(fe.notSupported(fld.child('accessModes'), m, ACCESS_MODES));
    if (m === 'ReadWriteOncePod') rwop = true;
    else if (ACCESS_MODES.includes(m)) other = true;
  }
  if (rwop && other) errs.push(fe.forbidden(fld.child('accessModes'), 'may not use ReadWriteOncePod with other access modes'));
  const capacity = spec.capacity ?? {};
  const capPath = fld.child('capacity');
  if (Object.keys(capacity).length === 0) errs.push(fe.required(capPath, ''));
  if (!('storage' in capacity) || Object.keys(capacity).length > 1) errs.push(fe.notSupported(capPath, goResourceList(capacity), ['storage']));
  for (const [r, v] of sortedEntries(capacity)) {
    const q = quantityOf(v);
    if (!q) continue;
    if (q.value() < 0n) errs.push(fe.invalid(capPath.key(r), Number(q.value()), 'must be a valid resource quantity'));
    errs.push(...validatePositiveQuantityValue(q, capPath.key(r)));
  }
  if (spec.persistentVolumeReclaimPolicy && !RECLAIM_POLICIES.includes(spec.persistentVolumeReclaimPolicy)) {
    errs.push(fe.notSupported(fld.child('persistentVolumeReclaimPolicy'), spec.persistentVolumeReclaimPolicy, RECLAIM_POLICIES));
  }
  let nodeAffinitySpecified = false;
  if (spec.nodeAffinity) {
    nodeAffinitySpecified = true;
    if (spec.nodeAffinity.required) errs.push(...validateNodeSelector(spec.nodeAffinity.required, false, fld.child('nodeAffinity', 'required')));
    else errs.push(fe.required(fld.child('nodeAffinity', 'required'), 'must specify required node constraints'));
  }
  let count = 0;
  for (const [json, , forbiddenPath] of SOURCES) {
    const src = spec[json];
    if (src === undefined) continue;
    if (count > 0 && json !== 'flexVolume') {
      errs.push(fe.forbidden(fld.child(forbiddenPath), 'may not specify more than 1 volume type'));
      continue;
    }
    count++;
    const p = fld.child(json === 'gcePersistentDisk' ? 'persistentDisk' : json);
    if (json === 'hostPath') errs.push(...validateHostPath(spec.hostPath!, p));
    else if (json === 'nfs') errs.push(...validateNFS(spec.nfs!, p));
    else if (json === 'csi') errs.push(...validateCSI(spec.csi!, p));
    else if (json === 'local') {
      errs.push(...validateLocal(spec.local!, p));
      if (!nodeAffinitySpecified) errs.push(fe.required(fld.child('nodeAffinity'), 'Local volume requires node affinity'));
    }
  }
  if (count === 0) errs.push(fe.required(fld, 'must specify a volume type'));
  if (spec.hostPath && spec.hostPath.path.replace(/\/+$/, '') === '' && spec.persistentVolumeReclaimPolicy === 'Recycle') {
    errs.push(fe.forbidden(fld.child('persistentVolumeReclaimPolicy'), "may not be 'recycle' for a hostPath mount of '/'"));
  }
  if (spec.storageClassName) for (const m of nameFuncs.subdomain(spec.storageClassName, false)) errs.push(fe.invalid(fld.child('storageClassName'), spec.storageClassName, m));
  if (spec.volumeMode !== undefined && !VOLUME_MODES.includes(spec.volumeMode)) errs.push(fe.notSupported(fld.child('volumeMode'), spec.volumeMode, VOLUME_MODES));
  if (spec.volumeAttributesClassName !== undefined) {
    const v = spec.volumeAttributesClassName;
    if (v === '') errs.push(fe.required(fld.child('volumeAttributesClassName'), 'an empty string is disallowed'));
    else for (const m of nameFuncs.subdomain(v, false)) errs.push(fe.invalid(fld.child('volumeAttributesClassName'), v, m));
    if (!spec.csi) errs.push(fe.required(fld.child('csi'), 'has to be specified when using volumeAttributesClassName'));
  }
  return errs;
}

export function validatePersistentVolume(pv: PersistentVolume): FieldError[] {
  return validateSpec(pv);
}

function sourceOf(pv: PersistentVolume): Record<string, unknown> {
  const spec = (pv.spec ?? {}) as Record<string, unknown>;
  return Object.fromEntries(SOURCES.map(([json]) => [json, spec[json]]).filter(([, v]) => v !== undefined));
}

export function validatePersistentVolumeUpdate(pv: PersistentVolume, old: PersistentVolume): FieldError[] {
  const errs = validateSpec(pv);
  const newSource = sourceOf(pv);
  const oldSource = sourceOf(old);
  // A CSI volume may gain a controllerExpandSecretRef.
  const newCSI = newSource.csi as corev1.CSIPersistentVolumeSource | undefined;
  if (newCSI?.controllerExpandSecretRef && !(oldSource.csi as corev1.CSIPersistentVolumeSource | undefined)?.controllerExpandSecretRef) {
    const { controllerExpandSecretRef: _ignored, ...rest } = newCSI;
    newSource.csi = rest;
  }
  if (!deepEqual(newSource, oldSource)) {
    const diff = goStructDiff('core.PersistentVolumeSource', SOURCE_FIELDS, oldSource, newSource);
    errs.push(fe.forbidden(path('spec', 'persistentvolumesource'), `spec.persistentvolumesource is immutable after creation\n${diff}`));
  }
  errs.push(...validateImmutableField(pv.spec?.volumeMode ?? null, old.spec?.volumeMode ?? null, path('volumeMode'), pv.spec?.volumeMode ?? null));
  if (old.spec?.nodeAffinity && !deepEqual(pv.spec?.nodeAffinity, old.spec.nodeAffinity)) {
    errs.push(fe.invalid(path('nodeAffinity'), pv.spec?.nodeAffinity ?? null, `${FIELD_IMMUTABLE}, except for updating from beta label to GA`));
  }
  if (old.spec?.volumeAttributesClassName !== undefined && pv.spec?.volumeAttributesClassName === undefined) {
    errs.push(fe.forbidden(path('spec', 'volumeAttributesClassName'), 'update from non-nil value to nil is forbidden'));
  }
  return errs;
}

/** ValidatePersistentVolumeStatusUpdate. */
export function validatePersistentVolumeStatusUpdate(pv: PersistentVolume): FieldError[] {
  return pv.metadata.resourceVersion ? [] : [fe.required(path('resourceVersion'), '')];
}
