import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { describe, it } from 'node:test';
import { StatusError } from '../../../../apimachinery/errors.ts';
import { messages } from '../shared/testing.ts';
import { setSecretDefaults } from './defaults.ts';
import type { Secret } from './types.ts';
import { validateSecret, validateSecretUpdate } from './validation.ts';
import { keyPairError } from './warnings.ts';

const b64 = (s: string) => Buffer.from(s).toString('base64');
const secret = (extra: Partial<Secret>): Secret => ({ metadata: { name: 's', namespace: 'default' }, ...extra });

describe('Secret defaults', () => {
  it('folds stringData into data (stringData wins) and defaults the type', () => {
    const s = secret({ data: { a: b64('old'), b: b64('keep') }, stringData: { a: 'new' } });
    setSecretDefaults(s);
    assert.deepEqual(s, secret({ data: { a: b64('new'), b: b64('keep') }, type: 'Opaque' }));
  });

  it('refuses data that is not base64 as the decoder does', () => {
    assert.throws(
      () => setSecretDefaults(secret({ data: { a: 'not base64!' } })),
      (e: unknown) => e instanceof StatusError && e.code === 400 && e.message === 'Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 3',
    );
  });
});

describe('Secret validation', () => {
  it('requires the keys of each type', () => {
    assert.deepEqual(messages(validateSecret(secret({ type: 'kubernetes.io/tls', data: {} }))), ['data[tls.crt]: Required value', 'data[tls.key]: Required value']);
    assert.deepEqual(messages(validateSecret(secret({ type: 'kubernetes.io/basic-auth', data: {} }))), ['data[username]: Required value', 'data[password]: Required value']);
    assert.deepEqual(messages(validateSecret(secret({ type: 'kubernetes.io/basic-auth', data: { username: '' } }))), []);
    assert.deepEqual(messages(validateSecret(secret({ type: 'kubernetes.io/ssh-auth', data: { 'ssh-privatekey': '' } }))), ['data[ssh-privatekey]: Required value']);
    assert.deepEqual(messages(validateSecret(secret({ type: 'kubernetes.io/service-account-token' }))), [
      'metadata.annotations[kubernetes.io/service-account.name]: Required value',
    ]);
    assert.deepEqual(messages(validateSecret(secret({ type: 'kubernetes.io/dockerconfigjson', data: { '.dockerconfigjson': b64('nope') } }))), [
      'data[.dockerconfigjson]: Invalid value: "<secret contents redacted>": invalid character \'o\' in literal null (expecting \'u\')',
    ]);
    assert.deepEqual(messages(validateSecret(secret({ type: 'kubernetes.io/dockercfg', data: { '.dockercfg': b64('[1]') } }))), [
      'data[.dockercfg]: Invalid value: "<secret contents redacted>": json: cannot unmarshal array into Go value of type map[string]interface {}',
    ]);
  });

  it('keeps the type, and the data of immutable Secrets', () => {
    const old = secret({ type: 'Opaque', data: { a: b64('1') }, immutable: true });
    assert.deepEqual(messages(validateSecretUpdate(secret({ type: 'kubernetes.io/tls', data: { a: b64('1'), 'tls.crt': '', 'tls.key': '' }, immutable: true }), old)), [
      'type: Invalid value: "kubernetes.io/tls": field is immutable',
      'data: Forbidden: field is immutable when `immutable` is set',
    ]);
  });

  it('warns about TLS pairs Go would not load', () => {
    assert.equal(keyPairError('', ''), 'tls: failed to find any PEM data in certificate input');
    const key = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    assert.equal(
      keyPairError(key, key),
      'tls: failed to find "CERTIFICATE" PEM block in certificate input after skipping PEM blocks of the following types: [PRIVATE KEY]',
    );
  });
});
