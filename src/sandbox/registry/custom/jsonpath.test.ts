import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { JSONPathError, parseJSONPath } from './jsonpath.ts';

const obj = {
  metadata: { name: 'a', labels: { 'app.kubernetes.io/name': 'web' } },
  spec: { replicas: 3, containers: [{ name: 'c1', image: 'nginx' }, { name: 'c2', image: 'redis' }] },
  status: { conditions: [{ type: 'Ready', status: 'True' }, { type: 'Synced', status: 'False' }] },
};

describe('printer column JSONPath', () => {
  it('follows fields, indexes, wildcards and slices', () => {
    assert.deepEqual(parseJSONPath('.spec.replicas').find(obj), [3]);
    assert.deepEqual(parseJSONPath('{.spec.containers[1].image}').find(obj), ['redis']);
    assert.deepEqual(parseJSONPath('.spec.containers[-1].name').find(obj), ['c2']);
    assert.deepEqual(parseJSONPath('.spec.containers[*].name').find(obj), ['c1', 'c2']);
    assert.deepEqual(parseJSONPath('.spec.containers[0:1].name').find(obj), ['c1']);
    assert.deepEqual(parseJSONPath(".metadata.labels['app.kubernetes.io/name']").find(obj), ['web']);
  });

  it('filters list items', () => {
    assert.deepEqual(parseJSONPath('.status.conditions[?(@.type=="Ready")].status').find(obj), ['True']);
    assert.deepEqual(parseJSONPath('.status.conditions[?(@.status!="True")].type').find(obj), ['Synced']);
  });

  it('finds nothing for missing keys', () => {
    assert.deepEqual(parseJSONPath('.spec.missing.deeper').find(obj), []);
    assert.deepEqual(parseJSONPath('.spec.containers[5].name').find(obj), []);
  });

  it('rejects malformed paths', () => {
    assert.throws(() => parseJSONPath('.spec.containers[0'), JSONPathError);
  });
});
