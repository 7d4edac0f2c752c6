import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { messages } from '../shared/testing.ts';
import type { ConfigMap } from './types.ts';
import { validateConfigMap, validateConfigMapUpdate } from './validation.ts';

const cm = (extra: Partial<ConfigMap>): ConfigMap => ({ metadata: { name: 'c', namespace: 'default' }, ...extra });

describe('ConfigMap validation', () => {
  it('checks keys and duplicates across data and binaryData', () => {
    assert.deepEqual(messages(validateConfigMap(cm({ data: { 'a b': 'x', '..x': 'y', ok: '1' }, binaryData: { ok: 'AA==' } }))), [
      "data[..x]: Invalid value: \"..x\": must not start with '..'",
      "data[a b]: Invalid value: \"a b\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
      'data[ok]: Invalid value: "ok": duplicate of key present in binaryData',
    ]);
  });

  it('limits the whole ConfigMap to 1 MiB', () => {
    assert.deepEqual(messages(validateConfigMap(cm({ data: { big: 'x'.repeat(1024 * 1024 + 1) } }))), ['[]: Too long: must have at most 1048576 bytes']);
  });

  it('freezes data once immutable', () => {
    const old = cm({ data: { a: '1' }, immutable: true });
    assert.deepEqual(messages(validateConfigMapUpdate(cm({ data: { a: '2' }, immutable: true }), old)), ['data: Forbidden: field is immutable when `immutable` is set']);
    assert.deepEqual(messages(validateConfigMapUpdate(cm({ data: { a: '1' } }), old)), ['immutable: Forbidden: field is immutable when `immutable` is set']);
    assert.deepEqual(messages(validateConfigMapUpdate(cm({ data: { a: '2' } }), cm({ data: { a: '1' } }))), []);
  });
});
