import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { computeTemplateHash, controllerRevisionName, fnv32, fnv32a, goJson, hashControllerRevision, safeEncodeString } from './hash.ts';
import { templatePatch } from './revisions.ts';

describe('revision hashing', () => {
  it('computes FNV-1 and FNV-1a as hash/fnv does', () => {
    // Reference vectors of the FNV specification.
    assert.equal(fnv32(''), 0x811c9dc5);
    assert.equal(fnv32('a'), 0x050c5d7e);
    assert.equal(fnv32a('a'), 0xe40c292c);
    assert.equal(fnv32a('foobar'), 0xbf9cf968);
    // Writing in two steps continues the same hash.
    assert.equal(fnv32('bar', fnv32('foo')), fnv32('foobar'));
  });

  it('encodes with the vowel-free alphabet of rand.SafeEncodeString', () => {
    // '0' is byte 48: 48 % 27 = 21 → '4'; '9' is 57 → 3 → 'f'.
    assert.equal(safeEncodeString('09'), '4f');
    assert.match(safeEncodeString(String(fnv32('x'))), /^[bcdfghjklmnpqrstvwxz2456789]+$/);
  });

  it('names a revision <owner>-<hash>, changing the hash with the collision count', () => {
    const raw = templatePatch({ metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'db', image: 'postgres:16' }] } });
    const h = hashControllerRevision(raw);
    assert.equal(hashControllerRevision(raw), h);
    assert.notEqual(hashControllerRevision(raw, 0), h);
    assert.notEqual(hashControllerRevision(raw, 1), hashControllerRevision(raw, 0));
    assert.equal(hashControllerRevision(raw, 0), safeEncodeString(String(fnv32('0', fnv32(raw)))));
    assert.equal(controllerRevisionName('db', h), `db-${h}`);
    assert.equal(controllerRevisionName('x'.repeat(300), 'abc').length, 223 + 4);
    assert.notEqual(computeTemplateHash({ a: 1 }), computeTemplateHash({ a: 1 }, 0));
    assert.equal(computeTemplateHash({ a: 1 }), computeTemplateHash({ a: 1 }));
  });

  it('prints the template patch as Go does: sorted keys, null creationTimestamp, $patch replace, HTML escapes', () => {
    const raw = templatePatch({ metadata: { labels: { b: '2', a: '1' } }, spec: { containers: [{ name: 'c', image: 'i', args: ['a<b'] }] } });
    assert.equal(raw, '{"spec":{"template":{"$patch":"replace","metadata":{"creationTimestamp":null,"labels":{"a":"1","b":"2"}},"spec":{"containers":[{"args":["a\\u003cb"],"image":"i","name":"c"}]}}}}');
    assert.equal(goJson({ z: undefined, y: [1, { b: 1, a: 2 }] }), '{"y":[1,{"a":2,"b":1}]}');
  });
});
