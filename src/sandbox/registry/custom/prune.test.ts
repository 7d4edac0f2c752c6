import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pruneUnknown } from './prune.ts';
import type { JSONSchemaProps } from './schema-props.ts';

const schema: JSONSchemaProps = {
  type: 'object',
  properties: {
    spec: {
      type: 'object',
      properties: {
        size: { type: 'integer' },
        items: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' } } } },
        labels: { type: 'object', additionalProperties: { type: 'string' } },
        free: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true, properties: { known: { type: 'object', properties: { a: { type: 'string' } } } } },
        template: { type: 'object', 'x-kubernetes-embedded-resource': true, properties: { spec: { type: 'object', properties: { x: { type: 'string' } } } } },
      },
    },
  },
};

describe('pruning by a structural schema', () => {
  it('drops unknown fields and reports their paths', () => {
    const obj = {
      apiVersion: 'example.com/v1',
      kind: 'Thing',
      metadata: { name: 'a' },
      spec: { size: 1, color: 'red', items: [{ name: 'x', extra: true }], labels: { a: 'b' } },
      extraRoot: 1,
    };
    const pruned = pruneUnknown(obj, schema, true);
    assert.deepEqual(pruned.sort(), ['extraRoot', 'spec.color', 'spec.items[0].extra']);
    assert.deepEqual(obj, { apiVersion: 'example.com/v1', kind: 'Thing', metadata: { name: 'a' }, spec: { size: 1, items: [{ name: 'x' }], labels: { a: 'b' } } });
  });

  it('keeps unknown fields under x-kubernetes-preserve-unknown-fields but prunes inside known ones', () => {
    const obj = { spec: { free: { anything: { goes: 1 }, known: { a: 'x', b: 'y' } } } };
    assert.deepEqual(pruneUnknown(obj, schema, true), ['spec.free.known.b']);
    assert.deepEqual(obj, { spec: { free: { anything: { goes: 1 }, known: { a: 'x' } } } });
  });

  it('keeps apiVersion, kind and metadata of embedded resources', () => {
    const obj = { spec: { template: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { x: 'y', z: 1 }, other: 1 } } };
    assert.deepEqual(pruneUnknown(obj, schema, true).sort(), ['spec.template.other', 'spec.template.spec.z']);
    assert.deepEqual(obj.spec.template, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { x: 'y' } });
  });
});
