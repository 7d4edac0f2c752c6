import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FieldSet } from './field-set.ts';
import { fieldElement, keyElement, pathString, valueElement } from './path-element.ts';

const f = fieldElement;

describe('FieldsV1 encoding', () => {
  it('round-trips managedFields as the API server writes them', () => {
    // `kubectl create` of a Deployment, as an upstream API server records it.
    const fieldsV1 = {
      'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
      'f:spec': {
        'f:replicas': {},
        'f:selector': {},
        'f:template': {
          'f:spec': {
            'f:containers': {
              'k:{"name":"nginx"}': {
                '.': {},
                'f:image': {},
                'f:name': {},
                'f:ports': { '.': {}, 'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {}, 'f:protocol': {} } },
              },
            },
          },
        },
      },
    };
    const set = FieldSet.fromFieldsV1(fieldsV1);
    assert.equal(JSON.stringify(set.toFieldsV1()), JSON.stringify(fieldsV1));
    assert.ok(set.has([f('spec'), f('template'), f('spec'), f('containers'), keyElement([['name', 'nginx']])]));
    assert.ok(!set.has([f('spec'), f('template')]), 'a struct with content is not itself a member');
  });

  it('orders fields, then list keys, then set values, and puts "." first', () => {
    const s = FieldSet.of(
      [f('b')],
      [f('a'), valueElement('x')],
      [f('a'), keyElement([['name', 'z']])],
      [f('a'), f('c')],
      [f('a')],
      [f('a'), keyElement([['name', 'b']])],
    );
    assert.equal(JSON.stringify(s.toFieldsV1()), '{"f:a":{".":{},"f:c":{},"k:{\\"name\\":\\"b\\"}":{},"k:{\\"name\\":\\"z\\"}":{},"v:\\"x\\"":{}},"f:b":{}}');
  });

  it('writes list keys sorted by name, as Go encodes them', () => {
    assert.equal(keyElement([['protocol', 'TCP'], ['containerPort', 80]]), 'k:{"containerPort":80,"protocol":"TCP"}');
    assert.equal(keyElement([['name', '<a&b>']]), 'k:{"name":"\\u003ca\\u0026b\\u003e"}');
  });

  it('canonicalizes keys written differently and drops unknown element kinds', () => {
    const s = FieldSet.fromFieldsV1({ 'f:spec': { 'k:{"protocol":"TCP", "containerPort":80}': {}, 'z:future': {} } });
    assert.deepEqual(s.toFieldsV1(), { 'f:spec': { 'k:{"containerPort":80,"protocol":"TCP"}': {} } });
  });

  it('reads an element with only "." as a member', () => {
    const s = FieldSet.fromFieldsV1({ 'f:data': { '.': {} } });
    assert.ok(s.has([f('data')]));
    assert.deepEqual(s.toFieldsV1(), { 'f:data': {} });
  });
});

describe('field set operations', () => {
  const a = FieldSet.of([f('spec'), f('replicas')], [f('spec'), f('paused')], [f('metadata'), f('labels'), f('app')]);
  const b = FieldSet.of([f('spec'), f('replicas')], [f('metadata'), f('labels')]);

  it('differs path by path', () => {
    assert.deepEqual(a.difference(b).toFieldsV1(), { 'f:metadata': { 'f:labels': { 'f:app': {} } }, 'f:spec': { 'f:paused': {} } });
  });

  it('differs recursively: a member removes everything below it', () => {
    assert.deepEqual(a.recursiveDifference(b).toFieldsV1(), { 'f:spec': { 'f:paused': {} } });
  });

  it('intersects and unites', () => {
    assert.deepEqual(a.intersection(b).toFieldsV1(), { 'f:spec': { 'f:replicas': {} } });
    assert.equal(a.union(b).size(), 4);
  });
});

describe('field paths', () => {
  it('print as upstream prints conflicts', () => {
    assert.equal(pathString([f('spec'), f('template'), f('spec'), f('containers'), keyElement([['name', 'nginx']]), f('image')]), '.spec.template.spec.containers[name="nginx"].image');
    assert.equal(pathString([f('ports'), keyElement([['protocol', 'TCP'], ['containerPort', 80]])]), '.ports[containerPort=80,protocol="TCP"]');
    assert.equal(pathString([f('metadata'), f('finalizers'), valueElement('a')]), '.metadata.finalizers[="a"]');
  });
});
