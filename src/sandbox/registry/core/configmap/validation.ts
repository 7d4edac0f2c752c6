// ConfigMap validation (ValidateConfigMap, ValidateConfigMapUpdate): keys, the 1 MiB size limit
// across data and binaryData, and immutability once `immutable: true`.
import { fieldErrors as fe, type FieldError, path } from '../../../../apimachinery/field-errors.ts';
import { deepEqual } from '../../../../apimachinery/object.ts';
import { isConfigMapKey } from '../../../../apimachinery/validation/names.ts';
import { decodedLength } from '../shared/base64.ts';
import { sortedEntries } from '../shared/sorted-entries.ts';
import type { ConfigMap } from './types.ts';

/** core.MaxSecretSize, shared by Secrets and ConfigMaps. */
export const MAX_SIZE = 1024 * 1024;
export const IMMUTABLE_MESSAGE = 'field is immutable when `immutable` is set';

export function validateConfigMap(cm: ConfigMap): FieldError[] {
  const errs: FieldError[] = [];
  let total = 0;
  for (const [key, value] of sortedEntries(cm.data)) {
    for (const m of isConfigMapKey(key)) errs.push(fe.invalid(path('data').key(key), key, m));
    if (cm.binaryData && key in cm.binaryData) errs.push(fe.invalid(path('data').key(key), key, 'duplicate of key present in binaryData'));
    total += Buffer.byteLength(value, 'utf8');
  }
  for (const [key, value] of sortedEntries(cm.binaryData)) {
    for (const m of isConfigMapKey(key)) errs.push(fe.invalid(path('binaryData').key(key), key, m));
    total += decodedLength(value);
  }
  // The error names the whole object: upstream's root path "" prints as `[]`.
  if (total > MAX_SIZE) errs.push(fe.tooLong('[]', '', MAX_SIZE));
  return errs;
}

export function validateConfigMapUpdate(cm: ConfigMap, old: ConfigMap): FieldError[] {
  const errs: FieldError[] = [];
  if (old.immutable) {
    if (!cm.immutable) errs.push(fe.forbidden(path('immutable'), IMMUTABLE_MESSAGE));
    if (!deepEqual(cm.data ?? {}, old.data ?? {})) errs.push(fe.forbidden(path('data'), IMMUTABLE_MESSAGE));
    if (!deepEqual(cm.binaryData ?? {}, old.binaryData ?? {})) errs.push(fe.forbidden(path('binaryData'), IMMUTABLE_MESSAGE));
  }
  return [...errs, ...validateConfigMap(cm)];
}
