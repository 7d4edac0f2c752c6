import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expand, mappingFuncFor } from './expansion.ts';

const vars = mappingFuncFor({ A: 'alpha', EMPTY: '' }, new Map([['B', 'beta'], ['A', 'shadowed']]));

test('expands defined references and keeps unknown ones as written', () => {
  assert.equal(expand('$(A)-$(B)', vars), 'alpha-beta');
  assert.equal(expand('x$(EMPTY)y', vars), 'xy');
  assert.equal(expand('$(UNKNOWN)/bin', vars), '$(UNKNOWN)/bin');
});

test('$$ escapes, an unclosed reference and a bare $ stay literal (upstream cases)', () => {
  assert.equal(expand('$$(A)', vars), '$(A)');
  assert.equal(expand('$$$$$$(A)', vars), '$$$(A)');
  assert.equal(expand('$$$(A)', vars), '$alpha');
  assert.equal(expand('$(A', vars), '$(A');
  assert.equal(expand('$A and $', vars), '$A and $');
  assert.equal(expand('$$', vars), '$');
  assert.equal(expand('$()', vars), '$()');
});
