// Validation of the volume sources a PersistentVolume may name (validate*VolumeSource in
// pkg/apis/core/validation) for the ones courses use: hostPath, local, nfs, csi. Other sources
// are accepted as given.
import { fieldErrors as fe, type FieldError, type FieldPath } from '../../../../apimachinery/field-errors.ts';
import { isDNS1123Subdomain } from '../../../../apimachinery/validation/names.ts';
import type * as corev1 from '../../../../generated/k8s/core/v1.ts';

const HOST_PATH_TYPES = ['', 'BlockDevice', 'CharDevice', 'Directory', 'DirectoryOrCreate', 'File', 'FileOrCreate', 'Socket'];

/** validatePathNoBacksteps: no `..` element. */
export function validatePathNoBacksteps(p: string, fld: FieldPath): FieldError[] {
  return p.split('/').includes('..') ? [fe.invalid(fld, p, "must not contain '..'")] : [];
}

export function validateHostPath(src: corev1.HostPathVolumeSource, fld: FieldPath): FieldError[] {
  if (!src.path) return [fe.required(fld.child('path'), '')];
  const errs = validatePathNoBacksteps(src.path, fld.child('path'));
  if (src.type !== undefined && !HOST_PATH_TYPES.includes(src.type)) errs.push(fe.notSupported(fld.child('type'), src.type, HOST_PATH_TYPES));
  return errs;
}

export function validateLocal(src: corev1.LocalVolumeSource, fld: FieldPath): FieldError[] {
  if (!src.path) return [fe.required(fld.child('path'), '')];
  return validatePathNoBacksteps(src.path, fld.child('path'));
}

export function validateNFS(src: corev1.NFSVolumeSource, fld: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (!src.server) errs.push(fe.required(fld.child('server'), ''));
  if (!src.path) errs.push(fe.required(fld.child('path'), ''));
  else if (!src.path.startsWith('/')) errs.push(fe.invalid(fld.child('path'), src.path, 'must be an absolute path'));
  return errs;
}

/** ValidateCSIDriverName. */
function validateCSIDriverName(name: string, fld: FieldPath): FieldError[] {
  if (!name) return [fe.required(fld, '')];
  if (name.length > 63) return [fe.tooLong(fld, name, 63)];
  // Driver names are subdomains of at most 63 characters; lower-case the first check as upstream does.
  return isDNS1123Subdomain(name.toLowerCase()).map((m) => fe.invalid(fld, name, m));
}

export function validateCSI(src: corev1.CSIPersistentVolumeSource, fld: FieldPath): FieldError[] {
  const errs = validateCSIDriverName(src.driver ?? '', fld.child('driver'));
  if (!src.volumeHandle) errs.push(fe.required(fld.child('volumeHandle'), ''));
  return errs;
}
