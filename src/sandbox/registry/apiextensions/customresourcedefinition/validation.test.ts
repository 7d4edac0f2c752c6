import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deepClone } from '../../../../apimachinery/object.ts';
import { setCRDDefaults } from './defaults.ts';
import type { CustomResourceDefinition } from './types.ts';
import { validateCRD, validateCRDUpdate } from './validation.ts';

function crd(mutate: (c: CustomResourceDefinition) => void = () => {}): CustomResourceDefinition {
  const c: CustomResourceDefinition = {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'widgets.example.com' },
    spec: {
      group: 'example.com',
      scope: 'Namespaced',
      names: { plural: 'widgets', kind: 'Widget' },
      versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: { size: { type: 'integer' } } } } } } }],
    },
    status: { storedVersions: ['v1'] },
  };
  setCRDDefaults(c);
  mutate(c);
  return c;
}

function messages(c: CustomResourceDefinition): string[] {
  return validateCRD(c).map((e) => e.toString());
}

const schemaPath = 'spec.versions[0].schema.openAPIV3Schema';

describe('CustomResourceDefinition validation', () => {
  it('accepts a valid definition and defaults singular, listKind and conversion', () => {
    const c = crd();
    assert.deepEqual(messages(c), []);
    assert.equal(c.spec.names.singular, 'widget');
    assert.equal(c.spec.names.listKind, 'WidgetList');
    assert.deepEqual(c.spec.conversion, { strategy: 'None' });
  });

  it('requires the name to be plural.group', () => {
    assert.deepEqual(messages(crd((c) => (c.metadata.name = 'gadgets.example.com'))), ['metadata.name: Invalid value: "gadgets.example.com": must be spec.names.plural+"."+spec.group']);
  });

  it('checks group, scope and names', () => {
    assert.deepEqual(
      messages(
        crd((c) => {
          c.spec.group = 'example';
          c.metadata.name = 'widgets.example';
        }),
      ),
      ['spec.group: Invalid value: "example": should be a domain with at least one dot'],
    );
    assert.deepEqual(messages(crd((c) => (c.spec.scope = 'Regional'))), ['spec.scope: Unsupported value: "Regional": supported values: "Cluster", "Namespaced"']);
    assert.deepEqual(messages(crd((c) => (c.spec.names.shortNames = ['W_1']))), [
      "spec.names.shortNames[0]: Invalid value: \"W_1\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
    ]);
    assert.deepEqual(messages(crd((c) => (c.spec.names.listKind = 'Widget'))), ['spec.names.listKind: Invalid value: "Widget": kind and listKind may not be the same']);
  });

  it('requires exactly one storage version and unique version names', () => {
    const none = messages(
      crd((c) => {
        c.spec.versions[0]!.storage = false;
        c.status = {};
      }),
    );
    assert.ok(none.some((m) => m.startsWith('spec.versions: Invalid value: []apiextensions.CustomResourceDefinitionVersion{') && m.endsWith(': must have exactly one version marked as storage version')), none.join('\n'));
    assert.ok(none.includes('status.storedVersions: Invalid value: []string(nil): must have at least one stored version'), none.join('\n'));
    const dup = messages(crd((c) => c.spec.versions.push({ ...deepClone(c.spec.versions[0]!), storage: false })));
    assert.ok(dup.some((m) => m.endsWith(': must contain unique version names')), dup.join('\n'));
  });

  it('requires a schema per version', () => {
    assert.deepEqual(messages(crd((c) => delete c.spec.versions[0]!.schema)), [`${schemaPath}: Required value: schemas are required`]);
  });

  it('requires structural schemas, with upstream messages sorted', () => {
    const m = messages(
      crd((c) => {
        c.spec.versions[0]!.schema = {
          openAPIV3Schema: { type: 'object', properties: { spec: { properties: { a: { type: 'int' } } }, items: { type: 'array' } } },
        };
      }),
    );
    assert.deepEqual(m, [
      `${schemaPath}.properties[items].items: Required value: must be specified`,
      `${schemaPath}.properties[spec].type: Required value: must not be empty for specified object fields`,
      `${schemaPath}.properties[spec].properties[a].type: Unsupported value: "int": supported values: "array", "boolean", "integer", "number", "object", "string"`,
    ]);
  });

  it('forbids types and descriptions inside value validations', () => {
    const m = messages(crd((c) => (c.spec.versions[0]!.schema!.openAPIV3Schema!.anyOf = [{ type: 'object', properties: { spec: { description: 'x' } } }])));
    assert.deepEqual(m, [`${schemaPath}.anyOf[0].properties[spec].description: Forbidden: must be empty to be structural`, `${schemaPath}.anyOf[0].type: Forbidden: must be empty to be structural`]);
  });

  it('restricts metadata at the root and defaults in it', () => {
    const m = messages(crd((c) => (c.spec.versions[0]!.schema!.openAPIV3Schema!.properties!.metadata = { type: 'object', properties: { labels: { type: 'object' } } })));
    assert.deepEqual(m, [`${schemaPath}.properties[metadata]: Forbidden: must not specify anything other than name and generateName, but metadata is implicitly specified`]);
  });

  it('validates defaults against their schema', () => {
    const m = messages(crd((c) => (c.spec.versions[0]!.schema!.openAPIV3Schema!.properties!.spec!.properties!.size!.default = 'big')));
    assert.deepEqual(m, [`${schemaPath}.properties[spec].properties[size].default: Invalid value: "string":  in body must be of type integer: "string"`]);
  });

  it('restricts the root schema when the status subresource is enabled', () => {
    const m = messages(
      crd((c) => {
        c.spec.versions[0]!.subresources = { status: {} };
        c.spec.versions[0]!.schema!.openAPIV3Schema!['x-kubernetes-preserve-unknown-fields'] = true;
        c.spec.versions[0]!.schema!.openAPIV3Schema!.type = 'object';
      }),
    );
    assert.deepEqual(m, []);
    const bad = messages(crd((c) => (c.spec.versions[0]!.subresources = { status: {}, scale: { specReplicasPath: 'spec.replicas', statusReplicasPath: '.spec.replicas' } })));
    assert.deepEqual(bad, [
      'spec.versions[0].subresources.scale.specReplicasPath: Invalid value: "spec.replicas": must be a simple json path starting with .',
      'spec.versions[0].subresources.scale.statusReplicasPath: Invalid value: ".spec.replicas": should be a json path under .status',
    ]);
  });

  it('validates printer columns', () => {
    const m = messages(crd((c) => (c.spec.versions[0]!.additionalPrinterColumns = [{ name: 'Size', type: 'long', jsonPath: 'spec.size' }])));
    assert.deepEqual(m, [
      'spec.versions[0].additionalPrinterColumns[0].type: Invalid value: "long": must be one of boolean,date,integer,number,string',
      'spec.versions[0].additionalPrinterColumns[0].JSONPath: Invalid value: "spec.size": must be a simple json path starting with .',
    ]);
  });

  it('requires API approval in protected groups', () => {
    const m = messages(
      crd((c) => {
        c.spec.group = 'widgets.k8s.io';
        c.metadata.name = 'widgets.widgets.k8s.io';
      }),
    );
    assert.deepEqual(m, [
      'metadata.annotations[api-approved.kubernetes.io]: Required value: protected groups must have approval annotation "api-approved.kubernetes.io", see https://github.com/kubernetes/enhancements/pull/1111',
    ]);
  });

  it('keeps group and plural immutable, and scope and kind once established', () => {
    const old = crd((c) => (c.status!.conditions = [{ type: 'Established', status: 'True' }]));
    const next = crd((c) => {
      c.spec.scope = 'Cluster';
      c.spec.names.kind = 'Gadget';
      c.spec.names.listKind = 'GadgetList';
    });
    assert.deepEqual(
      validateCRDUpdate(next, old).map((e) => e.toString()),
      ['spec.scope: Invalid value: "Cluster": field is immutable', 'spec.names.kind: Invalid value: "Gadget": field is immutable'],
    );
  });
});
