import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { computeHash, fnv32a, safeEncodeString } from './hash.ts';

const template = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } };

describe('pod-template-hash', () => {
  it('is FNV-32a (offset basis 2166136261, prime 16777619)', () => {
    assert.equal(fnv32a(new Uint8Array()), 0x811c9dc5);
    assert.equal(fnv32a(new TextEncoder().encode('a')), 0xe40c292c);
    assert.equal(fnv32a(new TextEncoder().encode('foobar')), 0xbf9cf968);
  });

  it('encodes the decimal digits into the safe alphabet as rand.SafeEncodeString', () => {
    assert.equal(safeEncodeString('0123456789'), '456789bcdf');
  });

  it('is stable, ignores key order, and changes with the template and the collision count', () => {
    const h = computeHash(template);
    assert.match(h, /^[4-9bcdf]{1,10}$/);
    assert.equal(computeHash({ spec: template.spec, metadata: template.metadata }), h);
    assert.notEqual(computeHash({ ...template, spec: { containers: [{ name: 'web', image: 'nginx:1.28' }] } }), h);
    assert.notEqual(computeHash(template, 1), h);
    assert.notEqual(computeHash(template, 1), computeHash(template, 2));
  });
});
