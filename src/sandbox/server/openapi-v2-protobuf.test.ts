import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { encodeOpenAPIV2 } from './openapi-v2-protobuf.ts';

/** A minimal protobuf reader for the test: field number → raw values (varints, doubles, bytes). */
function fields(buf: Buffer): Map<number, Array<bigint | Buffer | number>> {
  const out = new Map<number, Array<bigint | Buffer | number>>();
  let i = 0;
  const varint = () => {
    let v = 0n;
    let shift = 0n;
    for (;;) {
      const b = buf[i++]!;
      v |= BigInt(b & 0x7f) << shift;
      if (b < 0x80) return v;
      shift += 7n;
    }
  };
  while (i < buf.length) {
    const tag = Number(varint());
    const field = tag >> 3;
    let value: bigint | Buffer | number;
    switch (tag & 7) {
      case 0:
        value = varint();
        break;
      case 1:
        value = buf.readDoubleLE(i);
        i += 8;
        break;
      case 2: {
        const len = Number(varint());
        value = buf.subarray(i, i + len);
        i += len;
        break;
      }
      default:
        throw new Error(`wire type ${tag & 7}`);
    }
    out.set(field, [...(out.get(field) ?? []), value]);
  }
  return out;
}

const msg = (m: Map<number, Array<bigint | Buffer | number>>, f: number, i = 0) => fields(m.get(f)![i] as Buffer);
const str = (m: Map<number, Array<bigint | Buffer | number>>, f: number, i = 0) => (m.get(f)![i] as Buffer).toString('utf8');

describe('OpenAPI v2 protobuf encoding (gnostic openapi_v2.Document)', () => {
  const bytes = encodeOpenAPIV2({
    swagger: '2.0',
    info: { title: 'Kubernetes', version: 'v1.36.0' },
    paths: {
      '/api/v1/namespaces/{namespace}/configmaps/{name}': {
        parameters: [{ $ref: '#/parameters/namespace-x' }, { name: 'name', in: 'path', required: true, type: 'string', uniqueItems: true }],
        patch: {
          operationId: 'patchCoreV1NamespacedConfigMap',
          consumes: ['application/merge-patch+json', 'application/strategic-merge-patch+json'],
          parameters: [{ name: 'fieldValidation', in: 'query', type: 'string', uniqueItems: true }],
          responses: { '200': { description: 'OK', schema: { $ref: '#/definitions/io.k8s.api.core.v1.ConfigMap' } } },
          'x-kubernetes-group-version-kind': { group: '', kind: 'ConfigMap', version: 'v1' },
        },
      },
    },
    definitions: {
      'io.k8s.api.core.v1.ConfigMap': {
        type: 'object',
        required: ['data'],
        properties: { data: { type: 'object', additionalProperties: { type: 'string' } }, n: { type: 'integer', maximum: 2.5, maxLength: 7 } },
        'x-kubernetes-group-version-kind': [{ group: '', kind: 'ConfigMap', version: 'v1' }],
      },
    },
  });
  const doc = fields(bytes);

  it('writes the document header', () => {
    assert.equal(str(doc, 1), '2.0');
    const info = msg(doc, 2);
    assert.equal(str(info, 1), 'Kubernetes');
    assert.equal(str(info, 2), 'v1.36.0');
  });

  it('writes definitions with types, properties, maps, numbers and vendor extensions', () => {
    const named = msg(msg(doc, 9), 1);
    assert.equal(str(named, 1), 'io.k8s.api.core.v1.ConfigMap');
    const schema = msg(named, 2);
    assert.equal(str(msg(schema, 22), 1), 'object');
    assert.equal(str(schema, 19), 'data');
    const props = msg(schema, 25);
    const data = msg(props, 1, 0);
    assert.equal(str(data, 1), 'data');
    const additional = msg(msg(data, 2), 21);
    assert.equal(str(msg(msg(additional, 1), 22), 1), 'string');
    const n = msg(msg(props, 1, 1), 2);
    assert.equal(n.get(7)![0], 2.5);
    assert.equal(n.get(11)![0], 7n);
    const ext = msg(schema, 31);
    assert.equal(str(ext, 1), 'x-kubernetes-group-version-kind');
    assert.deepEqual(JSON.parse(str(msg(ext, 2), 2)), [{ group: '', kind: 'ConfigMap', version: 'v1' }]);
  });

  it('writes paths with operations, parameters and responses', () => {
    const named = msg(msg(doc, 8), 2);
    assert.equal(str(named, 1), '/api/v1/namespaces/{namespace}/configmaps/{name}');
    const item = msg(named, 2);
    assert.equal(str(msg(msg(item, 9, 0), 2), 1), '#/parameters/namespace-x');
    const pathParam = msg(msg(msg(msg(item, 9, 1), 1), 2), 4);
    assert.equal(str(pathParam, 4), 'name');
    assert.equal(pathParam.get(1)![0], 1n);
    const patch = msg(item, 8);
    assert.equal(str(patch, 5), 'patchCoreV1NamespacedConfigMap');
    assert.deepEqual([str(patch, 7, 0), str(patch, 7, 1)], ['application/merge-patch+json', 'application/strategic-merge-patch+json']);
    const query = msg(msg(msg(msg(patch, 8), 1), 2), 3);
    assert.equal(str(query, 4), 'fieldValidation');
    const response = msg(msg(msg(msg(patch, 9), 1), 2), 1);
    assert.equal(str(response, 1), 'OK');
    assert.equal(str(msg(msg(response, 2), 1), 1), '#/definitions/io.k8s.api.core.v1.ConfigMap');
    assert.deepEqual(JSON.parse(str(msg(msg(patch, 13), 2), 2)), { group: '', kind: 'ConfigMap', version: 'v1' });
  });
});
