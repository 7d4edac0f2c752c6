import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { builtinSchema, type FieldNode, type ObjectNode, type SchemaNode } from '../openapi/schema-model.ts';
import { strategicMergePatch, StrategicMergePatchError } from './strategic-merge-patch.ts';

// Upstream's test type (strategicpatch/patch_test.go `mergeItem`), as a schema.
const str: SchemaNode = { kind: 'scalar', type: 'string', goType: 'string' };
const int: SchemaNode = { kind: 'scalar', type: 'integer', goType: 'int64' };
const mergeItem: ObjectNode = { kind: 'object', goName: 'mergeItem', goType: 'mergeItem', fields: new Map(), required: [], atomic: false, preserveUnknown: false };
const list = (items: SchemaNode, strategies: string[], key?: string): SchemaNode => ({
  kind: 'array',
  items,
  listType: key ? 'map' : strategies.includes('merge') ? 'set' : 'atomic',
  mapKeys: key ? [key] : [],
  patchMergeKey: key,
  patchStrategies: strategies,
  goType: '[]mergeItem',
});
const retainKeysStruct: ObjectNode = {
  kind: 'object',
  goName: 'retainKeysStruct',
  goType: 'retainKeysStruct',
  fields: new Map(['name', 'value', 'other'].map((n): [string, FieldNode] => [n, { name: n, schema: str }])),
  required: [],
  atomic: false,
  preserveUnknown: false,
};
for (const [name, schema] of [
  ['name', str],
  ['value', str],
  ['other', str],
  ['mergingList', list(mergeItem, ['merge'], 'name')],
  ['nonMergingList', list(mergeItem, [])],
  ['mergingIntList', list(int, ['merge'])],
  ['nonMergingIntList', list(int, [])],
  ['simpleMap', { kind: 'map', values: str, atomic: false, goType: 'map[string]string' }],
  ['retainKeysMap', retainKeysStruct],
  ['retainKeysMergingList', list(mergeItem, ['merge', 'retainKeys'], 'name')],
] as Array<[string, SchemaNode]>) {
  mergeItem.fields.set(name, { name, schema });
}

const y = (s: string) => (parse(s) ?? {}) as Record<string, unknown>;

/** Facts from upstream's tables: applying `patch` to `original` gives `result`. */
const cases: Array<{ name: string; original: string; patch: string; result: string }> = [
  { name: 'unique scalars when merging lists', original: 'mergingIntList: [1, 2]', patch: 'mergingIntList: [2, 3]', result: 'mergingIntList: [1, 2, 3]' },
  { name: 'delete map from nested map', original: 'simpleMap: {key1: "1", key2: "1"}', patch: 'simpleMap: {$patch: delete}', result: 'simpleMap: {}' },
  { name: 'delete all items from merging list', original: 'mergingList: [{name: "1"}, {name: "2"}]', patch: 'mergingList: [{$patch: replace}]', result: 'mergingList: []' },
  { name: 'merge empty merging lists', original: 'mergingList: []', patch: 'mergingList: []', result: 'mergingList: []' },
  { name: 'delete all keys from map', original: 'name: "1"\nvalue: "1"', patch: '$patch: replace', result: '{}' },
  { name: 'add key and delete all keys from map', original: 'name: "1"\nvalue: "1"', patch: 'other: a\n$patch: replace', result: 'other: a' },
  {
    name: 'delete all duplicate entries in a merging list',
    original: 'mergingList: [{name: "1"}, {name: "1"}, {name: "2", value: a}, {name: "3"}, {name: "3"}]',
    patch: 'mergingList: [{name: "1", $patch: delete}, {name: "3", $patch: delete}]',
    result: 'mergingList: [{name: "2", value: a}]',
  },
  { name: 'retainKeys map can add a field when no retainKeys directive present', original: 'retainKeysMap: {name: foo}', patch: 'retainKeysMap: {value: bar}', result: 'retainKeysMap: {name: foo, value: bar}' },
  { name: 'retainKeys map can delete a field when no retainKeys directive present', original: 'retainKeysMap: {name: foo, value: a}', patch: 'retainKeysMap: {value: null}', result: 'retainKeysMap: {name: foo}' },
  { name: 'retainKeys map merge an empty map', original: 'retainKeysMap: {name: foo, value: a}', patch: 'retainKeysMap: {}', result: 'retainKeysMap: {name: foo, value: a}' },
  {
    name: 'retainKeys list can change a field when no retainKeys directive present',
    original: 'retainKeysMergingList: [{name: bar}, {name: foo, value: a}]',
    patch: 'retainKeysMergingList: [{name: foo, value: b}]',
    result: 'retainKeysMergingList: [{name: bar}, {name: foo, value: b}]',
  },
  {
    name: 'preserve the order from the patch in a merging list',
    original: 'mergingList: [{name: "1"}, {name: "2", value: b}, {name: "3"}]',
    patch: 'mergingList: [{name: "3", value: c}, {name: "1", value: a}, {name: "2", other: x}]',
    result: 'mergingList: [{name: "3", value: c}, {name: "1", value: a}, {name: "2", value: b, other: x}]',
  },
  {
    name: 'preserve the order from the patch in a merging list 2',
    original: 'mergingList: [{name: "1"}, {name: "2", value: b}, {name: "3"}]',
    patch: 'mergingList: [{name: "3", value: c}, {name: "1", value: a}]',
    result: 'mergingList: [{name: "2", value: b}, {name: "3", value: c}, {name: "1", value: a}]',
  },
  { name: 'preserve the order from the patch in a merging int list', original: 'mergingIntList: [1, 2, 3]', patch: 'mergingIntList: [3, 1, 2]', result: 'mergingIntList: [3, 1, 2]' },
  { name: 'preserve the order from the patch in a merging int list (subset)', original: 'mergingIntList: [1, 2, 3]', patch: 'mergingIntList: [3, 1]', result: 'mergingIntList: [2, 3, 1]' },
  {
    name: '$setElementOrder contains item that is not present in the list to be merged',
    original: 'mergingList: [{name: "1"}, {name: "3"}]',
    patch: '$setElementOrder/mergingList: [{name: "3"}, {name: "2"}, {name: "1"}]\nmergingList: [{name: "3", value: "3"}, {name: "1", value: "1"}]',
    result: 'mergingList: [{name: "3", value: "3"}, {name: "1", value: "1"}]',
  },
  { name: '$setElementOrder with an int list', original: 'mergingIntList: [1, 3]', patch: '$setElementOrder/mergingIntList: [3, 2, 1]', result: 'mergingIntList: [3, 1]' },
  {
    name: 'delete items in lists of scalars',
    original: 'mergingIntList: [1, 2, 3, 4]',
    patch: '$setElementOrder/mergingIntList: [1, 2]\n$deleteFromPrimitiveList/mergingIntList: [3]',
    result: 'mergingIntList: [1, 2, 4]',
  },
  {
    name: 'delete all duplicate items in lists of scalars',
    original: 'mergingIntList: [1, 2, 3, 3, 4]',
    patch: '$setElementOrder/mergingIntList: [1, 2]\n$deleteFromPrimitiveList/mergingIntList: [3]',
    result: 'mergingIntList: [1, 2, 4]',
  },
  {
    name: 'merge lists of maps',
    original: 'mergingList: [{name: "1", other: a}, {name: "2", value: "2", other: b}]',
    patch: '$setElementOrder/mergingList: [{name: "4"}, {name: "1"}, {name: "2"}, {name: "3"}]\nmergingList: [{name: "4", value: "4"}, {name: "3", value: "3"}]',
    result: 'mergingList: [{name: "4", value: "4"}, {name: "1", other: a}, {name: "2", value: "2", other: b}, {name: "3", value: "3"}]',
  },
  {
    name: 'add field to map in merging list with conflict',
    original: 'mergingList: [{name: "1", other: a}, {name: "3", value: "2", other: b}]',
    patch: '$setElementOrder/mergingList: [{name: "1"}, {name: "2"}]\nmergingList: [{name: "1", value: "1"}, {name: "2", value: "2"}]',
    result: 'mergingList: [{name: "1", value: "1", other: a}, {name: "2", value: "2"}, {name: "3", value: "2", other: b}]',
  },
  {
    name: 'delete map from merging list',
    original: 'mergingList: [{name: "1"}, {name: "2", other: b}]',
    patch: '$setElementOrder/mergingList: [{name: "2"}]\nmergingList: [{name: "1", $patch: delete}]',
    result: 'mergingList: [{name: "2", other: b}]',
  },
  {
    name: 'add map and delete map from merging list',
    original: 'mergingList: [{name: "1"}, {name: "2", other: b}, {name: "4", other: c}]',
    patch: '$setElementOrder/mergingList: [{name: "2"}, {name: "3"}]\nmergingList: [{name: "3"}, {name: "1", $patch: delete}]',
    result: 'mergingList: [{name: "2", other: b}, {name: "4", other: c}, {name: "3"}]',
  },
  {
    name: 'add map and delete map from merging list with conflict',
    original: 'mergingList: [{name: "1", other: a}, {name: "4", other: c}]',
    patch: '$setElementOrder/mergingList: [{name: "2"}, {name: "3"}]\nmergingList: [{name: "2"}, {name: "3"}, {name: "1", $patch: delete}]',
    result: 'mergingList: [{name: "4", other: c}, {name: "2"}, {name: "3"}]',
  },
  {
    name: 'delete field from map in merging list',
    original: 'mergingList: [{name: "1", value: "1", other: a}, {name: "2", value: "2", other: b}]',
    patch: '$setElementOrder/mergingList: [{name: "1"}, {name: "2"}]\nmergingList: [{name: "1", value: null}]',
    result: 'mergingList: [{name: "1", other: a}, {name: "2", value: "2", other: b}]',
  },
  { name: 'add field and delete field from map', original: 'name: "1"\nother: a', patch: 'name: null\nvalue: "1"', result: 'value: "1"\nother: a' },
  { name: 'delete field from nested map', original: 'simpleMap: {key1: "1", key2: "1", other: a}', patch: 'simpleMap: {key2: null}', result: 'simpleMap: {key1: "1", other: a}' },
  { name: 'replace list of scalars', original: 'nonMergingIntList: [1, 2]', patch: 'nonMergingIntList: [2, 3]', result: 'nonMergingIntList: [2, 3]' },
  {
    name: 'delete all maps from merging list with conflict',
    original: 'mergingList: [{name: "1", other: a}, {name: "2", other: b}]',
    patch: 'mergingList: [{name: "1", $patch: delete}, {name: "2", $patch: delete}]',
    result: 'mergingList: []',
  },
  { name: 'defined null values should propagate overwrite current fields', original: 'name: a\nother: a', patch: 'name: "1"\nvalue: "1"\nother: null', result: 'name: "1"\nvalue: "1"' },
  // Derived from the directive's definition: keys outside $retainKeys go, patched keys merge.
  {
    name: 'retainKeys directive clears the keys it does not list',
    original: 'retainKeysMap: {name: foo, value: a, other: b}',
    patch: 'retainKeysMap: {$retainKeys: [name, value], value: c}',
    result: 'retainKeysMap: {name: foo, value: c}',
  },
];

describe('strategic merge patch (upstream cases)', () => {
  for (const c of cases) {
    it(c.name, () => {
      assert.deepEqual(strategicMergePatch(y(c.original), y(c.patch), mergeItem), y(c.result));
    });
  }

  it('does not modify its inputs', () => {
    const original = y('mergingList: [{name: "1", value: a}]');
    const patch = y('mergingList: [{name: "1", $patch: delete}]');
    const before = [structuredClone(original), structuredClone(patch)];
    strategicMergePatch(original, patch, mergeItem);
    assert.deepEqual([original, patch], before);
  });

  it('rejects a $setElementOrder whose order the patch list contradicts', () => {
    assert.throws(
      () => strategicMergePatch(y('mergingList: [{name: "1"}, {name: "3"}, {name: "2"}]'), y('$setElementOrder/mergingList: [{name: "1"}, {name: "2"}, {name: "3"}]\nmergingList: [{name: "3", value: "3"}, {name: "1", value: "1"}]'), mergeItem),
      /doesn't match \$setElementOrder list/,
    );
  });

  it('names the merge key a list item lacks, printing the item as Go does', () => {
    assert.throws(
      () => strategicMergePatch(y('mergingList: [{name: "1", value: a}]'), y('mergingList: [{value: b}]'), mergeItem),
      (e: unknown) => e instanceof StrategicMergePatchError && e.kind === 'internal' && e.message === 'map: map[value:b] does not contain declared merge key: name',
    );
  });

  it('rejects patch keys missing from $retainKeys as a bad request', () => {
    assert.throws(
      () => strategicMergePatch(y('retainKeysMap: {name: foo}'), y('retainKeysMap: {$retainKeys: [name], value: b}'), mergeItem),
      (e: unknown) => e instanceof StrategicMergePatchError && e.kind === 'bad-request' && e.message === 'invalid patch format of retainKeys',
    );
  });

  it('rejects an unknown $patch directive in a map', () => {
    assert.throws(() => strategicMergePatch(y('simpleMap: {a: b}'), y('simpleMap: {$patch: merge}'), mergeItem), /unknown patch type: merge in map: map\[\$patch:merge\]/);
  });

  it('rejects $patch: merge in a list', () => {
    assert.throws(() => strategicMergePatch(y('mergingList: [{name: "1"}]'), y('mergingList: [{name: "1", $patch: merge}]'), mergeItem), /merging lists cannot yet be specified in the patch/);
  });

  it('replaces lists without a merge strategy and merges maps where there is no schema', () => {
    const result = strategicMergePatch(y('a: {b: [1, 2], c: {d: 1}}'), y('a: {b: [3], c: {e: 2}}'), undefined);
    assert.deepEqual(result, y('a: {b: [3], c: {d: 1, e: 2}}'));
  });
});

describe('strategic merge patch of a Deployment (built-in schema)', () => {
  const schema = builtinSchema().node('io.k8s.api.apps.v1.Deployment');
  const live = () =>
    y(`
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, finalizers: [a, b]}
spec:
  strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 25%, maxUnavailable: 25%}}
  template:
    spec:
      containers:
      - name: nginx
        image: nginx:1
        env: [{name: A, value: "1"}, {name: B, value: "2"}]
        ports: [{containerPort: 80, protocol: TCP}]
      - name: sidecar
        image: busybox
`);

  it('applies what kubectl apply sends: element order, deletions in nested lists, retained keys', () => {
    const patch = y(`
spec:
  strategy: {$retainKeys: [type], type: Recreate}
  template:
    spec:
      $setElementOrder/containers: [{name: nginx}, {name: sidecar}]
      containers:
      - name: nginx
        image: nginx:2
        $setElementOrder/env: [{name: A}, {name: C}]
        env: [{name: C, value: "3"}, {name: B, $patch: delete}]
`);
    const out = strategicMergePatch(live(), patch, schema) as { spec: Record<string, unknown> };
    assert.deepEqual(out.spec.strategy, { type: 'Recreate' });
    assert.deepEqual(
      (out.spec.template as { spec: { containers: unknown[] } }).spec.containers,
      y(`
- name: nginx
  image: nginx:2
  env: [{name: A, value: "1"}, {name: C, value: "3"}]
  ports: [{containerPort: 80, protocol: TCP}]
- name: sidecar
  image: busybox
`),
    );
  });

  it('puts an item added without $setElementOrder before the server-only items, as upstream does', () => {
    const out = strategicMergePatch(live(), y('spec: {template: {spec: {containers: [{name: log, image: fluentd}]}}}'), schema) as {
      spec: { template: { spec: { containers: Array<{ name: string }> } } };
    };
    assert.deepEqual(
      out.spec.template.spec.containers.map((c) => c.name),
      ['log', 'nginx', 'sidecar'],
    );
  });

  it('deletes from a primitive list with $deleteFromPrimitiveList', () => {
    const out = strategicMergePatch(live(), y('metadata: {$deleteFromPrimitiveList/finalizers: [a]}'), schema) as { metadata: { finalizers: string[] } };
    assert.deepEqual(out.metadata.finalizers, ['b']);
  });

  it('replaces a list when an item says $patch: replace', () => {
    const out = strategicMergePatch(live(), y('spec: {template: {spec: {containers: [{name: only, image: x}, {$patch: replace}]}}}'), schema) as {
      spec: { template: { spec: { containers: unknown[] } } };
    };
    assert.deepEqual(out.spec.template.spec.containers, [{ name: 'only', image: 'x' }]);
  });

  it('reports a container without its merge key as upstream does', () => {
    assert.throws(
      () => strategicMergePatch(live(), y('spec: {template: {spec: {containers: [{image: "nginx:1.25"}]}}}'), schema),
      (e: unknown) => e instanceof StrategicMergePatchError && e.message === 'map: map[image:nginx:1.25] does not contain declared merge key: name',
    );
  });
});
