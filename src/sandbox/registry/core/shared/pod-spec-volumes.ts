// Volume validation (upstream ValidateVolumes, validateVolumeSource and the per-source checks,
// ValidateVolumeMounts, ValidateVolumeDevices): exactly one source per volume, DNS-label names
// without duplicates, and mounts that name an existing volume.
import type * as core from '../../../../generated/k8s/core/v1.ts';
import { fieldErrors as fe, type FieldError, type FieldPath } from '../../../../apimachinery/field-errors.ts';
import { isDNS1123Label, isDNS1123Subdomain } from '../../../../apimachinery/validation/names.ts';
import { goQuote } from '../../../../apimachinery/go-format.ts';
import { Quantity } from '../../../../apimachinery/quantity.ts';
import { validateObjectFieldSelector, validateResourceFieldSelector } from './pod-spec-downward-api.ts';
import type { PodSpecValidationOptions } from './pod-spec-options.ts';

export const FILE_MODE_ERROR = 'must be a number between 0 and 0777 (octal), both inclusive';

/** validatePathNoBacksteps: no `..` element. */
export function validatePathNoBacksteps(p: string, fld: FieldPath): FieldError[] {
  return p.split('/').includes('..') ? [fe.invalid(fld, p, "must not contain '..'")] : [];
}

/** validateLocalDescendingPath: relative and without backsteps. */
export function validateLocalDescendingPath(p: string, fld: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (p.startsWith('/')) errs.push(fe.invalid(fld, p, 'must be a relative path'));
  errs.push(...validatePathNoBacksteps(p, fld));
  return errs;
}

/** ValidateLocalNonReservedPath: a descending path that does not start with `..`. */
export function validateLocalNonReservedPath(p: string, fld: FieldPath): FieldError[] {
  const errs = validateLocalDescendingPath(p, fld);
  if (p.startsWith('..') && !p.startsWith('../')) errs.push(fe.invalid(fld, p, "must not start with '..'"));
  return errs;
}

const badMode = (m: number | undefined) => m !== undefined && (m > 0o777 || m < 0);

function validateKeyToPath(kp: core.KeyToPath, fld: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (!kp.key) errs.push(fe.required(fld.child('key'), ''));
  if (!kp.path) errs.push(fe.required(fld.child('path'), ''));
  errs.push(...validateLocalNonReservedPath(kp.path ?? '', fld.child('path')));
  if (badMode(kp.mode)) errs.push(fe.invalid(fld.child('mode'), kp.mode, FILE_MODE_ERROR));
  return errs;
}

const VOLUME_DOWNWARD_FIELDS = ['metadata.annotations', 'metadata.labels', 'metadata.name', 'metadata.namespace', 'metadata.uid'];

function validateDownwardAPIVolumeFile(file: core.DownwardAPIVolumeFile, fld: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (!file.path) errs.push(fe.required(fld.child('path'), ''));
  errs.push(...validateLocalNonReservedPath(file.path ?? '', fld.child('path')));
  if (file.fieldRef) {
    errs.push(...validateObjectFieldSelector(file.fieldRef, VOLUME_DOWNWARD_FIELDS, fld.child('fieldRef')));
    if (file.resourceFieldRef) errs.push(fe.invalid(fld, 'resource', 'fieldRef and resourceFieldRef can not be specified simultaneously'));
  } else if (file.resourceFieldRef) {
    errs.push(...validateResourceFieldSelector(file.resourceFieldRef, fld.child('resourceFieldRef'), true));
  } else {
    errs.push(fe.required(fld, 'one of fieldRef and resourceFieldRef is required'));
  }
  if (badMode(file.mode)) errs.push(fe.invalid(fld.child('mode'), file.mode, FILE_MODE_ERROR));
  return errs;
}

function validateProjected(src: core.ProjectedVolumeSource, fld: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (badMode(src.defaultMode)) errs.push(fe.invalid(fld.child('defaultMode'), src.defaultMode, FILE_MODE_ERROR));
  const paths = new Set<string>();
  const claimPath = (p: string, conflictValue: string) => {
    if (!paths.has(p)) paths.add(p);
    else errs.push(fe.invalid(fld, conflictValue, 'conflicting duplicate paths'));
  };
  (src.sources ?? []).forEach((s, i) => {
    let n = 0;
    const srcPath = fld.child('sources').index(i);
    for (const kind of ['secret', 'configMap'] as const) {
      const ref = s[kind];
      if (!ref) continue;
      n++;
      const pp = srcPath.child(kind);
      if (!ref.name) errs.push(fe.required(pp.child('name'), ''));
      (ref.items ?? []).forEach((kp, j) => {
        errs.push(...validateKeyToPath(kp, pp.child('items').index(j)));
        if (kp.path) claimPath(kp.path, ref.name ?? '');
      });
    }
    if (s.downwardAPI) {
      n++;
      for (const file of s.downwardAPI.items ?? []) {
        errs.push(...validateDownwardAPIVolumeFile(file, srcPath.child('downwardAPI')));
        if (file.path) claimPath(file.path, file.path);
      }
    }
    if (s.serviceAccountToken) {
      n++;
      const t = s.serviceAccountToken;
      const pp = srcPath.child('serviceAccountToken');
      const exp = t.expirationSeconds ?? 0;
      if (exp < 600) errs.push(fe.invalid(pp.child('expirationSeconds'), exp, 'may not specify a duration less than 10 minutes'));
      if (exp > 2 ** 32) errs.push(fe.invalid(pp.child('expirationSeconds'), exp, 'may not specify a duration larger than 2^32 seconds'));
      if (!t.path) errs.push(fe.required(fld.child('path'), ''));
      else errs.push(...validateLocalNonReservedPath(t.path, fld.child('path')));
    }
    if (s.clusterTrustBundle) {
      n++;
      const b = s.clusterTrustBundle;
      const pp = srcPath.child('clusterTrustBundle');
      if (b.name !== undefined && b.signerName !== undefined) errs.push(fe.invalid(pp, b, 'only one of name and signerName may be used'));
      else if (b.name === undefined && b.signerName === undefined) errs.push(fe.required(pp, 'either name or signerName must be specified'));
      if (!b.path) errs.push(fe.required(pp.child('path'), ''));
      errs.push(...validateLocalNonReservedPath(b.path ?? '', pp.child('path')));
      claimPath(b.path ?? '', b.path ?? '');
    }
    if (s.podCertificate) n++;
    if (n > 1) errs.push(fe.forbidden(srcPath, 'may not specify more than 1 volume type per source'));
  });
  return errs;
}

const HOST_PATH_TYPES = ['', 'BlockDevice', 'CharDevice', 'Directory', 'DirectoryOrCreate', 'File', 'FileOrCreate', 'Socket'];

function required(obj: object | undefined, fields: Array<[string, string?]>, fld: FieldPath): FieldError[] {
  const rec = (obj ?? {}) as Record<string, unknown>;
  return fields.filter(([f]) => !rec[f] || (Array.isArray(rec[f]) && (rec[f] as unknown[]).length === 0)).map(([f, p]) => fe.required(fld.child(p ?? f), ''));
}

/** One source's own checks, keyed by the source's JSON name. */
function validateSource(kind: string, v: core.Volume, fld: FieldPath, podName: string | undefined): FieldError[] {
  const p = fld.child(kind);
  switch (kind) {
    case 'emptyDir': {
      const limit = v.emptyDir?.sizeLimit;
      if (limit !== undefined && Quantity.isValid(limit) && Quantity.parse(limit).sign() < 0) {
        return [fe.forbidden(p.child('sizeLimit'), 'SizeLimit field must be a valid resource quantity')];
      }
      return [];
    }
    case 'hostPath': {
      const hp = v.hostPath!;
      if (!hp.path) return [fe.required(p.child('path'), '')];
      const errs = validatePathNoBacksteps(hp.path, p.child('path'));
      if (hp.type !== undefined && !HOST_PATH_TYPES.includes(hp.type)) errs.push(fe.notSupported(p.child('type'), hp.type, HOST_PATH_TYPES));
      return errs;
    }
    case 'gitRepo': {
      const errs = required(v.gitRepo, [['repository']], p);
      errs.push(...validateLocalDescendingPath(v.gitRepo!.directory ?? '', p.child('directory')));
      return errs;
    }
    case 'secret': {
      const s = v.secret!;
      const errs = required(s, [['secretName']], p);
      if (badMode(s.defaultMode)) errs.push(fe.invalid(p.child('defaultMode'), s.defaultMode, FILE_MODE_ERROR));
      (s.items ?? []).forEach((kp, i) => errs.push(...validateKeyToPath(kp, p.child('items').index(i))));
      return errs;
    }
    case 'configMap': {
      const c = v.configMap!;
      const errs = required(c, [['name']], p);
      if (badMode(c.defaultMode)) errs.push(fe.invalid(p.child('defaultMode'), c.defaultMode, FILE_MODE_ERROR));
      (c.items ?? []).forEach((kp, i) => errs.push(...validateKeyToPath(kp, p.child('items').index(i))));
      return errs;
    }
    case 'nfs': {
      const errs = required(v.nfs, [['server'], ['path']], p);
      if (!(v.nfs!.path ?? '').startsWith('/')) errs.push(fe.invalid(p.child('path'), v.nfs!.path ?? '', 'must be an absolute path'));
      return errs;
    }
    case 'persistentVolumeClaim':
      return required(v.persistentVolumeClaim, [['claimName']], p);
    case 'downwardAPI': {
      const d = v.downwardAPI!;
      const errs: FieldError[] = [];
      if (badMode(d.defaultMode)) errs.push(fe.invalid(p.child('defaultMode'), d.defaultMode, FILE_MODE_ERROR));
      for (const file of d.items ?? []) errs.push(...validateDownwardAPIVolumeFile(file, p));
      return errs;
    }
    case 'projected':
      return validateProjected(v.projected!, p);
    case 'csi': {
      const csi = v.csi!;
      const errs: FieldError[] = [];
      const driver = csi.driver ?? '';
      if (!driver) errs.push(fe.required(p.child('driver'), ''));
      if (driver.length > 63) errs.push(fe.tooLong(p.child('driver'), '', 63));
      for (const m of isDNS1123Subdomain(driver.toLowerCase())) errs.push(fe.invalid(p.child('driver'), driver, m));
      const ref = csi.nodePublishSecretRef;
      if (ref) {
        if (!ref.name) errs.push(fe.required(p.child('nodePublishSecretRef', 'name'), ''));
        else for (const m of isDNS1123Subdomain(ref.name)) errs.push(fe.invalid(p.child('name'), ref.name, m));
      }
      return errs;
    }
    case 'ephemeral':
      return validateEphemeral(v, p, fld, podName);
    case 'image':
      return v.image!.reference ? [] : [fe.required(p.child('reference'), '')];
    case 'iscsi':
      return required(v.iscsi, [['targetPortal'], ['iqn']], p);
    case 'glusterfs':
      return required(v.glusterfs, [['endpoints'], ['path']], p);
    case 'rbd':
      return required(v.rbd, [['monitors'], ['image']], p);
    case 'cinder':
      return required(v.cinder, [['volumeID']], p);
    case 'cephfs':
      return required(v.cephfs, [['monitors']], p);
    case 'flexVolume':
      return required(v.flexVolume, [['driver']], p);
    case 'azureFile':
      return required(v.azureFile, [['secretName'], ['shareName']], p);
    case 'azureDisk':
      return required(v.azureDisk, [['diskName'], ['diskURI']], p);
    case 'vsphereVolume':
      return required(v.vsphereVolume, [['volumePath']], p);
    case 'photonPersistentDisk':
      return required(v.photonPersistentDisk, [['pdID']], p);
    case 'portworxVolume':
      return required(v.portworxVolume, [['volumeID']], p);
    case 'scaleIO':
      return required(v.scaleIO, [['gateway'], ['system'], ['volumeName']], p);
    case 'gcePersistentDisk':
      return required(v.gcePersistentDisk, [['pdName']], fld.child('persistentDisk'));
    case 'awsElasticBlockStore':
      return required(v.awsElasticBlockStore, [['volumeID']], p);
    case 'storageos':
      return required(v.storageos, [['volumeName']], p);
    case 'fc': {
      const fc = v.fc!;
      const errs: FieldError[] = [];
      const wwns = fc.targetWWNs ?? [];
      const wwids = fc.wwids ?? [];
      if (wwns.length < 1 && wwids.length < 1) errs.push(fe.required(p.child('targetWWNs'), 'must specify either targetWWNs or wwids, but not both'));
      if (wwns.length && wwids.length) errs.push(fe.invalid(p.child('targetWWNs'), wwns, 'targetWWNs and wwids can not be specified simultaneously'));
      if (wwns.length && fc.lun === undefined) errs.push(fe.required(p.child('lun'), 'lun is required if targetWWNs is specified'));
      return errs;
    }
    case 'quobyte':
      return required(v.quobyte, [['volume']], p);
    case 'flocker':
      return !v.flocker!.datasetName && !v.flocker!.datasetUUID ? [fe.required(p, 'one of datasetName and datasetUUID is required')] : [];
    default:
      return [];
  }
}

function validateEphemeral(v: core.Volume, p: FieldPath, fld: FieldPath, podName: string | undefined): FieldError[] {
  const tpl = v.ephemeral!.volumeClaimTemplate;
  if (!tpl) return [fe.required(p.child('volumeClaimTemplate'), '')];
  const errs: FieldError[] = [];
  const tp = p.child('volumeClaimTemplate');
  const meta = (tpl.metadata ?? {}) as Record<string, unknown>;
  for (const k of Object.keys(meta)) {
    if (k !== 'labels' && k !== 'annotations' && meta[k] !== undefined) errs.push(fe.forbidden(tp.child('metadata', k), 'cannot be set'));
  }
  const spec = tpl.spec ?? ({} as core.PersistentVolumeClaimSpec);
  if (!spec.accessModes?.length) errs.push(fe.required(tp.child('spec', 'accessModes'), 'at least 1 access mode is required'));
  if (spec.resources?.requests?.storage === undefined) errs.push(fe.required(tp.child('spec', 'resources').key('storage'), ''));
  if (podName && v.name) {
    const pvc = `${podName}-${v.name}`;
    for (const m of isDNS1123Subdomain(pvc)) errs.push(fe.invalid(fld.child('name'), v.name, `PVC name ${goQuote(pvc)}: ${m}`));
  }
  return errs;
}

/** The volume sources in upstream's checking order, with the path upstream reports a second source under. */
const SOURCES: Array<[string, string]> = [
  ['emptyDir', 'emptyDir'],
  ['hostPath', 'hostPath'],
  ['gitRepo', 'gitRepo'],
  ['gcePersistentDisk', 'gcePersistentDisk'],
  ['awsElasticBlockStore', 'awsElasticBlockStore'],
  ['secret', 'secret'],
  ['nfs', 'nfs'],
  ['iscsi', 'iscsi'],
  ['glusterfs', 'glusterfs'],
  ['flocker', 'flocker'],
  ['persistentVolumeClaim', 'persistentVolumeClaim'],
  ['rbd', 'rbd'],
  ['cinder', 'cinder'],
  ['cephfs', 'cephFS'],
  ['quobyte', 'quobyte'],
  ['downwardAPI', 'downwarAPI'],
  ['fc', 'fc'],
  ['flexVolume', 'flexVolume'],
  ['configMap', 'configMap'],
  ['azureFile', 'azureFile'],
  ['vsphereVolume', 'vsphereVolume'],
  ['photonPersistentDisk', 'photonPersistentDisk'],
  ['portworxVolume', 'portworxVolume'],
  ['azureDisk', 'azureDisk'],
  ['storageos', 'storageos'],
  ['projected', 'projected'],
  ['scaleIO', 'scaleIO'],
  ['csi', 'csi'],
  ['ephemeral', 'ephemeral'],
  ['image', 'image'],
];

function validateVolumeSource(v: core.Volume, fld: FieldPath, podName: string | undefined): FieldError[] {
  const errs: FieldError[] = [];
  let n = 0;
  const rec = v as unknown as Record<string, unknown>;
  for (const [kind, reported] of SOURCES) {
    if (rec[kind] == null) continue;
    if (n > 0) {
      errs.push(fe.forbidden(fld.child(reported), 'may not specify more than 1 volume type'));
      continue;
    }
    n++;
    errs.push(...validateSource(kind, v, fld, podName));
  }
  if (n === 0) errs.push(fe.required(fld, 'must specify a volume type'));
  return errs;
}

/** ValidateVolumes: the valid volumes by name (for mount checks) and the errors. */
export function validateVolumes(volumes: core.Volume[] | undefined, fld: FieldPath, opts: PodSpecValidationOptions): { volumes: Map<string, core.Volume>; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const valid = new Map<string, core.Volume>();
  const names = new Set<string>();
  const createdClaims = new Set<string>();
  if (opts.podName) for (const v of volumes ?? []) if (v.ephemeral) createdClaims.add(`${opts.podName}-${v.name}`);
  (volumes ?? []).forEach((v, i) => {
    const idx = fld.index(i);
    const namePath = idx.child('name');
    const el = validateVolumeSource(v, idx, opts.podName);
    if (!v.name) el.push(fe.required(namePath, ''));
    else for (const m of isDNS1123Label(v.name)) el.push(fe.invalid(namePath, v.name, m));
    if (names.has(v.name)) el.push(fe.duplicate(namePath, v.name));
    if (el.length === 0) {
      names.add(v.name);
      valid.set(v.name, v);
    } else errors.push(...el);
    const claim = v.persistentVolumeClaim?.claimName;
    if (claim && createdClaims.has(claim)) {
      errors.push(fe.invalid(idx.child('persistentVolumeClaim', 'claimName'), claim, 'must not reference a PVC that gets created for an ephemeral volume'));
    }
  });
  return { volumes: valid, errors };
}

const PROPAGATIONS = ['Bidirectional', 'HostToContainer', 'None'];

/** ValidateVolumeMounts for one container. */
export function validateVolumeMounts(
  c: core.Container | core.EphemeralContainer,
  volumes: ReadonlyMap<string, core.Volume>,
  fld: FieldPath,
): FieldError[] {
  const errs: FieldError[] = [];
  const mountPaths = new Set<string>();
  const devices = new Map((c.volumeDevices ?? []).map((d) => [d.name, d.devicePath]));
  (c.volumeMounts ?? []).forEach((m, i) => {
    const idx = fld.index(i);
    if (!m.name) errs.push(fe.required(idx.child('name'), ''));
    if (!volumes.has(m.name)) errs.push(fe.notFound(idx.child('name'), m.name ?? ''));
    if (!m.mountPath) errs.push(fe.required(idx.child('mountPath'), ''));
    if (mountPaths.has(m.mountPath)) errs.push(fe.invalid(idx.child('mountPath'), m.mountPath, 'must be unique'));
    mountPaths.add(m.mountPath);
    if (devices.has(m.name)) errs.push(fe.invalid(idx.child('name'), m.name, 'must not already exist in volumeDevices'));
    if ([...devices.values()].includes(m.mountPath)) errs.push(fe.invalid(idx.child('mountPath'), m.mountPath, 'must not already exist as a path in volumeDevices'));
    if (volumes.get(m.name)?.image) {
      if (m.subPath) errs.push(fe.invalid(idx.child('subPath'), m.subPath, 'not allowed in image volume sources'));
      if (m.subPathExpr) errs.push(fe.invalid(idx.child('subPathExpr'), m.subPathExpr, 'not allowed in image volume sources'));
    }
    if (m.subPath) errs.push(...validateLocalDescendingPath(m.subPath, fld.child('subPath')));
    if (m.subPathExpr) {
      if (m.subPath) errs.push(fe.invalid(idx.child('subPathExpr'), m.subPathExpr, 'subPathExpr and subPath are mutually exclusive'));
      errs.push(...validateLocalDescendingPath(m.subPathExpr, fld.child('subPathExpr')));
    }
    if (m.mountPropagation !== undefined) {
      const pp = fld.child('mountPropagation');
      if (!PROPAGATIONS.includes(m.mountPropagation)) errs.push(fe.notSupported(pp, m.mountPropagation, PROPAGATIONS));
      if (m.mountPropagation === 'Bidirectional' && c.securityContext?.privileged !== true) {
        errs.push(fe.forbidden(pp, 'Bidirectional mount propagation is available only to privileged containers'));
      }
    }
    const rro = m.recursiveReadOnly;
    if (rro !== undefined) {
      const rp = fld.child('recursiveReadOnly');
      if (rro === 'Enabled' || rro === 'IfPossible') {
        if (!m.readOnly) errs.push(fe.forbidden(rp, 'may only be specified when readOnly is true'));
        if (m.mountPropagation !== undefined && m.mountPropagation !== 'None') errs.push(fe.forbidden(rp, 'may only be specified when mountPropagation is None or not specified'));
      } else if (rro !== 'Disabled') errs.push(fe.notSupported(rp, rro, ['Disabled', 'Enabled', 'IfPossible']));
    }
  });
  return errs;
}

/** ValidateVolumeDevices for one container: block devices come from claims only. */
export function validateVolumeDevices(c: core.Container | core.EphemeralContainer, volumes: ReadonlyMap<string, core.Volume>, fld: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const paths = new Set<string>();
  const names = new Set<string>();
  const mounts = new Map((c.volumeMounts ?? []).map((m) => [m.name, m.mountPath]));
  (c.volumeDevices ?? []).forEach((d, i) => {
    const idx = fld.index(i);
    const vol = volumes.get(d.name);
    if (!d.name) errs.push(fe.required(idx.child('name'), ''));
    if (names.has(d.name)) errs.push(fe.invalid(idx.child('name'), d.name, 'must be unique'));
    if (vol && !vol.persistentVolumeClaim && !vol.ephemeral) {
      errs.push(fe.invalid(idx.child('name'), d.name, 'can only use volume source type of PersistentVolumeClaim or Ephemeral for block mode'));
    }
    if (!vol) errs.push(fe.notFound(idx.child('name'), d.name ?? ''));
    if (!d.devicePath) errs.push(fe.required(idx.child('devicePath'), ''));
    if (paths.has(d.devicePath)) errs.push(fe.invalid(idx.child('devicePath'), d.devicePath, 'must be unique'));
    if (d.devicePath && validatePathNoBacksteps(d.devicePath, idx).length) errs.push(fe.invalid(idx.child('devicePath'), d.devicePath, "can not contain backsteps ('..')"));
    else paths.add(d.devicePath);
    if (mounts.has(d.name)) errs.push(fe.invalid(idx.child('name'), d.name, 'must not already exist in volumeMounts'));
    if ([...mounts.values()].includes(d.devicePath)) errs.push(fe.invalid(idx.child('devicePath'), d.devicePath, 'must not already exist as a path in volumeMounts'));
    if (d.name) names.add(d.name);
  });
  return errs;
}
