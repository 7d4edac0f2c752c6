// Secret validation (ValidateSecret, ValidateSecretUpdate): keys, the 1 MiB limit, each type's
// required keys, immutability of the type and, once `immutable: true`, of the data.
import { fieldErrors as fe, type FieldError, path } from '../../../../apimachinery/field-errors.ts';
import { deepEqual } from '../../../../apimachinery/object.ts';
import { isConfigMapKey } from '../../../../apimachinery/validation/names.ts';
import { IMMUTABLE_MESSAGE, MAX_SIZE } from '../configmap/validation.ts';
import { decodedLength } from '../shared/base64.ts';
import { goJSONObjectError } from '../shared/go-json.ts';
import { validateImmutableField } from '../shared/immutable.ts';
import { sortedEntries } from '../shared/sorted-entries.ts';
import type { Secret } from './types.ts';

const SERVICE_ACCOUNT_NAME = 'kubernetes.io/service-account.name';

function decoded(value: string | undefined): string {
  return Buffer.from(value ?? '', 'base64').toString('utf8');
}

export function validateSecret(secret: Secret): FieldError[] {
  const errs: FieldError[] = [];
  const data = secret.data ?? {};
  const dataPath = path('data');
  let total = 0;
  for (const [key, value] of sortedEntries(data)) {
    for (const m of isConfigMapKey(key)) errs.push(fe.invalid(dataPath.key(key), key, m));
    total += decodedLength(value);
  }
  if (total > MAX_SIZE) errs.push(fe.tooLong(dataPath, '', MAX_SIZE));
  const has = (k: string) => k in data;
  switch (secret.type) {
    case 'kubernetes.io/service-account-token':
      if (!secret.metadata.annotations?.[SERVICE_ACCOUNT_NAME]) errs.push(fe.required(path('metadata', 'annotations').key(SERVICE_ACCOUNT_NAME), ''));
      break;
    case 'kubernetes.io/dockercfg': {
      if (!has('.dockercfg')) {
        errs.push(fe.required(dataPath.key('.dockercfg'), ''));
        break;
      }
      const e = goJSONObjectError(decoded(data['.dockercfg']));
      if (e) errs.push(fe.invalid(dataPath.key('.dockercfg'), '<secret contents redacted>', e));
      break;
    }
    case 'kubernetes.io/dockerconfigjson': {
      if (!has('.dockerconfigjson')) {
        errs.push(fe.required(dataPath.key('.dockerconfigjson'), ''));
        break;
      }
      const e = goJSONObjectError(decoded(data['.dockerconfigjson']));
      if (e) errs.push(fe.invalid(dataPath.key('.dockerconfigjson'), '<secret contents redacted>', e));
      break;
    }
    case 'kubernetes.io/basic-auth':
      if (!has('username') && !has('password')) {
        errs.push(fe.required(dataPath.key('username'), ''));
        errs.push(fe.required(dataPath.key('password'), ''));
      }
      break;
    case 'kubernetes.io/ssh-auth':
      if (decodedLength(data['ssh-privatekey'] ?? '') === 0) errs.push(fe.required(dataPath.key('ssh-privatekey'), ''));
      break;
    case 'kubernetes.io/tls':
      if (!has('tls.crt')) errs.push(fe.required(dataPath.key('tls.crt'), ''));
      if (!has('tls.key')) errs.push(fe.required(dataPath.key('tls.key'), ''));
      break;
  }
  return errs;
}

export function validateSecretUpdate(secret: Secret, old: Secret): FieldError[] {
  const errs = validateImmutableField(secret.type ?? '', old.type ?? '', path('type'));
  if (old.immutable) {
    if (!secret.immutable) errs.push(fe.forbidden(path('immutable'), IMMUTABLE_MESSAGE));
    if (!deepEqual(secret.data ?? {}, old.data ?? {})) errs.push(fe.forbidden(path('data'), IMMUTABLE_MESSAGE));
  }
  return [...errs, ...validateSecret(secret)];
}
