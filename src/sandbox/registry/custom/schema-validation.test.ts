import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateCustomResource } from './schema-validation.ts';
import type { JSONSchemaProps } from './schema-props.ts';

const schema: JSONSchemaProps = {
  type: 'object',
  properties: {
    spec: {
      type: 'object',
      required: ['cronSpec'],
      properties: {
        cronSpec: { type: 'string', pattern: '^\\S+ \\S+$' },
        replicas: { type: 'integer', minimum: 1, maximum: 10 },
        ratio: { type: 'number', maximum: 1000000 },
        name: { type: 'string', minLength: 3, maxLength: 5 },
        mode: { type: 'string', enum: ['Fast', 'Slow'] },
        tags: { type: 'array', minItems: 1, maxItems: 2, items: { type: 'string' } },
        port: { 'x-kubernetes-int-or-string': true },
        when: { type: 'string', format: 'date-time' },
        note: { type: 'string', nullable: true },
        labels: { type: 'object', additionalProperties: { type: 'integer' } },
      },
    },
  },
};

function messages(value: unknown): string[] {
  return validateCustomResource(schema, value).map((e) => e.toString());
}

describe('custom resource schema validation', () => {
  it('accepts a valid object', () => {
    assert.deepEqual(messages({ spec: { cronSpec: 'a b', replicas: 3, tags: ['x'], port: 'http', when: '2024-01-02T03:04:05Z', note: null } }), []);
  });

  it('reports a wrong type as upstream does', () => {
    assert.deepEqual(messages({ spec: { cronSpec: 'a b', replicas: 'string' } }), [
      'spec.replicas: Invalid value: "string": spec.replicas in body must be of type integer: "string"',
    ]);
    assert.deepEqual(messages({ spec: { cronSpec: 'a b', replicas: 1.5 } }), ['spec.replicas: Invalid value: "number": spec.replicas in body must be of type integer: "number"']);
    assert.deepEqual(messages({ spec: { cronSpec: 'a b', port: true } }), ['spec.port: Invalid value: "boolean": spec.port in body must be of type integer,string: "boolean"']);
    assert.deepEqual(messages({ spec: 'x' }), ['spec: Invalid value: "string": spec in body must be of type object: "string"']);
  });

  it('reports null for non-nullable fields and accepts it for nullable ones', () => {
    assert.deepEqual(messages({ spec: { cronSpec: 'a b', replicas: null, note: null } }), ['spec.replicas: Invalid value: "null": spec.replicas in body must be of type integer: "null"']);
  });

  it('reports required fields', () => {
    assert.deepEqual(messages({ spec: {} }), ['spec.cronSpec: Required value']);
  });

  it('reports minimum and maximum with the limit printed as Go prints it', () => {
    assert.deepEqual(messages({ spec: { cronSpec: 'a b', replicas: 20 } }), ['spec.replicas: Invalid value: 20: spec.replicas in body should be less than or equal to 10']);
    assert.deepEqual(messages({ spec: { cronSpec: 'a b', replicas: 0 } }), ['spec.replicas: Invalid value: 0: spec.replicas in body should be greater than or equal to 1']);
    assert.deepEqual(messages({ spec: { cronSpec: 'a b', ratio: 2000000.5 } }), ['spec.ratio: Invalid value: 2000000.5: spec.ratio in body should be less than or equal to 1e+06']);
  });

  it('reports string length, pattern, enum and format', () => {
    assert.deepEqual(messages({ spec: { cronSpec: 'a b', name: 'ab' } }), ['spec.name: Invalid value: "ab": spec.name in body should be at least 3 chars long']);
    assert.deepEqual(messages({ spec: { cronSpec: 'a b', name: 'abcdef' } }), ['spec.name: Too long: may not be longer than 5']);
    assert.deepEqual(messages({ spec: { cronSpec: 'ab' } }), ["spec.cronSpec: Invalid value: \"ab\": spec.cronSpec in body should match '^\\S+ \\S+$'"]);
    assert.deepEqual(messages({ spec: { cronSpec: 'a b', mode: 'Medium' } }), ['spec.mode: Unsupported value: "Medium": supported values: "Fast", "Slow"']);
    assert.deepEqual(messages({ spec: { cronSpec: 'a b', when: 'tomorrow' } }), ['spec.when: Invalid value: "tomorrow": spec.when in body must be of type date-time: "tomorrow"']);
  });

  it('reports item counts and validates items and map values with their paths', () => {
    assert.deepEqual(messages({ spec: { cronSpec: 'a b', tags: [] } }), ['spec.tags: Invalid value: 0: spec.tags in body should have at least 1 items']);
    assert.deepEqual(messages({ spec: { cronSpec: 'a b', tags: ['a', 'b', 'c'] } }), ['spec.tags: Too many: 3: must have at most 2 items']);
    assert.deepEqual(messages({ spec: { cronSpec: 'a b', tags: ['a', 7] } }), ['spec.tags[1]: Invalid value: "integer": spec.tags[1] in body must be of type string: "integer"']);
    assert.deepEqual(messages({ spec: { cronSpec: 'a b', labels: { a: 'x' } } }), ['spec.labels.a: Invalid value: "string": spec.labels.a in body must be of type integer: "string"']);
  });

  it('reports every error, not just the first', () => {
    assert.equal(messages({ spec: { replicas: 'x', mode: 'No' } }).length, 3);
  });

  it('reports errors of a default under the default field path', () => {
    const errs = validateCustomResource({ type: 'integer' }, 'x', 'spec.versions[0].schema.openAPIV3Schema.properties[a].default');
    assert.deepEqual(
      errs.map((e) => e.toString()),
      // kube-openapi names the root of a default "", hence the double space.
      ['spec.versions[0].schema.openAPIV3Schema.properties[a].default: Invalid value: "string":  in body must be of type integer: "string"'],
    );
  });
});
