import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyDefaults, pruneNonNullableNulls } from './defaulting.ts';
import type { JSONSchemaProps } from './schema-props.ts';

const schema: JSONSchemaProps = {
  type: 'object',
  properties: {
    spec: {
      type: 'object',
      default: {},
      properties: {
        replicas: { type: 'integer', default: 1 },
        mode: { type: 'string', default: 'Fast' },
        note: { type: 'string', nullable: true, default: 'n' },
        plain: { type: 'string' },
        ports: { type: 'array', items: { type: 'object', properties: { protocol: { type: 'string', default: 'TCP' }, port: { type: 'integer' } } } },
        limits: { type: 'object', additionalProperties: { type: 'string', default: 'none' } },
      },
    },
  },
};

describe('structural defaulting', () => {
  it('fills missing fields, including inside a defaulted parent', () => {
    const obj: Record<string, unknown> = {};
    applyDefaults(obj, schema);
    assert.deepEqual(obj, { spec: { replicas: 1, mode: 'Fast', note: 'n' } });
  });

  it('keeps given values, replaces non-nullable nulls and keeps nullable ones', () => {
    const obj = { spec: { replicas: 5, mode: null, note: null } };
    applyDefaults(obj, schema);
    assert.deepEqual(obj, { spec: { replicas: 5, mode: 'Fast', note: null } });
  });

  it('defaults array items and map values', () => {
    const obj = { spec: { replicas: 1, mode: 'Fast', note: 'n', ports: [{ port: 80 }, { port: 53, protocol: 'UDP' }], limits: { cpu: null } } };
    applyDefaults(obj, schema);
    assert.deepEqual(obj.spec.ports, [{ port: 80, protocol: 'TCP' }, { port: 53, protocol: 'UDP' }]);
    assert.deepEqual(obj.spec.limits, { cpu: 'none' });
  });

  it('drops non-nullable nulls that have no default', () => {
    const obj = { spec: { plain: null, mode: null, note: null } };
    pruneNonNullableNulls(obj, schema);
    assert.deepEqual(obj, { spec: { mode: null, note: null } });
  });
});
